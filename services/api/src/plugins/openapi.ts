/**
 * OpenAPI 3 generated from the zod contracts on the routes, served at
 * /v1/openapi.json, with the interactive docs at /docs (assets served by the
 * service itself: no CDN).
 */
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import { API_VERSION } from './security-headers.js';

interface OpenApiResponse {
  description?: string;
  content?: Record<string, unknown>;
}
interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
}

const STATUS_DESCRIPTIONS: Record<string, string> = {
  '200': 'Gelukt',
  '201': 'Aangemaakt',
  '204': 'Gelukt, geen inhoud',
  '400': 'Ongeldig verzoek; invalidParams noemt elk ongeldig veld',
  '401': 'Geen of ongeldig token',
  '403': 'Uw rol of betrokkenheid staat dit niet toe',
  '404': 'Niet gevonden',
  '409': 'Conflict met de toestand van de casus',
  '412': 'De casus is intussen gewijzigd (If-Match klopt niet)',
  '413': 'De body is groter dan toegestaan (BODY_LIMIT_BYTES)',
  '415': 'Content-Type niet ondersteund: stuur JSON (application/json, UTF-8)',
  '422': 'Niet verwerkbaar',
  '428': 'If-Match ontbreekt',
  '429': 'Te veel verzoeken of pogingen; Retry-After zegt wanneer het weer kan',
  '503': 'Niet gereed',
};

/**
 * Fastify's swagger plugin names every response "Default Response" and serves
 * errors as application/json; clients need the real status meaning and the
 * problem+json media type that the error handler actually sends.
 */
function describeResponses(document: OpenApiDocument): OpenApiDocument {
  for (const operations of Object.values(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description === undefined || response.description === 'Default Response') {
          response.description = STATUS_DESCRIPTIONS[status] ?? 'Antwoord';
        }
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && status !== '503' && json && response.content) {
          response.content = { 'application/problem+json': json };
        }
      }
    }
  }
  return document;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Veilig Samen API',
        version: API_VERSION,
        description:
          'Casusregie bij huiselijk geweld en kindermishandeling: 1 gezin, 1 plan, 1 regisseur. ' +
          'Alle paden onder /v1 vragen een JWT (Authorization: Bearer), behalve dit document. ' +
          'Fouten zijn application/problem+json (RFC 9457) met een stabiele `code`. ' +
          'Elke route kan 503 geven met Retry-After: `database.niet-beschikbaar` als de database tijdelijk weg is, ' +
          '`casus.nieuwere-machineversie` als een casus tijdens een upgrade al door de nieuwe versie is opgeslagen. ' +
          'Elke route kan 429 `verzoek.te-veel` geven met Retry-After: er geldt een limiet per minuut per gebruiker (`sub`), ' +
          'en per adres voor verzoeken zonder geldig token; de limiet gaat voor de tokencontrole en de invoercontrole.',
        contact: { name: 'Beheer Veilig Samen' },
      },
      servers: [{ url: '/', description: 'Deze service' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      tags: [
        { name: 'systeem', description: 'Gezondheid en beschrijving van de service' },
        { name: 'ik', description: 'De aanroeper' },
        { name: 'casussen', description: 'Casussen van huishoudens: fasen, regisseur, veiligheidsplan, veiligheidsscores (TOP3), tijdlijn' },
        { name: 'opschalingen', description: 'Opschaling naar het MDA++-expertoverleg: wachtrij en besluiten van de coördinator' },
        { name: 'expertoverleggen', description: 'MDA++-expertoverleggen: agenda, besluiten, afspraken, notulen' },
        { name: 'beleid', description: 'Het regionale opschalingsbeleid (drempel, termijn), in versies' },
        { name: 'rapportages', description: 'Geaggregeerde cijfers voor de regio' },
        { name: 'berichten', description: 'Berichten van Veilig Thuis en het Zorg- en Veiligheidshuis (idempotent)' },
        { name: 'abonnementen', description: 'Webhooks naar ketenpartners: abonnementen en afleveringen' },
        { name: 'toegangslog', description: 'Wie zag of wijzigde welke casusgegevens (NEN 7513)' },
        { name: 'noodtoegang', description: 'Tijdelijke inzage zonder betrokkenheid, met reden, gelogd en beoordeeld' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => describeResponses(jsonSchemaTransformObject(input) as OpenApiDocument) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: false },
  });
}
