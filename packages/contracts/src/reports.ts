/**
 * Public shapes of the region's insights reports (/v1/rapportages). Every
 * figure is a `Cijfer`: small numbers are suppressed so that no household can
 * be recognised (see services/api/src/reports/suppression.ts for the rule).
 */
import { z } from 'zod';
import { CLOSURE_REASONS, ESCALATION_REASONS, ESCALATION_STATUSES, LIFE_DOMAINS, VIOLENCE_FORMS } from '@veilig-samen/domain';
import { isoInstant, municipalityName } from './common.js';

const municipalityParameter = municipalityName()
  .optional()
  .meta({
    description:
      'Alleen deze gemeente van de regio (een andere naam: 422 gemeente.onbekend): haar regel uit de tabel van de hele regio (met dezelfde onderdrukking). ' +
      'Zonder: de hele regio met een uitsplitsing per gemeente.',
  });

/**
 * A report's query takes its own parameters and nothing else (400 for any
 * other, issue 18): a parameter dropped in silence (`jaar` before the yearly
 * review existed) gives an answer about another period than the one asked.
 */
const reportParameters = <T extends z.core.$ZodLooseShape>(shape: T) =>
  // The problem names each unknown parameter in invalidParams (plugins/problems.ts), with this reason.
  z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? `onbekende parameter; deze rapportage kent alleen ${Object.keys(shape).join(', ')}` : undefined),
  });

/** Reports of the state now (peildatum): no period. */
export const snapshotReportQuery = reportParameters({ gemeente: municipalityParameter });

const quarterParameter = z
    .string()
    .regex(/^(19|20)\d{2}-K[1-4]$/, 'moet een kwartaal zijn, bijvoorbeeld 2026-K3')
    .optional()
    .meta({
      description:
        'Een afgesloten kalenderkwartaal (Europe/Amsterdam), bijvoorbeeld 2026-K3; standaard het laatste. Alleen hele, voorbije kwartalen: ' +
        'vrije of overlappende perioden zouden van elkaar af te trekken zijn tot op één huishouden.',
    });

/** Reports over a period: one whole, closed calendar quarter (Europe/Amsterdam). */
export const reportQuery = reportParameters({ kwartaal: quarterParameter, gemeente: municipalityParameter });

/** Reports that also give a closed year with its four quarters (the yearly review, issue 18). */
export const yearlyReportQuery = reportParameters({
  kwartaal: quarterParameter,
  jaar: z
    .string()
    .regex(/^(19|20)\d{2}$/, 'moet een jaar zijn, bijvoorbeeld 2026')
    .optional()
    .meta({
      description:
        'Een jaar waarvan alle vier kwartalen zijn afgesloten (anders 422 rapportage.jaar-niet-afgesloten), bijvoorbeeld 2026; niet samen met kwartaal ' +
        '(400 rapportage.jaar-en-kwartaal). Het jaar komt met zijn vier kwartalen (perKwartaal), als één tabel onderdrukt: ' +
        'een kwartaal ziet er hetzelfde uit als in zijn eigen kwartaalrapportage, en een getal van het jaar wordt weggelaten ' +
        'als het, min de getoonde kwartalen, een weggelaten getal zou teruggeven.',
    }),
  gemeente: municipalityParameter,
});

export const figure = z
  .object({
    waarde: z.number().nullable().meta({
      description: 'Het getal; null als het is onderdrukt, of als er niets te berekenen valt (een mediaan of aandeel over 0 eenheden).',
    }),
    onderdrukt: z.boolean().meta({
      description:
        'true: weggelaten omdat het 1 tot 4 huishoudens betreft, of omdat een weggelaten getal anders uit de andere getallen en het totaal terug te rekenen is. ' +
        'Een afgeleid getal (mediaan, percentiel, aandeel) is weggelaten zodra een aantal waaruit of waarover het is berekend is weggelaten. In CSV: x (zoals in CBS-tabellen: geheim).',
    }),
  })
  .meta({
    id: 'Cijfer',
    description: 'Een getal in een rapportage. 0 wordt getoond; aantallen van 1 tot 4 huishoudens en wat daaruit te herleiden is niet.',
  });

const envelope = {
  regio: z.string(),
  kwartaal: z.string().nullable().meta({ description: 'Het kwartaal; null bij een rapportage van de stand van nu.' }),
  periode: z.object({ van: isoInstant, tot: isoInstant }).nullable().meta({ description: 'Het kwartaal als [van, tot); null bij de stand van nu.' }),
  peildatum: isoInstant.meta({ description: 'Het moment waarop de cijfers zijn bepaald (nu).' }),
  gemeente: z.string().nullable().meta({ description: 'De gevraagde gemeente; null: de hele regio.' }),
};

function report<T extends z.ZodObject>(id: string, description: string, figures: T) {
  return z
    .object({
      ...envelope,
      totaal: figures,
      perGemeente: z.array(figures.extend({ gemeente: z.string() })).meta({ description: 'Per gemeente met gegevens; leeg als gemeente= is opgegeven.' }),
    })
    .meta({ id, description });
}

/**
 * A report that also gives a year (jaar=): the year in totaal and
 * perGemeente, its quarters in perKwartaal; asked for a quarter, jaar is
 * null and perKwartaal empty.
 */
function yearlyReport<T extends z.ZodObject>(id: string, description: string, figures: T) {
  const perGemeente = z.array(figures.extend({ gemeente: z.string() })).meta({ description: 'Per gemeente met gegevens; leeg als gemeente= is opgegeven.' });
  return z
    .object({
      ...envelope,
      kwartaal: envelope.kwartaal.meta({ description: 'Het kwartaal; null als een jaar is gevraagd.' }),
      jaar: z.string().nullable().meta({ description: 'Het jaar (jaar=); null als een kwartaal is gevraagd.' }),
      periode: envelope.periode.meta({ description: 'Het kwartaal of jaar als [van, tot) (nooit null: deze rapportage gaat altijd over een periode).' }),
      totaal: figures,
      perGemeente,
      perKwartaal: z
        .array(z.object({ kwartaal: z.string(), periode: z.object({ van: isoInstant, tot: isoInstant }), totaal: figures, perGemeente }))
        .meta({
          description:
            'Bij jaar=: de vier kwartalen van het jaar (K1 tot K4), met het jaar als één tabel onderdrukt; per kwartaal de gemeenten met gegevens in dat kwartaal. ' +
            'Bij een kwartaal: leeg.',
        }),
    })
    .meta({ id, description });
}

const figures = <T extends string>(names: readonly T[]) => z.object(Object.fromEntries(names.map((name) => [name, figure])) as Record<T, typeof figure>);

export const phaseReportResponse = report(
  'RapportageFasen',
  'Open casussen (casussen) per fase (perFase), zoals ze er op de peildatum (nu) voor staan.',
  z.object({ casussen: figure, perFase: figures(['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg'] as const) }),
);

export const timeToThresholdReportResponse = report(
  'RapportageTijdTotDrempel',
  'Veiligheidsvensters die in het kwartaal begonnen (vensters); waarvan de drempel (6 bij het standaardbeleid) binnen het venster is bereikt (bereikt) ' +
    'of (nog) niet (nietBereikt); de mediane tijd en het 90e percentiel van begin venster tot drempel (medianeDagen, p90Dagen, in dagen met één decimaal).',
  figures(['vensters', 'bereikt', 'nietBereikt', 'medianeDagen', 'p90Dagen'] as const),
);

export const thresholdWithinWindowReportResponse = report(
  'RapportageDrempelBinnenTermijn',
  'Veiligheidsvensters waarvan de deadline (3 maanden na de start bij het standaardbeleid) in het kwartaal viel terwijl ze liepen (vensters; een venster dat eerder door een nieuw venster werd vervangen telt niet mee); ' +
    'waarvan de drempel op of voor de deadline is bereikt (binnenTermijn) of niet (nietBinnenTermijn); binnenTermijn als percentage van vensters, één decimaal (aandeelBinnenTermijn).',
  figures(['vensters', 'binnenTermijn', 'nietBinnenTermijn', 'aandeelBinnenTermijn'] as const),
);

export const escalationReportResponse = yearlyReport(
  'RapportageOpschalingen',
  'Opschalingen naar het MDA++-expertoverleg in het kwartaal of jaar (opschalingen), per reden (perReden: elke reden die het domein kent: deadline, handmatig door de regisseur, aanmelding-partner) en per stand van nu (perBesluit: open wacht op besluit); ' +
    'de opschalingen waarover de coördinator heeft besloten (beslist: alle behalve open) en de mediane tijd van opschaling tot besluit daarover ' +
    '(medianeDagenTotBesluit, in dagen met één decimaal; alleen getoond als opschalingen en beslist getoond worden).',
  z.object({
    opschalingen: figure,
    perReden: figures(ESCALATION_REASONS),
    perBesluit: figures(ESCALATION_STATUSES),
    beslist: figure,
    medianeDagenTotBesluit: figure,
  }),
);

export const recurrenceReportResponse = report(
  'RapportageHerhaling',
  'Afsluitingen van casussen in het kwartaal (afsluitingen): binnen 12 maanden gevolgd door heropening (heropend, herhaling), ' +
    '12 maanden verstreken zonder heropening (nietHeropend), of minder dan 12 maanden geleden en (nog) niet heropend (opvolgingLopend: nog niet volledig te beoordelen).',
  figures(['afsluitingen', 'heropend', 'nietHeropend', 'opvolgingLopend'] as const),
);

export const closureReportResponse = report(
  'RapportageAfsluitingen',
  'Afsluitingen van casussen in het kwartaal (afsluitingen), per reden (perReden): stabiel veilig, verhuisd buiten de regio, overgedragen, hulp geweigerd, overleden; ' +
    'overig: afgesloten voordat de redenen bestonden (vrije tekst).',
  z.object({ afsluitingen: figure, perReden: figures([...CLOSURE_REASONS, 'overig'] as const) }),
);

export const overdueAgreementsReportResponse = report(
  'RapportageAfsprakenTeLaat',
  'Open casussen met minstens één open afspraak in het huidige veiligheidsplan waarvan de deadline voor vandaag ligt (casussen), ' +
    'en het aantal van die afspraken (afspraken), op de peildatum.',
  figures(['casussen', 'afspraken'] as const),
);

export const violenceFormReportResponse = report(
  'RapportageGeweldsvormen',
  'Incidenten gemeld in het kwartaal (incidenten), per vorm van geweld (perVorm: partnergeweld, kindermishandeling, ouderenmishandeling, eergerelateerd, intieme-terreur, complexe-scheiding, overig); ' +
    'nietVastgelegd: een incident zonder vorm (van voor de vormen, of van een systeem dat haar niet meestuurt). Onderdrukt naar het aantal huishoudens dat een getal betreft.',
  z.object({ incidenten: figure, perVorm: figures([...VIOLENCE_FORMS, 'nietVastgelegd'] as const) }),
);

export const lifeDomainReportResponse = report(
  'RapportageLeefdomeinen',
  'Open casussen met een verklarende analyse (casussenMetAnalyse) en per leefdomein hoeveel daarvan de analyse dat domein noemt (perLeefdomein), op de peildatum. ' +
    'Een analyse noemt meerdere domeinen: de domeinen tellen niet op tot het totaal.',
  z.object({ casussenMetAnalyse: figure, perLeefdomein: figures(LIFE_DOMAINS) }),
);

const termOutcome = (months: number) =>
  z
    .object({ bereikt: figure, nietBereikt: figure, nogNietTeBeoordelen: figure })
    .meta({ description: `Binnen ${months} kalendermaanden na het besluit: bereikt, niet bereikt (de ${months} maanden zijn voorbij), of nog niet te beoordelen (nog geen ${months} maanden voorbij en nog niet bereikt).` });

export const mdaOutcomeReportResponse = yearlyReport(
  'RapportageMdaUitkomsten',
  'Casussen die in het kwartaal of jaar het MDA++-traject in gingen (trajecten: elk besluit mda-traject van de coördinator telt één keer) en of binnen 3, 6 en 12 kalendermaanden ' +
    '(Europe/Amsterdam) na dat besluit een gezamenlijke veiligheidsscore op of boven de drempel volgde (de drempel van het beleid dat gold in het veiligheidsvenster van die score; 6 bij het standaardbeleid). ' +
    'Per termijn: bereikt, nietBereikt (de termijn is voorbij zonder zo’n score) of nogNietTeBeoordelen (de termijn loopt nog en zo’n score kwam er nog niet: geen mislukking, nog niet te beoordelen); ' +
    'de drie tellen op tot trajecten. Een casus die voor het eind van de termijn werd afgesloten of afgeschaald zonder zo’n score telt na de termijn als niet bereikt.',
  z.object({ trajecten: figure, na3Maanden: termOutcome(3), na6Maanden: termOutcome(6), na12Maanden: termOutcome(12) }),
);

export const reportsOverviewResponse = z
  .object({
    ...envelope,
    fasen: phaseReportResponse,
    tijdTotDrempel: timeToThresholdReportResponse,
    drempelBinnenTermijn: thresholdWithinWindowReportResponse,
    opschalingen: escalationReportResponse,
    herhaling: recurrenceReportResponse,
    afsluitingen: closureReportResponse,
    afsprakenTeLaat: overdueAgreementsReportResponse,
    geweldsvormen: violenceFormReportResponse,
    leefdomeinen: lifeDomainReportResponse,
    mdaUitkomsten: mdaOutcomeReportResponse,
  })
  .meta({ id: 'Rapportages' });

export const csvReport = z.string().meta({
  description:
    'CSV (RFC 4180: komma als scheidingsteken, elk veld tussen dubbele aanhalingstekens (een aanhalingsteken erin verdubbeld), CRLF, UTF-8 zonder BOM) ' +
    'met een kopregel; één regel per gemeente en een regel totaal (met gemeente=: alleen die gemeente). Een onderdrukt getal staat er als "x", een niet te berekenen waarde als leeg veld (""). ' +
    'Tekst die (na eventuele spaties) met =, +, -, @, een tab of een regeleinde begint krijgt een apostrof ervoor, zodat een spreadsheet haar niet als formule uitvoert.',
});

export type Figure = z.infer<typeof figure>;
