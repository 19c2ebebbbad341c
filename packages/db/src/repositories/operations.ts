/**
 * Region-wide figures for the operators' metrics (services/api/src/metrics):
 * counts only, never case data. They run on the pool, outside any request.
 */
import type pg from 'pg';

/** Open cases per phase. */
export async function openCasesByPhase(pool: pg.Pool): Promise<{ phase: string; n: number }[]> {
  const result = await pool.query<{ phase: string; n: number }>("SELECT phase, count(*)::int AS n FROM cases WHERE phase <> 'afgesloten' GROUP BY phase");
  return result.rows;
}

/** Timers not yet fired: all, those due at `now`, and how long the oldest due one has waited (seconds). */
export async function timerFigures(pool: pg.Pool, now: Date): Promise<{ due: number; pending: number; lag: number | null } | undefined> {
  const result = await pool.query<{ due: number; pending: number; lag: number | null }>(
    `SELECT count(*) FILTER (WHERE due_at <= $1)::int AS due, count(*)::int AS pending,
            extract(epoch FROM $1 - min(due_at) FILTER (WHERE due_at <= $1))::float AS lag
     FROM timers WHERE fired_at IS NULL AND cancelled_at IS NULL`,
    [now],
  );
  return result.rows[0];
}

/** The webhook outbox: waiting, waiting after a failed attempt, given up. */
export async function outboxFigures(pool: pg.Pool): Promise<{ waiting: number; retrying: number; failed: number } | undefined> {
  const result = await pool.query<{ waiting: number; retrying: number; failed: number }>(
    `SELECT count(*) FILTER (WHERE status = 'wachtend')::int AS waiting,
            count(*) FILTER (WHERE status = 'wachtend' AND attempts > 0)::int AS retrying,
            count(*) FILTER (WHERE status = 'mislukt')::int AS failed
     FROM deliveries WHERE status IN ('wachtend', 'mislukt')`,
  );
  return result.rows[0];
}
