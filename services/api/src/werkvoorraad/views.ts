/** The werkvoorraad as the API shows it (contracts/werkvoorraad.ts). */
import type { WorkListRow } from '@veilig-samen/db';
import { describeSignal } from '@veilig-samen/domain';

/** An item: a stored signal (a row of `signals`) or one a case implies (`computed`, issue 17). */
export function werkvoorraadItemView(row: Omit<WorkListRow, 'computed'> & { readonly computed?: boolean }, now: Date) {
  return {
    id: row.id,
    soort: row.kind,
    omschrijving: describeSignal(row.kind),
    casusId: row.caseId,
    gemeente: row.municipality,
    // Rows of 0018 named a person; every such row was moved to 'regisseur' by 0021.
    geadresseerde: row.addresseeRole ?? ('regisseur' as const),
    vervaldatum: row.dueAt.toISOString(),
    verlopen: row.doneAt === null && row.dueAt.getTime() < now.getTime(),
    status: row.doneAt === null ? ('open' as const) : ('afgehandeld' as const),
    berekend: row.computed ?? false,
    gegevens: { ...row.data },
    aangemaaktOp: row.createdAt.toISOString(),
    afgehandeldOp: row.doneAt?.toISOString() ?? null,
    afgehandeldDoor: row.doneBy,
    // Each item links to its case (issue 17 point 3); an item of the municipality about no case has none.
    _links: { casus: row.caseId === null ? null : { href: `/v1/casussen/${row.caseId}` } },
  };
}
