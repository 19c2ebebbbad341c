/**
 * A tiny closed-loop load generator and reporter. Every figure is printed
 * next to a raw baseline measured in the same run on the same machine, as a
 * ratio: absolute numbers on a shared 2-core machine mean little.
 */
import { Agent, request } from 'undici';

export interface Measurement {
  readonly name: string;
  readonly operations: number;
  readonly seconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export const perSecond = (m: Measurement) => m.operations / m.seconds;

/** Runs `operation` `total` times with `concurrency` workers; records latencies. */
export async function measure(name: string, total: number, concurrency: number, operation: () => Promise<void>): Promise<Measurement> {
  // Warm-up: JIT, connection pools, prepared plans.
  for (let i = 0; i < Math.min(200, total / 10); i++) await operation();
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++;
        const t0 = performance.now();
        await operation();
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return { name, operations: latencies.length, seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

/** An HTTP GET that fails loudly on an unexpected status, so a broken bench never looks fast. */
export function httpGet(baseUrl: string, path: string, headers: Record<string, string> = {}, expectStatus = 200): () => Promise<void> {
  const dispatcher = new Agent({ connections: 16, pipelining: 1 });
  return async () => {
    const response = await request(`${baseUrl}${path}`, { method: 'GET', headers, dispatcher });
    await response.body.dump();
    if (response.statusCode !== expectStatus) throw new Error(`${path}: status ${response.statusCode}`);
  };
}

export function report(pairs: readonly { baseline: Measurement; measured: Measurement; note: string }[]): void {
  const rows = pairs.map(({ baseline, measured, note }) => ({
    measured: measured.name,
    'ops/s': Math.round(perSecond(measured)),
    'p99 ms': measured.p99Ms.toFixed(2),
    baseline: baseline.name,
    'baseline ops/s': Math.round(perSecond(baseline)),
    ratio: (perSecond(measured) / perSecond(baseline)).toFixed(2),
    note,
  }));
  console.table(rows);
}
