import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

/**
 * The error contract on the real app. The skeleton has no write route yet,
 * so these tests add one echo route with a body schema before the app is
 * ready; everything else (parsers, validation, the error handler) is the
 * production code path.
 */
describe('problem+json for every client error', () => {
  let t: TestApp;
  let auth: string;
  beforeAll(async () => {
    t = await createTestApp({
      env: { BODY_LIMIT_BYTES: '2048' },
      beforeReady: (app) => {
        app.withTypeProvider<ZodTypeProvider>().post('/v1/test-echo', {
          config: { access: 'any-role' },
          schema: {
            body: z.object({
              naam: z.string().min(1),
              leden: z.array(z.object({ geboortedatum: z.iso.date() })).min(1),
              score: z.number().int().min(0).max(10),
            }),
          },
        }, async (request) => request.body);
        app.get('/v1/test-boom', { config: { access: 'any-role' } }, async () => {
          throw new Error('secret internal detail: connection string postgres://x:y@db');
        });
      },
    });
    auth = `Bearer ${t.token({})}`;
  });
  afterAll(async () => t.close());

  const post = (payload: string, contentType = 'application/json') =>
    t.app.inject({ method: 'POST', url: '/v1/test-echo', payload, headers: { authorization: auth, 'content-type': contentType } });

  function expectProblem(response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, code: string) {
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const body = response.json() as Record<string, unknown>;
    expect(body).toMatchObject({ status, code, type: `urn:veilig-samen:probleem:${code}` });
    expect(typeof body.title).toBe('string');
    return body;
  }

  it('accepts a valid body', async () => {
    const response = await post(JSON.stringify({ naam: 'x', leden: [{ geboortedatum: '2015-03-01' }], score: 4 }));
    expect(response.statusCode).toBe(200);
  });

  it('lists every invalid field at once, with Dutch reasons', async () => {
    const response = await post(JSON.stringify({ naam: '', leden: [{ geboortedatum: '1 maart' }], score: 11 }));
    const body = expectProblem(response, 400, 'verzoek.ongeldig');
    const names = (body.invalidParams as { name: string; reason: string }[]).map((p) => p.name).sort();
    expect(names).toEqual(['leden[0].geboortedatum', 'naam', 'score']);
    for (const param of body.invalidParams as { reason: string }[]) expect(param.reason).not.toMatch(/^(Too|Invalid|Expected)/);
  });

  it('names missing fields', async () => {
    const body = expectProblem(await post('{}'), 400, 'verzoek.ongeldig');
    expect((body.invalidParams as { name: string }[]).map((p) => p.name).sort()).toEqual(['leden', 'naam', 'score']);
  });

  it('refuses malformed JSON with 400', async () => {
    expectProblem(await post('{"naam": '), 400, 'verzoek.ongeldige-json');
  });

  it('refuses text with a lone UTF-16 surrogate (jsonb cannot store it) and nesting deeper than any contract', async () => {
    expectProblem(await post('{"naam": "N\\ud800x", "leden": [{"geboortedatum": "2015-03-01"}], "score": 4}'), 400, 'verzoek.ongeldige-tekens');
    expectProblem(await post('{"\\udc00": 1}'), 400, 'verzoek.ongeldige-tekens');
    // A pair is fine.
    expect((await post('{"naam": "\\ud83d\\ude00", "leden": [{"geboortedatum": "2015-03-01"}], "score": 4}')).statusCode).toBe(200);
    expectProblem(await post(`${'['.repeat(33)}${']'.repeat(33)}`), 400, 'verzoek.te-diep-genest');
  });

  it('refuses an empty JSON body with 400', async () => {
    expectProblem(await post(''), 400, 'verzoek.lege-body');
  });

  it('refuses another content type with 415', async () => {
    expectProblem(await post('naam=x', 'application/x-www-form-urlencoded'), 415, 'verzoek.mediatype-niet-ondersteund');
    expectProblem(await post('<xml/>', 'text/xml'), 415, 'verzoek.mediatype-niet-ondersteund');
  });

  it('refuses an oversized body with 413', async () => {
    expectProblem(await post(JSON.stringify({ naam: 'x'.repeat(5000) })), 413, 'verzoek.te-groot');
  });

  it('answers unknown routes with 404, also with a trailing slash (no redirect)', async () => {
    for (const url of ['/v1/bestaat-niet', '/v1/ik/', '/']) {
      const response = await t.app.inject({ method: 'GET', url, headers: { authorization: auth } });
      expectProblem(response, 404, 'route.niet-gevonden');
    }
  });

  it('answers a wrong method with 405 and Allow', async () => {
    const response = await t.app.inject({ method: 'PUT', url: '/v1/ik', headers: { authorization: auth } });
    expectProblem(response, 405, 'verzoek.methode-niet-toegestaan');
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('turns an unexpected failure into a 500 that shows no internals', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/test-boom', headers: { authorization: auth, 'x-request-id': 'support-123' } });
    const body = expectProblem(response, 500, 'server.fout');
    expect(JSON.stringify(body)).not.toContain('postgres://');
    expect(JSON.stringify(body)).not.toContain('secret');
    expect(body.detail).toContain('support-123');
  });

  it('never answers 500 to hostile requests', async () => {
    const hostile = [
      { method: 'POST' as const, url: '/v1/test-echo', payload: '[1,2,3]' },
      { method: 'POST' as const, url: '/v1/test-echo', payload: '{"__proto__": {"admin": true}}' },
      { method: 'POST' as const, url: '/v1/test-echo', payload: '"string"' },
      { method: 'POST' as const, url: '/v1/test-echo', payload: 'null' },
      { method: 'GET' as const, url: '/v1/%E0%A4%A' },
    ];
    for (const request of hostile) {
      const response = await t.app.inject({ ...request, headers: { authorization: auth, 'content-type': 'application/json' } });
      expect(response.statusCode, `${request.method} ${request.url} ${request.payload ?? ''}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${request.method} ${request.url} ${request.payload ?? ''}`).toBeLessThan(500);
      expect(response.headers['content-type'], request.url).toBe('application/problem+json');
    }
  });
});
