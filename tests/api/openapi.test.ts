import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('OpenAPI description', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('is a valid OpenAPI 3 document, served without a token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = response.json();
    expect(document.openapi).toMatch(/^3\./);
    const result = await validate(structuredClone(document));
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it('describes every /v1 route with its security and Dutch paths in kebab-case', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const paths = Object.keys(document.paths as object);
    expect(paths).toContain('/v1/ik');
    for (const path of paths) {
      expect(path).toMatch(/^\/(v1|health)(\/([a-z0-9-]+|\{[a-zA-Z]+\}))*(\.json|\.mmd)?$/);
    }
    expect(document.paths['/v1/ik'].get.security).toEqual([{ bearerAuth: [] }]);
    const responses = document.paths['/v1/ik'].get.responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
    expect(Object.keys(responses['401'].content)).toEqual(['application/problem+json']);
    expect(responses['401'].description).not.toBe('Default Response');
  });

  it('serves the interactive docs page from the service itself', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/docs/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).not.toMatch(/https?:\/\/(cdn|unpkg|cdnjs)/);
  });
});
