/**
 * Every route has an explicit authorization rule: the service refuses to
 * start with a /v1 route that lacks one (plugins/auth.ts), and this test walks
 * every operation in the OpenAPI document and checks that, without a token,
 * each one answers 401 (or is one of the few public ones).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { urlPaths } from '../helpers/openapi.js';

const PUBLIC = new Set(['GET /health/live', 'GET /health/ready']);

describe('authorization rules on every route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('every operation in the OpenAPI document refuses a request without a token', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json<{ paths: Record<string, Record<string, unknown>> }>();
    const operations = Object.entries(urlPaths(document)).flatMap(([path, methods]) => Object.keys(methods).map((method) => ({ path, method: method.toUpperCase() })));
    expect(operations.length).toBeGreaterThan(30);
    for (const { path, method } of operations) {
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const response = await t.app.inject({ method: method as 'GET', url, headers: { 'content-type': 'application/json' }, payload: method === 'GET' || method === 'DELETE' ? undefined : '{}' });
      if (PUBLIC.has(`${method} ${path}`)) {
        expect(response.statusCode, `${method} ${path}`).toBeLessThan(400);
      } else {
        expect(response.statusCode, `${method} ${path}`).toBe(401);
      }
    }
  });

  it('a /v1 route without an access rule stops the service from starting', async () => {
    const { z } = await import('zod');
    await expect(
      createTestApp({
        beforeReady: (app) => {
          app.get('/v1/vergeten', { schema: { response: { 200: z.object({}) } } }, async () => ({}));
        },
      }),
    ).rejects.toThrow(/no access rule/);
  });
});
