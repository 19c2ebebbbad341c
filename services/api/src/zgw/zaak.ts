/**
 * A case as a zaak of the ZGW Zaken API 1.5.1 (issue 18 point 6): the Zaak,
 * a Status per phase and a Rol per person, as a client sends them to the
 * region's zaakregistratiecomponent (Open Zaak). Shared by the export
 * (GET /v1/casussen/{id}/zgw) and the Notificaties messages (zgw/notificaties.ts),
 * so both name the same zaak URL, zaaktype and RSIN.
 *
 * What it leaves out, on purpose: who is victim or perpetrator (a member's
 * role is "lid van het huishouden" with the relation), Veilig Thuis's own
 * assessment at the handover (seed 001: VT data is kept apart from municipal
 * data), every address and contact detail (sealed or not: a ZRC's readers
 * are not the case's), any BSN, and free text.
 */
import { DomainError, findMunicipality, localDate, mdaOf, type CaseSnapshot, type Member, type Municipality, type Phase } from '@veilig-samen/domain';
import type { ZgwSettings, ZgwTrack } from '../config.js';
import { retentionEndsAt } from '../retention/retention.js';

/** RolMedewerker.identificatie holds at most 24 characters (Zaken API 1.5.1). */
const EMPLOYEE_ID_MAX = 24;

const PHASE_LABELS: Readonly<Record<Phase, string>> = {
  'directe-veiligheid': 'Fase 1: directe veiligheid',
  'oorzaken-onderzoeken': 'Fase 2: oorzaken onderzoeken',
  'blijvend-voorkomen': 'Fase 3: blijvend voorkomen',
  nazorg: 'Fase 4: nazorg',
  afgesloten: 'Afgesloten',
};

export const zgwErrors = {
  /** A case stored before its municipality left the configuration (or before unknown names were refused) has no RSIN to give. */
  unconfiguredMunicipality: () =>
    new DomainError({
      status: 409,
      code: 'zgw.gemeente-niet-geconfigureerd',
      title: 'De gemeente van deze casus staat niet in de configuratie van de regio.',
      detail: 'Zonder haar RSIN is er geen bronorganisatie. Vraag de beheerder van de dienst de gemeente met haar RSIN toe te voegen aan GEMEENTEN.',
    }),
  notConfigured: () =>
    new DomainError({
      status: 409,
      code: 'zgw.niet-geconfigureerd',
      title: 'De ZGW-componenten van de regio zijn niet geconfigureerd.',
      detail: 'Zonder de Zaken API en de zaaktypen van de regio kan de dienst geen zaak maken. Vraag de beheerder van de dienst ZGW_ZAKEN_API_URL en ZGW_ZAAKTYPEN in te stellen (docs/operations.md).',
    }),
};

/** The track whose zaaktype the zaak has now: the MDA++ trajectory once the coordinator took the case in, else local coordination. */
export const trackOf = (snapshot: CaseSnapshot): ZgwTrack => (mdaOf(snapshot) === 'mda-traject' ? 'mda' : 'lokaal');

/** Where the case's zaak lives in the region's Zaken API. */
export const zaakUrlOf = (zgw: ZgwSettings, caseId: string): string => `${zgw.zakenApiUrl}/zaken/${caseId}`;

/** The municipality's two RSINs: bronorganisatie and verantwoordelijkeOrganisatie. */
export function organisationsOf(municipalities: readonly Municipality[], name: string): { readonly bronorganisatie: string; readonly verantwoordelijkeOrganisatie: string } {
  const municipality = findMunicipality(municipalities, name);
  if (!municipality) throw zgwErrors.unconfiguredMunicipality();
  return { bronorganisatie: municipality.rsin, verantwoordelijkeOrganisatie: municipality.responsibleRsin ?? municipality.rsin };
}

export interface ZaakInput {
  readonly snapshot: CaseSnapshot;
  /** The case's municipality as stored on its row (what every other reader of the case goes by). */
  readonly municipality: string;
  /** The members the caller may see (consent: membersFor). */
  readonly members: readonly Member[];
  /** The case's phases from its event log, oldest first. */
  readonly history: readonly { readonly fase: Phase; readonly op: string }[];
  readonly municipalities: readonly Municipality[];
  readonly zgw: ZgwSettings;
  readonly retentionYears: number;
}

/** The natural person's name fields, each only when it has a value (the schema's strings are not nullable). */
function personOf(member: Member): Record<string, string> {
  const fields: Record<string, string | null> = {
    voornamen: member.voornamen,
    voorvoegselGeslachtsnaam: member.voorvoegsel,
    geslachtsnaam: member.geslachtsnaam,
    geboortedatum: member.geboortedatum,
  };
  return Object.fromEntries(Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== null && entry[1] !== ''));
}

export function zaakOf(input: ZaakInput) {
  const { snapshot, zgw } = input;
  const context = snapshot.context;
  const types = zgw.types[trackOf(snapshot)];
  const zaak = zaakUrlOf(zgw, context.id);
  const closedAt = context.afsluiting ? new Date(context.afsluiting.op) : null;
  const history = input.history.length > 0 ? input.history : [{ fase: 'directe-veiligheid' as const, op: context.geopendOp }];
  const regisseur = context.regisseur;
  return {
    zaak: {
      identificatie: context.id,
      ...organisationsOf(input.municipalities, input.municipality),
      zaaktype: types.zaaktype,
      omschrijving: trackOf(snapshot) === 'mda' ? 'Huiselijk geweld en kindermishandeling: MDA++-traject' : 'Huiselijk geweld en kindermishandeling: 1 gezin, 1 plan, 1 regisseur',
      registratiedatum: localDate(new Date(context.geopendOp)),
      startdatum: localDate(new Date(context.vensters[0]?.start ?? context.geopendOp)),
      vertrouwelijkheidaanduiding: 'zeer_geheim' as const,
      // The retention policy: closed cases are removed RETENTION_YEARS after closure (retention.ts).
      archiefnominatie: 'vernietigen' as const,
      archiefactiedatum: closedAt ? localDate(retentionEndsAt(closedAt, input.retentionYears)) : null,
    },
    statussen: history.map((h) => ({ zaak, statustype: types.statustypen[h.fase], datumStatusGezet: h.op, statustoelichting: PHASE_LABELS[h.fase] })),
    rollen: [
      {
        zaak,
        betrokkeneType: 'medewerker' as const,
        roltype: types.roltypen.regisseur,
        roltoelichting: `Vaste regisseur van het huishouden (${regisseur.organisatie})`.slice(0, 1000),
        betrokkeneIdentificatie: (regisseur.id.length <= EMPLOYEE_ID_MAX ? { identificatie: regisseur.id } : {}) as Record<string, string>,
      },
      ...input.members.map((member) => ({
        zaak,
        betrokkeneType: 'natuurlijk_persoon' as const,
        roltype: types.roltypen['lid-huishouden'],
        // The relation within the household only: never slachtoffer, pleger or getuige.
        roltoelichting: `Lid van het huishouden (${member.relatie})`,
        betrokkeneIdentificatie: personOf(member),
      })),
    ],
  };
}
