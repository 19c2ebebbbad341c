import type { ProfessionalRow, SubstitutionRow } from '@veilig-samen/db';
import type { Role } from '@veilig-samen/domain';

export function professionalView(row: ProfessionalRow) {
  return {
    id: row.sub,
    naam: row.name,
    organisatie: row.organisation,
    oin: row.oin,
    rol: row.role as Role,
    gemeenten: [...row.municipalities],
    eerstGezien: row.firstSeenAt.toISOString(),
    laatstGezien: row.lastSeenAt.toISOString(),
    vertrokkenOp: row.goneAt?.toISOString() ?? null,
  };
}

export function substitutionView(row: SubstitutionRow & { readonly substituteGone?: boolean }) {
  return { regisseur: row.regisseurSub, vervanger: row.substituteSub, van: row.startsAt.toISOString(), tot: row.endsAt.toISOString(), vervangerVertrokken: row.substituteGone ?? false };
}
