import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { openCase, persistCase, restoreCase } from './decide.js';
import { MACHINE_VERSION, upgradeSnapshot } from './snapshot-versions.js';
import { opened } from './testing.js';

describe('stored snapshots and the machine version', () => {
  const current = persistCase(openCase(opened('2026-01-15T09:00:00Z')));

  it('stamps the current machine version on every stored snapshot and restores it unchanged', () => {
    expect(current.machineVersion).toBe(MACHINE_VERSION);
    expect(upgradeSnapshot(current)).toEqual(current);
    expect(persistCase(restoreCase(current))).toEqual(current);
  });

  it('upgrades a version-1 snapshot (before the MDA++ track) step by step', () => {
    const { machineVersion: _version, value, context } = current;
    const { opschalingen: _o, herinneringen: _h, afschalingen: _a, huisverbod: _v, veiligheidsinschatting: _i, gekoppeldAan: _g, ...oldContext } = context;
    const { mda: _mda, ...oldValue } = value as Record<string, unknown>;
    const upgraded = upgradeSnapshot({ value: oldValue as never, context: oldContext });
    expect(upgraded).toEqual(current);
    expect(persistCase(restoreCase({ value: oldValue as never, context: oldContext }))).toEqual(current);
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
