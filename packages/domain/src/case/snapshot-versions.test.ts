import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { openCase, persistCase, phaseHistory, replay, restoreCase } from './decide.js';
import type { StoredCaseEvent } from './events.js';
import { planVersionsOf } from './history.js';
import { MACHINE_VERSION, upgradeSnapshot, type StoredSnapshot } from './snapshot-versions.js';
import { events, opened } from './testing.js';

const T0 = '2026-01-15T09:00:00.000Z';

/** A case as the version-2 machine stored it (every score, plan version, escalation... in the context), with its events. */
const V2 = JSON.parse(readFileSync(new URL('./fixtures/snapshot-v2.json', import.meta.url), 'utf8')) as {
  events: StoredCaseEvent[];
  snapshot: StoredSnapshot & { context: Record<string, unknown[]> };
};

describe('stored snapshots and the machine version', () => {
  const current = persistCase(openCase(opened('2026-01-15T09:00:00Z')));

  it('stamps the current machine version on every stored snapshot and restores it unchanged', () => {
    expect(current.machineVersion).toBe(MACHINE_VERSION);
    expect(upgradeSnapshot(current)).toEqual(current);
    expect(persistCase(restoreCase(current))).toEqual(current);
  });

  it('upgrades a version-1 snapshot (before the MDA++ track) step by step', () => {
    // A freshly opened case as version 1 stored it: the version-2 lists empty, and none of the MDA++ fields.
    const { machineVersion: _version, value, context } = current;
    const { huidigPlan: _p, laatsteScore: _s, laatsteIncident: _i, laatsteHeropening: _r, laatsteOpschaling: _o, herinnerdVenster: _h, laatsteAfschaling: _a, huisverbod: _v, veiligheidsinschatting: _vi, gekoppeldAan: _g, ...common } =
      context;
    const oldContext = { ...common, veiligheidsplan: [], scores: [], incidenten: [], heropeningen: [] };
    const { mda: _mda, ...oldValue } = value as Record<string, unknown>;
    const upgraded = upgradeSnapshot({ value: oldValue as never, context: oldContext });
    expect(upgraded).toEqual(current);
    expect(persistCase(restoreCase({ value: oldValue as never, context: oldContext }))).toEqual(current);
  });

  it('upgrades a version-2 snapshot with long lists to what the machine keeps', () => {
    const stored = V2.snapshot;
    expect(stored.machineVersion).toBe(2);
    expect(stored.context.scores?.length).toBeGreaterThan(100);
    expect(stored.context.opschalingen?.length).toBe(3);
    const upgraded = upgradeSnapshot(stored);
    expect(upgraded.context).toMatchObject({
      huidigPlan: stored.context.veiligheidsplan?.at(-1),
      laatsteScore: stored.context.scores?.at(-1),
      laatsteIncident: stored.context.incidenten?.at(-1),
      laatsteHeropening: stored.context.heropeningen?.at(-1),
      laatsteOpschaling: { id: 'o-3', besluit: null, redenen: ['handmatig'] },
      herinnerdVenster: 2,
      laatsteAfschaling: stored.context.afschalingen?.at(-1),
      vensters: stored.context.vensters,
      coordinatieOpVeiligheid: false,
    });
    for (const gone of ['veiligheidsplan', 'scores', 'incidenten', 'heropeningen', 'opschalingen', 'herinneringen', 'afschalingen']) {
      expect(upgraded.context).not.toHaveProperty(gone);
    }
    // The versions the old snapshot listed are the ones the event log gives.
    expect(planVersionsOf(V2.events)).toEqual(stored.context.veiligheidsplan);
    // Machine version 4 changed the rules (a hand-back opens a window, a 6 counts while it stands), so this
    // log no longer replays: its later events name windows by the old numbering. The upgraded case goes on
    // under the new rules, and its phases still read from the log (phaseHistory does not replay).
    expect(() => replay(V2.events)).toThrow(/event log refused/);
    expect(phaseHistory(V2.events).map((p) => p.fase)).toEqual([
      'directe-veiligheid', 'oorzaken-onderzoeken', 'directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg', 'afgesloten', 'directe-veiligheid',
    ]);
    expect(persistCase(restoreCase(stored))).toEqual(upgraded);
  });

  /** A case as version 3 stored it: no reasons list on the escalation, no mark. */
  const asVersion3 = (snapshot: ReturnType<typeof persistCase>) => {
    const { coordinatieOpVeiligheid: _c, laatsteOpschaling, vensters, ...context } = snapshot.context;
    const { redenen: _r, ...escalation } = laatsteOpschaling ?? { redenen: [] };
    return {
      machineVersion: 3,
      value: snapshot.value,
      context: { ...context, laatsteOpschaling: laatsteOpschaling ? escalation : null, vensters: vensters.map(({ regelVanToepassing: _a, ...w }) => w) },
    };
  };

  it('upgrades a version-3 case whose 6 still stands to what a replay under version 4 stores', () => {
    const log: StoredCaseEvent[] = [
      opened(T0),
      events.score('2026-02-01T09:00:00.000Z', 7),
      events.escalate('2026-02-02T09:00:00.000Z', 'handmatig', 1, 'o-1'),
    ];
    const now = persistCase(replay(log));
    expect(upgradeSnapshot(asVersion3(now))).toEqual({ ...now, context: { ...now.context, vensters: now.context.vensters.map(({ regelVanToepassing: _a, ...w }) => w) } });
  });

  it('takes back a 6 that fell in a version-3 window: before the deadline the same window, after it a new one', () => {
    const reached = persistCase(replay([opened(T0), events.score('2026-02-01T09:00:00.000Z', 7)]));
    // Version 3 kept the first 6 of the window whatever came after; here a 2 came after it.
    const fell = (at: string) => {
      const v3 = asVersion3(reached);
      return { ...v3, context: { ...v3.context, laatsteScore: { ...(v3.context.laatsteScore as object), score: 2, gescoordOp: at } } };
    };
    const before = upgradeSnapshot(fell('2026-03-01T09:00:00.000Z'));
    expect(before.context.vensters).toHaveLength(1);
    expect(before.context.vensters[0]?.drempelBereiktOp).toBeNull();
    const after = upgradeSnapshot(fell('2026-05-01T09:00:00.000Z'));
    expect(after.context.vensters).toHaveLength(2);
    expect(after.context.vensters[0]?.drempelBereiktOp).toBe('2026-02-01T09:00:00.000Z');
    expect(after.context.vensters[1]).toMatchObject({ nummer: 2, reden: 'terugval', start: '2026-05-01T09:00:00.000Z', drempelBereiktOp: null });
  });

  it('refuses a snapshot written by a newer machine instead of guessing', () => {
    const refusal = (() => {
      try {
        upgradeSnapshot({ ...current, machineVersion: MACHINE_VERSION + 1 });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ status: 503, code: 'casus.nieuwere-machineversie' });
  });
});

describe('machine version 7: reviews of the MDA++ track (issue 18 point 4)', () => {
  it('a case stored in the track under version 6 gets its first review 3 months after the decision, as a replay plans it', () => {
    const log = [opened(T0), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation('2026-02-01T09:00:00.000Z', 'o-1', 'mda-traject')];
    const replayed = persistCase(replay(log));
    const { mdaEvaluatie: _review, ...v6context } = replayed.context;
    const upgraded = upgradeSnapshot({ value: replayed.value, context: v6context, machineVersion: 6 });
    expect(upgraded.context.mdaEvaluatie).toEqual({ nummer: 1, volgendeOp: '2026-05-01T08:00:00.000Z', evaluatieId: null });
    expect(upgraded).toEqual(replayed);
  });

  it('a case stored outside the track under version 6 has no review', () => {
    const stored = persistCase(openCase(opened(T0)));
    const { mdaEvaluatie: _review, ...v6context } = stored.context;
    expect(upgradeSnapshot({ value: stored.value, context: v6context, machineVersion: 6 }).context.mdaEvaluatie).toBeNull();
  });
});
