/**
 * A small reference model of the escalation rule (issue 8, "Clock"), written
 * for the reliability tests from the documents, not from the domain code:
 * nothing here is imported from packages/domain.
 *
 * The rule as documented (docs/domain.md "The MDA++ track" and "Safety
 * windows and policy", README "Escalation to MDA++", ../shared/DOMAIN.md
 * "The rule"):
 * - A safety window starts when the case starts (an imported case: its start
 *   date, at local midnight), at an incident in a phase after
 *   directe-veiligheid, and at a reopening. Only the latest window counts.
 * - Its deadline is the start plus the policy's window in calendar months in
 *   Europe/Amsterdam (same local time; a day past the month's end is clamped
 *   to the last day); the reminder is that many calendar days before it.
 * - The window keeps the policy version in force when it started.
 * - A 6 counts while it stands (issue 16; DOMAIN.md "What reached means"):
 *   the threshold stands from a joint score >= the window's threshold given
 *   within the window (at or before the deadline) until a later joint score
 *   below it. Taken back before the deadline, the same deadline and reminder
 *   stand again (a deadline already passed escalates at once); if it held at
 *   the deadline and falls later, a new window opens from that score
 *   ("terugval", under the same policy).
 * - A window's deadline escalates at most once; a closed case never
 *   escalates; a case in MDA++ gets no deadline escalation; an escalation by
 *   hand does not use up the automatic one: when the deadline passes while it
 *   waits for the coordinator, the deadline joins it (one escalation, both
 *   reasons).
 * - The coordinator's "back to the local team" and the end of the MDA++
 *   traject (afschaling) open a new window, under the policy in force then;
 *   a 6 given in the window being left that still stands counts in it from
 *   its start. So a window that ran out in MDA++ never escalates on the way back.
 * - A durable timer fires at its due instant, or at once when it is armed
 *   after that instant; a reminder is only armed while the deadline is still
 *   ahead and no escalation waits, and is given once per stretch without the
 *   threshold (again after a 6 is taken back).
 */

const ZONE = 'Europe/Amsterdam';
export const DAY_MS = 86_400_000;

// ------------------------------------------------------------------ local time

export interface Wall {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly ms: number;
}

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
});

/** What the clocks in Amsterdam show at an instant (ms since the epoch). */
export function wallOf(instant: number): Wall {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) parts[part.type] = Number(part.value);
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 0,
    day: parts.day ?? 0,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
    ms: ((instant % 1000) + 1000) % 1000,
  };
}

const asUtc = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms);
const offsetAt = (instant: number) => asUtc(wallOf(instant)) - instant;
const sameWall = (a: Wall, b: Wall) =>
  a.year === b.year && a.month === b.month && a.day === b.day && a.hour === b.hour && a.minute === b.minute && a.second === b.second && a.ms === b.ms;

/**
 * Which of two instants a local time means when the clocks are set back and
 * it occurs twice. RFC 5545 (3.3.5) and Temporal's "compatible" take the
 * first; the documents do not say.
 */
export type Fold = 'earlier' | 'later';

/**
 * The instant at which Amsterdam clocks show `w`. A local time skipped when
 * the clocks go forward is read with the offset from before the change (RFC
 * 5545 3.3.5), i.e. pushed forward by the gap.
 */
export function instantOf(w: Wall, fold: Fold): number {
  const naive = asUtc(w);
  const offsets = new Set([offsetAt(naive - DAY_MS), offsetAt(naive), offsetAt(naive + DAY_MS)]);
  const hits = [...offsets].map((offset) => naive - offset).filter((t) => sameWall(wallOf(t), w)).sort((a, b) => a - b);
  if (hits.length === 0) return naive - offsetAt(naive - DAY_MS);
  return (fold === 'earlier' ? hits[0] : hits[hits.length - 1]) ?? naive;
}

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

export function addLocalMonths(instant: number, months: number, fold: Fold): number {
  const w = wallOf(instant);
  const index = w.year * 12 + (w.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return instantOf({ ...w, year, month, day: Math.min(w.day, daysInMonth(year, month)) }, fold);
}

export function addLocalDays(instant: number, days: number, fold: Fold): number {
  const w = wallOf(instant);
  const date = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return instantOf({ ...w, year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }, fold);
}

/** YYYY-MM-DD in Amsterdam. */
export function localDateOf(instant: number): string {
  const w = wallOf(instant);
  return `${w.year}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Local midnight at the start of a YYYY-MM-DD date. */
export function startOfLocalDay(date: string, fold: Fold): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0, ms: 0 }, fold);
}

// ------------------------------------------------------------------ policy

export interface ModelPolicy {
  readonly version: number;
  readonly threshold: number;
  readonly windowMonths: number;
  readonly stabilityMonths: number;
  readonly reminderDays: number;
}

/** Seed 000: a 6 within 3 months; a reminder 14 days before (README). */
export const DOCUMENTED_POLICY: ModelPolicy = { version: 1, threshold: 6, windowMonths: 3, stabilityMonths: 3, reminderDays: 14 };

/** The region's policy versions, as the regiobeheerder adopts them (POST /v1/beleid). */
export class PolicyBook {
  private readonly versions: (ModelPolicy & { readonly validFrom: number })[] = [];

  adopt(policy: Omit<ModelPolicy, 'version'>, validFrom: number): ModelPolicy {
    const adopted = { ...policy, version: this.versions.length + 1, validFrom };
    this.versions.push(adopted);
    return adopted;
  }

  /** The latest adopted version that has taken effect; the documented agreement before any. */
  inForce(at: number): ModelPolicy {
    const valid = this.versions.filter((v) => v.validFrom <= at);
    const latest = valid[valid.length - 1];
    if (!latest) return DOCUMENTED_POLICY;
    const { validFrom: _validFrom, ...policy } = latest;
    return policy;
  }
}

// ------------------------------------------------------------------ the rule

export type ModelPhase = 'directe-veiligheid' | 'oorzaken-onderzoeken' | 'blijvend-voorkomen' | 'nazorg' | 'afgesloten';
export type ModelMda = 'geen' | 'opgeschaald' | 'mda-traject';
export type EscalationStatus = 'open' | 'mda-traject' | 'terug-naar-lokaal-team' | 'afgeschaald';

export interface ModelWindow {
  readonly number: number;
  readonly start: number;
  readonly deadline: number;
  readonly remindAt: number;
  readonly policy: ModelPolicy;
  readonly reason: 'start' | 'incident' | 'heropening' | 'terugval' | 'terugverwezen' | 'afgeschaald';
  reachedAt: number | null;
}

export interface ModelEscalation {
  readonly window: number;
  /** The reason it was made for, and `deadline` after it when the deadline joined an escalation by hand. */
  readonly reasons: ('deadline' | 'handmatig')[];
  readonly at: number;
  status: EscalationStatus;
}

export interface ModelTimer {
  readonly kind: 'veiligheidsdeadline' | 'herinnering-deadline';
  readonly due: number;
  readonly window: number;
}

/** What the case does, as far as the rule is concerned. */
export type ModelEvent =
  | { readonly type: 'score'; readonly score: number }
  | { readonly type: 'incident' }
  | { readonly type: 'reopen' }
  | { readonly type: 'escalate' }
  | { readonly type: 'decide'; readonly decision: 'mda-traject' | 'terug-naar-lokaal-team'; readonly stale: boolean }
  | { readonly type: 'deescalate' }
  | { readonly type: 'phase'; readonly to: 'oorzaken-onderzoeken' | 'blijvend-voorkomen' | 'nazorg' | 'afgesloten' }
  | { readonly type: 'other' };

/** yes/no: the rule decides; maybe: the phase rules decide (plan, analysis, stability, agreements), outside this model. */
export type Expectation = 'yes' | 'no' | 'maybe';

export class EscalationModel {
  phase: ModelPhase = 'directe-veiligheid';
  mda: ModelMda = 'geen';
  readonly windows: ModelWindow[] = [];
  readonly escalations: ModelEscalation[] = [];
  readonly reminders: { readonly window: number; readonly at: number }[] = [];
  /** The latest joint score and when it was given. */
  private lastScore: { readonly score: number; readonly at: number } | null = null;
  /** The reminder of the current stretch without the threshold was given. */
  private reminded = false;
  private now: number;
  /** When the current window last became eligible for its timers (see timers()). */
  private armedAt: number;

  constructor(
    private readonly policies: PolicyBook,
    private readonly fold: Fold,
    openedAt: number,
    /** A local date for an imported case (its start lies before `openedAt`). */
    importedStart: string | null,
  ) {
    this.now = openedAt;
    this.armedAt = openedAt;
    const start = importedStart === null ? openedAt : startOfLocalDay(importedStart, fold);
    this.windows.push(this.newWindow(1, start, this.policies.inForce(openedAt), 'start'));
  }

  get window(): ModelWindow {
    const current = this.windows[this.windows.length - 1];
    if (!current) throw new Error('no window');
    return current;
  }

  get time(): number {
    return this.now;
  }

  private newWindow(number: number, start: number, policy: ModelPolicy, reason: ModelWindow['reason']): ModelWindow {
    const deadline = addLocalMonths(start, policy.windowMonths, this.fold);
    return { number, start, deadline, remindAt: addLocalDays(deadline, -policy.reminderDays, this.fold), policy, reason, reachedAt: null };
  }

  private get latestEscalation(): ModelEscalation | undefined {
    return this.escalations[this.escalations.length - 1];
  }

  /** An escalation by hand waits for the coordinator and the deadline has not joined it. */
  private waitingByHand(): boolean {
    const latest = this.latestEscalation;
    return this.mda === 'opgeschaald' && latest !== undefined && !latest.reasons.includes('deadline');
  }

  /**
   * The current window may still escalate by its deadline: open, no standing
   * threshold, its deadline not escalated yet, and not with MDA++ (but an
   * escalation by hand that waits takes the deadline in).
   */
  private eligible(): boolean {
    const w = this.window;
    const deadlineUsed = this.escalations.some((e) => e.window === w.number && e.reasons.includes('deadline'));
    return this.phase !== 'afgesloten' && (this.mda === 'geen' || this.waitingByHand()) && w.reachedAt === null && !deadlineUsed;
  }

  /** The durable timers the case has now. */
  timers(): ModelTimer[] {
    if (!this.eligible()) return [];
    const w = this.window;
    const timers: ModelTimer[] = [{ kind: 'veiligheidsdeadline', due: w.deadline, window: w.number }];
    // A reminder after the deadline says nothing: armed only while the deadline is ahead and nothing waits.
    if (!this.reminded && this.mda === 'geen' && w.deadline > this.armedAt) timers.push({ kind: 'herinnering-deadline', due: w.remindAt, window: w.number });
    return timers;
  }

  /**
   * Time passes up to `until`: every timer due before it fires, oldest
   * first, at its due instant or (armed late) at once. A timer due exactly
   * at `until` waits: an event at that instant comes first.
   */
  advanceTo(until: number): void {
    for (;;) {
      const next = this.timers()
        .filter((t) => t.due < until)
        .sort((a, b) => a.due - b.due)[0];
      if (!next) break;
      this.now = Math.max(this.now, next.due);
      const wasEligible = this.eligible();
      if (next.kind === 'herinnering-deadline') {
        this.reminders.push({ window: next.window, at: this.now });
        this.reminded = true;
      } else if (this.waitingByHand()) {
        this.latestEscalation?.reasons.push('deadline');
      } else {
        this.escalations.push({ window: next.window, reasons: ['deadline'], at: this.now, status: 'open' });
        this.mda = 'opgeschaald';
      }
      if (!wasEligible && this.eligible()) this.armedAt = this.now;
    }
    this.now = Math.max(this.now, until);
  }

  /** Whether the case accepts the event now, as far as the rule says. */
  expect(event: ModelEvent): Expectation {
    const open = this.phase !== 'afgesloten';
    const latest = this.escalations[this.escalations.length - 1];
    switch (event.type) {
      case 'score':
      case 'incident':
        return open ? 'yes' : 'no';
      case 'reopen':
        return open ? 'no' : 'yes';
      case 'escalate':
        // By hand: the regisseur may escalate an open case that is not escalated or in MDA++.
        return open && this.mda === 'geen' ? 'yes' : 'no';
      case 'decide':
        // A decision on a decided escalation is refused (docs/domain.md, opschaling.al-besloten).
        return this.mda === 'opgeschaald' && !event.stale ? 'yes' : 'no';
      case 'deescalate': {
        // Hand back from MDA++: the latest score, given since the escalation, reaches the threshold.
        const since = latest?.at ?? Number.POSITIVE_INFINITY;
        const ok = this.lastScore !== null && this.lastScore.at >= since && this.lastScore.score >= this.window.policy.threshold;
        return this.mda === 'mda-traject' && ok ? 'yes' : 'no';
      }
      case 'phase': {
        const order: ModelPhase[] = ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg', 'afgesloten'];
        if (order.indexOf(event.to) !== order.indexOf(this.phase) + 1) return 'no';
        if (event.to === 'oorzaken-onderzoeken') {
          // Leaving directe-veiligheid: the latest score, given in this window, at the threshold (or a 6 that stands in it).
          const score = this.lastScore && this.lastScore.at >= this.window.start ? this.lastScore.score : -1;
          return score >= this.window.policy.threshold || this.window.reachedAt !== null ? 'maybe' : 'no';
        }
        if (event.to === 'afgesloten' && this.mda !== 'geen') return 'no';
        return event.to === 'nazorg' ? 'yes' : 'maybe';
      }
      case 'other':
        return 'maybe';
    }
  }

  /** The event happened at the model's current time (accepted) or not. */
  record(event: ModelEvent, accepted: boolean): void {
    if (!accepted) return;
    const wasEligible = this.eligible();
    const windowBefore = this.window.number;
    const at = this.now;
    const latest = this.latestEscalation;
    switch (event.type) {
      case 'score': {
        this.lastScore = { score: event.score, at };
        const w = this.window;
        if (event.score >= w.policy.threshold) {
          if (w.reachedAt === null && at <= w.deadline) w.reachedAt = at;
        } else if (w.reachedAt !== null) {
          if (at > w.deadline) {
            // It held at the deadline: the window was met; the fall opens the next one.
            this.windows.push(this.newWindow(this.windows.length + 1, at, w.policy, 'terugval'));
          } else {
            // Taken back: the same deadline and its reminder stand again.
            w.reachedAt = null;
          }
          this.reminded = false;
        }
        break;
      }
      case 'incident':
        if (this.phase !== 'directe-veiligheid') {
          this.windows.push(this.newWindow(this.windows.length + 1, at, this.policies.inForce(at), 'incident'));
          this.phase = 'directe-veiligheid';
        }
        break;
      case 'reopen':
        this.windows.push(this.newWindow(this.windows.length + 1, at, this.policies.inForce(at), 'heropening'));
        this.phase = 'directe-veiligheid';
        break;
      case 'escalate':
        this.escalations.push({ window: this.window.number, reasons: ['handmatig'], at, status: 'open' });
        this.mda = 'opgeschaald';
        break;
      case 'decide':
        if (latest) latest.status = event.decision;
        this.mda = event.decision === 'mda-traject' ? 'mda-traject' : 'geen';
        if (event.decision === 'terug-naar-lokaal-team') this.handBack(at, 'terugverwezen');
        break;
      case 'deescalate':
        for (const e of this.escalations) if (e.status === 'mda-traject') e.status = 'afgeschaald';
        this.mda = 'geen';
        this.handBack(at, 'afgeschaald');
        break;
      case 'phase':
        this.phase = event.to;
        break;
      case 'other':
        break;
    }
    if (this.window.number !== windowBefore) this.reminded = false;
    if (this.eligible() && (!wasEligible || this.window.number !== windowBefore)) this.armedAt = at;
  }

  /** A new window from a hand-back, under the policy in force; a 6 from the window left that still stands counts. */
  private handBack(at: number, reason: 'terugverwezen' | 'afgeschaald'): void {
    const leaving = this.window;
    const policy = this.policies.inForce(at);
    const window = this.newWindow(this.windows.length + 1, at, policy, reason);
    if (this.lastScore && this.lastScore.at >= leaving.start && this.lastScore.score >= policy.threshold) window.reachedAt = at;
    this.windows.push(window);
  }
}
