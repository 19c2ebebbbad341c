import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { plan, toplist, type Client } from './client.js';

/**
 * Walks an open case in directe-veiligheid to closure: a plan with its
 * agreement done, a safe score, an analysis, the phases, the stability period
 * (the clock moves 100 days), closure. Returns the case's new version.
 */
export async function walkToClosure(t: TestApp, client: Client, caseId: string, version: number): Promise<number> {
  let v = version;
  const step = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
    const response = await client.write(method, `/v1/casussen/${caseId}${path}`, v, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    v += 1;
  };
  await step('PUT', '/veiligheidsplan', plan([{ status: 'gedaan' }]));
  await step('POST', '/veiligheidsscores', toplist(8));
  await step('POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' });
  await step('POST', '/verklarende-analyse', { toelichting: 'Oorzaken besproken', problemen: ['schulden'] });
  await step('POST', '/faseovergangen', { naar: 'blijvend-voorkomen' });
  await step('POST', '/faseovergangen', { naar: 'nazorg' });
  t.clock.advance(100 * 86_400_000);
  await step('POST', '/afsluiting', { reden: 'Stabiel veilig' });
  return v;
}
