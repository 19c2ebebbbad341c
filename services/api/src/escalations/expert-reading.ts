/**
 * The experts of an MDA++ expert meeting (issue 18 point 3): the coordinator
 * registers them (by the sub their token carries); on the meeting's day each
 * reads the cases on its agenda: the partner view, the current safety plan
 * and the score series, logged per case. Not on another day, not a case
 * that is not on the agenda, never sealed details (cases/access.ts,
 * expertAccess). Every way of not being allowed answers the same 404, so
 * the answer tells nothing about which cases a meeting discusses.
 */
import { ESCALATION_VIEW_SCORES } from '@veilig-samen/contracts';
import {
  deleteMeetingExpert,
  findCaseWithNetwork,
  insertMeetingExpert,
  listMeetingExperts,
  lockExpertMeeting,
  meetingOfExpertCase,
  type CaseRow,
  type ExpertMeetingExpertRow,
  type ExpertMeetingRow,
  type Transaction,
} from '@veilig-samen/db';
import { currentPlan, DomainError, localDate, restoreCase, type Caller } from '@veilig-samen/domain';
import { expertAccess, viewerOf, type Access } from '../cases/access.js';
import { latestScores } from '../cases/history.js';
import type { CaseDeps } from '../cases/use-cases.js';
import { planVersionView, scoreView } from '../cases/views.js';
import { partnerOverview } from '../network/partner-view.js';
import { meetingDay } from './meeting-outcomes.js';
import { meetingErrors } from './meetings.js';

/** The most experts one meeting registers: a sitting around one table. */
export const MAX_MEETING_EXPERTS = 50;

/** Roles an expert may have: professionals of the local team and of the partners (police, care, experts by experience). */
export const EXPERT_ROLES = ['ketenpartner', 'lokaal-team'] as const;

export const expertErrors = {
  alreadyRegistered: () => new DomainError({ status: 409, code: 'expertoverleg.expert-al-aangemeld', title: 'Deze expert is al aangemeld voor dit expertoverleg.' }),
  notRegistered: () => new DomainError({ status: 404, code: 'expertoverleg.expert-niet-gevonden', title: 'Deze expert is niet aangemeld voor dit expertoverleg.' }),
  tooMany: () =>
    new DomainError({
      status: 409,
      code: 'expertoverleg.te-veel-experts',
      title: `Er zijn al ${MAX_MEETING_EXPERTS} experts aangemeld voor dit expertoverleg.`,
      detail: 'Meld eerst een expert af die niet komt.',
    }),
  unavailable: () =>
    new DomainError({
      status: 404,
      code: 'expertoverleg.casus-niet-beschikbaar',
      title: 'Deze casus is niet beschikbaar.',
      detail: 'Een expert die is aangemeld voor een expertoverleg leest de casussen op de agenda van dat overleg, alleen op de dag van het overleg.',
    }),
};

/** A meeting of the region that still changes, locked. */
async function changingMeeting(tx: Transaction, deps: CaseDeps, meetingId: string): Promise<ExpertMeetingRow> {
  const meeting = await lockExpertMeeting(tx, meetingId);
  if (!meeting || meeting.region !== deps.region) throw meetingErrors.notFound();
  if (meeting.status === 'gesloten') throw meetingErrors.closed();
  return meeting;
}

export interface ExpertInput {
  readonly id: string;
  readonly organisatie: string;
  readonly naam?: string | undefined;
}

export async function registerExpert(deps: CaseDeps, caller: Caller, meetingId: string, input: ExpertInput): Promise<ExpertMeetingExpertRow> {
  return deps.db.transaction(async (tx) => {
    await changingMeeting(tx, deps, meetingId);
    // The meeting row is locked, so two registrations cannot both pass the bound.
    if ((await listMeetingExperts(tx, meetingId)).length >= MAX_MEETING_EXPERTS) throw expertErrors.tooMany();
    const row = { meetingId, subject: input.id, organisation: input.organisatie, name: input.naam ?? null, registeredAt: deps.clock.now(), registeredBy: caller.sub };
    if (!(await insertMeetingExpert(tx, row))) throw expertErrors.alreadyRegistered();
    return row;
  });
}

export async function unregisterExpert(deps: CaseDeps, meetingId: string, subject: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await changingMeeting(tx, deps, meetingId);
    if (!(await deleteMeetingExpert(tx, meetingId, subject))) throw expertErrors.notRegistered();
  });
}

export interface ExpertCaseRead {
  readonly meeting: ExpertMeetingRow;
  readonly row: CaseRow;
  readonly access: Access;
}

/** The case, when the caller is registered for the meeting, the case is on its agenda and today is its day; else 404. */
export async function readExpertCase(deps: CaseDeps, caller: Caller, meetingId: string, caseId: string): Promise<ExpertCaseRead> {
  const meeting = await meetingOfExpertCase(deps.db, meetingId, caller.sub, caseId);
  if (!meeting || meeting.region !== deps.region || meetingDay(meeting) !== localDate(deps.clock.now())) throw expertErrors.unavailable();
  const found = await findCaseWithNetwork(deps.db, caseId);
  if (!found) throw expertErrors.unavailable();
  return { meeting, row: found.row, access: await expertAccess(deps.db, caller, caseId, found.network) };
}

/** The partner view, the current plan and the score series (the latest ESCALATION_VIEW_SCORES), as this expert may see them. */
export async function expertCaseView(deps: CaseDeps, caller: Caller, { meeting, row, access }: ExpertCaseRead) {
  const now = deps.clock.now();
  const snapshot = restoreCase(row.state);
  const partner = await partnerOverview(deps.db, caller, row, access, now, snapshot);
  const viewer = viewerOf(caller, row, access);
  const scores = (await latestScores(deps.db, [row], ESCALATION_VIEW_SCORES)).get(row.id) ?? [];
  const plan = currentPlan(snapshot.context);
  return {
    ...partner,
    expertoverleg: { id: meeting.id, tijdstip: meeting.date.toISOString() },
    veiligheidsplan: plan ? planVersionView(plan, now) : null,
    veiligheidsscores: scores.map((score) => scoreView(score, viewer)),
  };
}
