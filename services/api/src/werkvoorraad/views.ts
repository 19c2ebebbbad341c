/** The werkvoorraad as the API shows it (contracts/werkvoorraad.ts). */
import type { SignalRow } from '@veilig-samen/db';
import { describeSignal } from '@veilig-samen/domain';

export function werkvoorraadItemView(row: SignalRow, now: Date) {
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
    gegevens: { ...row.data },
    aangemaaktOp: row.createdAt.toISOString(),
    afgehandeldOp: row.doneAt?.toISOString() ?? null,
    afgehandeldDoor: row.doneBy,
  };
}
