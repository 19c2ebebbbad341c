/**
 * The municipalities of the region: one list, from the region's
 * configuration (GEMEENTEN, services/api/src/config.ts). A municipality named
 * anywhere (a new case, an inbound message, a filter, a subscription, a
 * token's claims) must be on it, spelled exactly as there; anything else is
 * refused, so no free text ever becomes a municipality in cases, reports or
 * exports (security finding 10).
 */
import { DomainError } from './errors.js';

export interface Municipality {
  /** The name used everywhere: API, tokens, reports. */
  readonly name: string;
  /** CBS municipality code, `GM` and four digits (GM0268: Nijmegen). */
  readonly cbsCode: string;
  /** RSIN, nine digits passing the eleven test: the ZGW export's bronorganisatie. */
  readonly rsin: string;
  /**
   * RSIN of the organisation ultimately responsible for handling the
   * municipality's cases (the ZGW zaak's verantwoordelijkeOrganisatie), when
   * that is not the municipality itself: a foundation that runs its local
   * teams, say. Absent: the municipality's own RSIN.
   */
  readonly responsibleRsin?: string | undefined;
  /** The municipality's intake team, when it has one in this service. */
  readonly intakeTeam?: string | undefined;
}

export const municipalityErrors = {
  /** `fields`: where in the input the unknown names are (`gemeente`, `gemeenten[1]`). */
  unknown: (fields: readonly string[], known: readonly Municipality[]) =>
    new DomainError({
      status: 422,
      code: 'gemeente.onbekend',
      title: 'Deze gemeente hoort niet bij de regio.',
      detail:
        `Gebruik een gemeente van de regio, precies zo geschreven: ${known.map((m) => m.name).join(', ')}. ` +
        'Hoort de gemeente wel bij de regio, vraag dan de beheerder van de dienst haar toe te voegen aan de configuratie (GEMEENTEN).',
      invalidParams: fields.map((name) => ({ name, code: 'invalid_value', reason: 'geen gemeente van de regio' })),
    }),
};

export function findMunicipality(known: readonly Municipality[], name: string): Municipality | undefined {
  return known.find((municipality) => municipality.name === name);
}

/**
 * Refuses (422 gemeente.onbekend) when any name is not a municipality of the
 * region; `named` maps where in the input to the name given there (absent: none given).
 */
export function assertKnownMunicipalities(known: readonly Municipality[], named: Readonly<Record<string, string | undefined>>): void {
  const unknown = Object.entries(named).filter(([, name]) => name !== undefined && !findMunicipality(known, name));
  if (unknown.length > 0) throw municipalityErrors.unknown(unknown.map(([field]) => field), known);
}
