import { describe, expect, it } from 'vitest';
import { GoneProfessionals } from './directory.js';

describe('GoneProfessionals', () => {
  it('reloads the table only when older than the window, and knows its own changes at once', async () => {
    let table: { sub: string; municipalities: string[] }[] = [];
    let loads = 0;
    let nowMs = 0;
    const gone = new GoneProfessionals(async () => {
      loads += 1;
      return table;
    }, 15_000, () => nowMs);
    expect(await gone.goneBy('mw-1')).toBeUndefined();
    expect(loads).toBe(1);
    // Another instance marks mw-1: not seen until the window has passed.
    table = [{ sub: 'mw-1', municipalities: ['Nijmegen'] }];
    nowMs = 14_999;
    expect(await gone.goneBy('mw-1')).toBeUndefined();
    expect(loads).toBe(1);
    nowMs = 15_000;
    expect(await gone.goneBy('mw-1')).toEqual(['Nijmegen']);
    expect(loads).toBe(2);
    // This instance's own changes count at once.
    gone.markGone('mw-2', ['Arnhem']);
    expect(await gone.goneBy('mw-2')).toEqual(['Arnhem']);
    gone.markBack('mw-1');
    expect(await gone.goneBy('mw-1')).toBeUndefined();
    expect(loads).toBe(2);
  });

  it('keeps a change made while a reload read the table before its commit', async () => {
    let release: () => void = () => undefined;
    let nowMs = 0;
    const gone = new GoneProfessionals(
      () => new Promise((resolve) => (release = () => resolve([]))),
      15_000,
      () => nowMs,
    );
    const first = gone.goneBy('mw-1');
    // Marked (and committed) after the reload's snapshot: the stale answer must not undo it.
    gone.markGone('mw-1', ['Nijmegen']);
    release();
    expect(await first).toEqual(['Nijmegen']);
    nowMs = 1;
    expect(await gone.goneBy('mw-1')).toEqual(['Nijmegen']);
  });

  it('fails closed when the table cannot be read the first time', async () => {
    const gone = new GoneProfessionals(() => Promise.reject(new Error('down')), 15_000, () => 0);
    await expect(gone.goneBy('mw-1')).rejects.toThrow('down');
  });
});
