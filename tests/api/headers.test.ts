import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';

describe('headers on every response', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it.each([
    ['a success', '/v1/ik', true],
    ['a refusal', '/v1/ik', false],
    ['a 404', '/v1/niets', true],
    ['a health check', '/health/live', false],
  ])('sets API-Version and the security headers on %s', async (_name, url, withToken) => {
    const response = await t.app.inject({ method: 'GET', url, headers: withToken ? { authorization: `Bearer ${t.token({})}` } : {} });
    expect(response.headers['api-version']).toBe('1.0.0');
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(response.headers['strict-transport-security']).toContain('max-age=');
  });

  it('echoes a well-formed X-Request-ID and replaces one that is not', async () => {
    const kept = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'abc-123' } });
    expect(kept.headers['x-request-id']).toBe('abc-123');
    const replaced = await t.app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'bad id\nwith newline and spaces' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});
