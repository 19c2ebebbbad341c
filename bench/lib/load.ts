/**
 * Load from autocannon with a fixed number of connections for a fixed time,
 * after a warm-up (JIT, pools, plans) whose figures are thrown away. A figure
 * counts only 2xx answers; any other answer fails the run, so a broken
 * benchmark never looks fast.
 */
import autocannon from 'autocannon';
import { cpuSplit, type CpuSample, type CpuSplit } from './cpu.js';

export interface LoadResult {
  readonly name: string;
  readonly connections: number;
  readonly seconds: number;
  readonly requests: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** CPU per request in the app and in PostgreSQL, measured over the counted run (not the warm-up). */
  readonly cpu?: CpuSplit;
}

export interface LoadOptions {
  readonly url: string;
  readonly connections: number;
  readonly seconds: number;
  readonly warmupSeconds: number;
  readonly requests: autocannon.Request[];
  readonly headers?: Record<string, string>;
  /** Samples CPU time before and after the counted run. */
  readonly cpu?: () => Promise<CpuSample>;
}

async function run(options: LoadOptions, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url: options.url,
    connections: options.connections,
    duration: seconds,
    requests: options.requests,
    headers: options.headers ?? {},
    timeout: 30,
  });
}

export async function load(name: string, options: LoadOptions): Promise<LoadResult> {
  process.stdout.write(`bench: ${name}: ${options.connections} connections, ${options.seconds} s (+${options.warmupSeconds} s warm-up)… `);
  if (options.warmupSeconds > 0) await run(options, options.warmupSeconds);
  const before = await options.cpu?.();
  const result = await run(options, options.seconds);
  const after = await options.cpu?.();
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts`);
  const ok = result['2xx'];
  const cpu = before && after ? cpuSplit(before, after, ok) : undefined;
  const figure = { name, connections: options.connections, seconds: result.duration, requests: ok, perSecond: ok / result.duration, p50Ms: result.latency.p50, p99Ms: result.latency.p99, ...(cpu ? { cpu } : {}) };
  const cpuText = cpu ? `, CPU ms/request app ${cpu.appMsPerRequest.toFixed(2)} db ${cpu.dbMsPerRequest.toFixed(2)}` : '';
  process.stdout.write(`${Math.round(figure.perSecond)}/s, p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms} ms${cpuText}\n`);
  return figure;
}
