/**
 * The public shapes of cases (casussen): requests as zod schemas that
 * validate, responses as zod schemas that serialize and document. Field
 * names are Dutch camelCase (NL API Design Rules).
 */
import {
  AGREEMENT_SOURCES,
  AGREEMENT_STATUSES,
  CONSENT,
  HANDOVER_TARGETS,
  REPORT_BACK_REASONS,
  INCIDENT_KINDS,
  INVOLVEMENTS,
  LINK_REASONS,
  PHASES,
  RELATIONS,
  SOURCES,
  UNDERLYING_PROBLEMS,
  WINDOW_REASONS,
} from '@veilig-samen/domain';
import { z } from 'zod';
import { calendarDate, instant, municipalityName, oin, plainText, text } from './common.js';
import { pageNumber, pageQuery, pageSize, queryInteger } from './paging.js';

const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((items) => new Set(items).size === items.length, 'elke waarde mag maar één keer voorkomen');

export const caseId = z.uuid().meta({ description: 'Identificatie van de casus.' });
export const caseParams = z.object({ id: caseId });
export const memberParams = z.object({ id: caseId, lidId: z.uuid() });
export const agreementParams = z.object({ id: caseId, afspraakId: z.uuid() });
export const versionParams = z.object({ id: caseId, versie: z.coerce.number().int().min(1) });

export const professional = z
  .object({
    id: text(200).meta({ description: 'Identificatie van de professional (de `sub` in diens token).' }),
    organisatie: text(200),
  })
  .meta({ id: 'Professional' });

/** A part of a name: required text with spacing collapsed, so the display name joins the parts with single spaces. */
const namePart = (max: number) => text(max).overwrite((value) => value.replace(/\s+/g, ' '));

/**
 * A person's name in Dutch parts (issue 17 point 1), or the single `naam`
 * clients sent before: deprecated, split by the service where unambiguous
 * (packages/domain/src/case/names.ts). Shared by members and by the persons
 * of a system's message.
 */
export const nameFields = {
  voornamen: namePart(200).optional().meta({ description: 'Voornamen zoals in de BRP, bijvoorbeeld "Fatima" of "Jan Willem".' }),
  voorvoegsel: namePart(30).optional().meta({ description: 'Het voorvoegsel (tussenvoegsel) van de geslachtsnaam, bijvoorbeeld "de", "van der" of "el". Weglaten als de naam er geen heeft.' }),
  geslachtsnaam: namePart(200).optional().meta({
    description: 'De geslachtsnaam zonder voorvoegsel: "Berg" bij Jan van der Berg. Verplicht, tenzij u (verouderd) `naam` stuurt.',
  }),
  naam: text(200).optional().meta({
    deprecated: true,
    description:
      'Verouderd: de naam als één tekst, alleen zonder naamdelen. De dienst splitst hem waar dat eenduidig is (één voorvoegsel uit de BRP-tabel, of precies twee woorden) en bewaart hem anders geheel als geslachtsnaam. Stuur voornamen, voorvoegsel en geslachtsnaam.',
  }),
};

type NameInput = { readonly voornamen?: unknown; readonly voorvoegsel?: unknown; readonly geslachtsnaam?: unknown; readonly naam?: unknown };
const givesParts = (value: NameInput) => value.voornamen !== undefined || value.voorvoegsel !== undefined || value.geslachtsnaam !== undefined;

/** The parts or the deprecated single name, never both; `required`: one of them must name the person. */
export function checkName(value: NameInput, ctx: z.RefinementCtx, required: boolean): void {
  if (value.naam !== undefined && givesParts(value)) {
    ctx.addIssue({ code: 'custom', path: ['naam'], message: 'geef de naamdelen (voornamen, voorvoegsel, geslachtsnaam) of de verouderde naam, niet allebei' });
  } else if (required && value.naam === undefined && value.geslachtsnaam === undefined) {
    ctx.addIssue({ code: 'custom', path: ['geslachtsnaam'], message: 'verplicht: de geslachtsnaam (met voornamen en voorvoegsel waar die er zijn)' });
  }
}

const woontElders = z.boolean().optional().meta({
  description: 'Hoort bij het huishouden maar woont elders (bijvoorbeeld een vader na een scheiding, een kind in een pleeggezin). Standaard false.',
});

const memberFields = z.object({
  ...nameFields,
  geboortedatum: calendarDate.optional(),
  relatie: z.enum(RELATIONS),
  betrokkenheid: uniqueList(z.enum(INVOLVEMENTS)).meta({
    description: 'Betrokkenheid bij het geweld; iemand kan zowel slachtoffer als pleger zijn.',
  }),
  woontElders,
  adres: text(500).optional(),
  contact: text(300).optional().meta({ description: 'Telefoon of e-mail.' }),
  afgeschermd: z.boolean().optional().meta({
    description: 'Adres en contactgegevens afschermen (bijvoorbeeld het nieuwe adres van een slachtoffer): alleen zichtbaar voor de regisseur en wie expliciet inzage krijgt, nooit voor betrokkenen aan de kant van de pleger.',
  }),
  inzageAfgeschermd: z.array(text(200)).max(20).optional().meta({ description: 'Professionals (sub) die de afgeschermde gegevens mogen zien.' }),
});

export const memberInput = memberFields.superRefine((value, ctx) => checkName(value, ctx, true));

/**
 * JSON merge patch of a member: only the fields given change; `geboortedatum: null` clears it, as do
 * `voornamen: null` and `voorvoegsel: null`. The display name follows the parts.
 */
export const memberPatch = memberFields
  .extend({
    voornamen: namePart(200).nullable().meta({ description: 'Voornamen; null: geen (onbekend).' }),
    voorvoegsel: namePart(30).nullable().meta({ description: 'Voorvoegsel; null: geen.' }),
    geboortedatum: calendarDate.nullable(),
    adres: text(500).nullable(),
    contact: text(300).nullable(),
  })
  .partial()
  .refine((value) => Object.keys(value).length > 0, 'geef minstens één veld om te corrigeren')
  .superRefine((value, ctx) => checkName(value, ctx, false));

export const createCaseRequest = z.object({
  gemeente: municipalityName(),
  leden: z.array(memberInput).min(1).max(30),
  bron: z.enum(SOURCES),
  regisseur: professional.optional().meta({ description: 'Standaard: de aanroeper.' }),
  startdatum: calendarDate.optional().meta({
    description: 'Start van het veiligheidsvenster (JJJJ-MM-DD). Standaard nu; een datum in het verleden alleen bij import (rol integratie of beheerder).',
  }),
  coordinatieOpVeiligheid: z.boolean().optional().meta({
    description:
      'Coördinatie op veiligheid vanaf de start (standaard false). Telt alleen waar het beleid de opschalingsregel beperkt tot zulke casussen (reikwijdte coordinatie-op-veiligheid).',
  }),
});

const owner = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('lid'), lidId: z.uuid() }),
  z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200) }),
  z.object({
    soort: z.literal('organisatie'),
    naam: text(200),
    oin: oin.optional().meta({ description: 'Het OIN van de organisatie: alleen daarop herkent de dienst de organisatie als eigenaar (haar ketenpartnerweergave). Zonder OIN ziet geen partner de afspraak als de zijne.' }),
  }),
]);
/** An owner as answers show it: an OIN the caller may not learn reads "afgeschermd" (docs/security.md, finding 12). */
const ownerView = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('lid'), lidId: z.string() }),
  z.object({ soort: z.literal('professional'), id: z.string(), organisatie: z.string() }),
  z.object({ soort: z.literal('organisatie'), naam: z.string(), oin: z.string().optional() }),
]);

export const planRequest = z.object({
  afspraken: z
    .array(
      z.object({
        id: z.uuid().optional().meta({ description: 'Bestaande afspraak uit de vorige versie; weglaten voor een nieuwe.' }),
        omschrijving: text(1000),
        eigenaar: owner,
        deadline: calendarDate,
        status: z.enum(AGREEMENT_STATUSES).default('open'),
      }),
    )
    .max(100),
  akkoordHuishouden: z.object({
    akkoord: z.enum(CONSENT),
    toelichting: plainText(2000).optional(),
  }),
});

export const agreementPatch = z.object({ status: z.enum(AGREEMENT_STATUSES) });

const perspective = z.object({
  van: z.discriminatedUnion('soort', [
    z.object({ soort: z.literal('lid'), lidId: z.uuid() }),
    z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200) }),
  ]),
  score: z.number().int().min(0).max(10),
});

export const scoreRequest = z.object({
  score: z.number().int().min(0).max(10).meta({ description: 'De gezamenlijke veiligheidsscore, 0 (onveilig) tot 10 (veilig).' }),
  acties: z.array(text(500)).length(3).meta({ description: 'TOP3: precies drie acties, genoemd bij deze scoring.' }),
  perspectieven: z.array(perspective).max(30).default([]),
});

const householdConsent = z.object({ akkoord: z.enum(CONSENT), toelichting: plainText(2000).optional() });

export const analysisRequest = z.object({
  toelichting: text(10_000),
  problemen: uniqueList(z.enum(UNDERLYING_PROBLEMS)).min(1),
  akkoordHuishouden: householdConsent.optional().meta({ description: 'Of het huishouden het met deze versie eens is (ja, nee, gedeeltelijk). Weggelaten: niet vastgelegd.' }),
});

/** A proposal for a new version of the analysis, by a network professional with the grant `verklarende-analyse`. */
export const analysisProposalRequest = z.object({
  toelichting: text(10_000),
  problemen: uniqueList(z.enum(UNDERLYING_PROBLEMS)).min(1),
});
export const analysisProposalParams = z.object({ id: caseId, voorstelId: z.uuid() });
/** The regisseur adopts the waiting proposal, with the household's agreement. */
export const analysisAdoptionRequest = z.object({ akkoordHuishouden: householdConsent });


export const incidentRequest = z.object({
  tijdstip: instant.meta({ description: 'Wanneer het incident plaatsvond (niet in de toekomst).' }),
  soort: z.enum(INCIDENT_KINDS),
  omschrijving: text(2000),
});

export const phaseRequest = z.object({
  naar: z.enum(['oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg']).meta({
    description: 'De volgende fase. Terug naar directe veiligheid gaat via een incident; afsluiten via /afsluiting.',
  }),
});

export const reasonRequest = z.object({ reden: text(2000) });

/**
 * Closing a case (issue 16): the reason, with what that reason needs. Each
 * reason has its own rule (docs/domain.md, Afsluiten); a missing field is a 400,
 * a rule of the case's state a 409.
 */
export const closeRequest = z
  .discriminatedUnion('reden', [
    z.object({
      reden: z.literal('stabiel-veilig').meta({
        description:
          'Alleen vanuit nazorg: gezamenlijke scores op of boven de drempel door de stabiliteitsperiode heen (minstens het minimum van het beleid, de laatste recent), geen incident in die periode en geen open afspraken.',
      }),
      toelichting: plainText(2000).optional(),
    }),
    z.object({
      reden: z.literal('verhuisd-buiten-regio').meta({ description: 'In elke open fase; met een terugmelding aan Veilig Thuis (reden verhuisd-buiten-regio).' }),
      gemeente: text(100).meta({ description: 'De nieuwe gemeente; die ligt buiten de regio (een gemeente van de regio geeft 422).' }),
      toelichting: plainText(2000).optional(),
    }),
    z.object({
      reden: z.literal('overgedragen').meta({ description: 'In elke open fase: overgedragen aan een gecertificeerde instelling of aan Veilig Thuis.' }),
      naar: z.object({ soort: z.enum(HANDOVER_TARGETS), naam: text(200).meta({ description: 'De instelling of de Veilig Thuis-organisatie.' }) }),
      toelichting: plainText(2000).optional(),
    }),
    z.object({
      reden: z.literal('hulp-geweigerd').meta({ description: 'In elke open fase; met een terugmelding aan Veilig Thuis (reden hulp-geweigerd).' }),
      toelichting: plainText(2000).optional(),
    }),
    z.object({
      reden: z.literal('overleden').meta({ description: 'In elke open fase: welk lid, met een toelichting.' }),
      lidId: z.uuid().meta({ description: 'Het overleden lid van het huishouden.' }),
      toelichting: text(2000),
    }),
  ])
  .meta({ id: 'Afsluiting' });

/** A terugmelding to Veilig Thuis (issue 16): delivered to VT's subscription as `casus.terugmelding`. */
export const reportBackRequest = z.object({
  reden: z.enum(REPORT_BACK_REASONS),
  toelichting: text(2000),
});

export const safetyCoordinationRequest = z.object({
  coordinatieOpVeiligheid: z.boolean().meta({
    description: 'Markeer (true) of hef de markering op (false). Geldt vanaf het volgende veiligheidsvenster, niet voor het lopende.',
  }),
  toelichting: plainText(2000).optional(),
});

export const handoverRequest = z.object({
  regisseur: professional,
  reden: text(2000),
});

/** Declining a handover proposal: why, optionally. */
export const handoverDeclineRequest = z.object({ reden: text(2000).optional() });

// ---------------------------------------------------------------- responses

const isoInstant = z.string().meta({ format: 'date-time', description: 'ISO 8601 in UTC.' });

export const analysisVersionsQuery = pageQuery(100);
const analysisFields = {
  toelichting: z.string(),
  problemen: z.array(z.enum(UNDERLYING_PROBLEMS)),
  vastgelegdOp: isoInstant,
  vastgelegdDoor: z.string(),
  akkoordHuishouden: z
    .object({ akkoord: z.enum(CONSENT), toelichting: z.string().nullable() })
    .nullable()
    .meta({ description: 'Het akkoord van het huishouden met deze versie; null bij een versie van voor het vastleggen ervan.' }),
  voorgesteldDoor: z.string().nullable().meta({ description: 'De netwerkprofessional van wie het voorstel is dat deze versie vaststelde; null als de versie rechtstreeks is vastgelegd.' }),
};
export const analysisProposalResponse = z
  .object({ id: z.string(), toelichting: z.string(), problemen: z.array(z.enum(UNDERLYING_PROBLEMS)), voorgesteldOp: isoInstant, voorgesteldDoor: z.string() })
  .meta({ id: 'VerklarendeAnalyseVoorstel' });
export const analysisVersionsResponse = z.object({
  versies: z.array(z.object({ versie: z.number().int(), ...analysisFields }).meta({ id: 'VerklarendeAnalyseVersie' })),
});


export const memberResponse = z
  .object({
    id: z.string(),
    voornamen: z.string().nullable(),
    voorvoegsel: z.string().nullable(),
    geslachtsnaam: z.string().meta({ description: 'Een naam van vóór de naamdelen die niet eenduidig te splitsen was, staat hier geheel.' }),
    naam: z.string().meta({ description: 'De weergavenaam, gemaakt uit de naamdelen: "Jan van der Berg".' }),
    geboortedatum: z.string().nullable(),
    relatie: z.enum(RELATIONS),
    betrokkenheid: z.array(z.enum(INVOLVEMENTS)),
    woontElders: z.boolean().meta({ description: 'Hoort bij het huishouden maar woont elders.' }),
    adres: z.string().nullable(),
    contact: z.string().nullable(),
    afgeschermd: z.boolean(),
  })
  .meta({ id: 'Lid' });

/** The household's display name for lists (issue 17 point 1). */
const designation = z.string().meta({
  description:
    'De aanduiding van het huishouden in lijsten: zoals de regisseur die gaf (PUT .../aanduiding), anders "Huishouden <geslachtsnaam van het eerste lid>" (met voorvoegsel: "Huishouden Van der Berg"). Alleen voor wie de casus mag lezen; nooit met afgeschermde gegevens.',
});

/** The regisseur names the household; null puts the default back. */
export const designationRequest = z.object({
  aanduiding: text(100)
    .nullable()
    .meta({ description: 'De nieuwe aanduiding, bijvoorbeeld "Gezin Jansen (Lindenlaan)"; null zet de standaard terug. Nooit een afgeschermd adres of afgeschermde contactgegevens (422).' }),
});

export const windowResponse = z
  .object({
    nummer: z.number().int(),
    start: isoInstant,
    deadline: isoInstant,
    reden: z.enum(WINDOW_REASONS).meta({
      description:
        'Waarom het venster begon: start van de casus, nieuw incident, heropening, terugval (de score zakte onder de drempel nadat die bij de deadline stond), terugverwezen (de MDA++-coördinator verwees terug naar het lokale team, met advies) of afgeschaald (einde MDA++-traject).',
    }),
    drempel: z.number().int(),
    beleidsversie: z.number().int(),
    drempelBereiktOp: isoInstant.nullable().meta({
      description:
        'Een 6 telt zolang die staat: sinds wanneer de laatste gezamenlijke score in dit venster op of boven de drempel is. Null als de laatste score eronder ligt (de deadline staat dan weer) of er nog geen is.',
    }),
    regelVanToepassing: z.boolean().meta({
      description: 'Of de opschalingsregel in dit venster geldt (beleid reikwijdte; bij coordinatie-op-veiligheid alleen als de casus gemarkeerd was toen het venster begon).',
    }),
  })
  .meta({ id: 'Veiligheidsvenster' });

export const agreementResponse = z
  .object({
    id: z.string(),
    omschrijving: z.string(),
    eigenaar: ownerView,
    deadline: z.string(),
    status: z.enum(AGREEMENT_STATUSES),
    teLaat: z.boolean(),
    bron: z.enum(AGREEMENT_SOURCES).meta({ description: 'Waar de afspraak is gemaakt: door de regisseur met het huishouden, of in het MDA++-expertoverleg.' }),
    akkoordHuishouden: z.boolean().meta({
      description: 'Of het huishouden akkoord is met de afspraak. Een afspraak uit het expertoverleg is dat niet, tot de regisseur het vastlegt (PUT .../afspraken/{afspraakId}/akkoord-huishouden).',
    }),
  })
  .meta({ id: 'Afspraak' });

/** The regisseur records that the household agreed to an agreement from the expert meeting. */
export const agreementConsentRequest = z.object({ toelichting: plainText(2000).optional() });

export const planVersionResponse = z
  .object({
    versie: z.number().int(),
    afspraken: z.array(agreementResponse),
    akkoordHuishouden: z.object({ akkoord: z.enum(CONSENT), toelichting: z.string().nullable() }),
    vastgesteldOp: isoInstant,
    vastgesteldDoor: z.string(),
  })
  .meta({ id: 'VeiligheidsplanVersie' });

/** Most incidents the case itself shows (the latest); the timeline has every one. */
export const CASE_VIEW_INCIDENTS = 100;
/** Most scores an escalation shows with its case (the latest); the case's score series has every one, paged. */
export const ESCALATION_VIEW_SCORES = 100;

/** The score series and the plan's versions are paged by number, oldest first, 100 a page by default. */
export const scoreSeriesQuery = pageQuery(100);
export const planVersionsQuery = pageQuery(100);

export const planVersionsResponse = z.object({
  versies: z.array(z.object({ versie: z.number().int(), vastgesteldOp: isoInstant, vastgesteldDoor: z.string(), aantalAfspraken: z.number().int() })),
});

export const scoreResponse = z
  .object({
    score: z.number().int(),
    acties: z.array(z.string()),
    perspectieven: z.array(perspective),
    gescoordDoor: z.string(),
    gescoordOp: isoInstant,
  })
  .meta({ id: 'Veiligheidsscore' });

export const scoreSeriesResponse = z.object({
  drempel: z.number().int(),
  veiligheidsdeadline: isoInstant,
  scores: z.array(scoreResponse),
});

export const caseResponse = z
  .object({
    id: z.string(),
    aanduiding: designation,
    gemeente: z.string(),
    bron: z.enum(SOURCES),
    fase: z.enum(PHASES),
    faseSinds: isoInstant,
    dagenInFase: z.number().int(),
    regisseur: professional,
    leden: z.array(memberResponse),
    laatsteVeiligheidsscore: z.number().int().nullable(),
    drempelBereikt: z.boolean().meta({
      description: 'De drempel (6 volgens het standaardbeleid) staat in het huidige veiligheidsvenster: de laatste gezamenlijke score is op of boven de drempel, gegeven in dit venster vóór de deadline.',
    }),
    drempelToelichting: z.string().meta({ description: 'Waarom de drempel wel of niet staat: het venster, de data, de laatste score.' }),
    veiligheidsdeadline: isoInstant,
    venster: windowResponse,
    coordinatieOpVeiligheid: z.boolean().meta({
      description: 'Gemarkeerd als coördinatie op veiligheid (door de regisseur). Telt waar het beleid de opschalingsregel tot zulke casussen beperkt, vanaf het volgende venster.',
    }),
    opgeschaald: z.boolean(),
    mda: z.enum(['geen', 'opgeschaald', 'mda-traject']).meta({ description: 'Het MDA++-spoor naast de fase: niet opgeschaald, wacht op besluit, of in het MDA++-traject.' }),
    laatsteOpschaling: z
      .object({
        id: z.string(),
        reden: z.enum(['deadline', 'handmatig']),
        redenen: z.array(z.enum(['deadline', 'handmatig'])),
        op: isoInstant,
        besluit: z.enum(['mda-traject', 'terug-naar-lokaal-team']).nullable(),
      })
      .nullable(),
    herhaling: z.boolean().meta({ description: 'De casus is na afsluiting heropend.' }),
    veiligheidsplanVersie: z.number().int().nullable(),
    openAfspraken: z.number().int(),
    afsprakenTeLaat: z.number().int(),
    verklarendeAnalyse: z.object(analysisFields).nullable().meta({ description: 'De huidige versie van de verklarende analyse; alle versies: GET .../verklarende-analyse/versies.' }),
    analysevoorstel: analysisProposalResponse
      .nullable()
      .meta({ description: 'Het voorstel voor een nieuwe versie van de verklarende analyse dat op vaststelling door de regisseur wacht.' }),
    incidenten: z
      .array(z.object({ tijdstip: isoInstant, soort: z.enum(INCIDENT_KINDS), omschrijving: z.string(), gemeldOp: isoInstant }))
      .meta({ description: `De incidenten, oudste eerst; bij meer dan ${CASE_VIEW_INCIDENTS} de laatste ${CASE_VIEW_INCIDENTS}. Elk incident staat in de tijdlijn.` }),
    afsluiting: z.object({ reden: z.string(), op: isoInstant }).nullable(),
    huisverbod: z
      .object({ start: isoInstant, einde: isoInstant, verlengd: z.boolean() })
      .nullable()
      .meta({ description: 'Tijdelijk huisverbod: 10 dagen, te verlengen tot hoogstens 4 weken.' }),
    veiligheidsinschatting: z.object({ score: z.number().int().nullable(), toelichting: z.string() }).nullable(),
    gekoppeldeCasussen: z
      .array(
        z.object({
          casusId: z.string(),
          reden: z.enum(LINK_REASONS),
          regisseur: professional,
          sinds: isoInstant,
        }),
      )
      .meta({
        description:
          'Gekoppelde casussen ("flag and tag", MARAC): `herhaling` (een eerdere, langer dan 12 maanden geleden afgesloten casus van hetzelfde huishouden), ' +
          '`gedeelde-pleger` of `gedeeld-lid` (een ander huishouden dat één lid met dit huishouden deelt). U ziet dat de koppeling bestaat en met welke regisseur u overlegt, nooit de inhoud van de andere casus.',
      }),
    regiewissel: z
      .object({
        id: z.string(),
        voorgesteldAan: professional,
        reden: z.string(),
        voorgesteldOp: isoInstant,
        voorgesteldDoor: z.string(),
      })
      .nullable()
      .meta({
        description:
          'Het openstaande voorstel om de regie over te dragen: de voorgestelde regisseur accepteert (POST .../regiewissel/acceptatie) of wijst af (.../afwijzing); tot dan blijft de huidige regisseur regisseur.',
      }),
    geopendOp: isoInstant,
    versie: z.number().int().meta({ description: 'Gelijk aan de ETag; stuur die mee in If-Match bij elke wijziging.' }),
  })
  .meta({ id: 'Casus' });

export const caseListItem = z
  .object({
    id: z.string(),
    aanduiding: designation,
    gemeente: z.string(),
    fase: z.enum(PHASES),
    regisseur: professional,
    laatsteVeiligheidsscore: z.number().int().nullable(),
    laatsteScoreOp: isoInstant.nullable(),
    drempelBereikt: z.boolean(),
    drempelBereiktOp: isoInstant.nullable().meta({ description: 'Sinds wanneer de drempel staat in het huidige venster; null als die niet staat.' }),
    drempelToelichting: z.string().meta({ description: 'Waarom de drempel wel of niet staat: het venster, de data, de laatste score.' }),
    venster: z.object({
      start: isoInstant,
      reden: z.enum(WINDOW_REASONS),
      regelVanToepassing: z.boolean(),
    }),
    veiligheidsdeadline: isoInstant,
    opgeschaald: z.boolean(),
    geopendOp: isoInstant,
    faseSinds: isoInstant,
    versie: z.number().int(),
  })
  .meta({ id: 'CasusSamenvatting' });

export const caseListResponse = z.object({ casussen: z.array(caseListItem) });

const booleanQuery = z.enum(['true', 'false']).transform((value) => value === 'true');

/**
 * The birth date a search term names, as JJJJ-MM-DD: the term as JJJJ-MM-DD
 * or DD-MM-JJJJ when that is a real date (31-02-1980 is not); else undefined.
 */
export function searchTermDate(value: string): string | undefined {
  const dutch = /^(\d{2})-(\d{2})-(\d{4})$/.exec(value);
  const iso = dutch ? `${dutch[3]}-${dutch[2]}-${dutch[1]}` : value;
  return calendarDate.safeParse(iso).success ? iso : undefined;
}

/** A search term: a name (2 to 100 characters) or a birth date (JJJJ-MM-DD or DD-MM-JJJJ). */
const searchTerm = text(100)
  .refine((value) => value.length >= 2, 'geef minstens 2 tekens')
  .refine((value) => !/^\d{1,4}-\d{1,2}-\d{1,4}$/.test(value) || searchTermDate(value) !== undefined, 'geen bestaande datum: geef JJJJ-MM-DD of DD-MM-JJJJ')
  .meta({
    description:
      'Zoek huishoudens op de naam van een lid (voornamen, voorvoegsel, geslachtsnaam, in elke volgorde; hoofdletters en accenten tellen niet, kleine typefouten mogen) of op een geboortedatum (JJJJ-MM-DD of DD-MM-JJJJ). ' +
      'Alleen onder de casussen die u ook zonder zoeken ziet; best passende eerst. Elke zoekopdracht staat in de toegangslog van elke gevonden casus.',
  });

export const caseListQuery = z.object({
  zoek: searchTerm.optional(),
  fase: z.enum(PHASES).optional(),
  gemeente: municipalityName().optional(),
  regisseur: text(200).optional(),
  opgeschaald: booleanQuery.optional(),
  deadlineVoor: instant.optional(),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

export const timelineQuery = z.object({
  na: queryInteger('na', 0, 2_147_483_647)
    .default(0)
    .meta({ description: 'Ga door na de gebeurtenis met dit volgnummer; de Link rel="next" zet het.' }),
  paginaGrootte: pageSize(100),
});

export const timelineResponse = z.object({
  fasen: z
    .array(z.object({ fase: z.enum(PHASES), sinds: isoInstant }))
    .meta({ description: 'De fasen die de casus doorliep, met wanneer elke fase begon (nieuw geweld zet de veiligheid weer voorop).' }),
  gebeurtenissen: z.array(
    z
      .object({
        volgnummer: z
          .number()
          .int()
          .nullable()
          .meta({ description: 'Het volgnummer van de gebeurtenis (de versie die de casus erdoor kreeg); null voor een signaal (`casus.aanmaakpoging`), dat de casus niet verandert.' }),
        type: z.string(),
        omschrijving: z.string(),
        op: isoInstant,
        door: z.object({ id: z.string(), rol: z.string(), organisatie: z.string() }),
        gegevens: z.record(z.string(), z.unknown()),
      })
      .meta({ id: 'Gebeurtenis' }),
  ),
});

export const ifMatchHeaders = z.object({
  'if-match': z.string().optional().meta({ description: 'De ETag van de casus zoals laatst gelezen, bijvoorbeeld "7". Verplicht bij elke wijziging.' }),
});
