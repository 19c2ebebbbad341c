/**
 * A case's network (betrokkenen): who is involved, with which role, side and
 * legal ground. The regisseur (or a beheerder) manages it; removal takes
 * effect on the person's next request (cases/access.ts reads the network on
 * every request).
 */
import { randomUUID } from 'node:crypto';
import type { involvementRequest } from '@veilig-samen/contracts';
import { findCase, insertInvolvement, lockCase, listInvolvementPage, removeInvolvement, type CaseRow, type Page, type Transaction } from '@veilig-samen/db';
import { caseErrors, DomainError, type Caller } from '@veilig-samen/domain';
import type { z } from 'zod';
import { assertMayRead, assertMayWrite, sameSubject, type Access } from '../cases/access.js';
import type { CaseDeps } from '../cases/use-cases.js';

export const networkErrors = {
  alreadyInvolved: () => new DomainError({ status: 409, code: 'betrokkene.al-betrokken', title: 'Deze betrokkene staat al in het netwerk van de casus.' }),
  // Defined with the case's errors: a consent names a network entry too (issue 17).
  notFound: caseErrors.involvementNotFound,
  regisseurOnPerpetratorSide: () =>
    new DomainError({
      status: 422,
      code: 'betrokkene.regisseur-plegerzijde',
      title: 'De regisseur kan niet aan de kant van de pleger in het netwerk staan.',
      detail:
        'De regisseur regisseert het hele huishouden, de veiligheid van het slachtoffer voorop; wie aan de plegerzijde werkt, ziet geen afgeschermde gegevens en beheert geen netwerk. Draag eerst de regie over, of voeg de regisseur neutraal toe.',
    }),
};

/** Appends the write's access-log rows in its transaction, as its last step (plugins/access-log.ts, auditInTransaction). */
export type AuditInTransaction = (tx: Transaction, cases: string) => Promise<void>;

/**
 * The case, locked until the transaction ends, if the caller manages its
 * network: the regisseur or a beheerder. Locked so that a handover or a
 * command at the same moment judges the network as this change leaves it
 * (the attacker review: a handover read the facts before a new entry).
 */
async function managedCase(deps: CaseDeps, tx: Transaction, caller: Caller, caseId: string): Promise<CaseRow> {
  const row = await lockCase(tx, caseId);
  const access = await assertMayRead(tx, caller, row, deps.clock.now());
  if (!row) throw caseErrors.notFound();
  assertMayWrite(caller, row, 'handover', access);
  return row;
}

/** A page of the active network, as far as the caller may see it. */
export async function listNetwork(deps: CaseDeps, caller: Caller, caseId: string, page: Page): Promise<{ row: CaseRow; access: Access; rows: Awaited<ReturnType<typeof listInvolvementPage>>['rows']; total: number }> {
  const row = await findCase(deps.db, caseId);
  const access = await assertMayRead(deps.db, caller, row, deps.clock.now());
  if (!row) throw caseErrors.notFound();
  // The perpetrator's side does not learn who works on the victim's side (finding 12): left out in the query, so the count does not tell either.
  const { rows, total } = await listInvolvementPage(deps.db, caseId, { withoutVictimSide: access.perpetratorSide === true }, page);
  return { row, access, rows, total };
}

export async function addToNetwork(deps: CaseDeps, caller: Caller, caseId: string, body: z.output<typeof involvementRequest>, audit: AuditInTransaction) {
  return deps.db.transaction(async (tx) => {
    const row = await managedCase(deps, tx, caller, caseId);
    // The state a handover refuses (regisseurNietAanPlegerzijde) is not reached this way either.
    if (body.soort === 'professional' && body.zijde === 'pleger' && sameSubject(body.id, row.regisseurId)) throw networkErrors.regisseurOnPerpetratorSide();
    const added = await insertInvolvement(tx, {
      id: randomUUID(),
      caseId: row.id,
      kind: body.soort,
      subject: body.soort === 'professional' ? body.id : body.oin,
      organisation: body.organisatie,
      role: body.rol,
      legalGroundKind: body.grondslag.soort,
      legalGroundReference: body.grondslag.referentie,
      side: body.zijde,
      grants: [...new Set(body.inzage)],
      addedAt: deps.clock.now(),
      addedBy: caller.sub,
    });
    if (added === 'duplicate') throw networkErrors.alreadyInvolved();
    await audit(tx, row.id);
    return added;
  });
}

export async function removeFromNetwork(deps: CaseDeps, caller: Caller, caseId: string, involvementId: string, audit: AuditInTransaction): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const row = await managedCase(deps, tx, caller, caseId);
    if (!(await removeInvolvement(tx, row.id, involvementId, deps.clock.now(), caller.sub))) throw networkErrors.notFound();
    await audit(tx, row.id);
  });
}

