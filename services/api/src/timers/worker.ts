/**
 * The durable timer worker. Each poll claims due timers one at a time with
 * FOR UPDATE SKIP LOCKED and fires each in its own transaction together with
 * its effect on the case, so a timer fires exactly once however many
 * instances poll, and a worker that dies mid-transaction loses nothing: its
 * lock is released and the timer is claimed again on a later poll.
 *
 * Lock order: a case command locks the case, then its timers; the worker
 * holds a timer and so never waits for a case (SKIP LOCKED): when the case
 * is busy it lets go and tries again on the next poll. No deadlock.
 */
import {
  caseExists,
  claimDueTimer,
  lockCase,
  markFollowUpDue,
  markTimerFired,
  postponeTimer,
  type Database,
  type TimerRow,
  type Transaction,
} from '@veilig-samen/db';
import { restoreCase, SYSTEM_ACTOR, type Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';
import { deadlineTimerFired } from '../cases/commands.js';
import { tryApplyCaseEvent } from '../cases/use-cases.js';
import { newTraceparent, withChangeTrace } from '../logging/change-trace.js';
import { safeError } from '../logging/logger.js';

export interface TimerWorkerDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly logger?: FastifyBaseLogger;
}

/** Fires due timers until none is left or `limit` have fired; returns how many fired. */
export async function fireDueTimers(deps: TimerWorkerDeps, limit = 500): Promise<number> {
  let fired = 0;
  // Timers whose case was busy: left for the next poll, not retried in this one.
  const busy: string[] = [];
  while (fired < limit) {
    const claimed = await fireOne(deps, busy);
    if (claimed === 'none') break;
    if (claimed === 'fired') fired++;
  }
  return fired;
}

/** Thrown inside the transaction when the case (or escalation) is held by someone else. */
class Busy extends Error {}

async function fireOne(deps: TimerWorkerDeps, busy: string[]): Promise<'none' | 'fired' | 'failed' | 'busy'> {
  const now = deps.clock.now();
  let timer: TimerRow | undefined;
  // Each firing is a change of its own: a trace of its own, logged and sent with the deliveries it makes.
  const traceparent = newTraceparent();
  try {
    const outcome = await withChangeTrace(traceparent, () => deps.db.transaction(async (tx) => {
      timer = await claimDueTimer(tx, now, busy);
      if (!timer) return undefined;
      // Marked fired first, so the case command's timer sync leaves it alone.
      await markTimerFired(tx, timer.id, now, 'bezig');
      const result = await fire(tx, timer, now);
      await markTimerFired(tx, timer.id, now, result);
      return result;
    }));
    if (outcome === undefined) return 'none';
    deps.logger?.info({ timer: timer?.id, kind: timer?.kind, caseId: timer?.caseId, outcome, traceparent }, 'timer fired');
    return 'fired';
  } catch (error) {
    if (!timer) throw error;
    if (error instanceof Busy) {
      busy.push(timer.id);
      return 'busy';
    }
    // An unexpected failure: the transaction rolled back; try this timer again later.
    const attempts = timer.attempts + 1;
    const delayMs = Math.min(3_600_000, 5_000 * 2 ** Math.min(attempts, 10));
    // Only the error's type and codes are kept: its message may hold case data.
    const described = safeError(error);
    await postponeTimer(deps.db, timer.id, new Date(now.getTime() + delayMs), JSON.stringify({ type: described.type, code: described.code, pgCode: described.pgCode }));
    deps.logger?.error({ error: described, timer: timer.id, attempts }, 'timer failed; postponed');
    return 'failed';
  }
}

/** The effect of one timer, inside the claiming transaction; returns the outcome to record. */
async function fire(tx: Transaction, timer: TimerRow, now: Date): Promise<string> {
  if (timer.kind === 'opvolging') {
    if (timer.escalationId && !(await markFollowUpDue(tx, timer.escalationId, now))) throw new Busy();
    return 'opvolging-verlopen';
  }
  const row = await lockCase(tx, timer.caseId, { skipLocked: true });
  if (!row) {
    if (await caseExists(tx, timer.caseId)) throw new Busy();
    return 'casus-ontbreekt';
  }
  const snapshot = restoreCase(row.state);
  const event = deadlineTimerFired({ body: { kind: timer.kind, vensterNummer: timer.windowNumber ?? 0 }, snapshot, now, actor: SYSTEM_ACTOR });
  const applied = await tryApplyCaseEvent(tx, row, snapshot, event, now);
  // The machine refused: the case no longer needs this timer (threshold reached, already escalated, closed); its guard's code is the outcome.
  if (!applied.ok) return applied.refusal.code;
  if (timer.kind === 'mda-evaluatie') return 'evaluatie-klaargezet';
  return timer.kind === 'veiligheidsdeadline' ? 'opgeschaald' : timer.kind.startsWith('regiewissel') ? 'gesignaleerd' : 'herinnerd';
}
