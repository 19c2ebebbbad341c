import { z } from 'zod';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { household } from '../helpers/client.js';
import { urlPaths } from '../helpers/openapi.js';

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

describe('security review: text/plain and other bodies that are not JSON get 415', () => {
  let t: TestApp;
  let auth: string;
  const valid = JSON.stringify({ naam: 'x' });
  beforeAll(async () => {
    t = await createTestApp({
      beforeReady: (app) => {
        const api = app.withTypeProvider<ZodTypeProvider>();
        const body = z.object({ naam: z.string() });
        api.post('/v1/test-echo', { config: { access: 'any-role' }, schema: { body } }, async (request) => request.body);
        api.patch('/v1/test-echo', { config: { access: 'any-role' }, schema: { body } }, async (request) => request.body);
        api.post('/v1/test-zonder-body', { config: { access: 'any-role' } }, async () => ({ ok: true }));
      },
    });
    auth = `Bearer ${t.token({})}`;
  });
  afterAll(async () => t.close());

  const send = (method: 'POST' | 'PATCH', url: string, contentType: string | undefined, payload = valid) =>
    t.app.inject({ method, url, payload, headers: { authorization: auth, ...(contentType === undefined ? {} : { 'content-type': contentType }) } });

  const expect415 = (response: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, label: string) => {
    expect(response.statusCode, label).toBe(415);
    expect(response.headers['content-type'], label).toBe('application/problem+json');
    const body = response.json() as Record<string, unknown>;
    expect(body, label).toMatchObject({ status: 415, code: 'verzoek.mediatype-niet-ondersteund' });
    expect(String(body.title), label).toContain('application/json');
  };

  const notJson = [
    'text/plain', 'text/plain; charset=utf-8', 'TEXT/PLAIN', 'text/html', 'text/xml', 'application/xml', 'text/csv', 'text/json',
    'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'application/octet-stream', 'application/problem+json',
    'application/vnd.api+json', 'application/jsonp', 'application/json-patch+json', 'application/json5', '*/*', 'json',
    'application/json, text/plain', '; charset=utf-8', '',
  ];

  it('refuses every other media type with 415, also with a body that is valid JSON, on routes with and without a body', async () => {
    for (const contentType of notJson) {
      expect415(await send('POST', '/v1/test-echo', contentType), `POST ${contentType}`);
      expect415(await send('PATCH', '/v1/test-echo', contentType), `PATCH ${contentType}`);
      expect415(await send('POST', '/v1/test-zonder-body', contentType), `POST zonder body ${contentType}`);
    }
  });

  it('refuses a body without Content-Type with 415', async () => {
    expect415(await send('POST', '/v1/test-echo', undefined), 'POST');
    expect415(await send('POST', '/v1/test-zonder-body', undefined), 'POST zonder body');
  });

  it('accepts application/json with any spelling of UTF-8 or other parameters, and refuses other charsets', async () => {
    for (const contentType of ['application/json', 'APPLICATION/JSON', 'application/json; charset=utf-8', 'application/json;charset=UTF-8', 'application/json ; charset=UTF-8', 'application/json; charset="utf-8"', 'application/json; charset=utf8', 'application/json; foo=bar']) {
      const response = await send('POST', '/v1/test-echo', contentType);
      expect(response.statusCode, contentType).toBe(200);
      expect(response.json(), contentType).toEqual({ naam: 'x' });
    }
    for (const contentType of ['application/json; charset=latin1', 'application/json; charset=ISO-8859-1', 'application/json;charset=utf-16', 'application/json; charset=']) {
      expect415(await send('POST', '/v1/test-echo', contentType), contentType);
    }
  });

  it('accepts application/merge-patch+json on PATCH only', async () => {
    expect((await send('PATCH', '/v1/test-echo', 'application/merge-patch+json')).statusCode).toBe(200);
    expect((await send('PATCH', '/v1/test-echo', 'application/json')).statusCode).toBe(200);
    const post = await send('POST', '/v1/test-echo', 'application/merge-patch+json');
    expect415(post, 'POST merge-patch');
    expect(post.json<{ detail: string }>().detail).toContain('PATCH');
  });

  it('changes nothing when it refuses a real write', async () => {
    const count = async () => Number((await t.database.handle.pool.query('SELECT count(*) FROM cases')).rows[0].count);
    const before = await count();
    expect415(await send('POST', '/v1/casussen', 'text/plain', JSON.stringify(household)), 'POST /v1/casussen text/plain');
    expect415(await send('POST', '/v1/casussen', undefined, JSON.stringify(household)), 'POST /v1/casussen without Content-Type');
    expect(await count()).toBe(before);
    expect((await send('POST', '/v1/casussen', 'application/json', JSON.stringify(household))).statusCode).toBe(201);
  });

  it('documents 415 and 413 on every operation with a body, and merge patches on PATCH', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> }; responses: Record<string, { content?: Record<string, unknown> }> }>>;
    }>();
    let withBody = 0;
    for (const [route, operations] of Object.entries(urlPaths(document))) {
      for (const [method, operation] of Object.entries(operations)) {
        if (!operation.requestBody) continue;
        withBody++;
        for (const status of ['413', '415']) expect(Object.keys(operation.responses[status]?.content ?? {}), `${method} ${route} ${status}`).toEqual(['application/problem+json']);
        const mediaTypes = Object.keys(operation.requestBody.content).sort();
        expect(mediaTypes, `${method} ${route}`).toEqual(method === 'patch' ? ['application/json', 'application/merge-patch+json'] : ['application/json']);
      }
    }
    expect(withBody).toBeGreaterThan(20);
  });
});
