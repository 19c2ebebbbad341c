import { describe, expect, it } from 'vitest';
import { derived, discloseTable, householdCount, isSmall, suppress, type Count } from './suppression.js';

const counts = (...values: number[]): Count[] => values.map(householdCount);
const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });

describe('primary suppression', () => {
  it('hides 1 to 4, shows 0 and 5 or more', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 100].map((n) => isSmall(householdCount(n)))).toEqual([false, true, true, true, true, false, false, false]);
  });

  it('decides by the households a count concerns, not by the count', () => {
    expect(isSmall({ count: 12, households: 3 })).toBe(true);
    expect(isSmall({ count: 12, households: 5 })).toBe(false);
  });
});

describe('secondary suppression', () => {
  // Index 0 is the total, 1.. the parts.
  const sum = (size: number) => ({ total: 0, parts: Array.from({ length: size }, (_, i) => i + 1) });

  it('hides the smallest other non-zero part when one part is hidden', () => {
    // 3 would be 20 - 5 - 12 otherwise; 5 is the smallest other non-zero part (0 does not count).
    expect(suppress(counts(20, 3, 0, 12, 5), [sum(4)])).toEqual([false, true, false, false, true]);
  });

  it('leaves two or more hidden parts alone', () => {
    expect(suppress(counts(20, 3, 2, 15), [sum(3)])).toEqual([false, true, true, false]);
  });

  it('hides the total when no other part can be hidden, and a part when only the total is hidden', () => {
    // S2 (33 = 30 + 3): the 3 hides the 30. S1 (30 = 30 + 0): the 30 has no other non-zero part, so its total goes.
    // That total is a part of S3 (50 = 30 + 20), which hides the 20, and the total of S4 (30 = 25 + 5),
    // where the parts would add up to it again: the smallest, 5, goes too.
    const result = suppress(counts(30, 30, 0, 33, 3, 50, 20, 25, 5), [
      { total: 0, parts: [1, 2] },
      { total: 3, parts: [1, 4] },
      { total: 5, parts: [0, 6] },
      { total: 0, parts: [7, 8] },
    ]);
    expect(result).toEqual([true, true, false, false, true, false, true, false, true]);
  });

  it('repeats until no sum has a single hidden member', () => {
    // A 2 x 2 table with margins:  a=3 b=10 | 13
    //                              c=8 d=9  | 17
    //                              11  19   | 30
    const [a, b, c, d, row1, row2, col1, col2, total] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const values = counts(3, 10, 8, 9, 13, 17, 11, 19, 30);
    const result = suppress(values, [
      { total: row1, parts: [a, b] },
      { total: row2, parts: [c, d] },
      { total: col1, parts: [a, c] },
      { total: col2, parts: [b, d] },
      { total, parts: [row1, row2] },
      { total, parts: [col1, col2] },
    ]);
    // a hides b (row) and c (column); then b's column hides d: every row and column has two hidden cells.
    expect(result.slice(0, 4)).toEqual([true, true, true, true]);
    expect(result.slice(4)).toEqual([false, false, false, false, false]);
  });
});

describe('derived figures', () => {
  it('are shown over 5 or more households when their sources are shown', () => {
    expect(derived(12.5, householdCount(5), [shown(5)])).toEqual(shown(12.5));
    expect(derived(12.5, householdCount(4))).toEqual(hidden);
    expect(derived(40, householdCount(10), [shown(10), hidden])).toEqual(hidden);
    expect(derived(null, householdCount(0))).toEqual(shown(null));
  });
});

describe('a table of municipalities with its total', () => {
  type Key = 'totaal' | 'a' | 'b';
  const row = (totaal: number, a: number, b: number) => ({ tallies: { totaal: householdCount(totaal), a: householdCount(a), b: householdCount(b) } as Record<Key, Count> });
  const spec = {
    counts: ['totaal', 'a', 'b'] as const,
    sums: [['totaal', ['a', 'b']]] as const,
    derived: { aandeel: { value: (r: ReturnType<typeof row>) => (100 * r.tallies.a.count) / r.tallies.totaal.count, units: (r: ReturnType<typeof row>) => r.tallies.totaal, sources: ['a', 'b'] as const } },
  };

  it('suppresses within rows, across municipalities, and derived figures', () => {
    // Nijmegen: 3 in a; Arnhem: 5 in a; Wijchen: 6 in a; every b is 10.
    const table = discloseTable(row(44, 14, 30), [row(13, 3, 10), row(15, 5, 10), row(16, 6, 10)], spec);
    const [nijmegen, arnhem, wijchen] = table.rows;
    // Nijmegen's 3 is hidden, and so is its b (else 13 - 10) ...
    expect(nijmegen).toMatchObject({ totaal: shown(13), a: hidden, b: hidden, aandeel: hidden });
    // ... which hides Arnhem's a (the smallest other non-zero a), and so Arnhem's b.
    expect(arnhem).toMatchObject({ totaal: shown(15), a: hidden, b: hidden, aandeel: hidden });
    expect(wijchen).toMatchObject({ totaal: shown(16), a: shown(6), b: shown(10), aandeel: shown(37.5) });
    expect(table.total).toMatchObject({ totaal: shown(44), a: shown(14), b: shown(30) });
  });

  it('without municipality rows, only the row sums apply', () => {
    const table = discloseTable(row(8, 5, 3), [], spec);
    expect(table.total).toMatchObject({ totaal: shown(8), a: hidden, b: hidden });
    expect(table.rows).toEqual([]);
  });
});
