import { expect } from 'vitest';
import type { TestApp } from './app.js';
import { plan, toplist, type Client } from './client.js';

async function steps(client: Client, caseId: string, version: number, list: readonly (readonly ['POST' | 'PUT', string, unknown])[]): Promise<number> {
  let v = version;
  for (const [method, path, body] of list) {
    const response = await client.write(method, `/v1/casussen/${caseId}${path}`, v, body);
    expect(response.statusCode, response.body).toBeLessThan(300);
    v += 1;
  }
  return v;
}

/**
 * Walks an open case in directe-veiligheid to nazorg: a plan with its
 * agreement done, a safe score, an analysis, the phases. The clock does not
 * move. Returns the case's new version.
 */
export async function walkToNazorg(client: Client, caseId: string, version: number): Promise<number> {
  return steps(client, caseId, version, [
    ['PUT', '/veiligheidsplan', plan([{ status: 'gedaan' }])],
    ['POST', '/veiligheidsscores', toplist(8)],
    ['POST', '/faseovergangen', { naar: 'oorzaken-onderzoeken' }],
    ['POST', '/verklarende-analyse', { toelichting: 'Oorzaken besproken', problemen: ['schulden'] }],
    ['POST', '/faseovergangen', { naar: 'blijvend-voorkomen' }],
    ['POST', '/faseovergangen', { naar: 'nazorg' }],
  ]);
}

/**
 * Closes a case in nazorg that has been stable long enough, as stabiel-veilig:
 * first a recent joint score, the evidence's latest (issue 16). Returns the case's new version.
 */
export async function close(client: Client, caseId: string, version: number): Promise<number> {
  return steps(client, caseId, version, [
    ['POST', '/veiligheidsscores', toplist(8)],
    ['POST', '/afsluiting', { reden: 'stabiel-veilig' }],
  ]);
}

/**
 * Walks an open case in directe-veiligheid to closure: to nazorg, the
 * stability period (the clock moves 100 days), closure. Returns the case's
 * new version.
 */
export async function walkToClosure(t: TestApp, client: Client, caseId: string, version: number): Promise<number> {
  const v = await walkToNazorg(client, caseId, version);
  t.clock.advance(100 * 86_400_000);
  return close(client, caseId, v);
}
