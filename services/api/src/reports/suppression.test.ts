import { ESCALATION_STATUSES } from '@veilig-samen/domain';
import { CLOSURE_REASONS, ESCALATION_REASONS, LIFE_DOMAINS, OPEN_PHASES, VIOLENCE_FORMS } from '@veilig-samen/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORTS, type ReportKey } from './reports.js';
import { derived, discloseTable, discloseYear, householdCount, isSmall, suppress, type Count, type Sum } from './suppression.js';

const counts = (...values: number[]): Count[] => values.map(householdCount);
const hidden = { waarde: null, onderdrukt: true };
const shown = (waarde: number | null) => ({ waarde, onderdrukt: false });

/**
 * An attacker's reading of a disclosed table, written apart from the rule it
 * checks: what a figure shown as x can be found to be from one sum. 0 is
 * always shown, so a hidden figure is at least 1; a shown total minus the
 * shown parts is the sum S of the k hidden parts, so each lies in
 * [1, S - (k - 1)]. Every count here counts households (1 to 4 is small).
 * Returns what gives a household away; [] when nothing does.
 */
function exposures(truth: readonly number[], disclosed: readonly (number | null)[], sums: readonly Sum[]): string[] {
  const found: string[] = [];
  const small = (value: number) => value >= 1 && value <= 4;
  disclosed.forEach((value, cell) => {
    if (value !== null && value !== truth[cell]) found.push(`cell ${cell} shows ${value}, not ${truth[cell]}`);
    if (value !== null && small(value)) found.push(`cell ${cell} shows the small count ${value}`);
  });
  for (const { total, parts } of sums) {
    const hiddenParts = parts.filter((part) => disclosed[part] === null);
    const totalShown = disclosed[total];
    if (totalShown === undefined || totalShown === null) {
      // A hidden total whose parts are all shown is their sum.
      if (hiddenParts.length === 0) found.push(`hidden total ${total} (${truth[total]}) is the sum of its shown parts`);
      continue;
    }
    if (hiddenParts.length === 0) continue;
    const hiddenSum = totalShown - parts.reduce((sum, part) => sum + (disclosed[part] ?? 0), 0);
    if (hiddenParts.length === 1) found.push(`hidden part ${hiddenParts[0]} of total ${total} is ${hiddenSum}`);
    const upper = hiddenSum - (hiddenParts.length - 1);
    for (const part of hiddenParts) {
      const value = truth[part] ?? 0;
      if (small(value) && upper - value < 5) found.push(`small part ${part} (${value}) of total ${total} lies in [1, ${upper}]`);
    }
  }
  return found;
}

/** What suppress() discloses of plain household counts, as the attacker sees it. */
const disclose = (values: readonly number[], sums: readonly Sum[]) => {
  const suppressed = suppress(counts(...values), sums);
  return values.map((value, cell) => (suppressed[cell] ? null : value));
};

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

  it('leaves 1 and 1 beside a 5 under a total of 7 unsolvable', () => {
    // With the 1s alone hidden, 7 - 5 = 2 = 1 + 1 gives both away. The 5 as well is not enough
    // (each 1 in [1, 5]: 4 above it), and no part is left: the total goes.
    const values = [7, 1, 1, 5];
    const disclosed = disclose(values, [sum(3)]);
    expect(disclosed).toEqual([null, null, null, null]);
    expect(exposures(values, disclosed, [sum(3)])).toEqual([]);
    // What the old rule (two hidden parts are enough) would have shown, for the record:
    expect(exposures(values, [7, null, null, 5], [sum(3)])).toEqual(['small part 1 (1) of total 0 lies in [1, 1]', 'small part 2 (1) of total 0 lies in [1, 1]']);
  });

  it('hides the smallest part that puts the small ones 5 below the largest value they could have', () => {
    // 3 beside the 5 would lie in [1, 7], only 4 above; beside the 12 in [1, 14]. The 0 and the 20 stay.
    expect(disclose([40, 3, 0, 5, 12, 20], [sum(5)])).toEqual([40, null, 0, 5, null, 20]);
    // Exactly 5 above is enough: the 3 lies in [1, 8].
    expect(disclose([40, 3, 6, 31], [sum(3)])).toEqual([40, null, null, 31]);
    // 2 and 3 alone lie in [1, 4]; with the 5, in [1, 8]: 5 above the 3, the total can stay.
    expect(disclose([10, 2, 3, 5], [sum(3)])).toEqual([10, null, null, null]);
    // 3 and 1 with the 5 would lie in [1, 7]; with the 6 in [1, 8].
    expect(disclose([15, 3, 1, 5, 6], [sum(4)])).toEqual([15, null, null, 5, null]);
  });

  it('takes the largest part when none is enough on its own, and the total when no part is left', () => {
    // 1 and 1 beside a 5 lie in [1, 5]: the first 5 goes, then the second is enough ([1, 9]).
    expect(disclose([12, 1, 1, 5, 5], [sum(4)])).toEqual([12, null, null, null, null]);
    // 8 = 5 + 3: the 3 beside the 5 lies in [1, 7]: both parts and the total go.
    expect(disclose([8, 5, 3], [sum(2)])).toEqual([null, null, null]);
  });

  it('does not leave a part hidden to protect one sum alone in another', () => {
    // S1: 20 = 3 + 17 hides the 17; in S2 (30 = 17 + 13) it would be 30 - 13: the 13 goes too.
    const values = [20, 3, 17, 30, 13];
    const sums = [
      { total: 0, parts: [1, 2] },
      { total: 3, parts: [2, 4] },
    ];
    expect(disclose(values, sums)).toEqual([20, null, null, 30, null]);
    expect(exposures(values, disclose(values, sums), sums)).toEqual([]);
  });

  it('hides a part of a hidden total whose parts are all shown', () => {
    // S1: 18 = 3 + 15 hides the 15, which is the total of S2 (15 = 6 + 9): the 6 goes, else 6 + 9 gives it back.
    const values = [18, 3, 15, 6, 9];
    const sums = [
      { total: 0, parts: [1, 2] },
      { total: 2, parts: [3, 4] },
    ];
    expect(disclose(values, sums)).toEqual([18, null, null, null, 9]);
    expect(exposures(values, disclose(values, sums), sums)).toEqual([]);
  });

  it('repeats over rows and columns until every sum is protected', () => {
    // A 2 x 2 table with margins:  a=2 b=6  |  8
    //                              c=5 d=20 | 25
    //                               7  26   | 33
    const [a, b, c, d, row1, row2, col1, col2, total] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
    const values = [2, 6, 5, 20, 8, 25, 7, 26, 33];
    const sums = [
      { total: row1, parts: [a, b] },
      { total: row2, parts: [c, d] },
      { total: col1, parts: [a, c] },
      { total: col2, parts: [b, d] },
      { total, parts: [row1, row2] },
      { total, parts: [col1, col2] },
    ];
    // Row 1 hides b (a in [1, 7]), which is then alone in column 2: d goes. Column 1 hides c, not enough
    // (a in [1, 6]), so its total goes, which is then alone among the column totals: column 2's goes too.
    const disclosed = disclose(values, sums);
    expect(disclosed).toEqual([null, null, null, null, 8, 25, null, null, 33]);
    expect(exposures(values, disclosed, sums)).toEqual([]);
  });
});

describe('derived figures', () => {
  it('are shown over 5 or more households when the counts they come from are shown', () => {
    expect(derived(12.5, householdCount(5), [shown(5)])).toEqual(shown(12.5));
    expect(derived(12.5, householdCount(4), [])).toEqual(hidden);
    expect(derived(40, householdCount(10), [shown(10), hidden])).toEqual(hidden);
    expect(derived(null, householdCount(0), [shown(0)])).toEqual(shown(null));
  });

  it('are hidden, not "nothing to compute", when a count they come from is hidden', () => {
    expect(derived(null, householdCount(3), [hidden])).toEqual(hidden);
    // Security finding 9: 5 decided escalations, but the escalations hidden to protect another municipality.
    expect(derived(4.5, householdCount(5), [shown(5), hidden])).toEqual(hidden);
  });

  it('may ask for more households than 5, as the 90th percentile does', () => {
    expect(derived(30, householdCount(9), [], 10)).toEqual(hidden);
    expect(derived(30, householdCount(10), [], 10)).toEqual(shown(30));
  });
});

describe('a table of municipalities with its total', () => {
  type Key = 'totaal' | 'a' | 'b';
  const row = (totaal: number, a: number, b: number) => ({ tallies: { totaal: householdCount(totaal), a: householdCount(a), b: householdCount(b) } as Record<Key, Count> });
  const spec = {
    counts: ['totaal', 'a', 'b'] as const,
    sums: [['totaal', ['a', 'b']]] as const,
    derived: { aandeel: { value: (r: ReturnType<typeof row>) => (100 * r.tallies.a.count) / r.tallies.totaal.count, over: 'totaal' as const, sources: ['a', 'b'] as const } },
  };

  it('suppresses within rows, across municipalities, and derived figures', () => {
    // Nijmegen: 3 in a; Arnhem: 6; Wijchen: 5.
    const table = discloseTable(row(54, 14, 40), [row(13, 3, 10), row(16, 6, 10), row(25, 5, 20)], spec);
    const [nijmegen, arnhem, wijchen] = table.rows;
    // Nijmegen's 3 is hidden, and so is its b (else 13 - 10) ...
    expect(nijmegen).toMatchObject({ totaal: shown(13), a: hidden, b: hidden, aandeel: hidden });
    // ... which hides Arnhem's a (Wijchen's 5 would leave the 3 in [1, 7]), and Arnhem's b (else 40 - 20 - 10).
    expect(arnhem).toMatchObject({ totaal: shown(16), a: hidden, b: hidden, aandeel: hidden });
    expect(wijchen).toMatchObject({ totaal: shown(25), a: shown(5), b: shown(20), aandeel: shown(20) });
    expect(table.total).toMatchObject({ totaal: shown(54), a: shown(14), b: shown(40) });
  });

  it('without municipality rows, only the row sums apply', () => {
    // 8 = 5 + 3: beside the 5 the 3 would lie in [1, 7], so the total goes too.
    expect(discloseTable(row(8, 5, 3), [], spec).total).toMatchObject({ totaal: hidden, a: hidden, b: hidden });
    const table = discloseTable(row(20, 14, 3), [], spec);
    expect(table.total).toMatchObject({ totaal: shown(20), a: hidden, b: hidden });
    expect(table.rows).toEqual([]);
  });

  it('gives no small count away, in random tables with row and column sums', () => {
    // Many small values, some zeros, some large enough to protect.
    const cell = fc.oneof(
      { arbitrary: fc.constant(0), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 4 },
      { arbitrary: fc.integer({ min: 5, max: 30 }), weight: 4 },
    );
    const tables = fc
      .record({ rows: fc.integer({ min: 1, max: 8 }), columns: fc.integer({ min: 1, max: 5 }) })
      .chain(({ rows, columns }) => fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }));

    fc.assert(
      fc.property(tables, (municipalities) => {
        const columns = Array.from({ length: municipalities[0]?.length ?? 0 }, (_, c) => `k${c}`);
        const keys = ['totaal', ...columns];
        // Each row: its total, then its columns; the region row: each column summed over the municipalities.
        const lines = municipalities.map((values) => [values.reduce((sum, value) => sum + value, 0), ...values]);
        const region = keys.map((_, k) => lines.reduce((sum, line) => sum + (line[k] ?? 0), 0));
        const asRow = (line: readonly number[]) => ({ tallies: Object.fromEntries(keys.map((key, k) => [key, householdCount(line[k] ?? 0)])) as Record<string, Count> });
        const table = discloseTable(asRow(region), lines.map(asRow), { counts: keys, sums: [['totaal', columns]], derived: {} });

        // The attacker's view, flat: the region row, then the municipalities; and the sums, from the table's shape.
        const truth = [region, ...lines].flat();
        const disclosed = [table.total, ...table.rows].flatMap((figures) => keys.map((key) => figures[key]?.waarde ?? null));
        const width = keys.length;
        const sums: Sum[] = [
          ...[region, ...lines].map((_, r) => ({ total: r * width, parts: columns.map((_, c) => r * width + 1 + c) })),
          ...keys.map((_, k) => ({ total: k, parts: lines.map((_, r) => (r + 1) * width + k) })),
        ];
        expect(exposures(truth, disclosed, sums)).toEqual([]);
      }),
      { numRuns: 1000, seed: 20260715 },
    );
  });
});

/**
 * Issue 18, the yearly review: a year is published with its four quarters,
 * and each count of the year is the sum of the same count in the quarters.
 * A quarter hidden in its own table must not come back as the year minus
 * the other three, nor as any other difference of shown figures.
 */
describe('a year and its quarters, published together', () => {
  type Key = 'totaal' | 'a' | 'b';
  const row = (totaal: number, a: number, b: number) => ({ tallies: { totaal: householdCount(totaal), a: householdCount(a), b: householdCount(b) } as Record<Key, Count> });
  const spec = { counts: ['totaal', 'a', 'b'] as const, sums: [['totaal', ['a', 'b']]] as const, derived: {} };
  const only = (n: number) => ({ tallies: { n: householdCount(n) } });
  const single = { counts: ['n'] as const, sums: [], derived: {} };
  const values = (block: { total: Record<string, { waarde: number | null }> }) => block.total.n?.waarde;

  it('hides the year when it, less the shown quarters, is a hidden quarter', () => {
    // K1's 3 is hidden in its own report; the year 33 - 10 - 10 - 10 would give it back.
    const { year, quarters } = discloseYear({ total: only(33), rows: [] }, [3, 10, 10, 10].map((n) => ({ total: only(n), rows: [] })), single);
    expect(values(year)).toBeNull();
    expect(quarters.map(values)).toEqual([null, 10, 10, 10]);
    // Two hidden quarters of 3 and 4 lie in [1, 6] with a shown year: the 3 only 3 below the largest it could be.
    expect(values(discloseYear({ total: only(27), rows: [] }, [3, 4, 10, 10].map((n) => ({ total: only(n), rows: [] })), single).year)).toBeNull();
    // Nothing hidden in the quarters: the year shows. A quarter of 0 is shown and tells nothing.
    expect(values(discloseYear({ total: only(27), rows: [] }, [0, 7, 10, 10].map((n) => ({ total: only(n), rows: [] })), single).year)).toBe(27);
  });

  it('gives no hidden quarter back through a chain of sums (review of issue 18, H3)', () => {
    // Three municipalities; K4's 4 (m1) is hidden in K4's own report. Shown before: the region's year (37), K1 (13) and
    // K4 (15), and m2's year (20), so K2 + K3 = 9, K4's m2 = 20 - 9 = 11 and K4's m1 = 15 - 11 = 4.
    const perQuarter = [[12, 1, 0], [0, 0, 7], [0, 0, 2], [0, 4, 11]];
    const block = (lines: number[]) => ({ total: only(lines.reduce((sum, n) => sum + n, 0)), rows: lines.map(only) });
    const yearLines = [0, 1, 2].map((m) => perQuarter.reduce((sum, quarter) => sum + (quarter[m] ?? 0), 0));
    const { year, quarters } = discloseYear(block(yearLines), perQuarter.map(block), single);
    const shown = (b: { readonly total: Readonly<Record<string, { waarde: number | null }>>; readonly rows: readonly Readonly<Record<string, { waarde: number | null }>>[] }) => [b.total.n?.waarde, ...b.rows.map((r) => r.n?.waarde)];
    expect(shown(quarters[3]!)[2]).toBeNull();
    // m2's year has hidden quarters: it is hidden, and so is every figure of the year whose quarters are not all shown.
    expect(shown(year)[3]).toBeNull();
    shown(year).forEach((value, index) => {
      if (value !== null) expect(quarters.map((quarter) => shown(quarter)[index])).not.toContain(null);
    });
  });

  it('leaves every quarter as its own report shows it, and hides figures of the year instead', () => {
    // Quarters by municipality (Nijmegen, Wijchen): a = 3 in Nijmegen's K1 is hidden there, with its b (else 13 - 10).
    const quarters = [
      { total: row(38, 8, 30), rows: [row(13, 3, 10), row(25, 5, 20)] },
      { total: row(30, 10, 20), rows: [row(15, 5, 10), row(15, 5, 10)] },
      { total: row(30, 10, 20), rows: [row(15, 5, 10), row(15, 5, 10)] },
      { total: row(30, 10, 20), rows: [row(15, 5, 10), row(15, 5, 10)] },
    ];
    const year = { total: row(128, 38, 90), rows: [row(58, 18, 40), row(70, 20, 50)] };
    const joint = discloseYear(year, quarters, spec);
    quarters.forEach((quarter, q) => expect(joint.quarters[q]).toEqual(discloseTable(quarter.total, quarter.rows, spec)));
    // Nijmegen's year a = 18 less its shown K2-K4 (15) would be the hidden 3: the year's a goes, and what protects it.
    const [nijmegen] = joint.year.rows;
    expect(nijmegen?.a).toEqual(hidden);
  });

  /** The attacker's sums over the joint table: each period's row and column sums, and each year cell over its quarters. */
  function jointSums(rowsPerBlock: number, width: number, columns: number): Sum[] {
    const cell = (block: number, row: number, k: number) => (block * rowsPerBlock + row) * width + k;
    const sums: Sum[] = [];
    for (let block = 0; block < 5; block++) {
      for (let row = 0; row < rowsPerBlock; row++) sums.push({ total: cell(block, row, 0), parts: Array.from({ length: columns }, (_, c) => cell(block, row, c + 1)) });
      if (rowsPerBlock > 1) {
        for (let k = 0; k < width; k++) sums.push({ total: cell(block, 0, k), parts: Array.from({ length: rowsPerBlock - 1 }, (_, r) => cell(block, r + 1, k)) });
      }
    }
    for (let row = 0; row < rowsPerBlock; row++) {
      for (let k = 0; k < width; k++) sums.push({ total: cell(0, row, k), parts: [1, 2, 3, 4].map((q) => cell(q, row, k)) });
    }
    return sums;
  }

  it('gives no hidden figure away by any sum of the joint table, in random years', () => {
    const cell = fc.oneof(
      { arbitrary: fc.constant(0), weight: 3 },
      { arbitrary: fc.integer({ min: 1, max: 4 }), weight: 4 },
      { arbitrary: fc.integer({ min: 5, max: 20 }), weight: 3 },
    );
    const years = fc
      .record({ municipalities: fc.integer({ min: 0, max: 5 }), columns: fc.integer({ min: 1, max: 4 }) })
      .chain(({ municipalities, columns }) =>
        fc.array(fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { minLength: municipalities, maxLength: municipalities }), { minLength: 4, maxLength: 4 }).map((quarters) => ({ quarters, columns })),
      );

    fc.assert(
      fc.property(years, ({ quarters, columns }) => {
        const keys = ['totaal', ...Array.from({ length: columns }, (_, c) => `k${c}`)];
        const asRow = (line: readonly number[]) => ({ tallies: Object.fromEntries(keys.map((key, k) => [key, householdCount(line[k] ?? 0)])) as Record<string, Count> });
        const withTotal = (values: readonly number[]) => [values.reduce((sum, value) => sum + value, 0), ...values];
        // Per quarter: its municipalities' lines (total, columns) and its region line; without municipalities, one region line of its own.
        const quarterLines = quarters.map((lines) => (lines.length === 0 ? [withTotal([1, 0, 3, 8].slice(0, columns))] : lines.map(withTotal)));
        const regionOf = (lines: number[][]) => keys.map((_, k) => lines.reduce((sum, line) => sum + (line[k] ?? 0), 0));
        const municipalities = quarters[0]?.length ?? 0;
        const blocks = quarterLines.map((lines) => ({ region: municipalities === 0 ? lines[0]! : regionOf(lines), rows: municipalities === 0 ? [] : lines }));
        const yearRows = Array.from({ length: municipalities }, (_, m) => keys.map((_, k) => blocks.reduce((sum, block) => sum + (block.rows[m]?.[k] ?? 0), 0)));
        const yearRegion = keys.map((_, k) => blocks.reduce((sum, block) => sum + (block.region[k] ?? 0), 0));
        const spec = { counts: keys, sums: [['totaal', keys.slice(1)] as const], derived: {} };
        const joint = discloseYear(
          { total: asRow(yearRegion), rows: yearRows.map(asRow) },
          blocks.map((block) => ({ total: asRow(block.region), rows: block.rows.map(asRow) })),
          spec,
        );

        // Each quarter reads as in its own quarterly report.
        blocks.forEach((block, q) => expect(joint.quarters[q]).toEqual(discloseTable(asRow(block.region), block.rows.map(asRow), spec)));
        // The attacker's view of the whole: the year, then the quarters, each its region row and then its municipalities.
        const truth = [[yearRegion, ...yearRows], ...blocks.map((block) => [block.region, ...block.rows])].flat(2);
        const disclosed = [joint.year, ...joint.quarters].flatMap((block) => [block.total, ...block.rows]).flatMap((figures) => keys.map((key) => figures[key]?.waarde ?? null));
        expect(exposures(truth, disclosed, jointSums(1 + municipalities, keys.length, columns))).toEqual([]);
        // And no chain of sums either: every shown figure of the year is the sum of four shown quarters, so the year
        // adds nothing to what the quarters show (review of issue 18, H3: three sums chained gave a hidden cell back).
        const perBlock = (1 + municipalities) * keys.length;
        for (let index = 0; index < perBlock; index++) {
          if (disclosed[index] !== null) expect([1, 2, 3, 4].map((q) => disclosed[q * perBlock + index]), `year figure ${index}`).not.toContain(null);
        }
      }),
      { numRuns: 1000, seed: 20261202 },
    );
  });
});

/**
 * Security finding 9: a derived figure shown beside a hidden count. Written
 * apart from the reports' own specs: what each report counts, as units (a
 * case, a window, an escalation, a closure) of households, and what each
 * derived figure is computed over and from. Random units make every
 * report's real table, and no derived figure may show where a count it
 * comes from does not, nor over fewer households than its minimum.
 */
describe('security finding 9: a median gives away a hidden count', () => {
  interface Model {
    /** Every count the report's query returns. */
    readonly counts: readonly string[];
    /** One unit: the counts it adds to, and how much (1 unless an agreement count). */
    readonly unit: fc.Arbitrary<Readonly<Record<string, number>>>;
    /** Per derived figure: the count of its group (`over`), the others it is computed from or part of, the fewest households. */
    readonly derived: Readonly<Record<string, { readonly over: string; readonly from: readonly string[]; readonly minimum: number }>>;
  }
  const one = (...keys: string[]) => Object.fromEntries(keys.map((key) => [key, 1]));
  const MODELS: Record<ReportKey, Model> = {
    fasen: { counts: ['casussen', ...OPEN_PHASES], unit: fc.constantFrom(...OPEN_PHASES).map((phase) => one('casussen', phase)), derived: {} },
    tijdTotDrempel: {
      counts: ['vensters', 'bereikt', 'nietBereikt'],
      unit: fc.boolean().map((reached) => one('vensters', reached ? 'bereikt' : 'nietBereikt')),
      derived: {
        medianeDagen: { over: 'bereikt', from: ['vensters'], minimum: 5 },
        p90Dagen: { over: 'bereikt', from: ['vensters'], minimum: 10 },
      },
    },
    drempelBinnenTermijn: {
      counts: ['vensters', 'binnenTermijn', 'nietBinnenTermijn'],
      unit: fc.boolean().map((inTime) => one('vensters', inTime ? 'binnenTermijn' : 'nietBinnenTermijn')),
      derived: { aandeelBinnenTermijn: { over: 'vensters', from: ['binnenTermijn', 'nietBinnenTermijn'], minimum: 5 } },
    },
    opschalingen: {
      counts: ['opschalingen', 'beslist', ...ESCALATION_REASONS, ...ESCALATION_STATUSES],
      unit: fc
        .record({ reason: fc.constantFrom(...ESCALATION_REASONS), status: fc.constantFrom(...ESCALATION_STATUSES) })
        .map(({ reason, status }) => one('opschalingen', reason, status, ...(status === 'open' ? [] : ['beslist']))),
      // The median days to a decision is over the decided escalations, a part of the escalations.
      derived: { medianeDagenTotBesluit: { over: 'beslist', from: ['opschalingen'], minimum: 5 } },
    },
    herhaling: {
      counts: ['afsluitingen', 'heropend', 'nietHeropend', 'opvolgingLopend'],
      unit: fc.constantFrom('heropend', 'nietHeropend', 'opvolgingLopend').map((outcome) => one('afsluitingen', outcome)),
      derived: {},
    },
    afsluitingen: {
      counts: ['afsluitingen', ...CLOSURE_REASONS, 'overig'],
      unit: fc.constantFrom(...CLOSURE_REASONS, 'overig').map((reason) => one('afsluitingen', reason)),
      derived: {},
    },
    afsprakenTeLaat: {
      counts: ['casussen', 'afspraken'],
      unit: fc.integer({ min: 0, max: 3 }).map((overdue): Record<string, number> => (overdue === 0 ? {} : { casussen: 1, afspraken: overdue })),
      derived: {},
    },
    // Issue 17: an incident has one form or none recorded; an open case's analysis names any set of life domains (or there is none).
    geweldsvormen: {
      counts: ['incidenten', ...VIOLENCE_FORMS, 'nietVastgelegd'],
      unit: fc.constantFrom(...VIOLENCE_FORMS, 'nietVastgelegd').map((form) => one('incidenten', form)),
      derived: {},
    },
    // Issue 18: a trajectory, per term of 3, 6 and 12 months, reached, not reached, or not yet to be judged;
    // reached within 3 months is reached within 6 and 12, and a term not yet passed leaves the longer ones running.
    mdaUitkomsten: {
      counts: ['trajecten', ...[3, 6, 12].flatMap((n) => [`bereikt${n}`, `nietBereikt${n}`, `nogNietTeBeoordelen${n}`])],
      // reachedFrom: the first term reached (3: none); passed: how many terms have passed.
      unit: fc
        .record({ reachedFrom: fc.integer({ min: 0, max: 3 }), passed: fc.integer({ min: 0, max: 3 }) })
        .map(({ reachedFrom, passed }) =>
          one('trajecten', ...[3, 6, 12].map((n, i) => (i >= reachedFrom ? `bereikt${n}` : i < passed ? `nietBereikt${n}` : `nogNietTeBeoordelen${n}`))),
        ),
      derived: {},
    },
    leefdomeinen: {
      counts: ['casussenMetAnalyse', ...LIFE_DOMAINS],
      unit: fc.option(fc.subarray([...LIFE_DOMAINS])).map((domains): Record<string, number> => (domains === null ? {} : one('casussenMetAnalyse', ...domains))),
      derived: {},
    },
  };

  /** Units of a few households per municipality (a household may have several), many groups small. */
  const region = (unit: Model['unit']) =>
    fc.array(
      fc.integer({ min: 0, max: 14 }).chain((size) => fc.array(fc.record({ household: fc.integer({ min: 0, max: Math.max(0, size - 1) }), adds: unit }), { minLength: size, maxLength: size })),
      { minLength: 1, maxLength: 5 },
    );

  type Unit = { readonly household: string; readonly adds: Readonly<Record<string, number>> };
  /** A query's row: each count and its distinct households; a median-like value wherever its group is not empty. */
  function tallyRow(municipality: string | null, units: readonly Unit[], model: Model, value: number) {
    const tallies = Object.fromEntries(
      model.counts.map((key) => {
        const adding = units.filter((u) => (u.adds[key] ?? 0) > 0);
        return [key, { count: adding.reduce((sum, u) => sum + (u.adds[key] ?? 0), 0), households: new Set(adding.map((u) => u.household)).size }];
      }),
    ) as Record<string, Count>;
    const values = Object.fromEntries(Object.entries(model.derived).map(([name, d]) => [name, (tallies[d.over]?.count ?? 0) > 0 ? value : null]));
    return { municipality, tallies, values };
  }

  it('names, for every report, what each derived figure is computed over', () => {
    for (const key of Object.keys(REPORTS) as ReportKey[]) expect(Object.keys(REPORTS[key].table.derived).sort(), key).toEqual(Object.keys(MODELS[key].derived).sort());
  });

  // Every report's own table (issue 17 added two): no small count shown, none recoverable from a sum it is part of
  // (its row's sums, or its column over the municipalities), read by the attacker written apart above.
  for (const key of Object.keys(MODELS) as ReportKey[]) {
    const model = MODELS[key];
    it(`${key}: no count of 1 to 4 households is shown or recoverable from the table's sums`, () => {
      const spec = REPORTS[key].table as unknown as { counts: readonly string[]; sums: readonly (readonly [string, readonly string[]])[] };
      fc.assert(
        fc.property(region(model.unit), (municipalities) => {
          const units = municipalities.map((list, m) => list.map((u) => ({ household: `${m}:${u.household}`, adds: u.adds })));
          const rows = units.map((list, m) => tallyRow(`gemeente ${m}`, list, model, 1));
          const total = tallyRow(null, units.flat(), model, 1);
          const table = discloseTable(total, rows, REPORTS[key].table as unknown as Parameters<typeof discloseTable>[2]);
          const all = [total, ...rows];
          const width = spec.counts.length;
          const at = (row: number, count: string) => row * width + spec.counts.indexOf(count);
          // Counts of units (incidents, agreements) that concern 1 to 4 households are small whatever their value:
          // the attacker's reading works on values, so such a cell is checked on its own here.
          const truth = all.flatMap((row) => spec.counts.map((count) => row.tallies[count]?.count ?? 0));
          const disclosed = [table.total, ...table.rows].flatMap((figures: Readonly<Record<string, { waarde: number | null } | undefined>>) => spec.counts.map((count) => figures[count]?.waarde ?? null));
          const sums: Sum[] = [
            ...all.flatMap((_, r) => spec.sums.map(([sum, parts]) => ({ total: at(r, sum), parts: parts.map((part) => at(r, part)) }))),
            ...(rows.length === 0 ? [] : spec.counts.map((count) => ({ total: at(0, count), parts: rows.map((_, r) => at(r + 1, count)) }))),
          ];
          const found = exposures(truth, disclosed, sums);
          all.forEach((row, r) =>
            spec.counts.forEach((count) => {
              const tally = row.tallies[count];
              if (tally && tally.count > 0 && tally.households < 5 && disclosed[at(r, count)] !== null) found.push(`row ${r} ${count}: ${tally.count} over ${tally.households} households shown`);
            }),
          );
          expect(found).toEqual([]);
        }),
        { numRuns: 300, seed: 20270117 },
      );
    });
  }

  for (const key of Object.keys(MODELS) as ReportKey[]) {
    const model = MODELS[key];
    it(`${key}: no derived figure shows where a count it comes from is hidden, or over too few households`, () => {
      fc.assert(
        fc.property(region(model.unit), fc.integer({ min: 1, max: 400 }), (municipalities, value) => {
          const units = municipalities.map((list, m) => list.map((u) => ({ household: `${m}:${u.household}`, adds: u.adds })));
          const rows = units.map((list, m) => tallyRow(`gemeente ${m}`, list, model, value / 10));
          const total = tallyRow(null, units.flat(), model, value / 10);
          // The report's own table, as run() discloses it.
          const table = discloseTable(total, rows, REPORTS[key].table as unknown as Parameters<typeof discloseTable>[2]);
          const found: string[] = [];
          [table.total, ...table.rows].forEach((figures: Readonly<Record<string, { waarde: number | null; onderdrukt: boolean } | undefined>>, r) => {
            const truth = (r === 0 ? total : rows[r - 1])!;
            for (const [name, d] of Object.entries(model.derived)) {
              const figure = figures[name];
              if (!figure || figure.onderdrukt) continue;
              for (const source of [d.over, ...d.from]) {
                if (figures[source]?.onderdrukt !== false) found.push(`row ${r}: ${name} shows ${figure.waarde} while ${source} is ${figures[source] ? 'hidden' : 'not in the table'}`);
              }
              const households = truth.tallies[d.over]?.households ?? 0;
              if (figure.waarde !== null && households < d.minimum) found.push(`row ${r}: ${name} shows ${figure.waarde} over ${households} households`);
            }
          });
          expect(found).toEqual([]);
        }),
        { numRuns: 300, seed: 20260916 },
      );
    });
  }
});
