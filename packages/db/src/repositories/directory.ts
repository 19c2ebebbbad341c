/**
 * SQL for the professionals the service knows and their substitutes (issue
 * 16 point 14, migration 0022).
 */
import { and, asc, count, eq, gt, ilike, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { cases, professionals, substitutions } from '../schema.js';
import { offsetOf, withTotal, type Executor, type Page } from '../executor.js';

export type ProfessionalRow = typeof professionals.$inferSelect;
export type SubstitutionRow = typeof substitutions.$inferSelect;

export interface SeenProfessional {
  readonly sub: string;
  readonly name: string | null;
  readonly organisation: string;
  readonly oin: string | null;
  readonly role: string;
  readonly municipalities: readonly string[];
}

/** Records what a verified token said about its subject; the first sighting stays, the rest is the latest. */
export async function upsertProfessional(db: Executor, seen: SeenProfessional, now: Date): Promise<void> {
  await db
    .insert(professionals)
    .values({ ...seen, municipalities: [...seen.municipalities], firstSeenAt: now, lastSeenAt: now })
    .onConflictDoUpdate({
      target: professionals.sub,
      set: {
        // A token without a name does not erase the one an earlier token gave.
        name: sql`coalesce(excluded.name, ${professionals.name})`,
        organisation: sql`excluded.organisation`,
        oin: sql`excluded.oin`,
        role: sql`excluded.role`,
        municipalities: sql`excluded.municipalities`,
        lastSeenAt: sql`greatest(excluded.last_seen_at, ${professionals.lastSeenAt})`,
      },
    });
}

export async function findProfessional(db: Executor, sub: string): Promise<ProfessionalRow | undefined> {
  const [row] = await db.select().from(professionals).where(eq(professionals.sub, sub)).limit(1);
  return row;
}

export interface ProfessionalFilter {
  /** Only professionals working for one of these municipalities; undefined: all (region-wide roles). */
  readonly municipalities?: readonly string[] | undefined;
  /** Part of the name or the subject, case-insensitive. */
  readonly search?: string | undefined;
  readonly role?: string | undefined;
  /** With those marked as gone (default: without). */
  readonly withGone?: boolean | undefined;
}

/** A page of the directory, by name (then subject). */
export async function listProfessionals(db: Executor, filter: ProfessionalFilter, page: Page): Promise<{ rows: ProfessionalRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (filter.municipalities) conditions.push(sql`${professionals.municipalities} && ${sql.param([...filter.municipalities])}::text[]`);
  if (filter.search) {
    // LIKE's own wildcards in the search text are matched as themselves.
    const pattern = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const either = or(ilike(professionals.name, pattern), ilike(professionals.sub, pattern));
    if (either) conditions.push(either);
  }
  if (filter.role) conditions.push(eq(professionals.role, filter.role));
  if (!filter.withGone) conditions.push(isNull(professionals.goneAt));
  const where = and(...conditions);
  return withTotal(
    db
      .select()
      .from(professionals)
      .where(where)
      .orderBy(sql`${professionals.name} ASC NULLS LAST`, asc(professionals.sub))
      .limit(page.pageSize)
      .offset(offsetOf(page)),
    db.select({ total: count() }).from(professionals).where(where),
  );
}

/** Marks the professional as gone; false when unknown or already gone. */
export async function markProfessionalGone(db: Executor, sub: string, by: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(professionals)
    .set({ goneAt: now, goneBy: by })
    .where(and(eq(professionals.sub, sub), isNull(professionals.goneAt)))
    .returning({ sub: professionals.sub });
  return rows.length > 0;
}

/** Undoes marking as gone; false when unknown or not gone. */
export async function unmarkProfessionalGone(db: Executor, sub: string): Promise<boolean> {
  const rows = await db
    .update(professionals)
    .set({ goneAt: null, goneBy: null })
    .where(and(eq(professionals.sub, sub), sql`${professionals.goneAt} IS NOT NULL`))
    .returning({ sub: professionals.sub });
  return rows.length > 0;
}

/**
 * Everyone marked as gone, with the municipalities whose beheer did it (the
 * marking beheerder's municipalities the professional shares; else the
 * professional's own): what a gone caller's refusal names.
 */
export async function goneProfessionals(db: Executor): Promise<{ sub: string; municipalities: string[] }[]> {
  const by = sql`(SELECT b.municipalities FROM ${professionals} b WHERE b.sub = ${professionals.goneBy})`;
  return db
    .select({
      sub: professionals.sub,
      municipalities: sql<string[]>`coalesce(nullif(ARRAY(SELECT unnest(${professionals.municipalities}) INTERSECT SELECT unnest(${by}) ORDER BY 1), '{}'), ${professionals.municipalities})`,
    })
    .from(professionals)
    .where(sql`${professionals.goneAt} IS NOT NULL`);
}

/** The open cases this professional directs (in these municipalities; undefined: anywhere): their id, municipality and version. */
export async function openCasesDirectedBy(
  db: Executor,
  sub: string,
  municipalities?: readonly string[],
): Promise<{ id: string; municipality: string; version: number }[]> {
  const where = [eq(cases.regisseurId, sub), ne(cases.phase, 'afgesloten')];
  if (municipalities) where.push(sql`${cases.municipality} = ANY(${sql.param([...municipalities])}::text[])`);
  return db
    .select({ id: cases.id, municipality: cases.municipality, version: cases.version })
    .from(cases)
    .where(and(...where))
    .orderBy(asc(cases.openedAt), asc(cases.id));
}

/** The regisseur's standing (not cancelled) substitution, current or planned. */
export async function standingSubstitution(db: Executor, regisseurSub: string): Promise<SubstitutionRow | undefined> {
  const [row] = await db
    .select()
    .from(substitutions)
    .where(and(eq(substitutions.regisseurSub, regisseurSub), isNull(substitutions.cancelledAt)))
    .limit(1);
  return row;
}

/** Replaces the regisseur's standing substitution (if any) by this one. */
export async function replaceSubstitution(db: Executor, row: typeof substitutions.$inferInsert, now: Date): Promise<void> {
  await cancelSubstitution(db, row.regisseurSub, now);
  await db.insert(substitutions).values(row);
}

/** Ends the regisseur's standing substitution; false when there was none. */
export async function cancelSubstitution(db: Executor, regisseurSub: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(substitutions)
    .set({ cancelledAt: now })
    .where(and(eq(substitutions.regisseurSub, regisseurSub), isNull(substitutions.cancelledAt)))
    .returning({ id: substitutions.id });
  return rows.length > 0;
}

/**
 * A substitution gives rights only while neither side is marked as gone: a
 * gone substitute has none, and a gone regisseur's delegation rests until
 * the beheerder reassigns the cases (or undoes the marking, which brings it back).
 */
export function neitherGone(): SQL {
  return sql`NOT EXISTS (SELECT 1 FROM ${professionals} p WHERE p.sub IN (${substitutions.substituteSub}, ${substitutions.regisseurSub}) AND p.gone_at IS NOT NULL)`;
}

/**
 * Whether `substituteSub` stands in for `regisseurSub` at `now`: a standing
 * substitution whose period holds now, neither of them marked as gone.
 */
export async function substitutesAt(db: Executor, substituteSub: string, regisseurSub: string, now: Date): Promise<boolean> {
  const rows = await db
    .select({ id: substitutions.id })
    .from(substitutions)
    .where(
      and(
        eq(substitutions.substituteSub, substituteSub),
        eq(substitutions.regisseurSub, regisseurSub),
        isNull(substitutions.cancelledAt),
        lte(substitutions.startsAt, now),
        gt(substitutions.endsAt, now),
        neitherGone(),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** The regisseurs `substituteSub` stands in for at `now` (neither of them gone). */
export async function regisseursSubstitutedBy(db: Executor, substituteSub: string, now: Date): Promise<string[]> {
  const rows = await db
    .select({ regisseur: substitutions.regisseurSub })
    .from(substitutions)
    .where(
      and(
        eq(substitutions.substituteSub, substituteSub),
        isNull(substitutions.cancelledAt),
        lte(substitutions.startsAt, now),
        gt(substitutions.endsAt, now),
        neitherGone(),
      ),
    );
  return rows.map((r) => r.regisseur);
}
