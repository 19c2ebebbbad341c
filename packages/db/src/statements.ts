/**
 * Named statements for the hot paths (issue 15): a case command's lock and
 * write, a case read, an access-log append. Each has one fixed text, built
 * once when the module loads, and a name: node-postgres parses it once per
 * connection and afterwards only binds and executes it, and PostgreSQL keeps
 * the parsed statement (and, once it chooses one, a generic plan) for the
 * connection's life. Where the number of rows varies (timers, deliveries,
 * log rows), they travel as one jsonb parameter that the statement unpacks,
 * so the text never varies. Nor does any per-request query building run in
 * drizzle: the values go straight to the driver.
 *
 * A new connection (after a database restart, say) knows none of them; the
 * driver keeps track per connection and parses again on first use. The names
 * must be unique: node-postgres refuses one name with two texts.
 */
import { getTableColumns, type Table } from 'drizzle-orm';
import type { Executor } from './executor.js';

export interface NamedStatement {
  readonly name: string;
  readonly text: string;
}

const names = new Set<string>();

/** Declares a statement; a second statement with the same name is a programming error, found at load. */
export function namedStatement(name: string, text: string): NamedStatement {
  if (names.has(name)) throw new Error(`named statement ${name} declared twice`);
  names.add(name);
  return { name, text };
}

/**
 * Runs the statement on the executor's connection (a transaction's, or any
 * of the pool's) with these positional values; the rows come back as the
 * driver gives them (timestamps as text, json parsed), as `execute` does.
 */
export async function runStatement<R extends Record<string, unknown>>(db: Executor, statement: NamedStatement, values: readonly unknown[]): Promise<R[]> {
  const query = db._.session.prepareQuery<{ execute: { rows: R[] }; all: unknown; values: unknown }>(
    { sql: statement.text, params: [...values] },
    undefined,
    statement.name,
    false,
  );
  return (await query.execute()).rows;
}

/** The table's columns as a select list (`alias.column`, in the table's order), for a statement's fixed text. */
export function columnList(table: Table, alias: string): string {
  return Object.values(getTableColumns(table))
    .map((column) => `${alias}."${column.name}"`)
    .join(', ');
}

/**
 * Maps a driver row (columns by their SQL names) to the table's row type,
 * through each column's own decoder, as drizzle maps its selects.
 */
export function rowDecoder<T extends Table>(table: T): (raw: Record<string, unknown>) => T['$inferSelect'] {
  const columns = Object.entries(getTableColumns(table));
  return (raw) => {
    const row: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = raw[column.name];
      row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
    }
    return row;
  };
}
