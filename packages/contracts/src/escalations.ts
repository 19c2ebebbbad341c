/** Public shapes of escalations (opschalingen), expert meetings and policy; reports are in reports.ts. */
import {
  ESCALATION_DECISIONS,
  ESCALATION_REASONS,
  ESCALATION_STATUSES,
  FOLLOW_UP_INTENSITIES,
  HOUSEHOLD_AT_TABLE,
  LIFE_DOMAINS,
  MDA_REVIEW_DEFAULT_MONTHS,
  PHASES,
  POLICY_SCOPES,
  STABILITY_EVIDENCE_DEFAULTS,
  WORK_LIST_DEFAULTS,
} from '@veilig-samen/domain';
import { z } from 'zod';
import { caseParams, ESCALATION_VIEW_SCORES, planVersionResponse, professional, scoreResponse } from './cases.js';
import { calendarDate, instant, isoInstant, municipalityName, plainText, text, uniqueList } from './common.js';
import { partnerOverviewResponse } from './network.js';
import { pageNumber, pageSize } from './paging.js';

export const escalationParams = z.object({ id: z.uuid() });
export const meetingParams = z.object({ id: z.uuid() });
export const meetingItemParams = z.object({ id: z.uuid(), puntId: z.uuid() });
export const meetingExpertParams = z.object({ id: z.uuid(), expertId: text(200).meta({ description: 'De sub (identificatie in het token) van de expert.' }) });
export const meetingCaseParams = z.object({ id: z.uuid(), casusId: z.uuid() });
export { caseParams };

export const manualEscalationRequest = z.object({
  reden: text(2000).meta({ description: 'Waarom de regisseur de casus naar het MDA++-expertoverleg brengt.' }),
});

export const referralRequest = z.object({
  reden: text(2000).meta({ description: 'Waarom de partner de casus aanmeldt voor MDA++ (bijvoorbeeld: structureel onveilig ondanks de inzet, acuut gevaar).' }),
});

/** open: awaiting the coordinator; mda-traject: taken into MDA++; terug-naar-lokaal-team: sent back; afgeschaald: MDA++ ended. */

export const escalationQuery = z.object({
  status: z.enum(ESCALATION_STATUSES).default('open'),
  gemeente: municipalityName().optional(),
  reden: z.enum(ESCALATION_REASONS).optional(),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

const decisionFields = {
  besluit: z.enum(ESCALATION_DECISIONS),
  motivering: text(5000),
  advies: text(5000).optional().meta({ description: 'Verplicht bij terug-naar-lokaal-team: het advies aan het lokale team.' }),
};

export const decisionRequest = z
  .object(decisionFields)
  .refine((value) => value.besluit !== 'terug-naar-lokaal-team' || value.advies !== undefined, {
    message: 'geef advies aan het lokale team',
    path: ['advies'],
  });


export const meetingDecisionRequest = z
  .object({
    ...decisionFields,
    deelnemers: z.array(text(200)).min(1).max(50).meta({ description: 'Wie aan tafel zat bij het besluit (organisaties en personen).' }),
  })
  .refine((value) => value.besluit !== 'terug-naar-lokaal-team' || value.advies !== undefined, {
    message: 'geef advies aan het lokale team',
    path: ['advies'],
  });

export const followUpRequest = z.object({ tijdstip: instant, notitie: plainText(2000).optional() });

export const escalationResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    gemeente: z.string(),
    reden: z.enum(ESCALATION_REASONS).meta({ description: 'Waarom de opschaling is gemaakt.' }),
    redenen: z.array(z.enum(ESCALATION_REASONS)).meta({
      description:
        'Alle redenen: de eigen reden, en deadline als de deadline van het venster verstreek terwijl een opschaling door de regisseur op een besluit wachtte (één opschaling, beide redenen). Het filter reden= kijkt naar deze lijst.',
    }),
    toelichting: z.string().nullable(),
    vensterNummer: z.number().int(),
    status: z.enum(ESCALATION_STATUSES),
    opgeschaaldOp: isoInstant,
    opgeschaaldDoor: z.string(),
    dagenWachtend: z.number().int().meta({ description: 'Dagen sinds de opschaling (tot het besluit, als dat er is).' }),
    aangemeldDoor: z
      .object({ organisatie: z.string(), persoon: z.string().nullable().meta({ description: 'null als een systeem de casus aanmeldde (bericht mda-aanmelding).' }) })
      .nullable()
      .meta({ description: 'Bij reden aanmelding-partner: wie de casus aanmeldde. Anders null.' }),
    besluit: z
      .object({
        besluit: z.enum(ESCALATION_DECISIONS),
        motivering: z.string(),
        advies: z.string().nullable(),
        op: isoInstant,
        door: z.string(),
        expertoverleg: z
          .object({ id: z.string(), agendapuntId: z.string(), deelnemers: z.array(z.string()) })
          .nullable()
          .meta({ description: 'Genomen in een MDA++-expertoverleg, op het agendapunt, met wie aan tafel zat; null als de coördinator buiten een overleg besloot.' }),
      })
      .nullable(),
    opvolging: z.object({ tijdstip: isoInstant, notitie: z.string().nullable(), verlopen: z.boolean() }).nullable(),
    casus: z
      .object({
        fase: z.enum(PHASES),
        mda: z.enum(['geen', 'opgeschaald', 'mda-traject']),
        dagenSindsStart: z.number().int(),
        regisseur: professional,
        drempel: z.number().int(),
        veiligheidsdeadline: isoInstant,
        veiligheidsscores: z
          .array(scoreResponse)
          .meta({ description: `De veiligheidsscores, oudste eerst; bij meer dan ${ESCALATION_VIEW_SCORES} de laatste ${ESCALATION_VIEW_SCORES}. De hele reeks: GET /casussen/{id}/veiligheidsscores.` }),
        veiligheidsplan: planVersionResponse.nullable(),
        betrokkenOrganisaties: z.array(z.string()),
        versie: z.number().int(),
      })
      .nullable()
      .meta({
        description:
          'De casus zolang die is opgeschaald (open of in het MDA++-traject). null zodra de casus terug is bij het lokale team ' +
          '(terug-naar-lokaal-team of afgeschaald): dan eindigt de inzage van de coördinator en toont de opschaling alleen haar eigen gegevens en het besluit.',
      }),
  })
  .meta({ id: 'Opschaling' });

export const escalationListResponse = z.object({ opschalingen: z.array(escalationResponse) });

// ------------------------------------------------------------ expert meetings

export const createMeetingRequest = z.object({ tijdstip: instant });
export const agendaItemRequest = z.object({ opschalingId: z.uuid() });

const ownerInput = z.discriminatedUnion('soort', [
  z.object({ soort: z.literal('lid'), lidId: z.uuid() }),
  z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200) }),
  z.object({ soort: z.literal('organisatie'), naam: text(200) }),
]);

/** Who leads the MDA++ trajectory (issue 18 point 3). */
const trajectoryLead = z
  .discriminatedUnion('soort', [
    z.object({ soort: z.literal('regisseur') }),
    z.object({ soort: z.literal('professional'), id: text(200), organisatie: text(200) }),
    z.object({ soort: z.literal('organisatie'), naam: text(200) }),
  ])
  .meta({ description: 'Wie de regie over het MDA++-traject voert: de regisseur van de casus, een professional (id en organisatie) of een organisatie.' });

const meetingTop3 = z
  .object({
    score: z.number().int().min(0).max(10).meta({ description: 'De gezamenlijke veiligheidsscore aan tafel, 0 (onveilig) tot 10 (veilig).' }),
    acties: z.array(text(500)).length(3).meta({ description: 'TOP3: precies drie acties.' }),
  })
  .meta({
    description:
      'De gezamenlijke TOP3-score aan tafel. De regisseur zit met het huishouden aan tafel, dus dit is de gezamenlijke veiligheidsscore van de casus (bron expertoverleg): ' +
      'hij telt voor het veiligheidsvenster en voor afsluiten zoals elke gezamenlijke score. Een afgesloten casus weigert hem (casus.afgesloten).',
  });

export const itemOutcomeRequest = z.object({
  deelnemers: z.array(text(200)).min(1).max(50).meta({ description: 'De organisaties aan tafel.' }),
  besluiten: z.array(text(2000)).min(1).max(50),
  afspraken: z
    .array(z.object({ omschrijving: text(1000), eigenaar: ownerInput, deadline: calendarDate }))
    .max(50)
    .default([])
    .meta({ description: 'Nieuwe afspraken; ze komen direct als nieuwe versie in het veiligheidsplan van de casus.' }),
  huishoudenAanTafel: z.enum(HOUSEHOLD_AT_TABLE).meta({ description: 'Zat het huishouden aan tafel: ja, nee, of deels (een deel van de leden).' }),
  ervaringsdeskundigeAanwezig: z.boolean().meta({ description: 'Was een ervaringsdeskundige aanwezig.' }),
  mandaatGemeenteAanwezig: z.boolean().meta({ description: 'Was iemand met mandaat van de gemeente aanwezig (die over inzet en middelen kan besluiten).' }),
  top3: meetingTop3,
  leefdomeinen: uniqueList(z.enum(LIFE_DOMAINS))
    .min(1)
    .meta({ description: 'De besproken leefdomeinen (dezelfde lijst als bij de verklarende analyse): wonen, financien, werk-en-dagbesteding, gezondheid, opvoeding, sociaal-netwerk, justitie.' }),
  intensiteit: z.enum(FOLLOW_UP_INTENSITIES).meta({ description: 'De intensiteit van de opvolging: licht, midden of intensief.' }),
  regieMdaTraject: trajectoryLead,
  volgendeBespreking: calendarDate.meta({ description: 'De datum van de volgende bespreking; niet vóór de dag van dit expertoverleg.' }),
});

export const closeMeetingRequest = z.object({ notulen: text(50_000) });

export const agendaItemResponse = z
  .object({
    id: z.string(),
    opschalingId: z.string(),
    casusId: z.string(),
    positie: z.number().int(),
    deelnemers: z.array(z.string()),
    besluiten: z.array(z.string()),
    afspraken: z.array(z.object({ omschrijving: z.string(), eigenaar: ownerInput, deadline: z.string() })),
    uitkomstVastgelegdOp: isoInstant.nullable(),
    huishoudenAanTafel: z.enum(HOUSEHOLD_AT_TABLE).nullable(),
    ervaringsdeskundigeAanwezig: z.boolean().nullable(),
    mandaatGemeenteAanwezig: z.boolean().nullable(),
    top3: z.object({ score: z.number().int(), acties: z.array(z.string()) }).nullable(),
    leefdomeinen: z.array(z.enum(LIFE_DOMAINS)),
    intensiteit: z.enum(FOLLOW_UP_INTENSITIES).nullable(),
    regieMdaTraject: trajectoryLead.nullable(),
    volgendeBespreking: z.string().nullable(),
  })
  .meta({
    id: 'Agendapunt',
    description: 'De velden van de uitkomst zijn null (leefdomeinen leeg) zolang er geen uitkomst is, en bij uitkomsten van vóór het vastleggen ervan.',
  });

export const expertRequest = z.object({
  id: text(200).meta({ description: 'De sub van de expert: zo herkent de dienst de expert aan het token.' }),
  organisatie: text(200),
  naam: text(200).optional(),
});

export const expertResponse = z.object({ id: z.string(), organisatie: z.string(), naam: z.string().nullable() }).meta({ id: 'Expert' });

export const meetingResponse = z
  .object({
    id: z.string(),
    tijdstip: isoInstant,
    status: z.enum(['gepland', 'gesloten']),
    notulen: z.string().nullable(),
    geslotenOp: isoInstant.nullable(),
    gestartOp: isoInstant.nullable().meta({ description: 'Wanneer het overleg is gestart (POST .../start); daarvoor worden geen uitkomsten vastgelegd.' }),
    experts: z.array(expertResponse).meta({ description: 'De aangemelde experts: zij lezen op de dag van het overleg de casussen op de agenda.' }),
    agenda: z.array(agendaItemResponse),
  })
  .meta({ id: 'Expertoverleg' });

/**
 * What an expert registered for a meeting reads of a case on its agenda, on
 * the meeting's day (issue 18 point 3): the partner view, the current safety
 * plan and the score series. Never sealed details.
 */
export const expertCaseResponse = partnerOverviewResponse
  .extend({
    expertoverleg: z.object({ id: z.string(), tijdstip: isoInstant }),
    veiligheidsplan: planVersionResponse.nullable(),
    veiligheidsscores: z
      .array(scoreResponse)
      .meta({ description: `De gezamenlijke veiligheidsscores, oudste eerst; bij meer dan ${ESCALATION_VIEW_SCORES} de laatste ${ESCALATION_VIEW_SCORES}.` }),
  })
  .meta({ id: 'ExpertCasus' });

export const meetingListQuery = z.object({
  status: z.enum(['gepland', 'gesloten']).optional(),
  pagina: pageNumber(),
  paginaGrootte: pageSize(50),
});

export const meetingListResponse = z.object({
  expertoverleggen: z.array(z.object({ id: z.string(), tijdstip: isoInstant, status: z.enum(['gepland', 'gesloten']) })),
});

// ------------------------------------------------------------ policy

export const policyRequest = z.object({
  drempel: z.number().int().min(0).max(10),
  vensterMaanden: z.number().int().min(1).max(24),
  stabiliteitMaanden: z.number().int().min(0).max(24),
  stabieleScoresMinimum: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(STABILITY_EVIDENCE_DEFAULTS.minScores)
    .meta({ description: 'Afsluiten als stabiel-veilig vraagt minstens zoveel gezamenlijke scores op of boven de drempel door de stabiliteitsperiode heen (standaard 2).' }),
  laatsteScoreMaxMaanden: z
    .number()
    .int()
    .min(1)
    .max(12)
    .default(STABILITY_EVIDENCE_DEFAULTS.latestScoreMonths)
    .meta({ description: 'De laatste van die scores is bij afsluiten hoogstens zoveel maanden oud (standaard 1).' }),
  herinneringDagenVoorDeadline: z.number().int().min(0).max(90),
  reikwijdte: z.enum(POLICY_SCOPES).default('alle-casussen').meta({
    description:
      'Voor welke casussen de opschalingsregel geldt: alle-casussen (standaard) of alleen casussen die de regisseur markeerde als coördinatie op veiligheid (coordinatieOpVeiligheid). Geldt per veiligheidsvenster, vanaf het volgende venster.',
  }),
  scoringIntervalWekenDirecteVeiligheid: z
    .number()
    .int()
    .min(1)
    .max(26)
    .default(WORK_LIST_DEFAULTS.scoringIntervalWeeksSafety)
    .meta({ description: 'De werkvoorraad plant de volgende TOP3-scoring zoveel weken na de vorige zolang de casus in directe veiligheid is (standaard 4).' }),
  scoringIntervalWekenLatereFasen: z
    .number()
    .int()
    .min(1)
    .max(26)
    .default(WORK_LIST_DEFAULTS.scoringIntervalWeeksLater)
    .meta({ description: 'Idem in de latere fasen (oorzaken onderzoeken, blijvend voorkomen, nazorg; standaard 6).' }),
  werkvoorraadDagenVooruit: z
    .number()
    .int()
    .min(0)
    .max(60)
    .default(WORK_LIST_DEFAULTS.daysAhead)
    .meta({ description: 'Zoveel dagen voor de deadline van een afspraak of een geplande scoring staat die al in de werkvoorraad (standaard 7).' }),
  mdaEvaluatieMaanden: z
    .number()
    .int()
    .min(1)
    .max(12)
    .default(MDA_REVIEW_DEFAULT_MONTHS)
    .meta({
      description:
        'Een casus in het MDA++-traject wordt elke zoveel kalendermaanden geëvalueerd (standaard 3); de evaluatie komt dan in de wachtrij van de MDA++-coördinator (GET /v1/mda-evaluaties). Geldt voor besluiten vanaf de ingangsdatum.',
    }),
  geldigVanaf: instant.optional().meta({ description: 'Standaard nu; niet in het verleden. Geldt voor nieuwe veiligheidsvensters.' }),
  reden: text(2000).meta({
    description: 'Waarom het beleid verandert (bijvoorbeeld het besluit van het regionale overleg). Verplicht; staat in de geschiedenis van het beleid.',
  }),
});

export const policyVersionResponse = z
  .object({
    versie: z.number().int(),
    drempel: z.number().int(),
    vensterMaanden: z.number().int(),
    stabiliteitMaanden: z.number().int(),
    stabieleScoresMinimum: z.number().int(),
    laatsteScoreMaxMaanden: z.number().int(),
    herinneringDagenVoorDeadline: z.number().int(),
    reikwijdte: z.enum(POLICY_SCOPES),
    scoringIntervalWekenDirecteVeiligheid: z.number().int(),
    scoringIntervalWekenLatereFasen: z.number().int(),
    werkvoorraadDagenVooruit: z.number().int(),
    mdaEvaluatieMaanden: z.number().int(),
    geldigVanaf: isoInstant,
    vastgesteldOp: isoInstant.meta({ description: 'Wanneer de versie is vastgesteld.' }),
    vastgesteldDoor: z.string().meta({ description: 'Wie de versie vaststelde (sub van het token van de regiobeheerder; "systeem" voor het beginbeleid).' }),
    reden: z.string().meta({ description: 'Waarom de versie is vastgesteld. Versies van vóór de invoering van redenen hebben een vaste tekst.' }),
  })
  .meta({ id: 'Beleidsversie' });

export const policyListResponse = z.object({
  regio: z.string(),
  inWerking: z.number().int().nullable(),
  versies: z.array(policyVersionResponse),
});

// ------------------------------------------------------------ reviews of the MDA++ track (issue 18 point 4)

export const reviewParams = z.object({ id: z.uuid() });

/** Strict: an unknown parameter is a 400, not silently ignored. */
export const reviewQuery = z.strictObject({
  status: z.enum(['open', 'voortgezet', 'afgeschaald']).default('open'),
  pagina: pageNumber(),
  paginaGrootte: pageSize(20),
});

export const reviewOutcomeRequest = z
  .discriminatedUnion('uitkomst', [
    z.object({
      uitkomst: z.literal('voortzetten'),
      volgendeEvaluatie: instant.meta({ description: 'Wanneer het traject weer wordt geëvalueerd; na nu.' }),
      toelichting: text(5000),
    }),
    z.object({
      uitkomst: z.literal('afschalen'),
      reden: text(2000).meta({ description: 'Waarom het MDA++-traject eindigt; de casus gaat terug naar het lokale team met een nieuw veiligheidsvenster.' }),
    }),
  ])
  .meta({ id: 'EvaluatieUitkomst' });

export const reviewResponse = z
  .object({
    id: z.string(),
    casusId: z.string(),
    opschalingId: z.string().nullable().meta({ description: 'De opschaling waarmee de casus het MDA++-traject in ging.' }),
    gemeente: z.string(),
    nummer: z.number().int().meta({ description: 'De hoeveelste evaluatie van dit traject.' }),
    vervaldatum: isoInstant,
    status: z.enum(['open', 'voortgezet', 'afgeschaald']),
    uitkomst: z
      .object({ op: isoInstant, door: z.string(), toelichting: z.string(), volgendeEvaluatie: isoInstant.nullable() })
      .nullable(),
  })
  .meta({ id: 'MdaEvaluatie' });

export const reviewListResponse = z.object({ evaluaties: z.array(reviewResponse) });
