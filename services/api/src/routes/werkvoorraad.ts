/** /v1/werkvoorraad: what the caller must look at (issue 16, point 5). */
import { WERKVOORRAAD_KINDS_DESCRIPTION, werkvoorraadItemResponse, werkvoorraadListResponse, werkvoorraadParams, werkvoorraadQuery } from '@veilig-samen/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { READ_ROLES } from '../cases/access.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { markWerkvoorraadItemDone, werkvoorraadOf, type WerkvoorraadDeps } from '../werkvoorraad/use-cases.js';
import { werkvoorraadItemView } from '../werkvoorraad/views.js';
import { paginate, PAGING_DESCRIPTION } from './pagination.js';
import { problems } from './responses.js';

const TAG = ['werkvoorraad'];

export function werkvoorraadRoutes(deps: AppDeps) {
  const werk: WerkvoorraadDeps = { db: deps.database.db, clock: deps.clock };
  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.get('/v1/werkvoorraad', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Uw werkvoorraad: signalen die om u vragen',
        description:
          'Items voor u: als regisseur die van de casussen waarvan u nu regisseur bent (een item gaat mee bij overdracht van de regie: de nieuwe regisseur ziet het, de vorige niet meer); ' +
          'als beheerder die voor beheer van uw gemeenten. Standaard alleen open items; eerst de verlopen (vervaldatum voorbij), dan op vervaldatum. ' +
          'Bovenaan de aantallen per soort en het aantal verlopen items; elk item linkt naar zijn casus (`_links.casus.href`). ' +
          'Naast de signalen staan de items die uit uw casussen volgen (`berekend`): afspraken die te laat zijn of binnen de dagen vooruit van het beleid (standaard 7) hun deadline hebben, ' +
          'de volgende TOP3-scoring (standaard elke 4 weken in directe veiligheid, daarna elke 6 weken; getoond vanaf 7 dagen ervoor) en Handle with Care-signalen die nog niet zijn vastgelegd. ' +
          'Die verdwijnen vanzelf als ze gedaan zijn (de afspraak afgehandeld, een score vastgelegd, het signaal vastgelegd). ' +
          'Elk opgeslagen item is ook als webhook `werkvoorraad.item` verstuurd. Elke getoonde casus krijgt een regel in zijn toegangslog.\n\n' +
          WERKVOORRAAD_KINDS_DESCRIPTION +
          '\n\n' +
          PAGING_DESCRIPTION,
        querystring: werkvoorraadQuery,
        response: { 200: werkvoorraadListResponse, ...problems(400) },
      },
    }, async (request, reply) => {
      const { pagina, paginaGrootte, status, soort } = request.query;
      const { rows, total, counts, overdue, now } = await werkvoorraadOf(werk, callerOf(request), { status, kind: soort }, { page: pagina, pageSize: paginaGrootte });
      // One access-log row per case an item on the page is about.
      request.audit.caseIds = [...new Set(rows.flatMap((row) => (row.caseId ? [row.caseId] : [])))];
      paginate(request, reply, pagina, paginaGrootte, total);
      return { aantallen: Object.fromEntries(counts.map((c) => [c.kind, c.count])), aantalVerlopen: overdue, items: rows.map((row) => werkvoorraadItemView(row, now)) };
    });

    api.post('/v1/werkvoorraad/:id/afgehandeld', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: TAG,
        summary: 'Markeer een item van uw werkvoorraad als afgehandeld',
        description:
          'Alleen de geadresseerde: bij een item voor de regisseur de huidige regisseur van de casus. Een item dat niet in uw werkvoorraad staat geeft 404 `werkvoorraad.niet-gevonden` ' +
          '(ook als het bestaat); een item dat al is afgehandeld 409 `werkvoorraad.al-afgehandeld`; een berekend item (afspraak, scoring, Handle with Care) 409 `werkvoorraad.afhandelen-in-casus`: ' +
          'dat verdwijnt zodra de casus het niet meer vraagt. De afhandeling komt in de toegangslog van de casus.',
        params: werkvoorraadParams,
        response: { 200: werkvoorraadItemResponse, ...problems(400, 404, 409) },
      },
    }, async (request) => {
      const done = await markWerkvoorraadItemDone(werk, callerOf(request), request.params.id, auditInTransaction(request, deps.clock, 200));
      return werkvoorraadItemView(done, deps.clock.now());
    });
  };
}
