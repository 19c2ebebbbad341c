/** A break-the-glass grant as the API shows it (packages/contracts/src/break-glass.ts). */
import type { BREAK_GLASS_VERDICTS } from '@veilig-samen/contracts';
import type { BreakGlassRow } from '@veilig-samen/db';

export const breakGlassView = (row: BreakGlassRow) => ({
  id: row.id,
  casusId: row.caseId,
  medewerker: { id: row.actorSub, organisatie: row.actorOrganisation, rol: row.actorRole },
  reden: row.reason,
  verleendOp: row.grantedAt.toISOString(),
  geldigTot: row.expiresAt.toISOString(),
  beoordeling:
    row.reviewedAt && row.reviewVerdict
      ? {
          oordeel: row.reviewVerdict as (typeof BREAK_GLASS_VERDICTS)[number],
          toelichting: row.reviewNote ?? '',
          door: { id: row.reviewedBy ?? '', rol: row.reviewedByRole ?? '' },
          op: row.reviewedAt.toISOString(),
        }
      : null,
});
