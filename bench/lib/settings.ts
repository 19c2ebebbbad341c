/** `pnpm bench` measures at full size; `pnpm bench -- --quick` at small sizes, in under 2 minutes. */
export interface Settings {
  readonly quick: boolean;
  readonly connections: number;
  /** For the list and queue figures: a few case managers' screens at once, not a write storm. */
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
    listConnections: 8,
    seconds: quick ? 5 : 20,
    warmupSeconds: quick ? 2 : 5,
    regionSizes: quick ? [10_000] : [10_000, 1_000_000],
  };
}
