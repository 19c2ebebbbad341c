/**
 * GET /v1/casussen/{id}/brieven/{soort}?lid={lidId}: a letter to a member of
 * the household as PDF (issue 17 point 7). Recording that it was sent is a
 * case command (POST .../brieven/{soort}/verzendingen, in casussen.ts).
 * Each letter made is in the case's access log, naming the member.
 */
import { letterParams, letterPdf, letterQuery } from '@veilig-samen/contracts';
import { letterErrors } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppDeps } from '../app-deps.js';
import { WRITE_ROLES } from '../cases/access.js';
import { letterPdf as makeLetter } from '../letters/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { noteAccess } from '../plugins/victim-side.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

/** A letter is a PDF: an Accept that names types and takes no PDF is answered 406. */
function acceptsPdf(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((part) => ['application/pdf', 'application/*', '*/*'].includes(part.split(';')[0]?.trim().toLowerCase() ?? ''));
}

export function brievenRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/brieven/:soort', {
      config: { access: WRITE_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'Een brief aan een lid van het huishouden, als PDF (Accept: application/pdf)',
        description:
          'In eenvoudig Nederlands (B1), met naam en organisatie van de regisseur, zonder interne nummers. Alleen de regisseur (of diens vervanger): 403 `brief.alleen-regisseur`; ' +
          'een regisseur aan de kant van de pleger alleen voor een lid aan die kant (403 `brief.plegerzijde`). Een brief noemt nooit het adres of de contactgegevens van een ander; ' +
          'het eigen adres alleen als het niet is afgeschermd en het lid post op het huisadres goed vindt (veilig contact), anders staat erin hoe de brief het lid bereikt. ' +
          'Het veiligheidsplan aan een lid aan de kant van de pleger bevat alleen de eigen afspraken. ' +
          'Het lid: 16 jaar of ouder (422 `brief.lid-te-jong`), van het huishouden (422 `brief.lid-onbekend`); `afsluiting` alleen bij een afgesloten casus (409 `brief.casus-niet-afgesloten`), ' +
          '`veiligheidsplan` alleen als er een is (409 `brief.geen-veiligheidsplan`). Een Accept zonder PDF: 406 `brief.alleen-pdf`. Elke brief staat in de toegangslog van de casus, met het lid.',
        params: letterParams,
        querystring: letterQuery,
        response: { 200: { description: 'De brief', content: { 'application/pdf': { schema: letterPdf } } }, ...problems(404, 406, 409, 422) },
      },
    }, async (request, reply) => {
      if (!acceptsPdf(request)) throw letterErrors.onlyPdf();
      request.audit.memberIds = [request.query.lid];
      const letter = await makeLetter(cases, callerOf(request), request.params.id, request.params.soort, request.query.lid);
      noteAccess(request, letter.access, letter.row);
      // A Buffer is sent as it is (no serializer); the schema's string describes the binary body for the document.
      const raw: FastifyReply = reply;
      return raw.type('application/pdf').header('content-disposition', `inline; filename="brief-${request.params.soort}.pdf"`).send(letter.pdf);
    });
  };
}
