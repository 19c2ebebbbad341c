/**
 * The MDA++ coordinator's work: the escalation queue, decisions and
 * follow-ups (the escalation report is in reports/). Decisions are case
 * events, applied in the same transaction as the queue's update.
 */
import {
  findCases,
  findEscalation,
  listEscalations,
  lockCase,
  lockEscalation,
  scheduleFollowUp,
  setEscalationFollowUp,
  type CaseRow,
  type EscalationRow,
  type Page,
  type Transaction,
} from '@veilig-samen/db';
import { assertKnownMunicipalities, DomainError, restoreCase, SHARED_CODES, type Caller, type SafetyScore, type EscalationDecision, type EscalationReason, type EscalationStatus, type MeetingDecision } from '@veilig-samen/domain';
import { ESCALATION_VIEW_SCORES } from '@veilig-samen/contracts';
import { latestScores } from '../cases/history.js';
import { escalationDecided } from '../cases/commands.js';
import { actorOf, applyCaseEvent, policyFor, type CaseDeps } from '../cases/use-cases.js';

export const escalationErrors = {
  notFound: () => new DomainError({ status: 404, code: 'opschaling.niet-gevonden', title: 'Opschaling niet gevonden.' }),
  alreadyDecided: (status: string) =>
    new DomainError({
      status: 409,
      code: SHARED_CODES.alreadyDecided,
      title: 'Over deze opschaling is al besloten.',
      detail: `De opschaling heeft al het besluit ${status}; een besluit wordt niet overschreven.`,
      guard: 'wachtOpBesluit',
    }),
  followUpInPast: () =>
    new DomainError({
      status: 422,
      code: 'opschaling.opvolging-in-verleden',
      title: 'Het opvolgmoment ligt in het verleden.',
      invalidParams: [{ name: 'tijdstip', code: 'too_small', reason: 'moet in de toekomst liggen' }],
    }),
};

/** The coordinator works for the deployment's region; other regions' escalations do not exist for them. */
async function escalationInRegion(deps: CaseDeps, id: string): Promise<EscalationRow> {
  const row = await findEscalation(deps.db, id);
  if (!row || row.region !== deps.region) throw escalationErrors.notFound();
  return row;
}

export interface EscalationWithCase {
  readonly escalation: EscalationRow;
  readonly caseRow: CaseRow;
  /** The case's latest scores (ESCALATION_VIEW_SCORES), oldest first; none read once the case is no longer escalated. */
  readonly scores: readonly SafetyScore[];
}

async function withCases(deps: CaseDeps, rows: readonly EscalationRow[]): Promise<EscalationWithCase[]> {
  // One query for the page's cases, not one per escalation, and one for the scores of those still escalated.
  const caseRows = await findCases(deps.db, [...new Set(rows.map((r) => r.caseId))]);
  const byId = new Map(caseRows.map((row) => [row.id, row]));
  const scores = await latestScores(deps.db, caseRows.filter((row) => row.escalated), ESCALATION_VIEW_SCORES);
  return rows.flatMap((escalation) => {
    const caseRow = byId.get(escalation.caseId);
    return caseRow ? [{ escalation, caseRow, scores: scores.get(caseRow.id) ?? [] }] : [];
  });
}

export interface QueueQuery {
  readonly status: EscalationStatus;
  readonly gemeente?: string | undefined;
  readonly reden?: EscalationReason | undefined;
}

export async function escalationQueue(deps: CaseDeps, query: QueueQuery, page: Page) {
  assertKnownMunicipalities(deps.municipalities, { gemeente: query.gemeente });
  const { rows, total } = await listEscalations(
    deps.db,
    {
      region: deps.region,
      statuses: [query.status],
      ...(query.gemeente ? { municipality: query.gemeente } : {}),
      ...(query.reden ? { reason: query.reden } : {}),
    },
    page,
  );
  return { items: await withCases(deps, rows), total };
}

export async function readEscalation(deps: CaseDeps, id: string): Promise<EscalationWithCase> {
  const [item] = await withCases(deps, [await escalationInRegion(deps, id)]);
  if (!item) throw escalationErrors.notFound();
  return item;
}

export interface DecisionInput {
  readonly besluit: EscalationDecision;
  readonly motivering: string;
  readonly advies?: string | undefined;
}

export async function decideEscalation(
  deps: CaseDeps,
  caller: Caller,
  id: string,
  input: DecisionInput,
  audit?: (tx: Transaction, caseId: string) => Promise<void>,
): Promise<EscalationWithCase> {
  await escalationInRegion(deps, id);
  await deps.db.transaction(async (tx) => {
    const row = await applyDecision(tx, deps, caller, id, input);
    await audit?.(tx, row.id);
  });
  return readEscalation(deps, id);
}

/**
 * The decision inside the caller's transaction: by the coordinator alone, or
 * in an expert meeting on its agenda item (issue 18 point 2, `meeting`).
 * Answers with the case row as the decision leaves it.
 */
export async function applyDecision(tx: Transaction, deps: CaseDeps, caller: Caller, id: string, input: DecisionInput, meeting?: MeetingDecision): Promise<CaseRow> {
  const escalation = await lockEscalation(tx, id);
  if (!escalation || escalation.region !== deps.region) throw escalationErrors.notFound();
  if (escalation.status !== 'open') throw escalationErrors.alreadyDecided(escalation.status);
  const row = await lockCase(tx, escalation.caseId);
  if (!row) throw escalationErrors.notFound();
  const now = deps.clock.now();
  const event = escalationDecided({ body: { opschalingId: id, ...input }, now, actor: actorOf(caller), beleid: await policyFor(tx, deps.region, now), expertoverleg: meeting });
  return applyCaseEvent(tx, row, restoreCase(row.state), event, now);
}

export async function setFollowUp(
  deps: CaseDeps,
  id: string,
  at: Date,
  note: string | undefined,
  audit?: (tx: Transaction, caseId: string) => Promise<void>,
): Promise<EscalationWithCase> {
  await escalationInRegion(deps, id);
  const now = deps.clock.now();
  if (at.getTime() <= now.getTime()) throw escalationErrors.followUpInPast();
  await deps.db.transaction(async (tx) => {
    const escalation = await lockEscalation(tx, id);
    if (!escalation) throw escalationErrors.notFound();
    await setEscalationFollowUp(tx, id, at, note ?? null);
    await scheduleFollowUp(tx, escalation.caseId, id, at, note ?? null, now);
    await audit?.(tx, escalation.caseId);
  });
  return readEscalation(deps, id);
}
