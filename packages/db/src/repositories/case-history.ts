/**
 * A case's history as its event log holds it: the series the snapshot no
 * longer carries (machine version 3: every score, plan version, incident).
 * Each read takes the events of some types through the (case_id, type, seq)
 * index, up to the version of the case row it belongs to, so an answer never
 * mixes a row with events written after it; the domain (history.ts) turns
 * the payloads into scores, incidents and plan versions.
 */
import type { StoredCaseEvent } from '@veilig-samen/domain';
import { sql } from 'drizzle-orm';
import { offsetOf, type Executor, type Page } from '../executor.js';

/** Where in a case's log: its id, and the version (last seq) of the row being answered. */
export interface CaseLogPosition {
  readonly caseId: string;
  readonly version: number;
}

/** A page (by number) of the payloads of a case's events of these types, oldest first, and how many there are. */
export async function caseEventsOfTypes(
  db: Executor,
  at: CaseLogPosition,
  types: readonly string[],
  page: Page,
): Promise<{ readonly payloads: StoredCaseEvent[]; readonly total: number }> {
  const matching = sql`case_id = ${at.caseId}::uuid AND type = ANY(${sql.param([...types])}::text[]) AND seq <= ${at.version}`;
  // One statement: the page and the total.
  const result = await db.execute<{ total: number; payloads: StoredCaseEvent[] }>(sql`
    SELECT (SELECT count(*)::integer FROM case_events WHERE ${matching}) AS total,
           (SELECT coalesce(jsonb_agg(p.payload ORDER BY p.seq), '[]'::jsonb)
              FROM (SELECT payload, seq FROM case_events WHERE ${matching} ORDER BY seq OFFSET ${offsetOf(page)} LIMIT ${page.pageSize}) p) AS payloads`);
  const row = result.rows[0];
  return { payloads: row?.payloads ?? [], total: row?.total ?? 0 };
}

/**
 * The last `last` events of one type of each of these cases (each case up to
 * its own version), oldest first per case: one statement for a page of cases.
 */
export async function latestCaseEventsOfType(
  db: Executor,
  at: readonly CaseLogPosition[],
  type: string,
  last: number,
): Promise<Map<string, StoredCaseEvent[]>> {
  const byCase = new Map<string, StoredCaseEvent[]>(at.map((position) => [position.caseId, []]));
  if (at.length === 0) return byCase;
  const result = await db.execute<{ case_id: string; payload: StoredCaseEvent }>(sql`
    SELECT c.case_id, e.payload
    FROM unnest(${sql.param(at.map((p) => p.caseId))}::uuid[], ${sql.param(at.map((p) => p.version))}::integer[]) AS c(case_id, version)
    CROSS JOIN LATERAL (
      SELECT payload, seq FROM case_events
      WHERE case_id = c.case_id AND type = ${type} AND seq <= c.version
      ORDER BY seq DESC LIMIT ${last}
    ) e
    ORDER BY c.case_id, e.seq`);
  for (const row of result.rows) byCase.get(row.case_id)?.push(row.payload);
  return byCase;
}

/**
 * The events that make version `versie` of a case's safety plan: its
 * adoption (`adoptionType`), and every event of `types` after it until the
 * next adoption. Empty when the case has no such version.
 */
export async function planVersionEvents(db: Executor, at: CaseLogPosition, adoptionType: string, types: readonly string[], versie: number): Promise<StoredCaseEvent[]> {
  const result = await db.execute<{ payload: StoredCaseEvent }>(sql`
    WITH adoptions AS (
      SELECT seq FROM case_events WHERE case_id = ${at.caseId}::uuid AND type = ${adoptionType} AND seq <= ${at.version}
      ORDER BY seq OFFSET ${versie - 1} LIMIT 2
    )
    SELECT payload FROM case_events
    WHERE case_id = ${at.caseId}::uuid AND type = ANY(${sql.param([...types])}::text[]) AND seq <= ${at.version}
      AND seq >= (SELECT min(seq) FROM adoptions)
      AND (seq < (SELECT seq FROM adoptions ORDER BY seq OFFSET 1 LIMIT 1) OR (SELECT count(*) FROM adoptions) < 2)
    ORDER BY seq`);
  return result.rows.map((row) => row.payload);
}
