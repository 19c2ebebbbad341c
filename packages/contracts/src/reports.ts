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

/** Reports of the state now (peildatum): no period. */
export const snapshotReportQuery = z.object({ gemeente: municipalityParameter });

/** Reports over a period: one whole, closed calendar quarter (Europe/Amsterdam). */
export const reportQuery = z.object({
  kwartaal: z
    .string()
    .regex(/^(19|20)\d{2}-K[1-4]$/, 'moet een kwartaal zijn, bijvoorbeeld 2026-K3')
    .optional()
    .meta({
      description:
        'Een afgesloten kalenderkwartaal (Europe/Amsterdam), bijvoorbeeld 2026-K3; standaard het laatste. Alleen hele, voorbije kwartalen: ' +
        'vrije of overlappende perioden zouden van elkaar af te trekken zijn tot op één huishouden.',
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

export const escalationReportResponse = report(
  'RapportageOpschalingen',
  'Opschalingen naar het MDA++-expertoverleg in het kwartaal (opschalingen), per reden (perReden: deadline, handmatig door de regisseur, aanmelding-partner) en per stand van nu (perBesluit: open wacht op besluit); ' +
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
  'Afsluitingen van casussen in het kwartaal (afsluitingen), per reden (perReden: deadline, handmatig door de regisseur, aanmelding-partner): stabiel veilig, verhuisd buiten de regio, overgedragen, hulp geweigerd, overleden; ' +
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
  })
  .meta({ id: 'Rapportages' });

export const csvReport = z.string().meta({
  description:
    'CSV (RFC 4180: komma als scheidingsteken, elk veld tussen dubbele aanhalingstekens (een aanhalingsteken erin verdubbeld), CRLF, UTF-8 zonder BOM) ' +
    'met een kopregel; één regel per gemeente en een regel totaal (met gemeente=: alleen die gemeente). Een onderdrukt getal staat er als "x", een niet te berekenen waarde als leeg veld (""). ' +
    'Tekst die (na eventuele spaties) met =, +, -, @, een tab of een regeleinde begint krijgt een apostrof ervoor, zodat een spreadsheet haar niet als formule uitvoert.',
});

export type Figure = z.infer<typeof figure>;
