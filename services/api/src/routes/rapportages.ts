/**
 * /v1/rapportages: the region's insights reports (issue 7), each as JSON or,
 * with `Accept: text/csv`, as a CSV download. The figures are disclosed per
 * services/api/src/reports/suppression.ts: no household can be recognised.
 */
import {
  closureReportResponse,
  csvReport,
  escalationReportResponse,
  lifeDomainReportResponse,
  mdaOutcomeReportResponse,
  overdueAgreementsReportResponse,
  phaseReportResponse,
  recurrenceReportResponse,
  reportQuery,
  reportsOverviewResponse,
  snapshotReportQuery,
  thresholdWithinWindowReportResponse,
  timeToThresholdReportResponse,
  violenceFormReportResponse,
  yearlyReportQuery,
} from '@veilig-samen/contracts';
import type { Role } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { callerOf } from '../plugins/auth.js';
import { assertMayReport, runAllReports, runReport, type ReportKey, type ReportQuery, type ReportResult } from '../reports/reports.js';
import type { CaseDeps } from '../cases/use-cases.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

/** Region-wide for policy staff, the coordinator and the auditor; a beheerder only for their own municipalities (gemeente= required). */
const REPORT_ROLES: readonly Role[] = ['beleid', 'mda-coordinator', 'auditor', 'beheerder'];

const COMMON =
  'Voor beleid, mda-coordinator en auditor (de hele regio) en beheerder (alleen met gemeente= voor een eigen gemeente). ' +
  'Aantallen van 1 tot 4 huishoudens worden niet getoond (onderdrukt: true), en ook niet wat daaruit terug te rekenen is; 0 wordt wel getoond. ' +
  'Een gemeente krijgt haar regel uit de tabel van de hele regio, zodat een getal er hetzelfde uitziet hoe het ook wordt gevraagd. ' +
  'Met Accept: text/csv komt hetzelfde als CSV-bestand (Content-Disposition: attachment), met x voor een onderdrukt getal. ' +
  'Een andere queryparameter dan hieronder genoemd: 400 verzoek.ongeldig.';

const YEARLY =
  'Met jaar= (een jaar waarvan alle vier kwartalen voorbij zijn) komen het jaar en zijn vier kwartalen (perKwartaal) samen, als één tabel onderdrukt: ' +
  'een weggelaten kwartaalgetal is niet terug te rekenen als het jaar min de andere kwartalen. De kwartalen zien er hetzelfde uit als in hun eigen kwartaalrapportage; ' +
  'zo nodig wordt een getal van het jaar weggelaten. CSV bij jaar=: een kolom periode (het jaar of het kwartaal) voor gemeente.';

const CSV_TYPE = 'text/csv; charset=utf-8; header=present';

const wantsCsv = (request: FastifyRequest) => request.headers.accept?.includes('text/csv') ?? false;

function sendCsv(reply: FastifyReply, filename: string, csv: string) {
  return reply
    .type(CSV_TYPE)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .serializer((value: unknown) => String(value))
    .send(csv);
}

interface ReportRoute<S extends z.ZodType> {
  readonly path: string;
  readonly schema: S;
  /** Of the state now: no kwartaal. */
  readonly snapshot?: boolean;
  /** Also a closed year with its quarters (jaar=). */
  readonly yearly?: boolean;
  readonly summary: string;
  readonly description: string;
  readonly run: (query: ReportQuery) => Promise<ReportResult<z.output<S>>>;
}

/** The bodies are typed by ReportRoute; zod validates the query and serializes the JSON at run time. */
function registerReport<S extends z.ZodType>(app: FastifyInstance, cases: CaseDeps, route: ReportRoute<S>): void {
  app.get<{ Querystring: ReportQuery }>(route.path, {
    config: { access: REPORT_ROLES },
    schema: {
      tags: ['rapportages'],
      summary: route.summary,
      description: `${route.description} ${route.yearly ? `${YEARLY} ` : ''}${COMMON}`,
      querystring: route.snapshot ? snapshotReportQuery : route.yearly ? yearlyReportQuery : reportQuery,
      response: {
        200: { description: 'Gelukt', content: { 'application/json': { schema: route.schema }, 'text/csv': { schema: csvReport } } },
        ...problems(400, 403, 422),
      },
    },
  }, async (request, reply) => {
    assertMayReport(cases, callerOf(request), request.query);
    const result = await route.run(request.query);
    if (wantsCsv(request)) return sendCsv(reply, result.filename, result.csv());
    return reply.send(result.body);
  });
}

export function rapportagesRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  const report = <K extends ReportKey>(key: K) => (query: ReportQuery) => runReport(cases, key, query);
  return async (app: FastifyInstance): Promise<void> => {
    registerReport(app, cases, {
      path: '/v1/rapportages',
      schema: reportsOverviewResponse,
      summary: 'Alle rapportages in één antwoord, voor het overzicht',
      description:
        'De rapportages hieronder voor dezelfde gemeente, op hetzelfde moment bepaald; die over een periode voor het gevraagde kwartaal. ' +
        'Als CSV in lange vorm: één regel per rapportage, gemeente en cijfer (kolommen rapportage, gemeente, cijfer, waarde).',
      run: (query) => runAllReports(cases, query),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/fasen',
      schema: phaseReportResponse,
      summary: 'Open casussen per fase, per gemeente',
      description: 'Peildatum is het moment van de vraag: de casussen die nu open zijn, in hun fase van nu (geen periode).',
      snapshot: true,
      run: report('fasen'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/tijd-tot-drempel',
      schema: timeToThresholdReportResponse,
      summary: 'Tijd tot een veiligheidsscore van 6: mediaan en 90e percentiel, per gemeente',
      description:
        'Veiligheidsvensters (de start van een casus, en elke nieuwe start na een incident of heropening) die in het kwartaal begonnen: ' +
        'hoeveel de drempel bereikten, en in hoeveel dagen.',
      run: report('tijdTotDrempel'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/drempel-binnen-termijn',
      schema: thresholdWithinWindowReportResponse,
      summary: 'Aandeel veiligheidsvensters dat binnen de termijn (3 maanden) een 6 haalde, per gemeente',
      description: 'Vensters waarvan de deadline in het kwartaal viel. Een venster dat voor zijn deadline werd vervangen (nieuw incident, heropening) telt niet mee: zijn deadline kwam nooit.',
      run: report('drempelBinnenTermijn'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/opschalingen',
      schema: escalationReportResponse,
      summary: 'Opschalingen naar MDA++ per reden en uitkomst, per gemeente, en de mediane doorlooptijd tot besluit',
      description: 'Opschalingen gemaakt in het kwartaal (of het jaar), met hun stand van nu; per reden elke reden die het domein kent.',
      yearly: true,
      run: report('opschalingen'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/mda-uitkomsten',
      schema: mdaOutcomeReportResponse,
      summary: 'MDA++-uitkomsten: casussen in het MDA++-traject die binnen 3, 6 en 12 maanden de veiligheidsdrempel haalden, per gemeente',
      description:
        'Besluiten mda-traject in het kwartaal (of het jaar), en of er binnen 3, 6 en 12 kalendermaanden na het besluit een gezamenlijke score op of boven de drempel kwam. ' +
        'Een termijn die nog loopt zonder zo’n score telt als nogNietTeBeoordelen, niet als niet bereikt. Alleen aantallen: geen casus of naam.',
      yearly: true,
      run: report('mdaUitkomsten'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/herhaling',
      schema: recurrenceReportResponse,
      summary: 'Herhaling: afgesloten casussen die binnen 12 maanden weer werden geopend, per gemeente',
      description:
        'Afsluitingen in het kwartaal, en of de casus binnen 12 kalendermaanden (Europe/Amsterdam) na de afsluiting is heropend. ' +
        'Afsluitingen van minder dan 12 maanden geleden die nog niet zijn heropend staan apart (opvolgingLopend).',
      run: report('herhaling'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/afsluitingen',
      schema: closureReportResponse,
      summary: 'Afsluitingen per reden, per gemeente',
      description:
        'Afsluitingen in het kwartaal, per reden (elke reden heeft een eigen regel; docs/domain.md). Kleine aantallen worden onderdrukt zoals in de andere rapportages.',
      run: report('afsluitingen'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/afspraken-te-laat',
      schema: overdueAgreementsReportResponse,
      summary: 'Afspraken over de deadline in open casussen, per gemeente',
      description:
        'Peildatum is het moment van de vraag: open afspraken in het huidige veiligheidsplan van open casussen ' +
        'met een deadline voor vandaag (kalenderdatum in Europe/Amsterdam; geen periode).',
      snapshot: true,
      run: report('afsprakenTeLaat'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/geweldsvormen',
      schema: violenceFormReportResponse,
      summary: 'Incidenten per vorm van geweld, per gemeente',
      description:
        'Incidenten gemeld in het kwartaal (door een professional of via een bericht), per vorm van geweld; zonder vastgelegde vorm apart (nietVastgelegd). ' +
        'Een getal over 1 tot 4 huishoudens wordt onderdrukt, ook als het over meer incidenten gaat.',
      run: report('geweldsvormen'),
    });
    registerReport(app, cases, {
      path: '/v1/rapportages/leefdomeinen',
      schema: lifeDomainReportResponse,
      summary: 'Leefdomeinen in de verklarende analyse van open casussen, per gemeente',
      description: 'Peildatum is het moment van de vraag: open casussen met een verklarende analyse, en per leefdomein hoeveel analyses het noemen (geen periode).',
      snapshot: true,
      run: report('leefdomeinen'),
    });
  };
}
