/** A network entry as the API shows it (packages/contracts/src/network.ts). */
import type { InvolvementRow } from '@veilig-samen/db';

export const involvementView = (row: InvolvementRow) => ({
  id: row.id,
  soort: row.kind,
  professional: row.kind === 'professional' ? row.subject : null,
  organisatie: row.organisation,
  oin: row.kind === 'organisatie' ? row.subject : null,
  rol: row.role,
  grondslag: { soort: row.legalGroundKind, referentie: row.legalGroundReference },
  zijde: row.side,
  inzage: row.grants,
  toegevoegdOp: row.addedAt.toISOString(),
  toegevoegdDoor: row.addedBy,
});
