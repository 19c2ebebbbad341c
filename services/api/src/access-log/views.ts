/** An access-log row as the API shows it (packages/contracts/src/access-log.ts). */
import type { AccessLogRow } from '@veilig-samen/db';

export const accessLogView = (row: AccessLogRow) => ({
  volgnummer: row.id,
  op: row.at.toISOString(),
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  namens: row.onBehalfOf,
  casusId: row.caseId,
  leden: row.memberIds,
  actie: row.action,
  resultaat: row.result,
  status: row.status,
  doel: row.purpose,
  noodtoegang: row.breakGlass,
  requestId: row.requestId,
});
