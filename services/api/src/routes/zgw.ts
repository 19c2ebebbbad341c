/**
 * GET /v1/casussen/{id}/zgw: a case in the shape of the ZGW Zaken API (VNG),
 * for exchange with municipal case systems: zaaktype "MDA++ casus", a status
 * per phase, roles for the regisseur and the members, a result at closure.
 * The bronorganisatie is the RSIN of the case's municipality, from the
 * region's configuration.
 */
import { DomainError, findMunicipality, localDate, membersFor, restoreCase } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { caseParams, zgwCase } from '@veilig-samen/contracts';
import type { AppDeps } from '../app-deps.js';
import { READ_ROLES, viewerOf } from '../cases/access.js';
import { casePhaseHistory, readCase } from '../cases/use-cases.js';
import { callerOf } from '../plugins/auth.js';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';
import { noteAccess } from '../plugins/victim-side.js';

/** A case stored before its municipality left the configuration (or before unknown names were refused) has no RSIN to give. */
const unconfiguredMunicipality = () =>
  new DomainError({
    status: 409,
    code: 'zgw.gemeente-niet-geconfigureerd',
    title: 'De gemeente van deze casus staat niet in de configuratie van de regio.',
    detail: 'Zonder haar RSIN is er geen bronorganisatie. Vraag de beheerder van de dienst de gemeente met haar RSIN toe te voegen aan GEMEENTEN.',
  });

export function zgwRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);
  return async (app: FastifyInstance): Promise<void> => {
    app.withTypeProvider<ZodTypeProvider>().get('/v1/casussen/:id/zgw', {
      config: { access: READ_ROLES, audit: true },
      schema: { tags: ['casussen'], summary: 'De casus als zaak in de vorm van de ZGW Zaken API', params: caseParams, response: { 200: zgwCase, ...problems(404, 409) } },
    }, async (request) => {
      const { row, access } = await readCase(cases, callerOf(request), request.params.id);
      noteAccess(request, access, row);
      const municipality = findMunicipality(deps.config.municipalities, row.municipality);
      if (!municipality) throw unconfiguredMunicipality();
      const context = restoreCase(row.state).context;
      // Not the members who refused or withdrew consent to share with the caller (issue 17 point 6).
      const leden = membersFor(context.leden, viewerOf(callerOf(request), row, access));
      request.audit.memberIds = leden.map((lid) => lid.id);
      const history = await casePhaseHistory(cases, row.id);
      const statussen = history.map((h) => ({ statustype: { omschrijving: h.fase }, datumStatusGezet: h.op }));
      const current = statussen[statussen.length - 1] ?? { statustype: { omschrijving: row.phase }, datumStatusGezet: context.faseSinds };
      return {
        identificatie: row.id,
        bronorganisatie: municipality.rsin,
        zaaktype: { identificatie: 'MDA-PLUS-CASUS', omschrijving: 'MDA++ casus' },
        omschrijving: 'Casus huiselijk geweld en kindermishandeling (1 gezin, 1 plan, 1 regisseur)',
        startdatum: localDate(new Date(context.vensters[0]?.start ?? context.geopendOp)),
        einddatum: context.afsluiting ? localDate(new Date(context.afsluiting.op)) : null,
        vertrouwelijkheidaanduiding: 'zeer_geheim' as const,
        status: current,
        statussen,
        rollen: [
          {
            betrokkeneType: 'medewerker' as const,
            roltype: { omschrijving: 'regisseur' },
            roltoelichting: 'Vaste regisseur van het huishouden',
            betrokkeneIdentificatie: { identificatie: context.regisseur.id, organisatie: context.regisseur.organisatie },
          },
          ...leden.map((lid) => ({
            betrokkeneType: 'natuurlijk_persoon' as const,
            roltype: { omschrijving: 'lid huishouden' },
            roltoelichting: [lid.relatie, ...lid.betrokkenheid].join(', '),
            // The ZGW natuurlijk persoon's own name fields (issue 17: names in parts).
            betrokkeneIdentificatie: { voornamen: lid.voornamen, voorvoegselGeslachtsnaam: lid.voorvoegsel, geslachtsnaam: lid.geslachtsnaam, geboortedatum: lid.geboortedatum },
          })),
        ],
        resultaat: context.afsluiting ? { resultaattype: { omschrijving: `Afgesloten: ${context.afsluiting.reden}` }, toelichting: context.afsluiting.toelichting ?? context.afsluiting.reden } : null,
      };
    });
  };
}
