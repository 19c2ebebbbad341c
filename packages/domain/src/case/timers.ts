/**
 * Which durable timers a case needs now, derived from its state alone. After
 * every command the stored timers are brought in line with this list, so a
 * new window re-arms them, and reaching the threshold, an escalation or
 * closure disarms them.
 */
import { addDays } from '../time.js';
import { addWorkingDays } from '../working-days.js';
import { mdaOf, phaseOf, type CaseSnapshot } from './decide.js';
import { deadlineEscalatedInCurrentWindow } from './requirements.js';
import type { HandoverSignalLevel } from './types.js';
import { currentWindow, ruleApplies, windowMet } from './windows.js';

/**
 * An unanswered handover proposal (issue 16 point 11): after 2 working days
 * both regisseurs hear of it, after 5 the beheerder (working-days.ts).
 */
export const HANDOVER_TIMER_KINDS = ['regiewissel-wacht', 'regiewissel-wacht-beheer'] as const;
export type HandoverTimerKind = (typeof HANDOVER_TIMER_KINDS)[number];
export const HANDOVER_WAIT_WORKING_DAYS = { 'regiewissel-wacht': 2, 'regiewissel-wacht-beheer': 5 } as const satisfies Record<HandoverTimerKind, number>;
/** Which signal level a handover timer gives. */
export const HANDOVER_TIMER_LEVEL = { 'regiewissel-wacht': 'regisseurs', 'regiewissel-wacht-beheer': 'beheerder' } as const satisfies Record<HandoverTimerKind, HandoverSignalLevel>;

export const TIMER_KINDS = ['veiligheidsdeadline', 'herinnering-deadline', 'opvolging', 'huisverbod-einde', 'mda-evaluatie', ...HANDOVER_TIMER_KINDS] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

export interface DesiredTimer {
  readonly kind: 'veiligheidsdeadline' | 'herinnering-deadline' | 'huisverbod-einde' | 'mda-evaluatie' | HandoverTimerKind;
  readonly dueAt: Date;
  /** The safety window of a deadline timer; the review's number of an `mda-evaluatie` timer. */
  readonly windowNumber: number | null;
}

/** Days before a restraining order ends that the regisseur is warned. */
export const RESTRAINING_ORDER_WARNING_DAYS = 2;

export function desiredTimers(snapshot: CaseSnapshot, now: Date): DesiredTimer[] {
  const order = snapshot.context.huisverbod;
  const orderTimers: DesiredTimer[] =
    order && !order.herinnerdVoorEinde && phaseOf(snapshot) !== 'afgesloten'
      ? [{ kind: 'huisverbod-einde', dueAt: addDays(new Date(order.einde), -RESTRAINING_ORDER_WARNING_DAYS), windowNumber: null }]
      : [];
  return [...deadlineTimers(snapshot, now), ...orderTimers, ...handoverTimers(snapshot), ...reviewTimers(snapshot)];
}

/**
 * Long-term case management (issue 18 point 4): in the MDA++ track the next
 * review is due on the plan's date, while no review waits in the coordinator's
 * queue (a due date already passed fires at once).
 */
function reviewTimers(snapshot: CaseSnapshot): DesiredTimer[] {
  const plan = snapshot.context.mdaEvaluatie ?? null;
  if (mdaOf(snapshot) !== 'mda-traject' || plan === null || plan.evaluatieId !== null) return [];
  return [{ kind: 'mda-evaluatie', dueAt: new Date(plan.volgendeOp), windowNumber: plan.nummer }];
}

/**
 * The deadline and its reminder stand while the window is not met (a 6 that
 * is taken back re-arms them; a deadline already passed is due at once), the
 * rule applies, and the case is not with MDA++ — except an escalation by
 * hand that waits for the coordinator: the deadline then joins it
 * (windows.ts, requirements.ts).
 */
function deadlineTimers(snapshot: CaseSnapshot, now: Date): DesiredTimer[] {
  const context = snapshot.context;
  const window = currentWindow(context);
  const mda = mdaOf(snapshot);
  const waitingByHandOnly = mda === 'opgeschaald' && !(context.laatsteOpschaling?.redenen ?? []).includes('deadline');
  if (phaseOf(snapshot) === 'afgesloten' || (mda !== 'geen' && !waitingByHandOnly) || !ruleApplies(window) || windowMet(window) || deadlineEscalatedInCurrentWindow(context)) return [];
  const deadline = new Date(window.deadline);
  const timers: DesiredTimer[] = [{ kind: 'veiligheidsdeadline', dueAt: deadline, windowNumber: window.nummer }];
  // A reminder after the deadline is no use: an imported overdue case escalates at once.
  if (mda === 'geen' && context.herinnerdVenster !== window.nummer && deadline.getTime() > now.getTime()) {
    timers.push({ kind: 'herinnering-deadline', dueAt: addDays(deadline, -window.beleid.reminderDaysBeforeDeadline), windowNumber: window.nummer });
  }
  return timers;
}

/** The waiting signals an open handover proposal still needs, on an open case. */
function handoverTimers(snapshot: CaseSnapshot): DesiredTimer[] {
  const proposal = snapshot.context.regiewissel;
  if (!proposal || phaseOf(snapshot) === 'afgesloten') return [];
  return HANDOVER_TIMER_KINDS.filter((kind) => !proposal.gesignaleerd.includes(HANDOVER_TIMER_LEVEL[kind])).map((kind) => ({
    kind,
    dueAt: addWorkingDays(new Date(proposal.voorgesteldOp), HANDOVER_WAIT_WORKING_DAYS[kind]),
    windowNumber: null,
  }));
}
