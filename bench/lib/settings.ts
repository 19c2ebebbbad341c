/** `pnpm bench` measures at full size; `pnpm bench -- --quick` at small sizes, in under 2 minutes. */
export interface Settings {
  readonly quick: boolean;
  readonly connections: number;
  /**
   * For the list and queue figures: two people opening a list at the same instant (a peak for one
   * region), so the p99 shows what the data's size costs rather than how requests queue on a machine
   * whose two cores also run the database and the load generator.
   */
  readonly listConnections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  /** Region sizes (total cases) for the list, queue and sweep figures. */
  readonly regionSizes: readonly number[];
}

export function settingsFrom(argv: readonly string[]): Settings {
  const quick = argv.includes('--quick');
  return {
    quick,
    connections: 32,
    listConnections: 2,
    seconds: quick ? 5 : 20,
    warmupSeconds: quick ? 2 : 5,
    regionSizes: quick ? [10_000] : [10_000, 1_000_000],
  };
}
