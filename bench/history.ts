/**
 * A command's cost against the case's history (issue 15): the median time of
 * a score command, one client, sequential, on fresh cases and on a case with
 * HISTORY_EVENTS events. The history is built through the service's own API
 * (score commands, one after the other), so the long case holds exactly what
 * the service stores: its events, its snapshot, its timers and access log.
 * The two kinds of command alternate, so whatever else the machine's cores do
 * meanwhile weighs on both alike; the ratio is the figure.
 */
import { migrateDatabase } from '@veilig-samen/db';
import { BENCH_HOUSEHOLD, benchToken, SCORE, startService } from './io.js';
import { freshDatabase } from './lib/database.js';
import type { Settings } from './lib/settings.js';

export const HISTORY_EVENTS = 2_000;

export interface HistoryFigures {
  /** Events in the long case when the measured commands began. */
  readonly events: number;
  readonly commands: number;
  readonly freshMedianMs: number;
  readonly longMedianMs: number;
  /** longMedianMs / freshMedianMs. */
  readonly ratio: number;
  /** Seconds taken to build the history through the API. */
  readonly buildSeconds: number;
}

interface Target {
  readonly id: string;
  version: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export async function historyBenchmark(serverUrl: string, settings: Settings): Promise<HistoryFigures> {
  const url = await freshDatabase(serverUrl, 'bench_history');
  await migrateDatabase(url);
  const service = await startService(url);
  try {
    const token = benchToken({ sub: 'bench', rol: 'lokaal-team', organisatie: 'Bench', gemeenten: ['Nijmegen'] });
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const open = async (): Promise<Target> => {
      const response = await fetch(`${service.url}/v1/casussen`, { method: 'POST', headers, body: BENCH_HOUSEHOLD });
      if (response.status !== 201) throw new Error(`opening a case: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { id: string; versie: number };
      return { id: body.id, version: body.versie };
    };
    /** One score command; its duration in milliseconds, as the client sees it. */
    const score = async (target: Target): Promise<number> => {
      const started = performance.now();
      const response = await fetch(`${service.url}/v1/casussen/${target.id}/veiligheidsscores`, {
        method: 'POST',
        headers: { ...headers, 'if-match': `"${target.version}"` },
        body: SCORE,
      });
      await response.arrayBuffer();
      const ms = performance.now() - started;
      if (response.status !== 201) throw new Error(`score command: ${response.status}`);
      target.version += 1;
      return ms;
    };

    const long = await open();
    process.stdout.write(`bench: building a case of ${HISTORY_EVENTS} events through the API… `);
    const building = performance.now();
    while (long.version < HISTORY_EVENTS) await score(long);
    const buildSeconds = (performance.now() - building) / 1000;
    process.stdout.write(`${buildSeconds.toFixed(1)} s\n`);
    const events = long.version;

    // Fresh cases stay fresh: each takes a few commands only.
    const commands = settings.quick ? 200 : 1_000;
    const fresh = await Promise.all(Array.from({ length: commands / 10 }, open));
    for (let i = 0; i < 20; i += 1) {
      // Warm-up (JIT, pool, plans), not counted.
      await score(long);
      await score(fresh[i % fresh.length] as Target);
    }
    const freshMs: number[] = [];
    const longMs: number[] = [];
    for (let i = 0; i < commands; i += 1) {
      longMs.push(await score(long));
      freshMs.push(await score(fresh[i % fresh.length] as Target));
    }
    const freshMedianMs = median(freshMs);
    const longMedianMs = median(longMs);
    const figures = { events, commands, freshMedianMs, longMedianMs, ratio: longMedianMs / freshMedianMs, buildSeconds };
    console.log(
      `bench: score command, one client: fresh case ${freshMedianMs.toFixed(2)} ms, case of ${events} events ${longMedianMs.toFixed(2)} ms (median of ${commands} each; ratio ${figures.ratio.toFixed(2)})`,
    );
    return figures;
  } finally {
    await service.stop();
  }
}
