/**
 * MDA++ expert meetings: an agenda of accepted escalations (taken into the
 * MDA++ traject); per item the organisations at the table, the decisions and
 * new agreements, which go straight into the case's safety plan as a new
 * version; minutes that, once closed, no longer change.
 *
 * The agenda is case data: every change logs the case it changes, and a write
 * that answers with the whole meeting logs every case on its agenda, with the
 * agenda read in the same transaction (the meeting row is locked, so the
 * answer shows exactly the cases logged).
 */
import { randomUUID } from 'node:crypto';
import {
  closeExpertMeeting,
  deleteMeetingItem,
  findEscalation,
  findExpertMeeting,
  insertExpertMeeting,
  insertMeetingItem,
  listExpertMeetings,
  listMeetingExperts,
  listMeetingItems,
  lockCase,
  lockExpertMeeting,
  updateMeetingItem,
  type ExpertMeetingExpertRow,
  type ExpertMeetingItemRow,
  type ExpertMeetingRow,
  type Page,
  type Transaction,
} from '@veilig-samen/db';
import { currentPlan, DomainError, restoreCase, type Agreement, type Caller, type MeetingOutcomeDetails, type Owner } from '@veilig-samen/domain';
import { actorOf, applyCaseEvent, type CaseDeps } from '../cases/use-cases.js';
import { applyDecision, type DecisionInput } from './use-cases.js';
import { applyMeetingScore, assertMayRecordOutcome, meetingOutcomeErrors, openSitting, outcomeDetailsOf } from './meeting-outcomes.js';

/**
 * The most cases one expert meeting's agenda holds. A meeting is one sitting
 * that discusses each case with the household and the partners at the table;
 * a few dozen cases is far beyond what a sitting covers. The bound keeps a
 * meeting's answer (the whole agenda, with outcomes, and one access-log row
 * per case) bounded without paging inside it.
 */
export const MAX_AGENDA_ITEMS = 50;

export const meetingErrors = {
  notFound: () => new DomainError({ status: 404, code: 'expertoverleg.niet-gevonden', title: 'Expertoverleg niet gevonden.' }),
  itemNotFound: () => new DomainError({ status: 404, code: 'expertoverleg.agendapunt-niet-gevonden', title: 'Dit agendapunt staat niet op dit expertoverleg.' }),
  closed: () =>
    new DomainError({ status: 409, code: 'expertoverleg.gesloten', title: 'Het verslag van dit expertoverleg is gesloten en verandert niet meer.' }),
  escalationNotFound: () => new DomainError({ status: 422, code: 'expertoverleg.opschaling-onbekend', title: 'Deze opschaling bestaat niet.' }),
  // Issue 18 point 2: a waiting escalation or referral goes on the agenda before the decision; one that is back with the
  // local team (handed back, or de-escalated) is no longer the experts' to discuss.
  notAccepted: (status: string) =>
    status === 'open'
      ? new DomainError({
          status: 409,
          code: 'expertoverleg.besluit-nog-niet-genomen',
          title: 'Over deze opschaling is nog niet besloten; de uitkomst met afspraken volgt op het besluit.',
          detail: 'Neem eerst in het overleg het besluit op het agendapunt (POST .../agendapunten/{puntId}/besluit).',
        })
      : new DomainError({
          status: 409,
          code: 'expertoverleg.opschaling-terug-bij-lokaal-team',
          title: 'Deze opschaling is terug bij het lokale team en komt niet (meer) op de agenda van het expertoverleg.',
          detail: `De opschaling heeft status ${status}. Schaal de casus opnieuw op of meld haar opnieuw aan als het expertoverleg haar moet bespreken.`,
        }),
  decidedHere: () =>
    new DomainError({
      status: 409,
      code: 'expertoverleg.besluit-op-agendapunt',
      title: 'Op dit agendapunt is in het overleg besloten; het blijft op de agenda.',
      detail: 'Het besluit noemt dit agendapunt in de geschiedenis van de casus.',
    }),
  alreadyOnAgenda: () => new DomainError({ status: 409, code: 'expertoverleg.al-op-agenda', title: 'Deze opschaling staat al op de agenda.' }),
  agendaFull: () =>
    new DomainError({
      status: 409,
      code: 'expertoverleg.agenda-vol',
      title: `De agenda van dit expertoverleg is vol (hoogstens ${MAX_AGENDA_ITEMS} agendapunten).`,
      detail: 'Plan een extra expertoverleg en zet de opschaling daar op de agenda, of haal een agendapunt zonder uitkomst van deze agenda.',
    }),
  outcomeRecorded: () =>
    new DomainError({ status: 409, code: 'expertoverleg.uitkomst-al-vastgelegd', title: 'De uitkomst van dit agendapunt is al vastgelegd.' }),
};

/** Escalations that may go on an agenda: waiting for the decision (triage, issue 18 point 2), or taken into MDA++. */
const AGENDA_STATUSES: readonly string[] = ['open', 'mda-traject'];

/** Appends the access-log rows of a write inside its transaction: the case changed, or every case the answer shows. */
export type MeetingAudit = (tx: Transaction, cases: string | readonly string[]) => Promise<void>;

export interface MeetingWithAgenda {
  readonly meeting: ExpertMeetingRow;
  readonly items: readonly ExpertMeetingItemRow[];
  /** The experts registered for it (expert-reading.ts): not case data. */
  readonly experts: readonly ExpertMeetingExpertRow[];
}

/** The meeting and its agenda as this transaction leaves them, logged for every case on it. */
async function answerWithAgenda(tx: Transaction, meetingId: string, audit: MeetingAudit | undefined): Promise<MeetingWithAgenda> {
  const meeting = await findExpertMeeting(tx, meetingId);
  if (!meeting) throw meetingErrors.notFound();
  const items = await listMeetingItems(tx, meetingId);
  await audit?.(tx, items.map((item) => item.caseId));
  return { meeting, items, experts: await listMeetingExperts(tx, meetingId) };
}

async function openMeeting(tx: Transaction, deps: CaseDeps, id: string): Promise<ExpertMeetingRow> {
  const meeting = await lockExpertMeeting(tx, id);
  if (!meeting || meeting.region !== deps.region) throw meetingErrors.notFound();
  if (meeting.status === 'gesloten') throw meetingErrors.closed();
  return meeting;
}

/** An item of the meeting's agenda, or 404. */
async function agendaItem(tx: Transaction, meetingId: string, itemId: string): Promise<ExpertMeetingItemRow> {
  const item = (await listMeetingItems(tx, meetingId)).find((i) => i.id === itemId);
  if (!item) throw meetingErrors.itemNotFound();
  return item;
}

export async function createMeeting(deps: CaseDeps, caller: Caller, date: Date) {
  return insertExpertMeeting(deps.db, {
    id: randomUUID(),
    region: deps.region,
    date,
    status: 'gepland',
    createdAt: deps.clock.now(),
    createdBy: caller.sub,
  });
}

export async function meetingWithAgenda(deps: CaseDeps, id: string): Promise<MeetingWithAgenda> {
  const meeting = await findExpertMeeting(deps.db, id);
  if (!meeting || meeting.region !== deps.region) throw meetingErrors.notFound();
  return { meeting, items: await listMeetingItems(deps.db, id), experts: await listMeetingExperts(deps.db, id) };
}

export const listMeetings = (deps: CaseDeps, status: 'gepland' | 'gesloten' | undefined, page: Page) => listExpertMeetings(deps.db, deps.region, status, page);

export async function addAgendaItem(deps: CaseDeps, meetingId: string, escalationId: string, audit?: MeetingAudit) {
  return deps.db.transaction(async (tx) => {
    await openMeeting(tx, deps, meetingId);
    const escalation = await findEscalation(tx, escalationId);
    if (!escalation || escalation.region !== deps.region) throw meetingErrors.escalationNotFound();
    if (!AGENDA_STATUSES.includes(escalation.status)) throw meetingErrors.notAccepted(escalation.status);
    const items = await listMeetingItems(tx, meetingId);
    if (items.some((item) => item.escalationId === escalationId)) throw meetingErrors.alreadyOnAgenda();
    // The meeting row is locked (openMeeting), so two additions cannot both pass this check.
    if (items.length >= MAX_AGENDA_ITEMS) throw meetingErrors.agendaFull();
    const item = await insertMeetingItem(tx, {
      id: randomUUID(),
      meetingId,
      escalationId,
      caseId: escalation.caseId,
      position: Math.max(0, ...items.map((i) => i.position)) + 1,
    });
    await audit?.(tx, item.caseId);
    return item;
  });
}

export async function removeAgendaItem(deps: CaseDeps, meetingId: string, itemId: string, audit?: MeetingAudit): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await openMeeting(tx, deps, meetingId);
    const item = await agendaItem(tx, meetingId, itemId);
    if (item.outcomeRecordedAt) throw meetingErrors.outcomeRecorded();
    // The decision taken on this item names it in the case's history: the item stays.
    if ((await findEscalation(tx, item.escalationId))?.decisionItemId === itemId) throw meetingErrors.decidedHere();
    await deleteMeetingItem(tx, meetingId, itemId);
    await audit?.(tx, item.caseId);
  });
}

export interface OutcomeInput extends MeetingOutcomeDetails {
  readonly deelnemers: readonly string[];
  readonly besluiten: readonly string[];
  readonly afspraken: readonly { readonly omschrijving: string; readonly eigenaar: Owner; readonly deadline: string }[];
}

/**
 * Records an item's outcome, once, after the sitting was opened
 * (meeting-outcomes.ts). New agreements become a new version of the case's
 * safety plan (the current agreements plus the new ones), and the joint TOP3
 * score the case's joint score (bron expertoverleg), by the coordinator, in
 * the same transaction: a refusal of either by the case machine leaves
 * nothing written. Answers with the whole meeting.
 */
export async function recordOutcome(
  deps: CaseDeps,
  caller: Caller,
  meetingId: string,
  itemId: string,
  input: OutcomeInput,
  audit?: MeetingAudit,
): Promise<MeetingWithAgenda> {
  return deps.db.transaction(async (tx) => {
    const meeting = await openMeeting(tx, deps, meetingId);
    const item = await agendaItem(tx, meetingId, itemId);
    if (item.outcomeRecordedAt) throw meetingErrors.outcomeRecorded();
    assertMayRecordOutcome(meeting, input);
    // Agreements go into the plan only while the case is still in the MDA++ traject.
    const escalation = await findEscalation(tx, item.escalationId);
    if (escalation?.status !== 'mda-traject') throw meetingErrors.notAccepted(escalation?.status ?? 'onbekend');
    const now = deps.clock.now();
    let row = await lockCase(tx, item.caseId);
    if (!row) throw meetingErrors.itemNotFound();
    let snapshot = restoreCase(row.state);
    if (input.afspraken.length > 0) {
      const current = currentPlan(snapshot.context);
      // They keep their source, and are not agreed by the household until the regisseur records that they are (issue 16).
      const added: Agreement[] = input.afspraken.map((a) => ({
        id: randomUUID(),
        omschrijving: a.omschrijving,
        eigenaar: a.eigenaar,
        deadline: a.deadline,
        status: 'open',
        bron: 'expertoverleg',
        akkoordHuishouden: false,
      }));
      row = await applyCaseEvent(tx, row, snapshot, {
        type: 'veiligheidsplan.vastgesteld',
        op: now.toISOString(),
        door: actorOf(caller),
        afspraken: [...(current?.afspraken ?? []), ...added],
        // New agreements from the expert meeting have not been agreed with the household yet.
        akkoordHuishouden: { akkoord: 'gedeeltelijk', toelichting: 'Aangevuld in het MDA++-expertoverleg; akkoord van het huishouden op de nieuwe afspraken nog vragen.' },
      }, now);
      snapshot = restoreCase(row.state);
    }
    await applyMeetingScore(tx, caller, row, snapshot, input.top3, now);
    await updateMeetingItem(tx, itemId, {
      participants: [...input.deelnemers],
      decisions: [...input.besluiten],
      agreements: [...input.afspraken],
      outcomeRecordedAt: now,
      outcomeRecordedBy: caller.sub,
      outcomeDetails: outcomeDetailsOf(input),
      nextReviewOn: input.volgendeBespreking,
    });
    // The answer shows the whole agenda: the case changed and every other case on it.
    return answerWithAgenda(tx, meetingId, audit);
  });
}

/**
 * The decision on a waiting escalation, taken in the meeting on its agenda
 * item, with who sat at the table (issue 18 point 2): the same case event as
 * the coordinator's decision, naming the meeting. Answers with the whole meeting.
 */
export async function decideInMeeting(
  deps: CaseDeps,
  caller: Caller,
  meetingId: string,
  itemId: string,
  input: DecisionInput & { readonly deelnemers: readonly string[] },
  audit?: MeetingAudit,
): Promise<MeetingWithAgenda> {
  return deps.db.transaction(async (tx) => {
    const meeting = await openMeeting(tx, deps, meetingId);
    // Taken "in the meeting" means at the table: not before the sitting has started (as an outcome).
    if (!meeting.startedAt) throw meetingOutcomeErrors.notStarted();
    const item = await agendaItem(tx, meetingId, itemId);
    const { deelnemers, ...decision } = input;
    await applyDecision(tx, deps, caller, item.escalationId, decision, { expertoverlegId: meetingId, agendapuntId: itemId, deelnemers: [...deelnemers] });
    return answerWithAgenda(tx, meetingId, audit);
  });
}

/** Opens the sitting (meeting-outcomes.ts): from then on outcomes are recorded. Answers with the whole meeting, logged per case. */
export async function startMeeting(deps: CaseDeps, caller: Caller, meetingId: string, audit?: MeetingAudit): Promise<MeetingWithAgenda> {
  return deps.db.transaction(async (tx) => {
    const meeting = await openMeeting(tx, deps, meetingId);
    await openSitting(tx, deps, caller, meeting);
    return answerWithAgenda(tx, meetingId, audit);
  });
}

/** Closes the minutes, which speak of every case on the agenda: each is logged. Answers with the whole meeting. */
export async function closeMeeting(deps: CaseDeps, caller: Caller, meetingId: string, minutes: string, audit?: MeetingAudit): Promise<MeetingWithAgenda> {
  return deps.db.transaction(async (tx) => {
    await openMeeting(tx, deps, meetingId);
    await closeExpertMeeting(tx, meetingId, { minutes, closedAt: deps.clock.now(), closedBy: caller.sub });
    return answerWithAgenda(tx, meetingId, audit);
  });
}
