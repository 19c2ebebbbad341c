/**
 * Concurrent clients on shared cases, with every operation's history recorded
 * (invoked, returned, what it saw or wrote) and checked afterwards for
 * linearizable versions (issue 8, "concurrency"). A case behaves as one
 * versioned register with compare-and-set on the version (If-Match):
 *   - each version number is produced by at most one acknowledged write, and
 *     always as the expected version + 1;
 *   - no lost update: the final event log holds exactly the acknowledged
 *     writes, each at the version its answer named;
 *   - real-time order: a write that returned before another was invoked has
 *     the lower version; a read sees at least every write that returned
 *     before it was invoked, and nothing invoked after it returned;
 *   - a read's content is the log's prefix up to the version it saw;
 *   - a 412 is only given when a write at the expected version + 1 had been
 *     invoked before the refusal returned (the refusal was not made up).
 * Seed: CONCURRENCY_SEED (printed as `concurrency seed=<n>`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';
import { seedFrom, seededRandom } from '../helpers/random.js';

const SEED = seedFrom('CONCURRENCY_SEED', 'concurrency');

const CLIENTS = 8;
const OPERATIONS_PER_CLIENT = 40;
const CASES = 3;

type Operation =
  | { kind: 'write'; caseId: string; invoked: number; returned: number; expected: number; status: number; version?: number; marker: string }
  | { kind: 'read'; caseId: string; invoked: number; returned: number; version: number; markers: (string | null)[] };

const versionOf = (etag: unknown) => Number(String(etag).replaceAll('"', ''));

describe('concurrent clients on shared cases', () => {
  let t: TestApp;
  let mw: Client;
  const caseIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    for (let i = 0; i < CASES; i++) {
      const created = await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [{ naam: `Gedeeld ${i}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] } });
      caseIds.push(created.json().id as string);
    }
  });
  afterAll(async () => t.close());

  it('gives linearizable versions: no version twice, no lost update, real-time order kept', async () => {
    const random = seededRandom(SEED);
    const history: Operation[] = [];
    let sequence = 0;

    const read = async (caseId: string): Promise<number> => {
      const invoked = performance.now();
      const response = await mw.get(`/v1/casussen/${caseId}/tijdlijn`);
      const returned = performance.now();
      expect(response.statusCode).toBe(200);
      const events = response.json().gebeurtenissen as { volgnummer: number; type: string; gegevens: { acties?: string[] } }[];
      const version = Math.max(...events.map((e) => e.volgnummer));
      history.push({ kind: 'read', caseId, invoked, returned, version, markers: events.map((e) => e.gegevens.acties?.[0] ?? null) });
      return version;
    };

    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        // What this client believes each case's version is; stale on purpose as others write.
        const known = new Map<string, number>();
        for (let i = 0; i < OPERATIONS_PER_CLIENT; i++) {
          const caseId = caseIds[Math.floor(random() * caseIds.length)] ?? '';
          const expected = known.get(caseId);
          if (expected === undefined || random() < 0.3) {
            known.set(caseId, await read(caseId));
            continue;
          }
          const marker = `w-${++sequence}`;
          const invoked = performance.now();
          const response = await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, expected, { score: sequence % 11, acties: [marker, 'Huisbezoek', 'Contact school'] });
          const returned = performance.now();
          expect([201, 412]).toContain(response.statusCode);
          const version = versionOf(response.headers.etag);
          history.push({ kind: 'write', caseId, invoked, returned, expected, status: response.statusCode, marker, ...(response.statusCode === 201 ? { version } : {}) });
          known.set(caseId, version);
        }
      }),
    );

    const writes = history.filter((op): op is Extract<Operation, { kind: 'write' }> => op.kind === 'write');
    const reads = history.filter((op): op is Extract<Operation, { kind: 'read' }> => op.kind === 'read');
    const acknowledged = writes.filter((w) => w.status === 201);
    const refused = writes.filter((w) => w.status === 412);
    console.log(`concurrency: ${acknowledged.length} writes acknowledged, ${refused.length} refused with 412, ${reads.length} reads`);
    expect(acknowledged.length).toBeGreaterThan(CASES * 5);
    expect(refused.length).toBeGreaterThan(0);

    for (const caseId of caseIds) {
      const mine = acknowledged.filter((w) => w.caseId === caseId);
      // Each version once, always expected + 1.
      expect(mine.filter((w) => w.version !== w.expected + 1)).toEqual([]);
      const versions = mine.map((w) => w.version ?? 0).sort((a, b) => a - b);
      expect(new Set(versions).size).toBe(versions.length);

      // No lost update: the final log is exactly the acknowledged writes, each at its version.
      const log = (await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen as { volgnummer: number; gegevens: { acties?: string[] } }[];
      const finalMarkers = log.map((e) => e.gegevens.acties?.[0] ?? null);
      expect(log.map((e) => e.volgnummer)).toEqual(Array.from({ length: log.length }, (_, i) => i + 1));
      expect(log.length).toBe(mine.length + 1);
      for (const write of mine) expect(finalMarkers[(write.version ?? 0) - 1]).toBe(write.marker);

      // Real-time order between writes.
      for (const a of mine) {
        for (const b of mine) {
          if (a.returned < b.invoked) expect((a.version ?? 0) < (b.version ?? 0), `${a.marker} returned before ${b.marker} began`).toBe(true);
        }
      }
      // Reads: see every write that returned before they began, nothing begun after they returned, and the log's prefix.
      for (const r of reads.filter((op) => op.caseId === caseId)) {
        const mustSee = Math.max(1, ...mine.filter((w) => w.returned < r.invoked).map((w) => w.version ?? 0));
        const mayAtMostSee = Math.max(1, ...mine.filter((w) => w.invoked < r.returned).map((w) => w.version ?? 0));
        expect(r.version).toBeGreaterThanOrEqual(mustSee);
        expect(r.version).toBeLessThanOrEqual(mayAtMostSee);
        expect(r.markers).toEqual(finalMarkers.slice(0, r.version));
      }
      // A refusal is never made up: someone else's write at expected + 1 had begun before it returned.
      for (const refusal of refused.filter((w) => w.caseId === caseId)) {
        const winner = mine.find((w) => w.version === refusal.expected + 1);
        expect(winner, `412 for ${refusal.marker} without a write at version ${refusal.expected + 1}`).toBeDefined();
        expect((winner?.invoked ?? Infinity) < refusal.returned).toBe(true);
      }
    }
  });
});
