/**
 * Issue 8, "Clock": the escalation rule under random timelines matches a
 * small reference model of the rule (./clock-model.ts, written from the
 * documents, importing nothing from the domain's decision code).
 *
 * A timeline: a case opened at a random instant in 2026-2027 (month ends,
 * around the DST changes, sometimes imported with an earlier start date),
 * then steps; each step moves the clock (by milliseconds to weeks, or to
 * just before, at or after the current window's deadline or reminder), lets
 * the durable timers fire the way services/api/src/timers/worker.ts does
 * (oldest first, each at its due instant: a worker that polls continuously;
 * a timer due exactly at the step's instant waits until after the step's
 * event), then applies the step's event. After every step the system's
 * escalations (window, reason, instant, status), reminders (window,
 * instant), current window and pending timers must equal the model's.
 *
 * Two levels:
 * 1. the domain (openCase, decide, desiredTimers) with a simulated timer
 *    table and worker, many runs;
 * 2. the service over HTTP (createTestApp, manual clock, fireDueTimers on the
 *    real test database), fewer runs, comparing the tijdlijn, the case, the
 *    timers table and GET /v1/opschalingen?status=...
 *
 * Seed: CLOCK_SEED (printed as `clock seed=<n>`).
 */
import {
  decide,
  defaultPolicy,
  desiredTimers,
  mdaOf,
  openCase,
  phaseOf,
  startOfLocalDate,
  SYSTEM_ACTOR,
  type CaseEvent,
  type CaseSnapshot,
  type Policy,
  type StoredCaseEvent,
} from '@veilig-samen/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { events as build, opened } from '../../packages/domain/src/case/testing.js';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { createTestApp, municipalitiesSettingFor, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';
import {
  DAY_MS,
  EscalationModel,
  instantOf,
  localDateOf,
  PolicyBook,
  wallOf,
  type EscalationStatus,
  type Fold,
  type ModelEvent,
  type ModelPolicy,
} from './clock-model.js';

const SEED = Number(process.env.CLOCK_SEED ?? 20261123);
console.log(`clock seed=${SEED}`);

/**
 * How the model reads a local time that occurs twice (the last Sunday of
 * October, 02:00-03:00). The documents do not say; see the test "an
 * ambiguous local time" below and the report.
 */
const FOLD: Fold = 'later';

// ------------------------------------------------------------------ timelines

const HOUR_MS = 3_600_000;
const RANGE_START = Date.UTC(2025, 11, 31, 23);
const RANGE_END = Date.UTC(2027, 11, 31, 23);
/** Days the clocks change in Amsterdam, around the timelines' deadlines and reminders. */
const DST_DAYS = ['2026-03-29', '2026-10-25', '2027-03-28', '2027-10-31', '2028-03-26'];

function wallInstant(date: string, hour: number, minute: number, ms: number): number {
  const [year = 2026, month = 1, day = 1] = date.split('-').map(Number);
  return instantOf({ year, month, day, hour, minute, second: 0, ms }, 'earlier');
}

/** A calendar date shifted by whole months (clamped to the month's end) and days. */
function shiftDate(date: string, months: number, days: number): string {
  const [year = 2026, month = 1, day = 1] = date.split('-').map(Number);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const clamped = Math.min(day, new Date(Date.UTC(y, m, 0)).getUTCDate());
  const shifted = new Date(Date.UTC(y, m - 1, clamped + days));
  return shifted.toISOString().slice(0, 10);
}

const startArbitrary: fc.Arbitrary<number> = fc
  .oneof(
    { weight: 3, arbitrary: fc.integer({ min: RANGE_START, max: RANGE_END - 1 }) },
    {
      // Month ends (31 January + 3 months = 30 April; 30 November 2027 + 3 months = 29 February 2028) and midnight.
      weight: 3,
      arbitrary: fc
        .record({
          year: fc.constantFrom(2026, 2027),
          month: fc.integer({ min: 1, max: 12 }),
          day: fc.constantFrom(1, 28, 29, 30, 31),
          hour: fc.constantFrom(0, 1, 2, 3, 9, 22, 23),
          minute: fc.constantFrom(0, 30, 59),
          ms: fc.constantFrom(0, 0, 1, 999),
        })
        .map(({ year, month, day, hour, minute, ms }) =>
          wallInstant(`${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate())).padStart(2, '0')}`, hour, minute, ms),
        ),
    },
    {
      // Deadlines and reminders that land on a DST day, between 01:00 and 04:00 local time.
      weight: 3,
      arbitrary: fc
        .record({
          day: fc.constantFrom(...DST_DAYS),
          // Mostly the documented 3 months and 14 days, so that the deadline or the reminder lands on that day.
          monthsBack: fc.constantFrom(3, 3, 3, 3, 1, 2, 4),
          daysAfter: fc.constantFrom(0, 0, 0, 14, 14, 14, 1, 7, 30, 45),
          hour: fc.constantFrom(2, 2, 2, 2, 1, 3),
          minute: fc.constantFrom(0, 15, 30, 59),
        })
        .map(({ day, monthsBack, daysAfter, hour, minute }) => wallInstant(shiftDate(shiftDate(day, 0, daysAfter), -monthsBack, 0), hour, minute, 0)),
    },
  )
  .filter((t) => t >= RANGE_START && t < RANGE_END);

const policyArbitrary = fc.record({
  threshold: fc.constantFrom(4, 5, 6, 6, 7, 8),
  windowMonths: fc.integer({ min: 1, max: 4 }),
  stabilityMonths: fc.constantFrom(0, 0, 0, 1, 2),
  // At least a day: a reminder due at the deadline itself would tie with it (see the report).
  reminderDays: fc.constantFrom(1, 7, 14, 14, 30, 45),
});
type PolicyDraft = Omit<ModelPolicy, 'version'>;

type Advance =
  | { readonly kind: 'none' }
  | { readonly kind: 'ms' | 'hours' | 'days'; readonly amount: number }
  | { readonly kind: 'to'; readonly target: 'deadline' | 'reminder'; readonly offsetMs: number };

const advanceArbitrary: fc.Arbitrary<Advance> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('ms' as const), amount: fc.integer({ min: 1, max: 1000 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('hours' as const), amount: fc.integer({ min: 1, max: 36 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('days' as const), amount: fc.integer({ min: 1, max: 12 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('days' as const), amount: fc.integer({ min: 13, max: 60 }) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('to' as const),
      target: fc.constantFrom('deadline' as const, 'deadline' as const, 'reminder' as const),
      offsetMs: fc.constantFrom(-60_000, -1, 0, 0, 1, 60_000),
    }),
  },
);

const ACTIONS = [
  'score', 'score', 'score-low', 'score-high', 'score-high', 'score-high', 'score-edge', 'score-edge', 'plan', 'plan', 'analysis', 'analysis',
  'toCauses', 'toCauses', 'toCauses', 'toCauses', 'toPrevention', 'toPrevention', 'toPrevention', 'toAftercare', 'toAftercare', 'toAftercare',
  'close', 'close', 'close', 'reopen', 'reopen', 'incident', 'incident', 'incident', 'escalate', 'decide-mda', 'decide-mda', 'decide-back', 'decide-back',
  'deescalate', 'deescalate', 'policy', 'wait', 'progress', 'progress', 'progress',
] as const;
/** A calmer case: mostly safe scores and phase steps, so that cases close and are reopened. */
const CALM_ACTIONS = [
  'score-high', 'score-high', 'score-high', 'score-high', 'score-edge', 'score-low', 'plan', 'plan', 'analysis', 'analysis',
  'toCauses', 'toCauses', 'toCauses', 'toPrevention', 'toPrevention', 'toPrevention', 'toAftercare', 'toAftercare', 'toAftercare',
  'close', 'close', 'close', 'close', 'reopen', 'reopen', 'reopen', 'incident', 'decide-back', 'deescalate', 'policy', 'wait', 'wait',
  'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress', 'progress',
] as const;
type Action = Exclude<(typeof ACTIONS)[number], 'progress'> | 'decide-stale-mda' | 'decide-stale-back';
/** A step's action: `progress` is the next step towards closure (or reopening), chosen when the step runs. */
type StepAction = Action | 'progress';

const stepArbitrary = (actions: fc.Arbitrary<StepAction>) =>
  fc.record({
    advance: advanceArbitrary,
    action: actions,
    score: fc.integer({ min: 0, max: 10 }),
    policy: policyArbitrary,
    policyDelayDays: fc.integer({ min: 0, max: 90 }),
  });
type Step = { readonly advance: Advance; readonly action: StepAction; readonly score: number; readonly policy: PolicyDraft; readonly policyDelayDays: number };

interface Timeline {
  readonly start: string;
  /** Days before the start of an imported case's start date (integrations may import). */
  readonly importedDaysBack: number | null;
  readonly initialPolicy: PolicyDraft | null;
  readonly steps: readonly Step[];
}

const timelineWith = (actions: fc.Arbitrary<StepAction>, minSteps: number, maxSteps: number): fc.Arbitrary<Timeline> =>
  fc.record({
    start: startArbitrary.map((t) => new Date(t).toISOString()),
    importedDaysBack: fc.option(fc.integer({ min: 1, max: 150 }), { freq: 5 }),
    initialPolicy: fc.option(policyArbitrary, { freq: 2 }),
    steps: fc.array(stepArbitrary(actions), { minLength: minSteps, maxLength: maxSteps, size: 'max' }),
  });
/** Timelines, each drawing its steps from one of the mixes of actions. */
const timelineArbitrary = (mixes: readonly (readonly StepAction[])[], minSteps: number, maxSteps: number): fc.Arbitrary<Timeline> =>
  fc.oneof(...mixes.map((mix) => timelineWith(fc.constantFrom(...mix), minSteps, maxSteps)));

// ------------------------------------------------------------------ what both levels show

interface Observed {
  readonly phase: string;
  readonly mda: string;
  readonly window: {
    readonly number: number;
    readonly start: string;
    readonly deadline: string;
    readonly threshold: number;
    readonly policyVersion: number;
    readonly reason: string;
    readonly reachedAt: string | null;
  };
  /** `reasons`: the escalation's reasons in order, joined by "+" ("handmatig+deadline": the deadline joined one made by hand). */
  readonly escalations: readonly { readonly window: number; readonly reasons: string; readonly at: string; readonly status: EscalationStatus }[];
  readonly reminders: readonly { readonly window: number; readonly at: string }[];
  readonly timers: readonly { readonly kind: string; readonly due: string; readonly window: number | null }[];
}

const iso = (t: number) => new Date(t).toISOString();

function expected(model: EscalationModel): Observed {
  const w = model.window;
  return {
    phase: model.phase,
    mda: model.mda,
    window: {
      number: w.number,
      start: iso(w.start),
      deadline: iso(w.deadline),
      threshold: w.policy.threshold,
      policyVersion: w.policy.version,
      reason: w.reason,
      reachedAt: w.reachedAt === null ? null : iso(w.reachedAt),
    },
    escalations: model.escalations.map((e) => ({ window: e.window, reasons: e.reasons.join('+'), at: iso(e.at), status: e.status })),
    reminders: model.reminders.map((r) => ({ window: r.window, at: iso(r.at) })),
    timers: model.timers().sort((a, b) => a.due - b.due).map((t) => ({ kind: t.kind, due: iso(t.due), window: t.window })),
  };
}

/** Escalation statuses from an event sequence, as the coordinator's queue projects them. */
function escalationsFrom(events: readonly { type: string; op: string; data: Record<string, unknown> }[]): Observed['escalations'] {
  const list: { window: number; reasons: string; at: string; status: EscalationStatus; id: string }[] = [];
  for (const event of events) {
    const waiting = list.find((e) => e.status === 'open');
    if (event.type === 'casus.opgeschaald' && waiting) {
      // The deadline passed while an escalation by hand waited: it joins that one.
      waiting.reasons += `+${String(event.data.reden)}`;
    } else if (event.type === 'casus.opgeschaald') {
      list.push({ window: Number(event.data.vensterNummer), reasons: String(event.data.reden), at: event.op, status: 'open', id: String(event.data.opschalingId) });
    } else if (event.type === 'opschaling.naar-mda-traject' || event.type === 'opschaling.terug-naar-lokaal-team') {
      const target = list.find((e) => e.id === event.data.opschalingId);
      if (target) target.status = event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team';
    } else if (event.type === 'casus.afgeschaald') {
      for (const e of list) if (e.status === 'mda-traject') e.status = 'afgeschaald';
    }
  }
  return list.map(({ id: _id, ...rest }) => rest);
}

const remindersFrom = (events: readonly { type: string; op: string; data: Record<string, unknown> }[]) =>
  events.filter((e) => e.type === 'veiligheidsdeadline.herinnerd').map((e) => ({ window: Number(e.data.vensterNummer), at: e.op }));

// ------------------------------------------------------------------ the driver

interface System {
  adoptPolicy(policy: PolicyDraft, validFrom: number): Promise<void>;
  open(at: number, importedDate: string | null): Promise<void>;
  /** Fires timers due before `until` like the worker, then sets the clock to `until`. */
  advanceTo(until: number): Promise<void>;
  /** Applies the action at the current instant: accepted, or refused (the case unchanged). */
  apply(action: Action, score: number): Promise<boolean>;
  observe(): Promise<Observed>;
  /** The coordinator's view of the case's escalations (GET /v1/opschalingen?status=...), when the level has one. */
  queue?(): Promise<Observed['escalations']>;
}

function modelEventOf(action: Action, score: number): ModelEvent {
  switch (action) {
    case 'score':
    case 'score-high':
    case 'score-edge':
    case 'score-low':
      return { type: 'score', score };
    case 'incident':
      return { type: 'incident' };
    case 'reopen':
      return { type: 'reopen' };
    case 'escalate':
      return { type: 'escalate' };
    case 'decide-mda':
    case 'decide-back':
    case 'decide-stale-mda':
    case 'decide-stale-back':
      return { type: 'decide', decision: action.endsWith('mda') ? 'mda-traject' : 'terug-naar-lokaal-team', stale: action.startsWith('decide-stale') };
    case 'deescalate':
      return { type: 'deescalate' };
    case 'toCauses':
      return { type: 'phase', to: 'oorzaken-onderzoeken' };
    case 'toPrevention':
      return { type: 'phase', to: 'blijvend-voorkomen' };
    case 'toAftercare':
      return { type: 'phase', to: 'nazorg' };
    case 'close':
      return { type: 'phase', to: 'afgesloten' };
    case 'plan':
    case 'analysis':
    case 'policy':
    case 'wait':
      return { type: 'other' };
  }
}

function scoreFor(action: Action, step: Step, model: EscalationModel): number {
  if (action === 'score-high') return 10 - (step.score % 3);
  if (action === 'score-edge') return Math.max(0, Math.min(10, model.window.policy.threshold - (step.score % 2)));
  // A fall below the threshold (issue 16: a 6 counts while it stands).
  if (action === 'score-low') return Math.max(0, model.window.policy.threshold - 1 - (step.score % 3));
  return step.score;
}

function targetOf(advance: Advance, model: EscalationModel): number {
  const now = model.time;
  switch (advance.kind) {
    case 'none':
      return now;
    case 'ms':
      return now + advance.amount;
    case 'hours':
      return now + advance.amount * HOUR_MS;
    case 'days':
      return now + advance.amount * DAY_MS;
    case 'to':
      return Math.max(now, (advance.target === 'deadline' ? model.window.deadline : model.window.remindAt) + advance.offsetMs);
  }
}

/** What a run reached, for the coverage check. */
interface Coverage {
  runs: number;
  steps: number;
  deadlineEscalations: number;
  manualEscalations: number;
  reminders: number;
  laterWindowEscalations: number;
  reopenedWindows: number;
  closedCases: number;
  handedBack: number;
  sentBack: number;
  policyWindows: number;
  deadlineAcrossDst: number;
  dstHour: number;
  monthEndClamped: number;
  scoresAtDeadline: number;
  importedOverdue: number;
  escalatedLate: number;
  refusalsChecked: number;
  /** Issue 16: a 6 taken back before its deadline; a new window after a fall past a met deadline; the deadline joining an escalation by hand; a hand-back window. */
  takenBack: number;
  fallBackWindows: number;
  joinedReasons: number;
  handBackWindows: number;
}
const emptyCoverage = (): Coverage => ({
  runs: 0, steps: 0, deadlineEscalations: 0, manualEscalations: 0, reminders: 0, laterWindowEscalations: 0, reopenedWindows: 0, closedCases: 0,
  handedBack: 0, sentBack: 0, policyWindows: 0, deadlineAcrossDst: 0, dstHour: 0, monthEndClamped: 0, scoresAtDeadline: 0, importedOverdue: 0, escalatedLate: 0, refusalsChecked: 0,
  takenBack: 0, fallBackWindows: 0, joinedReasons: 0, handBackWindows: 0,
});

/** What `progress` does next: the phase steps towards closure, reopening a closed case, leaving the MDA++ track. */
function progressAction(model: EscalationModel, done: { planned: boolean; analysed: boolean; previous: Action | null }): Action {
  if (model.mda === 'opgeschaald') return 'decide-back';
  if (model.mda === 'mda-traject') return done.previous === 'score-high' ? 'deescalate' : 'score-high';
  switch (model.phase) {
    case 'afgesloten':
      return 'reopen';
    case 'directe-veiligheid':
      if (!done.planned) return 'plan';
      return done.previous === 'score-high' ? 'toCauses' : 'score-high';
    case 'oorzaken-onderzoeken':
      return done.analysed ? 'toPrevention' : 'analysis';
    case 'blijvend-voorkomen':
      return 'toAftercare';
    case 'nazorg':
      return done.previous === 'score-high' ? 'close' : 'score-high';
  }
}

async function runTimeline(timeline: Timeline, system: System, coverage?: Coverage): Promise<EscalationModel> {
  const start = Date.parse(timeline.start);
  const book = new PolicyBook();
  if (timeline.initialPolicy) {
    book.adopt(timeline.initialPolicy, start);
    await system.adoptPolicy(timeline.initialPolicy, start);
  }
  const importedDate = timeline.importedDaysBack === null ? null : shiftDate(localDateOf(start), 0, -timeline.importedDaysBack);
  await system.open(start, importedDate);
  const model = new EscalationModel(book, FOLD, start, importedDate);
  const trace: string[] = [`open ${timeline.start}${importedDate ? ` imported from ${importedDate}` : ''}`];
  let scoreAtDeadline = false;
  let closed = false;
  let takenBack = false;
  const done: { planned: boolean; analysed: boolean; previous: Action | null } = { planned: false, analysed: false, previous: null };

  const check = async (label: string) => {
    const observed = await system.observe();
    expect(observed, `after ${label}\n${trace.join('\n')}`).toEqual(expected(model));
  };
  await check('opening');

  for (const [index, step] of timeline.steps.entries()) {
    const until = targetOf(step.advance, model);
    await system.advanceTo(until);
    const [escalationsBefore, remindersBefore] = [model.escalations.length, model.reminders.length];
    model.advanceTo(until);
    for (const r of model.reminders.slice(remindersBefore)) trace.push(`  (model) reminder for window ${r.window} at ${iso(r.at)}`);
    for (const e of model.escalations.slice(escalationsBefore)) trace.push(`  (model) deadline escalation of window ${e.window} at ${iso(e.at)}`);
    const action = step.action === 'progress' ? progressAction(model, done) : step.action;
    const label = `step ${index + 1} at ${iso(until)}: ${action}`;
    if (action === 'policy') {
      const validFrom = until + step.policyDelayDays * DAY_MS;
      book.adopt(step.policy, validFrom);
      await system.adoptPolicy(step.policy, validFrom);
      trace.push(`${label} ${JSON.stringify(step.policy)} from ${iso(validFrom)}`);
    } else if (action !== 'wait') {
      const score = scoreFor(action, step, model);
      const event = modelEventOf(action, score);
      const expectation = model.expect(event);
      const accepted = await system.apply(action, score);
      if (accepted && action === 'plan') done.planned = true;
      if (accepted && action === 'analysis') done.analysed = true;
      trace.push(`${label}${event.type === 'score' ? ` ${score}` : ''} -> ${accepted ? 'accepted' : 'refused'} (model: ${expectation})`);
      if (expectation !== 'maybe') {
        if (coverage) coverage.refusalsChecked++;
        expect(accepted, `${label}: the model says ${expectation}\n${trace.join('\n')}`).toBe(expectation === 'yes');
      }
      if (accepted && event.type === 'score' && until === model.window.deadline) scoreAtDeadline = true;
      if (accepted && action === 'close') closed = true;
      const standing = model.window.reachedAt !== null && model.window.number;
      model.record(event, accepted);
      if (standing !== false && model.window.number === standing && model.window.reachedAt === null) takenBack = true;
    } else {
      trace.push(label);
    }
    done.previous = action;
    await check(label);
  }

  if (system.queue) {
    const key = (e: Observed['escalations'][number]) => JSON.stringify([e.at, e.window, e.reasons, e.status]);
    const queue = (await system.queue()).map(key).sort();
    expect(queue, `the coordinator's queue\n${trace.join('\n')}`).toEqual(expected(model).escalations.map(key).sort());
  }

  if (coverage) {
    coverage.runs++;
    coverage.steps += timeline.steps.length;
    const deadlineEscalations = model.escalations.filter((e) => e.reasons.includes('deadline'));
    if (deadlineEscalations.length > 0) coverage.deadlineEscalations++;
    if (model.escalations.some((e) => e.reasons[0] === 'handmatig')) coverage.manualEscalations++;
    if (model.escalations.some((e) => e.reasons.length === 2)) coverage.joinedReasons++;
    if (model.windows.some((w) => w.reason === 'terugval')) coverage.fallBackWindows++;
    if (model.windows.some((w) => w.reason === 'terugverwezen' || w.reason === 'afgeschaald')) coverage.handBackWindows++;
    if (takenBack) coverage.takenBack++;
    if (model.reminders.length > 0) coverage.reminders++;
    if (deadlineEscalations.some((e) => e.window > 1)) coverage.laterWindowEscalations++;
    if (model.windows.some((w) => w.reason === 'heropening')) coverage.reopenedWindows++;
    if (closed) coverage.closedCases++;
    if (model.escalations.some((e) => e.status === 'afgeschaald')) coverage.handedBack++;
    if (model.escalations.some((e) => e.status === 'terug-naar-lokaal-team')) coverage.sentBack++;
    if (model.windows.some((w) => w.policy.version > 1 || w.policy.threshold !== 6)) coverage.policyWindows++;
    const offset = (t: number) => {
      const w = wallOf(t);
      return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.ms) - t;
    };
    if (model.windows.some((w) => offset(w.start) !== offset(w.deadline))) coverage.deadlineAcrossDst++;
    // A deadline or reminder at 02:xx local time on a day the clocks change: skipped (March) or twice (October).
    if (model.windows.some((w) => wallOf(w.start).hour === 2 && (DST_DAYS.includes(localDateOf(w.deadline)) || DST_DAYS.includes(localDateOf(w.remindAt))))) coverage.dstHour++;
    if (model.windows.some((w) => wallOf(w.start).day !== wallOf(w.deadline).day)) coverage.monthEndClamped++;
    if (scoreAtDeadline) coverage.scoresAtDeadline++;
    if (importedDate && deadlineEscalations.some((e) => e.window === 1 && e.at === start)) coverage.importedOverdue++;
    // Escalated after its deadline: the window ran out while the case was in the MDA++ track.
    if (deadlineEscalations.some((e) => e.at > (model.windows[e.window - 1]?.deadline ?? 0) && !(importedDate && e.window === 1))) coverage.escalatedLate++;
  }
  return model;
}

// ------------------------------------------------------------------ level 1: the domain

interface PendingTimer {
  readonly kind: string;
  readonly dueAt: number;
  readonly windowNumber: number | null;
  readonly order: number;
}

/** The domain with a simulated timer table and worker (syncDeadlineTimers, claimDueTimer, fire in worker.ts). */
class DomainSystem implements System {
  private snapshot: CaseSnapshot | null = null;
  private readonly log: StoredCaseEvent[] = [];
  private pending: PendingTimer[] = [];
  private inserted = 0;
  private now = 0;
  private readonly policies: (Policy & { validFrom: number })[] = [];
  private fired = 0;

  private policyAt(at: number): Policy {
    const valid = this.policies.filter((p) => p.validFrom <= at).sort((a, b) => b.version - a.version)[0];
    if (!valid) return defaultPolicy('Test');
    const { validFrom: _validFrom, ...policy } = valid;
    return policy;
  }

  private get current(): CaseSnapshot {
    if (!this.snapshot) throw new Error('not opened');
    return this.snapshot;
  }

  async adoptPolicy(policy: PolicyDraft, validFrom: number): Promise<void> {
    this.policies.push({
      region: 'Test',
      version: this.policies.length + 1,
      safetyThreshold: policy.threshold,
      escalationWindowMonths: policy.windowMonths,
      stabilityMonths: policy.stabilityMonths,
      reminderDaysBeforeDeadline: policy.reminderDays,
      validFrom,
    });
  }

  async open(at: number, importedDate: string | null): Promise<void> {
    this.now = at;
    const event = opened(iso(at), {
      startdatum: importedDate === null ? iso(at) : startOfLocalDate(importedDate).toISOString(),
      beleid: this.policyAt(at),
    });
    this.snapshot = openCase(event);
    this.log.push(event);
    this.sync();
  }

  /** syncDeadlineTimers: cancel what is no longer wanted, add what is missing (key: kind, due, window). */
  private sync(): void {
    const key = (t: { kind: string; dueAt: number; windowNumber: number | null }) => `${t.kind}|${t.dueAt}|${t.windowNumber}`;
    // The escalation rule's timers: the MDA++ track's own review (issue 18 point 4) escalates nothing and is not modelled.
    const desired = desiredTimers(this.current, new Date(this.now))
      .filter((t) => t.kind !== 'mda-evaluatie')
      .map((t) => ({ kind: t.kind, dueAt: t.dueAt.getTime(), windowNumber: t.windowNumber }));
    const wanted = new Set(desired.map(key));
    const have = new Set(this.pending.map(key));
    this.pending = this.pending.filter((t) => wanted.has(key(t)));
    for (const t of desired) if (!have.has(key(t))) this.pending.push({ ...t, order: this.inserted++ });
  }

  private accept(event: CaseEvent): boolean {
    const decision = decide(this.current, event);
    if (!decision.ok) return false;
    this.snapshot = decision.snapshot;
    this.log.push(event);
    this.sync();
    return true;
  }

  async advanceTo(until: number): Promise<void> {
    for (;;) {
      // claimDueTimer: the oldest due timer (ties: as inserted).
      const timer = [...this.pending].filter((t) => t.dueAt < until).sort((a, b) => a.dueAt - b.dueAt || a.order - b.order)[0];
      if (!timer) break;
      this.now = Math.max(this.now, timer.dueAt);
      // Marked fired before its effect, as the worker does.
      this.pending = this.pending.filter((t) => t !== timer);
      const envelope = { op: iso(this.now), door: SYSTEM_ACTOR };
      const windowNumber = timer.windowNumber ?? 0;
      const event: CaseEvent =
        timer.kind === 'veiligheidsdeadline'
          ? { type: 'casus.opgeschaald', ...envelope, opschalingId: `deadline-${++this.fired}`, reden: 'deadline', toelichting: null, vensterNummer: windowNumber }
          : { type: 'veiligheidsdeadline.herinnerd', ...envelope, vensterNummer: windowNumber };
      this.accept(event);
    }
    this.now = Math.max(this.now, until);
  }

  async apply(action: Action, score: number): Promise<boolean> {
    const op = iso(this.now);
    const context = this.current.context;
    // The context keeps the latest escalation only; the log has them all.
    const escalations = this.log.flatMap((e) => (e.type === 'casus.opgeschaald' ? [e.opschalingId] : []));
    const latestId = context.laatsteOpschaling?.id ?? 'geen';
    switch (action) {
      case 'score':
      case 'score-high':
      case 'score-edge':
      case 'score-low':
        return this.accept(build.score(op, score));
      case 'plan':
        return this.accept(build.plan(op, []));
      case 'analysis':
        return this.accept(build.analysis(op));
      case 'toCauses':
        return this.accept(build.toCauses(op));
      case 'toPrevention':
        return this.accept(build.toPrevention(op));
      case 'toAftercare':
        return this.accept(build.toAftercare(op));
      case 'close':
        return this.accept(build.close(op));
      case 'reopen':
        return this.accept(build.reopen(op, this.policyAt(this.now)));
      case 'incident':
        return this.accept(build.incident(op, this.policyAt(this.now)));
      case 'escalate':
        return this.accept(build.escalate(op, 'handmatig', context.vensters.length, `hand-${this.log.length}`));
      case 'decide-mda':
      case 'decide-back':
        return this.accept(build.decideEscalation(op, latestId, action === 'decide-mda' ? 'mda-traject' : 'terug-naar-lokaal-team', this.policyAt(this.now)));
      case 'decide-stale-mda':
      case 'decide-stale-back': {
        // A decision naming an earlier, decided escalation (e.g. a coordinator's stale screen).
        // (A deadline that joined an escalation by hand made no escalation of its own: any id but the latest will do.)
        const stale = escalations.find((id) => id !== latestId);
        if (!stale) return false;
        return this.accept(build.decideEscalation(op, stale, action === 'decide-stale-mda' ? 'mda-traject' : 'terug-naar-lokaal-team', this.policyAt(this.now)));
      }
      case 'deescalate':
        return this.accept(build.deescalate(op, this.policyAt(this.now)));
      case 'policy':
      case 'wait':
        return false;
    }
  }

  async observe(): Promise<Observed> {
    const snapshot = this.current;
    const w = snapshot.context.vensters[snapshot.context.vensters.length - 1];
    if (!w) throw new Error('no window');
    const events = this.log.map((e) => ({ type: e.type, op: e.op, data: e as unknown as Record<string, unknown> }));
    return {
      phase: phaseOf(snapshot),
      mda: mdaOf(snapshot),
      window: {
        number: w.nummer,
        start: w.start,
        deadline: w.deadline,
        threshold: w.beleid.safetyThreshold,
        policyVersion: w.beleid.version,
        reason: w.reden,
        reachedAt: w.drempelBereiktOp,
      },
      escalations: escalationsFrom(events),
      reminders: remindersFrom(events),
      timers: [...this.pending].sort((a, b) => a.dueAt - b.dueAt || a.order - b.order).map((t) => ({ kind: t.kind, due: iso(t.dueAt), window: t.windowNumber })),
    };
  }
}

describe('the escalation rule against a reference model: domain', () => {
  const coverage = emptyCoverage();

  it('matches the model over random timelines (openCase, decide, desiredTimers, a simulated worker)', async () => {
    const started = performance.now();
    await fc.assert(
      fc.asyncProperty(timelineArbitrary([ACTIONS, CALM_ACTIONS], 1, 60), async (timeline) => {
        await runTimeline(timeline, new DomainSystem(), coverage);
      }),
      { numRuns: 600, seed: SEED },
    );
    console.log(`clock domain: ${coverage.runs} runs in ${Math.round(performance.now() - started)} ms; reached ${JSON.stringify(coverage)}`);
    // The timelines reach the situations the rule is about (not a proof of anything, a guard against a generator gone dull).
    // (A window running out during MDA++ is rare here; the test below pins it.)
    for (const [name, count] of Object.entries(coverage)) if (name !== 'escalatedLate') expect(count, `${name} never reached`).toBeGreaterThan(0);
  });

  const step = (action: StepAction, advance: Advance = { kind: 'none' }, score = 8): Step => ({
    advance,
    action,
    score,
    policy: { threshold: 6, windowMonths: 3, stabilityMonths: 3, reminderDays: 14 },
    policyDelayDays: 0,
  });

  it('an ambiguous local time (the clocks go back): the system takes the second occurrence; the documents do not say', async () => {
    // Opened at 02:30 summer time on 25 July 2026: three months later, 02:30 on 25 October happens twice.
    const system = new DomainSystem();
    const model = await runTimeline({ start: '2026-07-25T00:30:00.000Z', importedDaysBack: null, initialPolicy: null, steps: [step('wait')] }, system);
    expect((await system.observe()).window.deadline).toBe('2026-10-25T01:30:00.000Z'); // 02:30 winter time
    // RFC 5545 (3.3.5) and Temporal's "compatible" would take the first: 02:30 summer time, an hour earlier.
    expect(iso(model.window.start)).toBe('2026-07-25T00:30:00.000Z');
    expect(new Date(new EscalationModel(new PolicyBook(), 'earlier', model.window.start, null).window.deadline).toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('a window that ran out while the case was in MDA++ does not escalate again on hand-back: a new window begins (issue 16)', async () => {
    const start = '2026-01-15T09:00:00.000Z';
    const model = await runTimeline(
      {
        start,
        importedDaysBack: null,
        initialPolicy: null,
        steps: [
          step('plan'),
          step('score-high', { kind: 'days', amount: 1 }),
          step('toCauses'),
          step('escalate', { kind: 'days', amount: 10 }),
          step('decide-mda', { kind: 'days', amount: 2 }),
          // New violence in oorzaken-onderzoeken: window 2, while the case is in MDA++.
          step('incident', { kind: 'days', amount: 5 }),
          // MDA++ runs past window 2's deadline; then the score is 8 again and the coordinator hands back.
          step('score-high', { kind: 'days', amount: 100 }),
          step('deescalate', { kind: 'days', amount: 1 }),
          step('wait', { kind: 'ms', amount: 1 }),
        ],
      },
      new DomainSystem(),
    );
    const handedBack = Date.parse(start) + 119 * DAY_MS;
    expect(model.escalations.map((e) => [e.window, e.reasons.join('+'), iso(e.at)])).toEqual([[1, 'handmatig', iso(Date.parse(start) + 11 * DAY_MS)]]);
    expect(model.windows[1]?.deadline).toBeLessThan(handedBack);
    // The 8 given in window 2 stands: the new window is met from its start, so nothing is armed.
    expect(model.window).toMatchObject({ number: 3, reason: 'afgeschaald', start: handedBack, reachedAt: handedBack });
    expect(model.timers()).toEqual([]);
  });

  it('a 6 that falls back: before its deadline the deadline stands again; after a met deadline a new window (issue 16)', async () => {
    const start = '2026-01-15T09:00:00.000Z';
    const steps = [
      step('score-high', { kind: 'days', amount: 10 }),
      step('score-low', { kind: 'days', amount: 20 }, 0),
      step('wait', { kind: 'to', target: 'deadline', offsetMs: 1 }),
    ];
    const before = await runTimeline({ start, importedDaysBack: null, initialPolicy: null, steps }, new DomainSystem());
    expect(before.windows).toHaveLength(1);
    expect(before.escalations.map((e) => e.reasons.join('+'))).toEqual(['deadline']);
    expect(before.reminders).toHaveLength(1);
    const after = await runTimeline(
      { start, importedDaysBack: null, initialPolicy: null, steps: [step('score-high', { kind: 'days', amount: 10 }), step('score-low', { kind: 'days', amount: 100 }, 0), step('wait', { kind: 'days', amount: 1 })] },
      new DomainSystem(),
    );
    expect(after.escalations).toEqual([]);
    expect(after.window).toMatchObject({ number: 2, reason: 'terugval', start: Date.parse(start) + 110 * DAY_MS, reachedAt: null });
  });
});

/**
 * FAILS (a finding, kept failing on purpose): the machine's `opgeschaald`
 * state takes a decision event whatever escalation it names
 * (packages/domain/src/case/machine.ts, mda.opgeschaald has no guard), so a
 * decision naming an earlier, decided escalation is accepted: it rewrites
 * that escalation's decision, leaves the open one undecided and moves the
 * MDA++ track. docs/domain.md says "a decision on a decided escalation is
 * refused (opschaling.al-besloten, rule wachtOpBesluit)". The service is not
 * affected: decideEscalation (services/api/src/escalations/use-cases.ts)
 * refuses an escalation whose row is not `open` before the machine decides.
 */
describe('the escalation rule against a reference model: decisions on an earlier escalation (domain)', () => {
  it('refuses a decision that names an escalation already decided (docs/domain.md: opschaling.al-besloten)', async () => {
    const actions: StepAction[] = [...ACTIONS, 'decide-stale-mda', 'decide-stale-back', 'decide-stale-mda', 'decide-stale-back'];
    await fc.assert(
      fc.asyncProperty(timelineArbitrary([actions], 1, 30), async (timeline) => {
        await runTimeline(timeline, new DomainSystem());
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});

// ------------------------------------------------------------------ level 2: the service

const STATUSES: readonly EscalationStatus[] = ['open', 'mda-traject', 'terug-naar-lokaal-team', 'afgeschaald'];

/** The whole service over HTTP on the real test database, the clock moved by hand, timers fired by the worker. */
class ServiceSystem implements System {
  private readonly mw: Client;
  private readonly coordinator: Client;
  private readonly regionAdmin: Client;
  private readonly importer: Client;
  private caseId = '';

  constructor(
    private readonly t: TestApp,
    /** Each timeline's case in its own municipality, so the queue can be read per timeline. */
    private readonly gemeente: string,
  ) {
    this.mw = clientFor(t, { gemeenten: [gemeente] });
    this.coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    this.regionAdmin = clientFor(t, { sub: 'regiobeheer-1', rol: 'regiobeheerder', organisatie: 'Regio Gelderland-Zuid', gemeenten: [] });
    this.importer = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis', gemeenten: [gemeente] });
  }

  /** Between timelines: the region's policy versions go, and earlier cases' timers are switched off. */
  static async reset(t: TestApp): Promise<void> {
    await t.database.handle.pool.query('DELETE FROM policy_versions');
    await t.database.handle.pool.query('UPDATE timers SET cancelled_at = now() WHERE fired_at IS NULL AND cancelled_at IS NULL');
  }

  private get base() {
    return `/v1/casussen/${this.caseId}`;
  }

  async adoptPolicy(policy: PolicyDraft, validFrom: number): Promise<void> {
    const response = await this.regionAdmin.request('POST', '/v1/beleid', {
      body: { drempel: policy.threshold, vensterMaanden: policy.windowMonths, stabiliteitMaanden: policy.stabilityMonths, herinneringDagenVoorDeadline: policy.reminderDays, geldigVanaf: iso(validFrom), reden: 'Tijdlijn van de klokproef' },
    });
    expect(response.statusCode, response.body).toBe(201);
  }

  async open(at: number, importedDate: string | null): Promise<void> {
    this.t.clock.set(new Date(at));
    const body = { ...household, gemeente: this.gemeente };
    const response =
      importedDate === null
        ? await this.mw.request('POST', '/v1/casussen', { body })
        : await this.importer.request('POST', '/v1/casussen', { body: { ...body, startdatum: importedDate, regisseur: { id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' } } });
    expect(response.statusCode, response.body).toBe(201);
    this.caseId = response.json().id;
  }

  async advanceTo(until: number): Promise<void> {
    // A worker that polls all the time: the clock stops at each due timer, oldest first.
    for (;;) {
      const { rows } = await this.t.database.handle.pool.query<{ due: Date | null }>(
        'SELECT min(due_at) AS due FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at < $1',
        [new Date(until)],
      );
      const due = rows[0]?.due;
      if (!due) break;
      this.t.clock.set(new Date(Math.max(due.getTime(), this.t.clock.now().getTime())));
      const fired = await fireDueTimers({ db: this.t.database.handle.db, clock: this.t.clock });
      expect(fired, 'a due timer did not fire').toBeGreaterThan(0);
    }
    this.t.clock.set(new Date(Math.max(until, this.t.clock.now().getTime())));
  }

  async apply(action: Action, score: number): Promise<boolean> {
    const view = (await this.mw.get(this.base)).json();
    const version: number = view.versie;
    const write = (method: 'POST' | 'PUT', path: string, body: unknown) => this.mw.write(method, `${this.base}${path}`, version, body);
    const phase = (naar: string) => write('POST', '/faseovergangen', { naar });
    let response;
    switch (action) {
      case 'score':
      case 'score-high':
      case 'score-edge':
      case 'score-low':
        response = await write('POST', '/veiligheidsscores', toplist(score));
        break;
      case 'plan':
        response = await write('PUT', '/veiligheidsplan', { afspraken: [], akkoordHuishouden: { akkoord: 'ja' } });
        break;
      case 'analysis':
        response = await write('POST', '/verklarende-analyse', { toelichting: 'Verklarende analyse', problemen: ['schulden'] });
        break;
      case 'toCauses':
        response = await phase('oorzaken-onderzoeken');
        break;
      case 'toPrevention':
        response = await phase('blijvend-voorkomen');
        break;
      case 'toAftercare':
        response = await phase('nazorg');
        break;
      case 'close':
        response = await write('POST', '/afsluiting', { reden: 'stabiel-veilig' });
        break;
      case 'reopen':
        response = await write('POST', '/heropening', { reden: 'Nieuwe melding' });
        break;
      case 'incident':
        // Sometimes reported hours after it happened: the window starts at the report.
        response = await write('POST', '/incidenten', { tijdstip: new Date(this.t.clock.now().getTime() - (score % 4) * HOUR_MS).toISOString(), soort: 'fysiek', omschrijving: 'Politiemelding' });
        break;
      case 'escalate':
        response = await write('POST', '/opschalingen', { reden: 'Zorgen over de veiligheid' });
        break;
      case 'decide-mda':
      case 'decide-back':
      case 'decide-stale-mda':
      case 'decide-stale-back': {
        const id: string | undefined = view.laatsteOpschaling?.id;
        if (!id) return false;
        const back = action.endsWith('back');
        response = await this.coordinator.request('POST', `/v1/opschalingen/${id}/besluit`, {
          body: { besluit: back ? 'terug-naar-lokaal-team' : 'mda-traject', motivering: 'Besproken', ...(back ? { advies: 'Inzet huisarts' } : {}) },
        });
        break;
      }
      case 'deescalate':
        response = await this.coordinator.write('POST', `${this.base}/afschaling`, version, { reden: 'Score weer op drempel' });
        // The coordinator does not see a case that is not escalated.
        if (response.statusCode === 404 && view.mda === 'geen') return false;
        break;
      case 'policy':
      case 'wait':
        return false;
    }
    if (response.statusCode < 300) return true;
    expect([409, 422], `${action}: ${response.body}`).toContain(response.statusCode);
    return false;
  }

  async observe(): Promise<Observed> {
    const view = (await this.mw.get(this.base)).json();
    const timeline = (await this.mw.get(`${this.base}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string; op: string; gegevens: Record<string, unknown> }) => ({
      type: e.type,
      op: e.op,
      data: e.gegevens,
    }));
    const { rows } = await this.t.database.handle.pool.query<{ kind: string; due_at: Date; window_number: number | null }>(
      `SELECT kind, due_at, window_number FROM timers
        WHERE case_id = $1 AND fired_at IS NULL AND cancelled_at IS NULL AND kind IN ('veiligheidsdeadline', 'herinnering-deadline')
        ORDER BY due_at`,
      [this.caseId],
    );
    return {
      phase: view.fase,
      mda: view.mda,
      window: {
        number: view.venster.nummer,
        start: view.venster.start,
        deadline: view.venster.deadline,
        threshold: view.venster.drempel,
        policyVersion: view.venster.beleidsversie,
        reason: view.venster.reden,
        reachedAt: view.venster.drempelBereiktOp,
      },
      escalations: escalationsFrom(timeline),
      reminders: remindersFrom(timeline),
      timers: rows.map((r) => ({ kind: r.kind, due: r.due_at.toISOString(), window: r.window_number })),
    };
  }

  async queue(): Promise<Observed['escalations']> {
    const all: Observed['escalations'][number][] = [];
    for (const status of STATUSES) {
      const response = await this.coordinator.get(`/v1/opschalingen?status=${status}&gemeente=${encodeURIComponent(this.gemeente)}&paginaGrootte=100`);
      expect(response.statusCode, response.body).toBe(200);
      for (const item of response.json().opschalingen as { casusId: string; vensterNummer: number; redenen: string[]; opgeschaaldOp: string; status: EscalationStatus }[]) {
        if (item.casusId === this.caseId) all.push({ window: item.vensterNummer, reasons: item.redenen.join('+'), at: item.opgeschaaldOp, status: item.status });
      }
    }
    return all;
  }
}

/** Each timeline's own municipality (Gemeente A, B, …, AA, …): names are letters only, and the region must list them. */
const TIMELINE_MUNICIPALITIES = Array.from({ length: 500 }, (_, index) => {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Gemeente ${letters}`;
});

describe('the escalation rule against a reference model: service', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000', GEMEENTEN: municipalitiesSettingFor(TIMELINE_MUNICIPALITIES) } });
  });
  afterAll(async () => t.close());

  it('matches the model over random timelines through the HTTP API, the timers table and the worker', async () => {
    const started = performance.now();
    const coverage = emptyCoverage();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(timelineArbitrary([ACTIONS, CALM_ACTIONS], 15, 30), async (timeline) => {
        await ServiceSystem.reset(t);
        t.clock.set(new Date(timeline.start));
        const municipality = TIMELINE_MUNICIPALITIES[run++];
        if (!municipality) throw new Error('more timelines than municipalities in the region');
        await runTimeline(timeline, new ServiceSystem(t, municipality), coverage);
      }),
      { numRuns: 30, seed: SEED },
    );
    console.log(`clock service: ${coverage.runs} runs, ${coverage.steps} steps in ${Math.round(performance.now() - started)} ms; reached ${JSON.stringify(coverage)}`);
  }, 300_000);
});
