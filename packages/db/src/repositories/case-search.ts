/**
 * The search rows of a case's members (issue 17 point 2; schema.ts,
 * case_search): written with every change of its members, in the change's
 * transaction. Names are normalised by the database (vs_search_text:
 * lower case, accents removed by unaccent), the same function a search
 * normalises its term with, so both sides always agree.
 */
import { sql } from 'drizzle-orm';
import type { Transaction } from '../executor.js';

export interface SearchMember {
  readonly memberId: string;
  /** The display name. */
  readonly name: string;
  readonly birthDate: string | null;
  /** The partners this member's data is withheld from (consent.ts withholdingKeyTexts): their search does not find the member. */
  readonly withheldFrom: readonly string[];
}

/**
 * Makes the case's search rows exactly its members: one statement (members
 * gone removed, the others written or rewritten), the members as one jsonb
 * parameter so the text never varies.
 */
export async function replaceCaseSearch(tx: Transaction, caseId: string, members: readonly SearchMember[]): Promise<void> {
  const rows = JSON.stringify(members.map((m) => ({ member_id: m.memberId, name: m.name, birth_date: m.birthDate, withheld_from: m.withheldFrom })));
  await tx.execute(sql`
    WITH members AS (SELECT * FROM jsonb_to_recordset(${rows}::jsonb) AS r(member_id text, name text, birth_date date, withheld_from text[])),
    gone AS (DELETE FROM case_search s WHERE s.case_id = ${caseId} AND s.member_id NOT IN (SELECT member_id FROM members))
    INSERT INTO case_search (case_id, member_id, name, birth_date, withheld_from)
    SELECT ${caseId}, member_id, vs_search_text(name), birth_date, withheld_from FROM members
    ON CONFLICT (case_id, member_id) DO UPDATE SET name = excluded.name, birth_date = excluded.birth_date, withheld_from = excluded.withheld_from`);
}
