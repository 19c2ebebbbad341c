import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor } from '../helpers/client.js';

describe('rate limits per client', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '5' } });
  });
  afterAll(async () => t.close());

  it('refuses the sixth request in a minute with 429 problem+json and Retry-After, per client', async () => {
    const busy = clientFor(t, { sub: 'druk' });
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await busy.get('/v1/ik')).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    const refused = await busy.get('/v1/ik');
    expect(refused.headers['content-type']).toBe('application/problem+json');
    expect(refused.json().code).toBe('verzoek.te-veel');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another client has its own budget.
    expect((await clientFor(t, { sub: 'rustig' }).get('/v1/ik')).statusCode).toBe(200);
  });
});
