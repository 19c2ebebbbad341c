/**
 * GET /v1/casussen/{id}/zgw: a case in the shape of the ZGW Zaken API (VNG),
 * for exchange with municipal case systems: zaaktype "MDA++ casus", a status
 * per phase, roles for the regisseur and the members, a result at closure.
 * The bronorganisatie is the RSIN of the case's municipality, from the
 * region's configuration.
 */
import { listCaseEvents } from '@veilig-samen/db';
import { DomainError, findMunicipality, localDate, phaseHistory, restoreCase } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { caseParams } from '@veilig-samen/contracts';
import type { AppDeps } from '../app.js';
import { READ_ROLES } from '../cases/access.js';
import { readCase } from '../cases/use-cases.js';
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

const zgwCase = z
  .object({
    identificatie: z.string(),
    bronorganisatie: z.string().meta({ description: 'Het RSIN van de gemeente van de casus (9 cijfers).' }),
    zaaktype: z.object({ identificatie: z.string(), omschrijving: z.string() }),
    omschrijving: z.string(),
    startdatum: z.string(),
    einddatum: z.string().nullable(),
    vertrouwelijkheidaanduiding: z.literal('zeer_geheim'),
    status: z.object({ statustype: z.object({ omschrijving: z.string() }), datumStatusGezet: z.string() }),
    statussen: z.array(z.object({ statustype: z.object({ omschrijving: z.string() }), datumStatusGezet: z.string() })),
    rollen: z.array(
      z.object({
        betrokkeneType: z.enum(['medewerker', 'natuurlijk_persoon']),
        roltype: z.object({ omschrijving: z.string() }),
        roltoelichting: z.string(),
        betrokkeneIdentificatie: z.record(z.string(), z.string().nullable()),
      }),
    ),
    resultaat: z.object({ resultaattype: z.object({ omschrijving: z.string() }), toelichting: z.string() }).nullable(),
  })
  .meta({ id: 'ZgwZaak' });

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
      request.audit.memberIds = context.leden.map((lid) => lid.id);
      const history = phaseHistory((await listCaseEvents(deps.database.db, row.id)).map((e) => e.payload));
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
          ...context.leden.map((lid) => ({
            betrokkeneType: 'natuurlijk_persoon' as const,
            roltype: { omschrijving: 'lid huishouden' },
            roltoelichting: [lid.relatie, ...lid.betrokkenheid].join(', '),
            betrokkeneIdentificatie: { geslachtsnaam: lid.naam, geboortedatum: lid.geboortedatum },
          })),
        ],
        resultaat: context.afsluiting ? { resultaattype: { omschrijving: 'Afgesloten: stabiel veilig' }, toelichting: context.afsluiting.reden } : null,
      };
    });
  };
}
