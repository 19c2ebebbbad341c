import { eventSequenceGaps } from '@veilig-samen/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

describe('concurrent writes to one case', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  it('20 parallel writes with the same ETag: exactly one succeeds, the rest get 412, the log has no gaps', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(i % 11))),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(19);
    for (const refused of responses.filter((r) => r.statusCode === 412)) expect(refused.json().code).toBe('casus.versie-verouderd');

    const read = (await mw.get(`/v1/casussen/${id}`)).json();
    expect(read.versie).toBe(2);
    const timeline = (await mw.get(`/v1/casussen/${id}/tijdlijn`)).json();
    expect(timeline.gebeurtenissen.map((e: { volgnummer: number }) => e.volgnummer)).toEqual([1, 2]);
    expect(await eventSequenceGaps(t.database.handle.db, id)).toBe(0);
  });

  it('parallel writes that each use the latest ETag in turn all land, in order, without gaps', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    // Ten writers retry on 412 with the ETag the refusal gives them.
    await Promise.all(
      Array.from({ length: 10 }, async (_, i) => {
        let version = 1;
        for (let attempt = 0; attempt < 50; attempt++) {
          const response = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, version, toplist(i));
          if (response.statusCode === 201) return;
          expect(response.statusCode).toBe(412);
          version = Number(String(response.headers.etag).replaceAll('"', ''));
        }
        throw new Error('writer never landed');
      }),
    );
    const series = (await mw.get(`/v1/casussen/${id}/veiligheidsscores`)).json();
    expect(series.scores.map((s: { score: number }) => s.score).sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await eventSequenceGaps(t.database.handle.db, id)).toBe(0);
  });
});
