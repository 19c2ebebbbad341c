/**
 * Disclosure control for the insights reports: the one place that decides
 * which numbers are shown. A report must never let anyone recognise a
 * household, so:
 *
 * 1. Primary suppression: a count that concerns 1 to 4 households is not
 *    shown (0 is shown). Most counts count households (cases); a count of
 *    other units (safety windows, escalations, closures, agreements) carries
 *    the number of distinct households it concerns, and that number decides.
 * 2. Secondary suppression, by protection interval. Wherever figures add up
 *    to a total shown beside them (phases to open cases, reasons or outcomes
 *    to escalations, municipalities to the region per column), hiding the
 *    small ones is not enough: the total minus the shown parts gives the sum
 *    S of the k hidden parts exactly, and since 0 is always shown each
 *    hidden part is at least 1, so each lies in [1, S - (k - 1)]. That
 *    interval, not the number of hidden cells, is what protects: 1 and 1
 *    beside a 5 under a total of 7 are two hidden cells, and both are 1.
 *    So a sum with a shown total is protected only when
 *    - it does not have exactly one hidden part, which would be S itself
 *      (a part hidden to protect a figure elsewhere must not come back), and
 *    - every primary-suppressed part, of true value v, can be read as at
 *      least PROTECTION more than it is: S - (k - 1) - v >= 5.
 *    A hidden total with hidden parts tells nothing about them; with all its
 *    parts shown it is their sum again, so one of them must be hidden.
 *    While a sum is not protected, one more of its figures is hidden. With
 *    a shown total: the smallest non-zero shown part that protects the sum
 *    on its own (the least lost that does the job), else the largest (the
 *    most protection for one cell), else, when no non-zero part is left,
 *    the total. With a hidden total: its smallest non-zero part. Zeros stay
 *    shown; hiding one would add nothing to S. A figure hidden for one sum
 *    is a member of others and can break them, so this repeats over all
 *    sums until every sum is protected.
 *    The rule reasons one sum at a time. Combining sums can say more (the
 *    shown parts of a hidden total bound it from below, which narrows the
 *    interval of a sum that total is part of), so it lowers the risk
 *    without ruling it out.
 * 3. Derived figures (medians, percentiles, shares, anything computed from
 *    a group of households) follow the counts they come from. Each names the
 *    count of the table that counts its group (`over`) and every other count
 *    it is computed from or that contains the group (`sources`), so those
 *    counts go through rules 1 and 2 like any other. A derived figure is
 *    shown only when all of them are shown and its group concerns at least
 *    SMALLEST_SHOWN households (or its own higher minimum); otherwise it is
 *    suppressed like a count. A median beside a hidden count would prove
 *    that the count is at least 5 (security finding 9), so a derived figure
 *    can never be computed over a group the table does not count.
 */
import type { Figure } from '@veilig-samen/contracts';

/** The smallest number of households a figure may concern. */
export const SMALLEST_SHOWN = 5;

/**
 * How far above a primary-suppressed count the largest value consistent
 * with a shown sum must lie (rule 2).
 */
export const PROTECTION = 5;

/** A count and the number of distinct households it concerns. */
export interface Count {
  readonly count: number;
  readonly households: number;
}

/** total = the sum of parts; indices into the list of counts. */
export interface Sum {
  readonly total: number;
  readonly parts: readonly number[];
}

export const householdCount = (count: number): Count => ({ count, households: count });

/** Primary suppression: something, but fewer than SMALLEST_SHOWN households. */
export const isSmall = (count: Count): boolean => count.count > 0 && count.households < SMALLEST_SHOWN;

/**
 * Which counts are suppressed, after primary and secondary suppression.
 * `given`: cells whose disclosure is already decided and published (true:
 * hidden, false: shown; undefined: to decide here), e.g. a quarter's figures
 * in the table of its year. They never change; only the other cells are
 * hidden to protect the sums they are in.
 */
export function suppress(counts: readonly Count[], sums: readonly Sum[], given: readonly (boolean | undefined)[] = []): boolean[] {
  const primary = counts.map(isSmall);
  const suppressed = primary.map((small, index) => given[index] ?? small);
  /**
   * Whether a cell may still be hidden here: its disclosure is not given,
   * and it is not the total of given parts that are all shown (hiding it
   * would protect nothing: it is their sum).
   */
  const pinned = new Set(sums.filter(({ parts }) => parts.length > 0 && parts.every((part) => given[part] === false)).map(({ total }) => total));
  const free = (index: number) => given[index] === undefined && !pinned.has(index);
  const value = (index: number) => counts[index]?.count ?? 0;
  /**
   * Whether a sum with a shown total is protected (rule 2) when its hidden
   * parts add up to `hiddenSum`, there are `hiddenCount` of them, and the
   * largest primary-suppressed one is `largestPrimary` (0: none).
   */
  const protects = (hiddenSum: number, hiddenCount: number, largestPrimary: number) =>
    hiddenCount !== 1 && (largestPrimary === 0 || hiddenSum - (hiddenCount - 1) - largestPrimary >= PROTECTION);
  /** The next figure of a sum to hide, or undefined when the sum is protected (or nothing is left to hide). */
  const next = ({ total, parts }: Sum): number | undefined => {
    const hiddenParts = parts.filter((index) => suppressed[index]);
    // Ascending by value; equal values keep the order of the parts.
    const candidates = parts.filter((index) => free(index) && !suppressed[index] && value(index) > 0).sort((a, b) => value(a) - value(b));
    if (suppressed[total]) return hiddenParts.length === 0 ? candidates[0] : undefined;
    const hiddenSum = hiddenParts.reduce((sum, index) => sum + value(index), 0);
    const largestPrimary = Math.max(0, ...hiddenParts.filter((index) => primary[index]).map(value));
    if (hiddenParts.length === 0 || protects(hiddenSum, hiddenParts.length, largestPrimary)) return undefined;
    const enough = candidates.find((index) => protects(hiddenSum + value(index), hiddenParts.length + 1, largestPrimary));
    const largest = candidates.find((index) => value(index) === Math.max(...candidates.map(value)));
    return enough ?? largest ?? (free(total) && value(total) > 0 ? total : undefined);
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      const index = next(sum);
      if (index === undefined) continue;
      suppressed[index] = true;
      changed = true;
    }
  }
  return suppressed;
}

export const shown = (waarde: number | null): Figure => ({ waarde, onderdrukt: false });
const hidden: Figure = { waarde: null, onderdrukt: true };

/**
 * A derived figure (rule 3): suppressed when any of the counts it comes from
 * (`from`: its group's count first) is suppressed, or when its group concerns
 * fewer than `minimum` households; null when there is nothing to compute.
 * The suppression comes first, so not even "nothing to compute" is told
 * about a hidden group.
 */
export function derived(value: number | null, group: Count, from: readonly Figure[], minimum = SMALLEST_SHOWN): Figure {
  if (from.some((figure) => figure.onderdrukt)) return hidden;
  if (value === null) return shown(null);
  return group.households < minimum ? hidden : shown(value);
}

export interface DerivedSpec<K extends string, R> {
  readonly value: (row: R) => number | null;
  /** The count of the table that counts the group the value is computed over (its units). */
  readonly over: K;
  /** The other counts it is computed from or that contain its group: a share would give them away. */
  readonly sources?: readonly K[];
  /**
   * The fewest households it may be computed over (default SMALLEST_SHOWN).
   * A high percentile over few units is nearly one household's own value.
   */
  readonly minimum?: number;
}

export interface TableSpec<K extends string, D extends string, R> {
  /** The counts shown; each also adds up over the municipalities to the total row. */
  readonly counts: readonly K[];
  /** Within a row: a count and the counts that add up to it. */
  readonly sums: readonly (readonly [K, readonly K[]])[];
  /** Each names counts of this table (`NoInfer`: naming another does not widen K, it does not compile). */
  readonly derived: { readonly [name in D]: DerivedSpec<NoInfer<K>, R> };
}

export interface TallyLike<K extends string> {
  readonly tallies: Readonly<Record<K, Count>>;
}

export type DisclosedRow<K extends string, D extends string> = Readonly<Record<K | D, Figure>>;

/** A table's rows: the total row (the region) and a row per municipality. */
export interface Block<R> {
  readonly total: R;
  readonly rows: readonly R[];
}

type Disclosed<K extends string, D extends string> = Block<DisclosedRow<K, D>>;

function assertSpec<K extends string, D extends string, R>(spec: TableSpec<K, D, R>): void {
  for (const [name, d] of Object.entries<DerivedSpec<K, R>>(spec.derived)) {
    const missing = [d.over, ...(d.sources ?? [])].filter((key) => !spec.counts.includes(key));
    if (missing.length > 0) throw new Error(`derived figure ${name} comes from counts the table does not disclose: ${missing.join(', ')}`);
  }
}

/**
 * Tables laid out one after another as cells (row by row, count by count),
 * with the sums of each: within a row (the spec's sums) and each count over
 * the municipalities to the total row.
 */
class Layout<K extends string, D extends string, R extends TallyLike<K>> {
  readonly rows: R[];
  readonly sums: Sum[] = [];
  constructor(
    private readonly spec: TableSpec<K, D, R>,
    blocks: readonly Block<R>[],
  ) {
    this.rows = blocks.flatMap((block) => [block.total, ...block.rows]);
    let first = 0;
    for (const block of blocks) {
      const size = 1 + block.rows.length;
      for (let row = first; row < first + size; row++) {
        this.sums.push(...spec.sums.map(([sum, parts]) => ({ total: this.at(row, sum), parts: parts.map((part) => this.at(row, part)) })));
      }
      if (block.rows.length > 0) {
        this.sums.push(...spec.counts.map((key) => ({ total: this.at(first, key), parts: block.rows.map((_, r) => this.at(first + 1 + r, key)) })));
      }
      first += size;
    }
  }
  at(row: number, key: K): number {
    return row * this.spec.counts.length + this.spec.counts.indexOf(key);
  }
  get counts(): Count[] {
    return this.rows.flatMap((row) => this.spec.counts.map((key) => row.tallies[key]));
  }
  /** Every row's figures, with the derived ones (rule 3), given which cells are suppressed. */
  figures(suppressed: readonly boolean[]): DisclosedRow<K, D>[] {
    return this.rows.map((row, r) => {
      const figures = Object.fromEntries(
        this.spec.counts.map((key) => [key, suppressed[this.at(r, key)] ? hidden : shown(row.tallies[key].count)]),
      ) as Record<K, Figure>;
      const derivedFigures = Object.fromEntries(
        (Object.entries(this.spec.derived) as [D, DerivedSpec<K, R>][]).map(([name, d]) => [
          name,
          derived(d.value(row), row.tallies[d.over], [d.over, ...(d.sources ?? [])].map((key) => figures[key]), d.minimum),
        ]),
      ) as Record<D, Figure>;
      return { ...figures, ...derivedFigures };
    });
  }
}

/** The rows back as blocks of the sizes given. */
function split<T>(rows: readonly T[], blocks: readonly Block<unknown>[]): Block<T>[] {
  let first = 0;
  return blocks.map((block) => {
    const [total, ...rest] = rows.slice(first, first + 1 + block.rows.length);
    first += 1 + block.rows.length;
    if (total === undefined) throw new Error('a table always has its total row');
    return { total, rows: rest };
  });
}

/**
 * A report's table: the total row (the region, or the one municipality asked
 * for) and a row per municipality (none when one was asked for), with every
 * count and derived figure disclosed per the rules above.
 */
export function discloseTable<K extends string, D extends string, R extends TallyLike<K>>(total: R, rows: readonly R[], spec: TableSpec<K, D, R>): Disclosed<K, D> {
  assertSpec(spec);
  const block = { total, rows };
  const layout = new Layout(spec, [block]);
  const [disclosed] = split(layout.figures(suppress(layout.counts, layout.sums)), [block]);
  if (!disclosed) throw new Error('a table always has its total row');
  return disclosed;
}

/**
 * A year and its quarters, published together (issue 18): one table, so
 * that no figure hidden in one period comes back as a difference of shown
 * ones (the year minus three quarters, or a quarter's row minus the year's).
 * Each count of a row of the year is the sum of that count in the same row
 * of the four quarters (the units of a report fall in exactly one quarter),
 * and those sums join the sums of every period's own table.
 *
 * The quarters are disclosed exactly as their own quarterly reports
 * disclose them (given, never changed): those may have been published
 * already, and a quarter must read the same however it is asked for. A
 * year's count is shown exactly when its four quarters are (it is their
 * sum), so the year adds no information to its quarters and nothing hidden
 * in them can be derived, by any chain of sums.
 * The blocks must list the same municipalities in the same order (a
 * municipality without units in a period: a row of zeros).
 */
export function discloseYear<K extends string, D extends string, R extends TallyLike<K>>(
  year: Block<R>,
  quarters: readonly Block<R>[],
  spec: TableSpec<K, D, R>,
): { year: Disclosed<K, D>; quarters: Disclosed<K, D>[] } {
  assertSpec(spec);
  const size = 1 + year.rows.length;
  if (quarters.some((quarter) => quarter.rows.length !== year.rows.length)) throw new Error('the year and its quarters must have the same rows');
  const blocks = [year, ...quarters];
  const layout = new Layout(spec, blocks);
  const given = [
    ...layout.counts.slice(0, size * spec.counts.length).map(() => undefined),
    ...quarters.flatMap((quarter) => {
      const own = new Layout(spec, [quarter]);
      return suppress(own.counts, own.sums);
    }),
  ];
  const acrossQuarters: Sum[] = Array.from({ length: size }, (_, row) =>
    spec.counts.map((key) => ({ total: layout.at(row, key), parts: quarters.map((_, q) => layout.at((q + 1) * size + row, key)) })),
  ).flat();
  // A count of the year is shown only when all four of its quarters are: then it is their sum and tells nothing the
  // quarters do not, so no combination of shown figures (the year less some quarters, a row less the year's other
  // rows, chained over several sums) gives a hidden one back. Hiding only where one sum alone would expose a cell
  // was not enough: the review of issue 18 (H3) chained three sums to recover a hidden quarter.
  const hidden: boolean[] = [...given.map((value) => value ?? false)];
  for (const { total, parts } of acrossQuarters) hidden[total] = parts.some((part) => given[part] !== false);
  const [disclosedYear, ...disclosedQuarters] = split(layout.figures(hidden), blocks);
  if (!disclosedYear) throw new Error('a table always has its total row');
  return { year: disclosedYear, quarters: disclosedQuarters };
}
