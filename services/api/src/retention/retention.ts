/**
 * The retention job: cases closed longer ago than RETENTION_YEARS are removed
 * with their events, timers, escalations, keys and network. Runs daily in the
 * background work; `pnpm retention -- --dry-run` lists what would go.
 */
import { deleteExpiredCase, expiredCases, type Database, type ExpiredCase } from '@veilig-samen/db';
import { addCalendarMonths, type Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';

export interface RetentionDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly retentionYears: number;
  readonly logger?: FastifyBaseLogger;
}

export function retentionCutoff(now: Date, years: number): Date {
  return addCalendarMonths(now, -12 * years);
}

export async function runRetention(deps: RetentionDeps, options: { dryRun: boolean }): Promise<ExpiredCase[]> {
  const cutoff = retentionCutoff(deps.clock.now(), deps.retentionYears);
  const expired = await expiredCases(deps.db, cutoff);
  if (options.dryRun) return expired;
  const removed: ExpiredCase[] = [];
  for (const item of expired) {
    if (await deleteExpiredCase(deps.db, item.id, cutoff)) removed.push(item);
  }
  if (removed.length > 0) deps.logger?.info({ removed: removed.length, cutoff: cutoff.toISOString() }, 'retention: expired cases removed');
  return removed;
}

/**
 * The day a closed case is due for removal (the ZGW export's
 * archiefactiedatum): its closure plus RETENTION_YEARS, as runRetention counts.
 */
export function retentionEndsAt(closedAt: Date, years: number): Date {
  return addCalendarMonths(closedAt, 12 * years);
}
