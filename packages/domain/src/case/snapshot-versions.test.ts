import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { openCase, persistCase, replay, restoreCase } from './decide.js';
import type { StoredCaseEvent } from './events.js';
import { planVersionsOf } from './history.js';
import { MACHINE_VERSION, upgradeSnapshot, type StoredSnapshot } from './snapshot-versions.js';
import { opened } from './testing.js';

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

  it('upgrades a version-2 snapshot with long lists to what the machine now keeps from the same events', () => {
    const stored = V2.snapshot;
    expect(stored.machineVersion).toBe(2);
    expect(stored.context.scores?.length).toBeGreaterThan(100);
    expect(stored.context.opschalingen?.length).toBe(3);
    const upgraded = upgradeSnapshot(stored);
    // Exactly what a replay of the log stores now: verifyCaseFromEvents keeps holding for cases stored before.
    expect(upgraded).toEqual(persistCase(replay(V2.events)));
    expect(upgraded.context).toMatchObject({
      huidigPlan: stored.context.veiligheidsplan?.at(-1),
      laatsteScore: stored.context.scores?.at(-1),
      laatsteIncident: stored.context.incidenten?.at(-1),
      laatsteHeropening: stored.context.heropeningen?.at(-1),
      laatsteOpschaling: { id: 'o-3', besluit: null },
      herinnerdVenster: 2,
      laatsteAfschaling: stored.context.afschalingen?.at(-1),
      vensters: stored.context.vensters,
    });
    for (const gone of ['veiligheidsplan', 'scores', 'incidenten', 'heropeningen', 'opschalingen', 'herinneringen', 'afschalingen']) {
      expect(upgraded.context).not.toHaveProperty(gone);
    }
    // The versions the old snapshot listed are the ones the event log gives.
    expect(planVersionsOf(V2.events)).toEqual(stored.context.veiligheidsplan);
    // And the upgraded case goes on as the replayed one does.
    expect(persistCase(restoreCase(stored))).toEqual(upgraded);
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
