/**
 * Which tables a request wrote to, cheaply: a write journal in this test
 * file's own database (a clone of the migrated template, dropped afterwards).
 * A row trigger on every table counts, per table, the rows inserted, updated
 * or deleted by committed transactions; a rolled-back write leaves no count,
 * so "the database unchanged" is "no count moved". Reading it is one query
 * on a table of a few rows, so it can run after each of 10,000 requests.
 *
 * Stricter than comparing contents: a write that puts back what was there
 * counts as a write too.
 *
 * Two tables are split by what was written, because refusals of inbound
 * messages keep a receipt by design (services/api/src/routes/berichten.ts):
 * `messages:<status>` (so `messages:afgewezen` can be allowed and an
 * accepted message cannot slip through), and the access log, which logs
 * refusals by design (NEN 7513), is just another entry to compare apart.
 */
import type pg from 'pg';

const JOURNAL = 'hostile_write_journal';

export async function installWriteJournal(client: pg.Client): Promise<string[]> {
  const tables = await tablesOf(client);
  await client.query(`CREATE TABLE ${JOURNAL} (entry text PRIMARY KEY, writes bigint NOT NULL)`);
  // SECURITY DEFINER: the app writes as the file's service role, which has no rights on this table.
  await client.query(`
    CREATE FUNCTION ${JOURNAL}() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER AS $$
    DECLARE
      written text := TG_TABLE_NAME;
    BEGIN
      IF TG_TABLE_NAME = 'messages' AND TG_OP <> 'DELETE' THEN
        written := 'messages:' || NEW.status;
      END IF;
      INSERT INTO ${JOURNAL} AS j (entry, writes) VALUES (written, 1) ON CONFLICT (entry) DO UPDATE SET writes = j.writes + 1;
      RETURN NULL;
    END;
    $$`);
  for (const table of tables) {
    const name = client.escapeIdentifier(table);
    await client.query(`CREATE TRIGGER ${JOURNAL} AFTER INSERT OR UPDATE OR DELETE ON ${name} FOR EACH ROW EXECUTE FUNCTION ${JOURNAL}()`);
    await client.query(`CREATE TRIGGER ${JOURNAL}_truncate AFTER TRUNCATE ON ${name} FOR EACH STATEMENT EXECUTE FUNCTION ${JOURNAL}()`);
  }
  return tables;
}

export type Journal = ReadonlyMap<string, number>;

export async function readJournal(client: pg.Client): Promise<Journal> {
  const result = await client.query<{ entry: string; writes: string }>(`SELECT entry, writes FROM ${JOURNAL}`);
  return new Map(result.rows.map((row) => [row.entry, Number(row.writes)]));
}

/** Rows written per journal entry between two readings. */
export function writesBetween(before: Journal, after: Journal): Map<string, number> {
  const writes = new Map<string, number>();
  for (const [entry, count] of after) {
    const delta = count - (before.get(entry) ?? 0);
    if (delta !== 0) writes.set(entry, delta);
  }
  return writes;
}

/** The tables of the database (public schema). */
export async function tablesOf(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${JOURNAL}' ORDER BY table_name`,
  );
  return result.rows.map((row) => row.table_name);
}

/** Tables that have the journal's trigger. */
export async function journalledTables(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ table_name: string }>(
    `SELECT DISTINCT event_object_table AS table_name FROM information_schema.triggers WHERE trigger_name = '${JOURNAL}' ORDER BY 1`,
  );
  return result.rows.map((row) => row.table_name);
}
