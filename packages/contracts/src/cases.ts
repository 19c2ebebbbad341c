/**
 * The public shapes of cases (casussen): requests as zod schemas that
 * validate, responses as zod schemas that serialize and document. Field
 * names are Dutch camelCase (NL API Design Rules).
 */
import {
  ESCALATION_REASONS,
  AGREEMENT_SOURCES,
  AGREEMENT_STATUSES,
  CONSENT,
  CONTACT_CHANNELS,
  INFORMED_STATUSES,
  LEGAL_GROUNDS,
  SHARING_CONSENT_STATUSES,
  HANDOVER_TARGETS,
  REPORT_BACK_REASONS,
  INCIDENT_KINDS,
  INVOLVEMENTS,
  LIFE_DOMAINS,
  SCORE_SOURCES,
  LINK_REASONS,
  PHASES,
  RELATIONS,
  SOURCES,
  UNDERLYING_PROBLEMS,
  VIOLENCE_FORMS,
  WINDOW_REASONS,
} from '@veilig-samen/domain';
import { z } from 'zod';
import { calendarDate, instant, municipalityName, oin, plainText, text, uniqueList } from './common.js';
import { pageNumber, pageQuery, pageSize, queryInteger } from './paging.js';

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

export const agreementPatch = z.object({
  status: z.enum(AGREEMENT_STATUSES),
  toelichting: plainText(2000).optional().meta({ description: 'Een toelichting bij de wijziging; staat bij de afspraak (`statuswijziging`).' }),
});

/** A partner marks an agreement it owns done or lapsed, with a note (issue 17 point 5). */
export const ownerMarkRequest = z.object({
  status: z.enum(['gedaan', 'vervallen']).meta({ description: 'Gedaan, of vervallen (niet meer nodig of niet haalbaar).' }),
  toelichting: text(2000).meta({ description: 'Wat er is gedaan, of waarom de afspraak vervalt.' }),
});

/** A network partner's own perspective on safety (issue 17 point 5). */
export const perspectiveRequest = z.object({
  score: z.number().int().min(0).max(10).meta({ description: 'Uw eigen inschatting van de veiligheid, 0 (onveilig) tot 10 (veilig). Telt nooit als de gezamenlijke score.' }),
  toelichting: text(2000).meta({ description: 'Waarom deze score.' }),
});

const perspective = z.object({
  van: z.discriminatedUnion('soort', [
    z.object({ soort: z.literal('lid'), lidId: z.uuid() }),
    z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200) }),
  ]),
  score: z.number().int().min(0).max(10),
});

/**
 * A TOP3 action (issue 17 point 5): text only (as before), text naming an
 * agreement of the current plan, or text with a new agreement (owner and date)
 * that the scoring adds to the current plan.
 */
const top3Action = z.union([
  text(500),
  z.object({ omschrijving: text(500), afspraakId: z.uuid().meta({ description: 'Een afspraak uit de huidige versie van het veiligheidsplan die deze actie volgt.' }) }),
  z.object({
    omschrijving: text(500),
    nieuweAfspraak: z
      .object({ eigenaar: owner, deadline: calendarDate })
      .meta({ description: 'Maak een afspraak voor deze actie, met eigenaar en datum: die komt in de huidige versie van het veiligheidsplan (bron top3).' }),
  }),
]);

export const scoreRequest = z.object({
  score: z.number().int().min(0).max(10).meta({ description: 'De gezamenlijke veiligheidsscore, 0 (onveilig) tot 10 (veilig).' }),
  acties: z
    .array(top3Action)
    .length(3)
    .meta({
      description:
        'TOP3: precies drie acties, genoemd bij deze scoring. Elke actie is een tekst, of volgt een afspraak: `{ omschrijving, afspraakId }` noemt een bestaande afspraak, ' +
        '`{ omschrijving, nieuweAfspraak: { eigenaar, deadline } }` maakt er een in het huidige plan. De volgende scoring toont hoe deze drie gingen (`vorigeActies`).',
    }),
  perspectieven: z.array(perspective).max(30).default([]),
});

const householdConsent = z.object({ akkoord: z.enum(CONSENT), toelichting: plainText(2000).optional() });

/** The life domains an analysis names (issue 17): what the reports may count. */
const lifeDomains = uniqueList(z.enum(LIFE_DOMAINS))
  .default([])
  .meta({
    description:
      'De leefdomeinen die de analyse noemt: wonen, financien, werk-en-dagbesteding, gezondheid, opvoeding, sociaal-netwerk, justitie. Standaard geen. De rapportage leefdomeinen telt ze.',
  });

export const analysisRequest = z.object({
  toelichting: text(10_000),
  problemen: uniqueList(z.enum(UNDERLYING_PROBLEMS)).min(1),
  leefdomeinen: lifeDomains,
  akkoordHuishouden: householdConsent.optional().meta({ description: 'Of het huishouden het met deze versie eens is (ja, nee, gedeeltelijk). Weggelaten: niet vastgelegd.' }),
});

/** A proposal for a new version of the analysis, by a network professional with the grant `verklarende-analyse`. */
export const analysisProposalRequest = z.object({
  toelichting: text(10_000),
  problemen: uniqueList(z.enum(UNDERLYING_PROBLEMS)).min(1),
  leefdomeinen: lifeDomains,
});
export const analysisProposalParams = z.object({ id: caseId, voorstelId: z.uuid() });
/** The regisseur adopts the waiting proposal, with the household's agreement. */
export const analysisAdoptionRequest = z.object({ akkoordHuishouden: householdConsent });


/** The form of violence (issue 17), beside the kind of act. */
export const violenceForm = z.enum(VIOLENCE_FORMS).meta({
  description:
    'De vorm van geweld, naast de soort handeling: partnergeweld, kindermishandeling, ouderenmishandeling, eergerelateerd, intieme-terreur, complexe-scheiding of overig. ' +
    'Weggelaten: niet vastgelegd (in de casus null, in de rapportage geweldsvormen als nietVastgelegd; nooit stil als overig geteld).',
});

export const incidentRequest = z.object({
  tijdstip: instant.meta({ description: 'Wanneer het incident plaatsvond (niet in de toekomst).' }),
  soort: z.enum(INCIDENT_KINDS),
  vorm: violenceForm.optional(),
  bron: z.enum(SOURCES).optional().meta({
    description:
      'Van wie de melding van het incident komt. `politie`: de politie was betrokken; dan krijgt de school van elk kind van het huishouden binnen 24 uur een Handle with Care-signaal (werkvoorraad `handle-with-care`). ' +
      'Een incident via POST /v1/berichten komt altijd van de politie. Weggelaten: niet opgegeven (geen Handle with Care-signaal).',
  }),
  omschrijving: text(2000),
});

// ------------------------------------------------ per child (issue 17 point 8)

export const childConversationRequest = z.strictObject({
  gesprekdatum: calendarDate.meta({ description: 'Wanneer een professional met het kind sprak (niet in de toekomst).' }),
});

export const traumaScreeningRequest = z
  .discriminatedUnion('uitkomst', [
    z.strictObject({
      uitkomst: z.literal('gedaan'),
      instrument: text(100).meta({ description: 'Het screeningsinstrument, bijvoorbeeld CRIES-13.' }),
      screeningsdatum: calendarDate.meta({ description: 'Wanneer de screening is gedaan (niet in de toekomst).' }),
    }),
    z.strictObject({
      uitkomst: z.literal('niet-nodig'),
      reden: text(2000).meta({ description: 'Waarom screening niet nodig is.' }),
    }),
  ])
  .meta({ id: 'Traumascreening' });

export const handleWithCareRequest = z
  .discriminatedUnion('uitkomst', [
    z.strictObject({
      uitkomst: z.literal('verstuurd'),
      verstuurdOp: instant.meta({ description: 'Wanneer het signaal naar de school ging (niet in de toekomst).' }),
      school: text(200).meta({
        description:
          'Alleen de naam van de school (of kinderopvang). Het signaal en dit record dragen nooit inhoud van de casus: andere velden worden geweigerd (400). ' +
          'De naam is zichtbaar voor wie de afgeschermde gegevens van het kind mag zien, nooit voor wie aan de kant van de pleger betrokken is.',
      }),
    }),
    z.strictObject({
      uitkomst: z.literal('niet-van-toepassing'),
      reden: text(2000).meta({ description: 'Waarom geen signaal nodig is, bijvoorbeeld: het kind gaat nog niet naar school of opvang.' }),
    }),
  ])
  .meta({ id: 'HandleWithCareSignaal' });

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

// ------------------------------------------- issue 17 point 6: what the regisseur records per member

/** Whether the member was informed about the case: `niet-om-veiligheidsredenen` needs a reason and a date to review it. */
export const informingRequest = z
  .discriminatedUnion('status', [
    z.object({ status: z.literal('ja'), reden: plainText(2000).optional() }),
    z.object({ status: z.literal('nee'), reden: plainText(2000).optional() }),
    z.object({
      status: z.literal('niet-om-veiligheidsredenen'),
      reden: text(2000).meta({ description: 'Waarom informeren nu niet veilig is.' }),
      herzienOp: calendarDate.meta({ description: 'Wanneer opnieuw te bekijken of informeren veilig kan (niet in het verleden); op die datum staat het in de werkvoorraad (`informering-herzien`).' }),
    }),
  ])
  .meta({ id: 'Informering' });

export const safeContactFields = {
  geenPostThuisadres: z.boolean().meta({ description: 'Geen post naar het huisadres (bijvoorbeeld omdat de pleger die leest).' }),
  kanaal: z.enum(CONTACT_CHANNELS).nullable().meta({ description: 'Het kanaal waarlangs contact veilig is.' }),
  veiligMoment: z.string().nullable().meta({ description: 'Een veilig moment, in woorden (bijvoorbeeld "dinsdagochtend").' }),
  toelichting: z.string().nullable(),
};
/** How the member may safely be contacted; `null` clears the preference. */
export const safeContactRequest = z.object({
  veiligContact: z
    .object({
      geenPostThuisadres: z.boolean().default(false),
      kanaal: z.enum(CONTACT_CHANNELS).nullable().default(null),
      veiligMoment: plainText(200).nullable().default(null),
      toelichting: plainText(2000).nullable().default(null),
    })
    .nullable()
    .meta({ description: 'De voorkeur voor veilig contact; null: geen voorkeur (meer).' }),
});

export const legalGroundInput = z
  .object({
    soort: z.enum(LEGAL_GROUNDS).meta({ description: 'De grondslag: toestemming, een wettelijke taak, de meldcode of een vitaal belang.' }),
    referentie: plainText(500).nullable().optional().meta({ description: 'Vrije verwijzing: het wetsartikel, het besluit, de stap van de meldcode.' }),
  })
  .meta({ id: 'GrondslagInvoer' });
export const legalGroundResponse = z
  .object({ soort: z.enum(LEGAL_GROUNDS), referentie: z.string().nullable() })
  .meta({ id: 'Grondslag' });

export const consentParams = z.object({ id: caseId, lidId: z.uuid(), betrokkeneId: z.uuid() });
/** The member's consent to share their data with one network entry (partner). */
export const consentRequest = z.object({
  status: z.enum(SHARING_CONSENT_STATUSES).meta({
    description: 'ja (gegeven), nee (geweigerd) of ingetrokken (alleen na een gegeven toestemming). Nee en ingetrokken stoppen het delen van de gegevens van dit lid met deze partner bij diens volgende verzoek, tenzij er een andere grondslag is.',
  }),
  sinds: calendarDate.meta({ description: 'Wanneer de toestemming is gegeven, geweigerd of ingetrokken (niet in de toekomst): de status geldt sindsdien.' }),
  toelichting: plainText(2000).optional(),
  andereGrondslag: z
    .object({ soort: z.enum(['wettelijke-taak', 'meldcode', 'vitaal-belang']), referentie: plainText(500).nullable().optional() })
    .optional()
    .meta({ description: 'Een andere grondslag dan toestemming om de gegevens van dit lid met deze partner te delen (bijvoorbeeld de meldcode): dan gaat het delen door ondanks nee of een intrekking.' }),
});

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
  leefdomeinen: z.array(z.enum(LIFE_DOMAINS)).meta({ description: 'De leefdomeinen die de analyse noemt (leeg bij een versie van voor het vastleggen ervan).' }),
};
export const analysisProposalResponse = z
  .object({
    id: z.string(),
    toelichting: z.string(),
    problemen: z.array(z.enum(UNDERLYING_PROBLEMS)),
    leefdomeinen: z.array(z.enum(LIFE_DOMAINS)),
    voorgesteldOp: isoInstant,
    voorgesteldDoor: z.string(),
  })
  .meta({ id: 'VerklarendeAnalyseVoorstel' });
export const analysisVersionsResponse = z.object({
  versies: z.array(z.object({ versie: z.number().int(), ...analysisFields }).meta({ id: 'VerklarendeAnalyseVersie' })),
});


export const safeContactResponse = z.object(safeContactFields).meta({ id: 'VeiligContact' });
export const consentResponse = z
  .object({
    betrokkeneId: z.string().meta({ description: 'De vermelding in het netwerk waarvoor de toestemming is vastgelegd.' }),
    partner: z.discriminatedUnion('soort', [
      z.object({ soort: z.literal('professional'), id: z.string() }),
      z.object({ soort: z.literal('organisatie'), oin: z.string() }),
    ]),
    organisatie: z.string(),
    status: z.enum(SHARING_CONSENT_STATUSES),
    sinds: z.string().meta({ format: 'date', description: 'Wanneer gegeven, geweigerd of ingetrokken (JJJJ-MM-DD).' }),
    gegevenOp: z.string().nullable().meta({ format: 'date', description: 'Wanneer de toestemming het laatst is gegeven (JJJJ-MM-DD); blijft staan na een intrekking.' }),
    toelichting: z.string().nullable(),
    andereGrondslag: legalGroundResponse.nullable(),
    gedeeld: z.boolean().meta({ description: 'Of de gegevens van dit lid met deze partner worden gedeeld: niet bij nee of ingetrokken zonder andere grondslag.' }),
    vastgelegdOp: isoInstant,
    vastgelegdDoor: z.string(),
  })
  .meta({ id: 'Toestemming' });

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
    veiligContact: safeContactResponse.nullable().meta({
      description:
        'Hoe dit lid veilig te bereiken is (vastgelegd door de regisseur): geen post naar het huisadres, een kanaal, een veilig moment. Houd u eraan bij elk contact. Nooit zichtbaar aan de kant van de pleger.',
    }),
    geinformeerd: z
      .object({ status: z.enum(INFORMED_STATUSES), reden: z.string().nullable(), herzienOp: z.string().nullable().meta({ format: 'date' }), op: isoInstant })
      .nullable()
      .meta({ description: 'Of het lid over de casus is geïnformeerd; bij niet-om-veiligheidsredenen met de reden en de datum van herziening. Nooit zichtbaar aan de kant van de pleger.' }),
    toestemmingen: z.array(consentResponse).meta({ description: 'De toestemming van het lid om gegevens te delen, per partner in het netwerk. Nooit zichtbaar aan de kant van de pleger.' }),
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
const recordedBy = { vastgelegdOp: isoInstant, vastgelegdDoor: z.string() };

/** What is recorded about one child of the household (issue 17 point 8). */
export const childResponse = z
  .object({
    lidId: z.string(),
    gesprek: z
      .object({ gesprekdatum: z.string().meta({ format: 'date', description: 'Kalenderdatum JJJJ-MM-DD.' }), ...recordedBy })
      .nullable()
      .meta({ description: 'Wanneer een professional met het kind sprak; null: nog niet vastgelegd (PUT .../leden/{lidId}/gesprek).' }),
    traumascreening: z
      .object({
        uitkomst: z.enum(['gedaan', 'niet-nodig']),
        instrument: z.string().nullable(),
        screeningsdatum: z.string().nullable().meta({ format: 'date', description: 'Kalenderdatum JJJJ-MM-DD; null bij niet nodig.' }),
        reden: z.string().nullable(),
        ...recordedBy,
      })
      .nullable()
      .meta({ description: 'Of traumascreening is gewogen: gedaan (instrument, datum) of niet nodig (reden); null: nog niet (PUT .../leden/{lidId}/traumascreening).' }),
    handleWithCare: z
      .object({
        nodigSinds: isoInstant.nullable().meta({ description: 'Het incident waarbij de politie betrokken was en waarvoor nog een signaal aan de school nodig is; null: geen signaal nodig.' }),
        uiterlijk: isoInstant.nullable().meta({ description: 'Uiterlijk dan moet het signaal er zijn (24 uur na het incident); null: geen signaal nodig.' }),
        laatste: z
          .object({
            uitkomst: z.enum(['verstuurd', 'niet-van-toepassing']),
            verstuurdOp: isoInstant.nullable(),
            school: z.string().nullable().meta({
              description: 'De naam van de school; null bij niet-van-toepassing, en voor wie de afgeschermde gegevens van het kind niet mag zien of aan de kant van de pleger betrokken is.',
            }),
            reden: z.string().nullable(),
            ...recordedBy,
          })
          .nullable()
          .meta({ description: 'Het laatst vastgelegde signaal (PUT .../leden/{lidId}/handle-with-care).' }),
      }),
  })
  .meta({ id: 'Kind' });

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
    bron: z.enum(AGREEMENT_SOURCES).meta({ description: 'Waar de afspraak is gemaakt: door de regisseur met het huishouden, in het MDA++-expertoverleg, of als actie bij een TOP3-scoring (top3).' }),
    akkoordHuishouden: z.boolean().meta({
      description: 'Of het huishouden akkoord is met de afspraak. Een afspraak uit het expertoverleg is dat niet, tot de regisseur het vastlegt (PUT .../afspraken/{afspraakId}/akkoord-huishouden).',
    }),
    statuswijziging: z
      .object({ vastgelegdOp: isoInstant, vastgelegdDoor: z.string(), toelichting: z.string().nullable() })
      .nullable()
      .meta({ description: 'De laatste statuswijziging met een toelichting: door de eigenaar (een partner die de afspraak afmeldt) of de regisseur.' }),
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

export const actionOutcomeResponse = z
  .object({
    omschrijving: z.string(),
    afspraakId: z.string().nullable().meta({ description: 'De afspraak die de actie volgt; null voor een actie met alleen tekst.' }),
    status: z
      .enum([...AGREEMENT_STATUSES, 'niet-meer-in-plan'])
      .nullable()
      .meta({ description: 'Hoe de actie ging: de status van haar afspraak (niet-meer-in-plan als een latere versie haar liet vallen); null zonder afspraak.' }),
  })
  .meta({ id: 'Top3Actie' });

export const scoreResponse = z
  .object({
    score: z.number().int(),
    acties: z.array(z.string()),
    actieAfspraken: z.array(z.string().nullable()).meta({ description: 'Per actie (zelfde volgorde) de afspraak die zij volgt, of null. Leeg bij scores van voor het volgen van acties.' }),
    vorigeActies: z
      .array(actionOutcomeResponse)
      .nullable()
      .meta({ description: 'Hoe de drie acties van de vorige scoring gingen toen deze werd gegeven; null bij de eerste scoring en bij scores van daarvoor.' }),
    perspectieven: z.array(perspective),
    gescoordDoor: z.string(),
    gescoordOp: isoInstant,
    bron: z.enum(SCORE_SOURCES).meta({ description: 'Waar de gezamenlijke score is gegeven: door de regisseur met het huishouden, of aan tafel in het MDA++-expertoverleg (expertoverleg). Beide tellen gelijk.' }),
  })
  .meta({ id: 'Veiligheidsscore' });

/** A network partner's own perspective on safety (issue 17 point 5): never the joint score. */
export const networkPerspectiveResponse = z
  .object({
    id: z.string(),
    van: z.discriminatedUnion('soort', [
      z.object({ soort: z.literal('professional'), id: z.string() }),
      z.object({ soort: z.literal('organisatie'), oin: z.string() }),
    ]),
    organisatie: z.string(),
    score: z.number().int(),
    toelichting: z.string(),
    vastgelegdOp: isoInstant,
    vastgelegdDoor: z.string(),
  })
  .meta({ id: 'Netwerkperspectief' });
export const networkPerspectivesQuery = pageQuery(100);
export const networkPerspectivesResponse = z.object({ perspectieven: z.array(networkPerspectiveResponse) });

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
    top3Acties: z
      .array(actionOutcomeResponse)
      .nullable()
      .meta({ description: 'De drie acties van de laatste scoring en hoe ze er nu voor staan (de status van hun afspraken); de volgende scoring legt dit vast als vorigeActies. null zonder scoring.' }),
    netwerkPerspectieven: z
      .array(networkPerspectiveResponse)
      .meta({ description: 'Het laatste eigen perspectief van elke partner in het netwerk (POST .../perspectieven). Telt niet voor de drempel, het venster of de afsluiting; alle: GET .../perspectieven.' }),
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
        reden: z.enum(ESCALATION_REASONS),
        redenen: z.array(z.enum(ESCALATION_REASONS)),
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
      .array(
        z.object({
          tijdstip: isoInstant,
          soort: z.enum(INCIDENT_KINDS),
          vorm: z.enum(VIOLENCE_FORMS).nullable().meta({ description: 'De vorm van geweld; null: niet vastgelegd.' }),
          bron: z.enum(SOURCES).nullable().meta({ description: 'Van wie de melding kwam (`politie`: politie betrokken); null: niet opgegeven.' }),
          omschrijving: z.string(),
          gemeldOp: isoInstant,
        }),
      )
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
    kinderen: z.array(childResponse).meta({
      description: 'Per kind van het huishouden (leden met relatie kind): gesprek, traumascreening en Handle with Care (issue 17).',
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
