/**
 * Reads of a case's history: the series the snapshot no longer carries
 * (machine version 3 keeps the latest score, incident and plan version only)
 * come from the event log, through the domain's own functions (history.ts),
 * paged or bounded so that no answer grows without limit with the case.
 */
import { CASE_VIEW_INCIDENTS } from '@veilig-samen/contracts';
import { caseEventsOfTypes, latestCaseEventsOfType, offsetOf, planVersionEvents, type CaseRow, type Executor, type Page } from '@veilig-samen/db';
import {
  adoptedPlan,
  caseErrors,
  incidentOf,
  perspectiveOf,
  PLAN_EVENT_TYPES,
  planVersionsOf,
  recordedAnalysis,
  scoreOf,
  type Analysis,
  type Caller,
  type CaseContext,
  type Incident,
  type NetworkPerspective,
  type PlanVersion,
  type SafetyScore,
  type StoredCaseEvent,
} from '@veilig-samen/domain';
import { readCase, type CaseDeps, type CaseRead } from './use-cases.js';

const SCORE = 'veiligheidsscore.vastgelegd';
const INCIDENT = 'incident.gemeld';
const ADOPTION = 'veiligheidsplan.vastgesteld';
const ANALYSIS = 'verklarende-analyse.vastgelegd';
const PERSPECTIVE = 'perspectief.vastgelegd';

/** The scores among these events, in their order. */
export function scoresOf(events: readonly StoredCaseEvent[]): SafetyScore[] {
  return events.flatMap((event) => (event.type === SCORE ? [scoreOf(event)] : []));
}

const position = (row: CaseRow) => ({ caseId: row.id, version: row.version });

/**
 * The incidents the case view shows: the latest CASE_VIEW_INCIDENTS, oldest
 * first, up to the row's version. A case that never had one (most) reads nothing.
 */
export async function caseViewIncidents(db: Executor, row: CaseRow, context: CaseContext): Promise<Incident[]> {
  if (context.laatsteIncident === null) return [];
  const events = (await latestCaseEventsOfType(db, [position(row)], INCIDENT, CASE_VIEW_INCIDENTS)).get(row.id) ?? [];
  return events.flatMap((event) => (event.type === INCIDENT ? [incidentOf(event)] : []));
}

/** The latest `last` scores of each of these cases, oldest first: one statement for a page of escalations. */
export async function latestScores(db: Executor, rows: readonly CaseRow[], last: number): Promise<Map<string, SafetyScore[]>> {
  const byCase = await latestCaseEventsOfType(db, rows.map(position), SCORE, last);
  return new Map([...byCase].map(([caseId, events]) => [caseId, scoresOf(events)]));
}

/** A page of the case's score series, oldest first, with the number of scores. */
export async function scoreSeries(deps: CaseDeps, caller: Caller, caseId: string, page: Page): Promise<CaseRead & { scores: SafetyScore[]; total: number }> {
  const read = await readCase(deps, caller, caseId);
  const { payloads, total } = await caseEventsOfTypes(deps.db, position(read.row), [SCORE], page);
  return { ...read, scores: scoresOf(payloads), total };
}

/** A page of the plan's versions, oldest first (their agreements as adopted), with the number of versions. */
export async function planVersions(deps: CaseDeps, caller: Caller, caseId: string, page: Page): Promise<CaseRead & { versions: PlanVersion[]; total: number }> {
  const read = await readCase(deps, caller, caseId);
  const { payloads, total } = await caseEventsOfTypes(deps.db, position(read.row), [ADOPTION], page);
  const versions = payloads.flatMap((event, index) => (event.type === ADOPTION ? [adoptedPlan(offsetOf(page) + index + 1, event)] : []));
  return { ...read, versions, total };
}

/** One version of the plan, with its agreements' statuses as they stood when the next version was adopted (or now, for the current one). */
export async function planVersion(deps: CaseDeps, caller: Caller, caseId: string, versie: number): Promise<CaseRead & { version: PlanVersion }> {
  const read = await readCase(deps, caller, caseId);
  const events = await planVersionEvents(deps.db, position(read.row), ADOPTION, PLAN_EVENT_TYPES, versie);
  const [version] = planVersionsOf(events, versie - 1);
  if (!version) throw caseErrors.planVersionNotFound(versie);
  return { ...read, version };
}

/** A page of the analysis's versions, oldest first, numbered from 1 in log order, with the number of versions. */
export async function analysisVersions(
  deps: CaseDeps,
  caller: Caller,
  caseId: string,
  page: Page,
): Promise<CaseRead & { versions: (Analysis & { versie: number })[]; total: number }> {
  const read = await readCase(deps, caller, caseId);
  const { payloads, total } = await caseEventsOfTypes(deps.db, position(read.row), [ANALYSIS], page);
  const versions = payloads.flatMap((event, index) => (event.type === ANALYSIS ? [{ ...recordedAnalysis(event), versie: offsetOf(page) + index + 1 }] : []));
  return { ...read, versions, total };
}

/** A page of the network partners' own perspectives (issue 17 point 5), oldest first, with their number. */
export async function networkPerspectives(deps: CaseDeps, caller: Caller, caseId: string, page: Page): Promise<CaseRead & { perspectives: NetworkPerspective[]; total: number }> {
  const read = await readCase(deps, caller, caseId);
  const { payloads, total } = await caseEventsOfTypes(deps.db, position(read.row), [PERSPECTIVE], page);
  return { ...read, perspectives: payloads.flatMap((event) => (event.type === PERSPECTIVE ? [perspectiveOf(event)] : [])), total };
}
