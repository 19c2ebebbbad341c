/**
 * The safety windows: the escalation rule's clock (seed 000: "after 3 months
 * no 6 for safety: the MDA++ expert meeting"), as DOMAIN.md's "What reached
 * means" states it (issue 16):
 *
 * - A 6 counts while it stands. The window is met while its latest joint
 *   score is at or above the threshold (`drempelBereiktOp` is when that run
 *   began). A later score below it takes the 6 back: the same deadline and
 *   reminder stand again, and if that deadline has passed the case escalates
 *   at once (the deadline timer is due).
 * - If the threshold held at the deadline and falls below it later, the
 *   window was met; a new window opens from that score (`terugval`).
 * - The coordinator's hand-back to the local team and the end of the MDA++
 *   traject open a new window, so a window that ran out while the case was
 *   with MDA++ never escalates again on the way back. A 6 that still stands
 *   (given in the window being left) counts in the new window from its start.
 * - A region may narrow the rule to cases marked as coordination on safety;
 *   whether it applies is fixed when a window opens (takes effect from the
 *   next window).
 * Only the machine's actions (machine.ts) call these; they are pure.
 */
import type { Policy } from '../policy.js';
import { addCalendarMonths } from '../time.js';
import type { CaseContext, SafetyScore, SafetyWindow, WindowReason } from './types.js';

export function currentWindow(context: CaseContext): SafetyWindow {
  const window = context.vensters[context.vensters.length - 1];
  if (!window) throw new Error('a case always has a safety window');
  return window;
}

/** Whether the policy's scope takes in a case so marked (or not). */
export function ruleAppliesTo(beleid: Policy, coordinatieOpVeiligheid: boolean): boolean {
  return (beleid.scope ?? 'alle-casussen') === 'alle-casussen' || coordinatieOpVeiligheid;
}

/** Whether the escalation rule (deadline, reminder) applies in this window. */
export function ruleApplies(window: SafetyWindow): boolean {
  return window.regelVanToepassing ?? true;
}

export function newWindow(
  nummer: number,
  start: string,
  beleid: Policy,
  reden: WindowReason,
  coordinatieOpVeiligheid: boolean,
  drempelBereiktOp: string | null = null,
): SafetyWindow {
  return {
    nummer,
    start,
    deadline: addCalendarMonths(new Date(start), beleid.escalationWindowMonths).toISOString(),
    beleid,
    reden,
    drempelBereiktOp,
    regelVanToepassing: ruleAppliesTo(beleid, coordinatieOpVeiligheid),
  };
}

/** The windows with one more, opened at `start` for `reden`; `beleid` defaults to the current window's. */
export function withNewWindow(context: CaseContext, start: string, reden: WindowReason, beleid?: Policy, drempelBereiktOp: string | null = null): SafetyWindow[] {
  const policy = beleid ?? currentWindow(context).beleid;
  return [...context.vensters, newWindow(context.vensters.length + 1, start, policy, reden, context.coordinatieOpVeiligheid ?? false, drempelBereiktOp)];
}

/**
 * The windows after a hand-back from MDA++ (decision back to the local team,
 * or the traject ended): a new window from then. A joint score at or above
 * the new window's threshold given in the window being left still stands,
 * so the new window is met from its start; anything older (before new
 * violence) says nothing about safety now.
 */
export function windowsAfterHandBack(context: CaseContext, op: string, reden: 'terugverwezen' | 'afgeschaald', beleid?: Policy): SafetyWindow[] {
  const leaving = currentWindow(context);
  const policy = beleid ?? leaving.beleid;
  const standing = context.laatsteScore;
  const stands = standing !== null && standing.gescoordOp >= leaving.start && standing.score >= policy.safetyThreshold;
  return withNewWindow(context, op, reden, policy, stands ? op : null);
}

/** The windows after a joint score: the threshold's run starts, stands, ends, or (after a met deadline) a new window opens. */
export function windowsAfterScore(context: CaseContext, score: SafetyScore): readonly SafetyWindow[] {
  const window = currentWindow(context);
  const at = score.gescoordOp;
  const safe = score.score >= window.beleid.safetyThreshold;
  const replace = (changed: SafetyWindow) => [...context.vensters.slice(0, -1), changed];
  if (safe) {
    // A run that begins after the deadline does not meet it: the deadline escalates (or did).
    return window.drempelBereiktOp === null && at <= window.deadline ? replace({ ...window, drempelBereiktOp: at }) : context.vensters;
  }
  if (window.drempelBereiktOp === null) return context.vensters;
  // The threshold held at the deadline: that window was met; the fall opens the next one from this score.
  if (at > window.deadline) return withNewWindow(context, at, 'terugval');
  // The 6 is taken back: the same deadline stands again.
  return replace({ ...window, drempelBereiktOp: null });
}

/** The window is met: its latest joint score stands at or above the threshold. */
export function windowMet(window: SafetyWindow): boolean {
  return window.drempelBereiktOp !== null;
}
