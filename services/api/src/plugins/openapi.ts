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
  headers?: Record<string, unknown>;
}
interface OpenApiOperation {
  responses?: Record<string, OpenApiResponse>;
}
/** A path item: operations by method, and (outside the version) a server of its own. */
type OpenApiPathItem = Record<string, OpenApiOperation | OpenApiServer[]>;
interface OpenApiServer {
  url: string;
  description: string;
}
interface OpenApiDocument {
  paths?: Record<string, OpenApiPathItem>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
}

/**
 * The major version sits in the server URL, once, and the paths are relative
 * to it (NL API Design Rules /core/uri-version; decision in
 * docs/architecture.md, "The API's URLs"). The service's real URLs are
 * unchanged: `/v1` + `/casussen` is what clients call. Paths outside the
 * version (the health checks) carry a server of their own: the host's root.
 */
const API_BASE_PATH = '/v1';
const ROOT_SERVER: OpenApiServer[] = [{ url: '/', description: 'Deze service, buiten de API-versie (gezondheid)' }];

const API_VERSION_HEADER = { $ref: '#/components/headers/API-Version' };

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
  '503': 'Tijdelijk niet beschikbaar; probeer opnieuw na Retry-After seconden',
};

/**
 * Fastify's swagger plugin names every response "Default Response" and serves
 * errors as application/json; clients need the real status meaning and the
 * problem+json media type that the error handler actually sends. Every
 * response carries the API-Version header (plugins/security-headers.ts sends
 * it on every answer), and the paths are made relative to the versioned server.
 */
function describeResponses(document: OpenApiDocument): OpenApiDocument {
  const paths: Record<string, OpenApiPathItem> = {};
  for (const [route, operations] of Object.entries(document.paths ?? {})) {
    for (const operation of Object.values(operations)) {
      if (Array.isArray(operation)) continue;
      for (const [status, response] of Object.entries(operation.responses ?? {})) {
        if (response.description === undefined || response.description === 'Default Response') {
          response.description = STATUS_DESCRIPTIONS[status] ?? 'Antwoord';
        }
        const json = response.content?.['application/json'];
        if (Number(status) >= 400 && json && response.content) {
          response.content = { 'application/problem+json': json };
        }
        response.headers = { 'API-Version': API_VERSION_HEADER, ...response.headers };
      }
    }
    if (route.startsWith(`${API_BASE_PATH}/`)) {
      paths[route.slice(API_BASE_PATH.length)] = operations;
    } else {
      paths[route] = { servers: ROOT_SERVER, ...operations };
    }
  }
  return { ...document, paths };
}

const SCHEMA_REF = /"#\/components\/schemas\/([^"]+)"/g;

/**
 * Only the component schemas an operation reaches. zod registers every named
 * schema twice, as it is read (`…Input`) and as it is written, and a schema
 * used only one way leaves the other unreferenced; the unreferenced
 * `Bericht` (the message as parsed, with its dates as Date objects) even has
 * fields without a type. Clients generated from the document would carry them.
 */
export function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const schemas = document.components?.schemas;
  if (!schemas) return document;
  const { schemas: _all, ...otherComponents } = document.components ?? {};
  const reached = new Set<string>();
  const pending = [...JSON.stringify({ ...document, components: otherComponents }).matchAll(SCHEMA_REF)].map((match) => match[1] ?? '');
  for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
    if (reached.has(name) || !(name in schemas)) continue;
    reached.add(name);
    for (const match of JSON.stringify(schemas[name]).matchAll(SCHEMA_REF)) pending.push(match[1] ?? '');
  }
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => reached.has(name)));
  return { ...document, components: { ...otherComponents, schemas: kept } };
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
        // Placeholders (RFC 2606 .example) until the region that runs the service publishes its own desk.
        contact: { name: 'Beheer Veilig Samen', email: 'beheer@veilig-samen.example', url: 'https://veilig-samen.example/contact' },
      },
      servers: [{ url: API_BASE_PATH, description: `Deze service, API-versie ${API_BASE_PATH.slice(1)} (paden hieronder zijn relatief hieraan)` }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
        headers: {
          'API-Version': {
            description: 'De volledige versie van de API (semver), op elk antwoord.',
            schema: { type: 'string', example: API_VERSION },
          },
        },
      },
      tags: [
        { name: 'systeem', description: 'Gezondheid en beschrijving van de service' },
        { name: 'ik', description: 'De aanroeper' },
        { name: 'casussen', description: 'Casussen van huishoudens: fasen, regisseur, veiligheidsplan, veiligheidsscores (TOP3), tijdlijn' },
        { name: 'opschalingen', description: 'Opschaling naar het MDA++-expertoverleg: wachtrij en besluiten van de coördinator' },
        { name: 'expertoverleggen', description: 'MDA++-expertoverleggen: agenda, besluiten, afspraken, notulen' },
        { name: 'mda-evaluaties', description: 'Casusregie op lange termijn: evaluaties van het MDA++-traject op het ritme van het beleid' },
        { name: 'beleid', description: 'Het regionale opschalingsbeleid (drempel, termijn), in versies' },
        { name: 'rapportages', description: 'Geaggregeerde cijfers voor de regio' },
        { name: 'berichten', description: 'Berichten van Veilig Thuis en het Zorg- en Veiligheidshuis (idempotent)' },
        { name: 'intake', description: 'De intake van een gemeente: berichten over huishoudens zonder casus en aangeboden verhuizingen, tot het intaketeam ze oppakt' },
        { name: 'abonnementen', description: 'Webhooks naar ketenpartners: abonnementen en afleveringen' },
        { name: 'werkvoorraad', description: 'Wat om u vraagt: herinneringen, besluiten, incidenten en andere signalen voor de regisseur of beheer' },
        { name: 'toegangslog', description: 'Wie zag of wijzigde welke casusgegevens (NEN 7513)' },
        { name: 'noodtoegang', description: 'Tijdelijke inzage zonder betrokkenheid, met reden, gelogd en beoordeeld' },
        { name: 'medewerkers', description: 'De medewerkers die Veilig Samen kent, vertrek en overdracht door beheer, vervanging bij afwezigheid' },
      ],
    },
    // describeResponses makes the paths relative to the server itself: it must tell /v1 routes from the rest.
    stripBasePath: false,
    transform: jsonSchemaTransform,
    transformObject: (input) => withoutUnusedSchemas(describeResponses(jsonSchemaTransformObject(input) as OpenApiDocument)) as ReturnType<typeof jsonSchemaTransformObject>,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: false },
  });
}
