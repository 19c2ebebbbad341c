/**
 * Break-the-glass (noodtoegang): a professional of the local team who is not
 * involved can read a case for 24 hours by giving a reason. Grants are listed
 * for review by the coordinator and the auditor, who record a verdict once;
 * unjustified grants reach the beheerder of the case's municipality through
 * the same list. Who may do what is decided here, not in the route.
 */
import { randomUUID } from 'node:crypto';
import type { BREAK_GLASS_VERDICTS } from '@veilig-samen/contracts';
import { findBreakGlass, findCase, insertBreakGlass, listBreakGlass, reviewBreakGlass, type BreakGlassFilter, type BreakGlassRow, type Page, type Transaction } from '@veilig-samen/db';
import { caseErrors, DomainError, type Caller, type Role } from '@veilig-samen/domain';
import { accessTo } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';

export const BREAK_GLASS_HOURS = 24;
/** Who reviews grants (and sees all of them). */
export const REVIEW_ROLES: readonly Role[] = ['mda-coordinator', 'auditor'];

export const breakGlassErrors = {
  notFound: () => new DomainError({ status: 404, code: 'noodtoegang.niet-gevonden', title: 'Deze noodtoegang bestaat niet.' }),
  alreadyReviewed: (row: BreakGlassRow | undefined) =>
    new DomainError({
      status: 409,
      code: 'noodtoegang.al-beoordeeld',
      title: 'Deze noodtoegang is al beoordeeld.',
      detail: row?.reviewedAt
        ? `Oordeel ${row.reviewVerdict ?? ''} door ${row.reviewedBy ?? ''} op ${row.reviewedAt.toISOString()}; een oordeel wordt niet overschreven.`
        : 'Een oordeel wordt niet overschreven.',
    }),
  beheerderOnlyUnjustified: () =>
    new DomainError({
      status: 403,
      code: 'noodtoegang.beheerder-alleen-onterecht',
      title: 'Een beheerder ziet alleen noodtoegang die als onterecht is beoordeeld.',
      detail: 'Laat beoordeling weg of vraag beoordeling=onterecht; u ziet die van de casussen van uw gemeenten.',
    }),
};

/**
 * How a write reports to the access log (plugins/access-log.ts): the case it
 * concerns as soon as that is known (a refusal is logged on it too), and the
 * rows appended in the write's transaction, as its last step.
 */
export interface WriteAudit {
  readonly caseFound: (caseId: string) => void;
  readonly inTransaction: (tx: Transaction, caseId: string) => Promise<void>;
}

/** Grants 24 hours of reading; `breakGlass` marks the request's log row as break-the-glass once the grant is certain. */
export async function grantBreakGlass(deps: CaseDeps, caller: Caller, caseId: string, reason: string, audit: WriteAudit & { readonly breakGlass: () => void }): Promise<BreakGlassRow> {
  const now = deps.clock.now();
  const row = await findCase(deps.db, caseId);
  // Only cases of this deployment's region, in a municipality the professional works for.
  if (!row || row.region !== deps.region || !caller.municipalities.includes(row.municipality)) throw caseErrors.notFound();
  audit.caseFound(row.id);
  const access = await accessTo(deps.db, caller, row, now);
  if (access?.involved) {
    throw new DomainError({ status: 409, code: 'noodtoegang.al-betrokken', title: 'U bent al betrokken bij deze casus; noodtoegang is niet nodig.' });
  }
  audit.breakGlass();
  return deps.db.transaction(async (tx) => {
    const inserted = await insertBreakGlass(tx, {
      id: randomUUID(),
      caseId: row.id,
      actorSub: caller.sub,
      actorOrganisation: caller.organisation,
      actorRole: caller.role,
      reason,
      grantedAt: now,
      expiresAt: new Date(now.getTime() + BREAK_GLASS_HOURS * 3_600_000),
    });
    await audit.inTransaction(tx, row.id);
    return inserted;
  });
}

/** Reviewers see every grant (optionally by review state); a beheerder only unjustified ones, on cases of their municipalities. */
export async function listGrants(deps: CaseDeps, caller: Caller, review: 'open' | (typeof BREAK_GLASS_VERDICTS)[number] | undefined, page: Page) {
  let filter: BreakGlassFilter = review ? { review } : {};
  if (caller.role === 'beheerder') {
    if (review && review !== 'onterecht') throw breakGlassErrors.beheerderOnlyUnjustified();
    filter = { review: 'onterecht', municipalities: caller.municipalities };
  }
  return listBreakGlass(deps.db, filter, page);
}

/** Records the verdict once; a second review (also one racing this one) is refused. */
export async function reviewGrant(
  deps: CaseDeps,
  caller: Caller,
  grantId: string,
  review: { readonly verdict: (typeof BREAK_GLASS_VERDICTS)[number]; readonly note: string },
  audit: WriteAudit,
): Promise<BreakGlassRow> {
  const grant = await findBreakGlass(deps.db, grantId);
  const row = grant ? await findCase(deps.db, grant.caseId) : undefined;
  if (!grant || !row || row.region !== deps.region) throw breakGlassErrors.notFound();
  audit.caseFound(grant.caseId);
  if (grant.reviewedAt) throw breakGlassErrors.alreadyReviewed(grant);
  return deps.db.transaction(async (tx) => {
    const updated = await reviewBreakGlass(tx, grant.id, { ...review, at: deps.clock.now(), by: caller.sub, byRole: caller.role });
    // Reviewed by a concurrent request in the meantime.
    if (!updated) throw breakGlassErrors.alreadyReviewed(await findBreakGlass(tx, grant.id));
    await audit.inTransaction(tx, grant.caseId);
    return updated;
  });
}
