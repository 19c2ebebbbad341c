/**
 * Disclosure control for the insights reports: the one place that decides
 * which numbers are shown. A report must never let anyone recognise a
 * household, so:
 *
 * 1. Primary suppression: a count that concerns 1 to 4 households is not
 *    shown (0 is shown). Most counts count households (cases); a count of
 *    other units (safety windows, escalations, closures, agreements) carries
 *    the number of distinct households it concerns, and that number decides.
 * 2. Secondary suppression: wherever figures add up to a total that is shown
 *    beside them (phases to open cases, municipalities to the region), a
 *    single suppressed figure could be recovered by subtraction. So when
 *    exactly one member of such a sum is suppressed, the smallest other
 *    non-zero part is suppressed too, or, when there is none, the total.
 *    This repeats until no sum has a single suppressed member (a figure
 *    suppressed in one sum can expose a figure in another).
 * 3. Derived figures (medians, percentiles, shares) are suppressed when the
 *    units they are computed over concern 1 to 4 households, or when a count
 *    they are computed from is suppressed (a share would give it away).
 */
import type { Figure } from '@veilig-samen/contracts';

/** The smallest number of households a figure may concern. */
export const SMALLEST_SHOWN = 5;

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

/** Which counts are suppressed, after primary and secondary suppression. */
export function suppress(counts: readonly Count[], sums: readonly Sum[]): boolean[] {
  const suppressed = counts.map(isSmall);
  const value = (index: number) => counts[index]?.count ?? 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, parts } of sums) {
      const hidden = [total, ...parts].filter((index) => suppressed[index]);
      if (hidden.length !== 1) continue;
      const [lone] = hidden;
      const candidates = parts.filter((index) => index !== lone && !suppressed[index] && value(index) > 0);
      const smallest = candidates.reduce<number | undefined>((best, index) => (best === undefined || value(index) < value(best) ? index : best), undefined);
      const next = smallest ?? (lone !== total && value(total) > 0 ? total : undefined);
      if (next === undefined) continue;
      suppressed[next] = true;
      changed = true;
    }
  }
  return suppressed;
}

export const shown = (waarde: number | null): Figure => ({ waarde, onderdrukt: false });
const hidden: Figure = { waarde: null, onderdrukt: true };

/** A derived figure: null when there is nothing to compute, suppressed per rule 3. */
export function derived(value: number | null, units: Count, sources: readonly Figure[] = []): Figure {
  if (value === null) return shown(null);
  return isSmall(units) || sources.some((source) => source.onderdrukt) ? hidden : shown(value);
}

export interface DerivedSpec<K extends string, R> {
  readonly value: (row: R) => number | null;
  /** The units the value is computed over. */
  readonly units: (row: R) => Count;
  /** The counts shown that the value would give away. */
  readonly sources?: readonly K[];
}

export interface TableSpec<K extends string, D extends string, R> {
  /** The counts shown; each also adds up over the municipalities to the total row. */
  readonly counts: readonly K[];
  /** Within a row: a count and the counts that add up to it. */
  readonly sums: readonly (readonly [K, readonly K[]])[];
  readonly derived: { readonly [name in D]: DerivedSpec<K, R> };
}

export interface TallyLike<K extends string> {
  readonly tallies: Readonly<Record<K, Count>>;
}

export type DisclosedRow<K extends string, D extends string> = Readonly<Record<K | D, Figure>>;

/**
 * A report's table: the total row (the region, or the one municipality asked
 * for) and a row per municipality (none when one was asked for), with every
 * count and derived figure disclosed per the rules above.
 */
export function discloseTable<K extends string, D extends string, R extends TallyLike<K>>(
  total: R,
  rows: readonly R[],
  spec: TableSpec<K, D, R>,
): { total: DisclosedRow<K, D>; rows: DisclosedRow<K, D>[] } {
  const all = [total, ...rows];
  const width = spec.counts.length;
  const at = (row: number, key: K) => row * width + spec.counts.indexOf(key);
  const counts = all.flatMap((row) => spec.counts.map((key) => row.tallies[key]));
  const sums: Sum[] = [
    ...all.flatMap((_, row) => spec.sums.map(([sum, parts]) => ({ total: at(row, sum), parts: parts.map((part) => at(row, part)) }))),
    ...(rows.length === 0 ? [] : spec.counts.map((key) => ({ total: at(0, key), parts: rows.map((_, row) => at(row + 1, key)) }))),
  ];
  const suppressed = suppress(counts, sums);
  const disclosed = all.map((row, r) => {
    const figures = Object.fromEntries(
      spec.counts.map((key) => [key, suppressed[at(r, key)] ? hidden : shown(row.tallies[key].count)]),
    ) as Record<K, Figure>;
    const derivedFigures = Object.fromEntries(
      (Object.entries(spec.derived) as [D, DerivedSpec<K, R>][]).map(([name, d]) => [
        name,
        derived(d.value(row), d.units(row), (d.sources ?? []).map((key) => figures[key])),
      ]),
    ) as Record<D, Figure>;
    return { ...figures, ...derivedFigures };
  });
  const [first, ...rest] = disclosed;
  if (!first) throw new Error('a table always has its total row');
  return { total: first, rows: rest };
}
