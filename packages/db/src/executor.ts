/**
 * The types every repository takes and the paging helpers they share: in a
 * module of their own rather than in the cases repository, which every other
 * repository then had to import (issue 15, point 4).
 */
import type { Database } from './client.js';

/** An open transaction: repositories that must run inside one take this. */
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** The pool's drizzle instance or a transaction: the use-case decides the transaction boundary. */
export type Executor = Database | Transaction;

export interface Page {
  readonly page: number;
  readonly pageSize: number;
}

/** The rows before a numbered page (bounded by the route: pagina ≤ 100, paginaGrootte ≤ 100). */
export const offsetOf = (page: Page): number => (page.page - 1) * page.pageSize;

/** A page's rows and the list's total, both queries sent at once. */
export async function withTotal<T>(rows: PromiseLike<T[]>, totals: PromiseLike<{ total: number }[]>): Promise<{ rows: T[]; total: number }> {
  const [found, counted] = await Promise.all([rows, totals]);
  return { rows: found, total: counted[0]?.total ?? 0 };
}
