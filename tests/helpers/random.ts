/**
 * A seeded random number generator (mulberry32) for tests that drive load or
 * choices at random: the seed is printed, so a failing run can be replayed.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed from the named environment variable, else a new one; printed as `<label> seed=<n>`. */
export function seedFrom(variable: string, label: string): number {
  const seed = Number(process.env[variable] ?? Date.now() % 1_000_000);
  console.log(`${label} seed=${seed}`);
  return seed;
}
