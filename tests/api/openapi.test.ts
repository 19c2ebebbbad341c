import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { urlPaths } from '../helpers/openapi.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

interface Operation {
  parameters?: unknown[];
  requestBody?: unknown;
  security?: unknown;
  responses: Record<string, { description: string; content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
}

describe('OpenAPI description', () => {
  let t: TestApp;
  let document: {
    openapi: string;
    info: { contact?: Record<string, string> };
    servers: { url: string }[];
    paths: Record<string, Record<string, Operation>>;
    components: { headers?: Record<string, unknown>; schemas?: Record<string, unknown> };
  };
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
  });
  afterAll(async () => t.close());

  it('is a valid OpenAPI 3 document, served without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    expect(document.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(response.json()));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every /v1 route with its security and Dutch paths in kebab-case', async () => {
    const paths = urlPaths(document);
    expect(Object.keys(paths)).toContain('/v1/ik');
    for (const route of Object.keys(paths)) {
      expect(route).toMatch(/^\/(v1|health)(\/([a-z0-9-]+|\{[a-zA-Z]+\}))*(\.json|\.mmd)?$/);
    }
    expect(paths['/v1/ik']?.get?.security).toEqual([{ bearerAuth: [] }]);
    const responses = paths['/v1/ik']?.get?.responses ?? {};
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(Object.keys(responses['401']?.content ?? {})).toEqual(['application/problem+json']);
    expect(responses['401']?.description).not.toBe('Default Response');
  });

  it('puts the major version in the server URL once, with paths relative to it; the health checks name the root', () => {
    expect(document.servers.map((server) => server.url)).toEqual(['/v1']);
    const paths = Object.keys(document.paths);
    expect(paths).toContain('/casussen/{id}');
    expect(paths.filter((p) => p.startsWith('/v1'))).toEqual([]);
    expect(document.paths['/health/ready']?.servers).toEqual([expect.objectContaining({ url: '/' })]);
  });

  it('declares the API-Version header on every response, and the service sends it on every answer', async () => {
    expect(document.components.headers?.['API-Version']).toBeDefined();
    for (const [route, operations] of Object.entries(urlPaths(document))) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(Object.keys(response.headers ?? {}), `${method} ${route} ${status}`).toContain('API-Version');
        }
      }
    }
    const answers = [
      await t.app.inject({ method: 'GET', url: '/health/live' }),
      await t.app.inject({ method: 'GET', url: '/v1/ik' }),
      await t.app.inject({ method: 'GET', url: '/v1/bestaat-niet' }),
      await t.app.inject({ method: 'GET', url: '/v1/casussen/geen-uuid', headers: { authorization: `Bearer ${t.token({})}` } }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404, 400]);
    for (const answer of answers) expect(answer.headers['api-version']).toBe('1.0.0');
  });

  it('documents 400 on every operation that takes parameters or a body (NL API Design Rules, invalid-input)', () => {
    let checked = 0;
    for (const [route, operations] of Object.entries(urlPaths(document))) {
      for (const [method, operation] of Object.entries(operations)) {
        if ((operation.parameters ?? []).length === 0 && !operation.requestBody && !['post', 'put', 'patch'].includes(method)) continue;
        checked++;
        expect(Object.keys(operation.responses[400]?.content ?? {}), `${method} ${route}`).toEqual(['application/problem+json']);
      }
    }
    expect(checked).toBeGreaterThan(40);
  });

  it('names a contact with name, email and url', () => {
    expect(Object.keys(document.info.contact ?? {}).sort()).toEqual(['email', 'name', 'url']);
  });

  it('names moments tijdstip: no field called datum (a datum is a date, not a date-time)', () => {
    const fields: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (!node || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties' && value && typeof value === 'object' && 'datum' in value) fields.push(at);
        walk(value, `${at}.${key}`);
      }
    };
    walk(document, '$');
    expect(fields).toEqual([]);
  });

  it("passes Logius's NL API Design Rules linter (tools/adr/linter.yaml) without errors or warnings", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'openapi-'));
    try {
      const file = path.join(folder, 'openapi.json');
      await writeFile(file, JSON.stringify(document));
      const spectral = path.join(ROOT, 'node_modules/.bin/spectral');
      const run = await promisify(execFile)(spectral, ['lint', '--ruleset', path.join(ROOT, 'tools/adr/linter.yaml'), '--format', 'json', '--quiet', '--fail-severity', 'hint', file]).catch(
        (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
      );
      const results = JSON.parse(run.stdout || '[]') as { code: string; path: string[] }[];
      expect(results.map((result) => `${result.code} ${result.path.join('.')}`)).toEqual([]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }, 60_000);

  it('holds only component schemas an operation uses, each property of a request or response typed (the generated client relies on it)', () => {
    const schemas = document.components.schemas ?? {};
    const { schemas: _schemas, ...rest } = document.components;
    const refs = (value: unknown) => [...JSON.stringify(value).matchAll(/"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    const reached = new Set<string>();
    const pending = refs({ ...document, components: rest });
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      if (reached.has(name)) continue;
      reached.add(name);
      pending.push(...refs(schemas[name]));
    }
    expect(Object.keys(schemas).filter((name) => !reached.has(name))).toEqual([]);
    // A property with only a description (a zod transform seen from the wrong side) would be `unknown` to clients.
    const untyped: string[] = [];
    const visit = (value: unknown, where: string): void => {
      if (!value || typeof value !== 'object') return;
      const node = value as Record<string, unknown>;
      if (node.properties && typeof node.properties === 'object') {
        for (const [name, property] of Object.entries(node.properties as Record<string, Record<string, unknown>>)) {
          const typed = ['type', '$ref', 'oneOf', 'anyOf', 'allOf', 'const', 'enum'].some((key) => key in property);
          if (!typed) untyped.push(`${where}.${name}`);
        }
      }
      for (const [key, child] of Object.entries(node)) visit(child, `${where}/${key}`);
    };
    visit(schemas, 'components');
    visit(document.paths, 'paths');
    expect(untyped).toEqual([]);
  });

  it('serves the interactive docs page from the service itself', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});
