/**
 * GET /v1/casussen/{id}/zgw: a case as a zaak of the ZGW Zaken API 1.5.1
 * (VNG), its statuses and roles, as a client sends them to the region's
 * zaakregistratiecomponent (zgw/zaak.ts says what is in it and what never is).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseParams, zgwCase } from '@veilig-samen/contracts';
import type { AppDeps } from '../app-deps.js';
import { READ_ROLES } from '../cases/access.js';
import { callerOf } from '../plugins/auth.js';
import { noteAccess } from '../plugins/victim-side.js';
import { zgwExportOf } from '../zgw/export.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

export function zgwRoutes(deps: AppDeps) {
  const exportDeps = { ...caseDepsOf(deps), zgw: deps.config.zgw, retentionYears: deps.config.retentionYears };
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/zgw', {
      config: { access: READ_ROLES, audit: true },
      schema: {
        tags: ['casussen'],
        summary: 'De casus als zaak van de ZGW Zaken API 1.5.1, met statussen en rollen',
        description:
          'Zaak, Status en Rol zoals een client ze naar de zaakregistratiecomponent van de regio (Open Zaak) stuurt: het zaaktype, de statustypen en roltypen als URL in de Catalogi API (ZGW_ZAAKTYPEN, per traject: lokale regie of MDA++), ' +
          'bronorganisatie en verantwoordelijkeOrganisatie als RSIN (GEMEENTEN), archiefnominatie en archiefactiedatum volgens de bewaartermijn. Geen BSN, adres, afgeschermde gegevens, slachtoffer- of plegerrol, en niets uit de eigen inschatting van Veilig Thuis. ' +
          '409 `zgw.niet-geconfigureerd` zonder ZGW-configuratie, 409 `zgw.gemeente-niet-geconfigureerd` als de gemeente van de casus niet (meer) in GEMEENTEN staat.',
        params: caseParams,
        response: { 200: zgwCase, ...problems(404, 409) },
      },
    }, async (request) => {
      const { read, memberIds, export: zaak } = await zgwExportOf(exportDeps, callerOf(request), request.params.id);
      noteAccess(request, read.access, read.row);
      request.audit.memberIds = memberIds;
      return zaak;
    });
  };
}
