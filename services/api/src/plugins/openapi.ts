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
          'Fouten zijn application/problem+json (RFC 9457) met een stabiele `code`.',
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
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, {
    routePrefix: '/docs',
    uiConfig: { docExpansion: 'list', deepLinking: false },
  });
}
