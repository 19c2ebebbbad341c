/**
 * The werkvoorraad items a case's state implies (issue 17 point 3), beside the
 * stored signals of signals.ts: the regisseur's agreements past or near their
 * deadline, the next TOP3 scoring, and each Handle with Care signal not yet
 * recorded. They are computed from the snapshot, not stored as signals with
 * timers: each has a fixed due moment (the deadline, the last scoring plus the
 * policy's interval, the incident plus 24 hours) and is gone as soon as the
 * case no longer implies it (the agreement done, a scoring recorded, the
 * signal recorded), so there is nothing to keep in step and nothing to mark
 * done by hand. A case write stores them with the row (a column derived from
 * the snapshot, like the phase); the werkvoorraad shows those whose moment to
 * show (`showFrom`) has come.
 */
import { workListPlanning } from '../policy.js';
import { addDays, startOfLocalDate } from '../time.js';
import { childrenOf, HANDLE_WITH_CARE_HOURS, handleWithCareDueSince } from './children.js';
import { phaseOf, type CaseSnapshot } from './decide.js';
import { currentWindow, openAgreements } from './requirements.js';
import type { SignalData } from './signals.js';

/** The kinds a case's state implies; each is a werkvoorraad kind (signals.ts SIGNAL_KINDS) marked `computed`. */
export const COMPUTED_WORK_KINDS = ['afspraak-deadline', 'veiligheidsscore-gepland', 'handle-with-care'] as const;
export type ComputedWorkKind = (typeof COMPUTED_WORK_KINDS)[number];

export interface WorkItem {
  readonly kind: ComputedWorkKind;
  /** What it is about within the case (an agreement, a child, the scoring): with the case and kind, its identity. */
  readonly ref: string;
  /** When it must be done (ISO instant): past it, the item is overdue. */
  readonly dueAt: string;
  /** From when the werkvoorraad shows it (ISO instant). */
  readonly showFrom: string;
  /** Identifiers and codes only, as for stored signals. */
  readonly data: SignalData;
}

/** The end of a local calendar date: an agreement is late from the day after its deadline (as `teLaat`). */
const endOfLocalDate = (date: string): Date => addDays(startOfLocalDate(date), 1);

/**
 * When the next TOP3 scoring is due: the policy's interval after the latest
 * joint score, or after the case was opened or reopened when that is later
 * (a repeat starts fresh; an imported case counts from its arrival).
 */
export function nextScoringDue(snapshot: CaseSnapshot): Date {
  const context = snapshot.context;
  const planning = workListPlanning(currentWindow(context).beleid);
  const weeks = phaseOf(snapshot) === 'directe-veiligheid' ? planning.scoringIntervalWeeksSafety : planning.scoringIntervalWeeksLater;
  const since = [context.laatsteScore?.gescoordOp, context.geopendOp, context.laatsteHeropening?.op].filter((at): at is string => at !== undefined).sort().at(-1) ?? context.geopendOp;
  return addDays(new Date(since), weeks * 7);
}

/**
 * The items a case implies now, for its regisseur. A closed case implies none.
 * The planning (interval, days ahead) is the current window's policy version,
 * as every rule of the window is.
 */
export function workItemsOf(snapshot: CaseSnapshot): WorkItem[] {
  if (phaseOf(snapshot) === 'afgesloten') return [];
  const context = snapshot.context;
  const { daysAhead } = workListPlanning(currentWindow(context).beleid);
  const agreements = openAgreements(context).map((agreement): WorkItem => ({
    kind: 'afspraak-deadline',
    ref: agreement.id,
    dueAt: endOfLocalDate(agreement.deadline).toISOString(),
    showFrom: addDays(startOfLocalDate(agreement.deadline), -daysAhead).toISOString(),
    data: { afspraakId: agreement.id, deadline: agreement.deadline },
  }));
  const due = nextScoringDue(snapshot);
  const scoring: WorkItem = {
    kind: 'veiligheidsscore-gepland',
    ref: 'scoring',
    dueAt: due.toISOString(),
    showFrom: addDays(due, -daysAhead).toISOString(),
    data: { fase: phaseOf(snapshot) },
  };
  const handleWithCare = childrenOf(context).flatMap(({ lid, feiten }): WorkItem[] => {
    const since = handleWithCareDueSince(feiten);
    if (since === null) return [];
    return [{ kind: 'handle-with-care', ref: lid.id, dueAt: new Date(new Date(since).getTime() + HANDLE_WITH_CARE_HOURS * 3_600_000).toISOString(), showFrom: since, data: { lidId: lid.id } }];
  });
  return [...handleWithCare, ...agreements, scoring];
}
