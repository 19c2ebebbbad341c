/**
 * `pnpm bench` (`-- --quick` for small sizes, a few minutes): every figure
 * of the service next to a raw baseline or a target, measured in one run on
 * one database server (DATABASE_URL, else an embedded PostgreSQL). The service
 * and the baseline run as child processes; autocannon loads them from here.
 * Prints a table and writes bench/results/latest.json (latest-quick.json).
 * BENCH_PROFILE=dir also writes CPU profiles of the service there.
 */
import { cpus } from 'node:os';
import { writeFile } from 'node:fs/promises';
import pg from 'pg';
import { benchDatabaseServer } from './lib/database.js';
import { ROOT } from './lib/processes.js';
import { settingsFrom } from './lib/settings.js';
import { historyBenchmark, type HistoryFigures } from './history.js';
import { ioBenchmarks, type IoFigures } from './io.js';
import { regionBenchmarks, type RegionFigures } from './region.js';

interface Target {
  readonly figure: string;
  readonly value: string;
  readonly target: string;
  readonly met: boolean;
}

function targets(io: IoFigures, history: HistoryFigures, regions: readonly RegionFigures[]): Target[] {
  const ratio = (a: number, b: number) => a / b;
  const writeRatio = ratio(io.write.perSecond, io.writeBaseline.perSecond);
  const readRatio = ratio(io.read.perSecond, io.readBaseline.perSecond);
  const list: Target[] = [
    { figure: 'write: service / raw transaction', value: writeRatio.toFixed(2), target: '>= 0.70', met: writeRatio >= 0.7 },
    {
      figure: `write: p99 at ${io.write.connections} connections, against 2 × the raw's`,
      value: `${io.write.p99Ms} ms`,
      target: `<= ${2 * io.writeBaseline.p99Ms} ms`,
      met: io.write.p99Ms <= 2 * io.writeBaseline.p99Ms,
    },
    { figure: 'read: service / raw SELECT route', value: readRatio.toFixed(2), target: '>= 0.60', met: readRatio >= 0.6 },
    { figure: 'memory: service RSS after the write load', value: `${io.rssAfterWriteMb.toFixed(0)} MB`, target: '<= 250 MB', met: io.rssAfterWriteMb <= 250 },
    {
      figure: `history: score command (median, one client) on a case of ${history.events.toLocaleString('en')} events / on a fresh case`,
      value: `${history.ratio.toFixed(2)} (${history.longMedianMs.toFixed(1)} / ${history.freshMedianMs.toFixed(1)} ms)`,
      target: '<= 1.20',
      met: history.ratio <= 1.2,
    },
  ];
  for (const region of regions) {
    const size = region.cases.toLocaleString('en');
    for (const [label, figure] of [
      ['queue GET /v1/opschalingen', region.queue],
      ['GET /v1/casussen?fase (beheerder)', region.byPhaseForAdministrator],
      ['GET /v1/casussen?fase (case manager)', region.byPhaseForCaseManager],
      ['GET /v1/casussen?zoek (beheerder)', region.searchForAdministrator],
      ['GET /v1/casussen?zoek (case manager)', region.searchForCaseManager],
      ['GET /v1/werkvoorraad (case manager)', region.werkvoorraad],
    ] as const) {
      list.push({ figure: `${label}, ${size} cases: p99`, value: `${figure.load.p99Ms} ms`, target: '<= 50 ms', met: figure.load.p99Ms <= 50 });
      list.push({
        figure: `${label}, ${size} cases: plans`,
        value: `${figure.usesIndexes ? 'indexes' : 'not by index'}, ${figure.rowsRemovedByFilter} rows discarded`,
        target: 'indexes, <= 1000 discarded',
        met: figure.usesIndexes,
      });
    }
  }
  const smallest = regions[0];
  for (const region of regions.slice(1)) {
    if (!smallest) break;
    const growth = region.sweep.msPerEscalation / smallest.sweep.msPerEscalation;
    list.push({
      figure: `sweep: ms per escalation, ${region.cases.toLocaleString('en')} / ${smallest.cases.toLocaleString('en')} cases`,
      value: growth.toFixed(2),
      target: '<= 1.50',
      met: growth <= 1.5,
    });
  }
  return list;
}

async function postgresVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?';
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const settings = settingsFrom(process.argv.slice(2));
  const started = performance.now();
  const server = await benchDatabaseServer();
  try {
    const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '?', node: process.version, postgres: await postgresVersion(server.url) };
    console.log(`bench: ${settings.quick ? 'quick' : 'full'} run on ${machine.cpus} × ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}`);
    const io = await ioBenchmarks(server.url, settings);
    const history = await historyBenchmark(server.url, settings);
    const regions: RegionFigures[] = [];
    for (const size of settings.regionSizes) regions.push(await regionBenchmarks(server.url, size, settings));
    const checked = targets(io, history, regions);

    const rate = (n: number) => Math.round(n).toLocaleString('en');
    console.log('\nThroughput against the raw baseline (same run, same database, same connections):');
    const cpu = (figure: { readonly cpu?: { appMsPerRequest: number; dbMsPerRequest: number } }) =>
      figure.cpu ? `${figure.cpu.appMsPerRequest.toFixed(2)}/${figure.cpu.dbMsPerRequest.toFixed(2)}` : '-';
    const row = (label: string, service: typeof io.write, baseline: typeof io.write) => ({
      figure: label,
      service: `${rate(service.perSecond)}/s`,
      'p50/p99 ms': `${service.p50Ms}/${service.p99Ms}`,
      'CPU ms app/db': cpu(service),
      baseline: `${rate(baseline.perSecond)}/s`,
      'baseline p50/p99 ms': `${baseline.p50Ms}/${baseline.p99Ms}`,
      'baseline CPU ms app/db': cpu(baseline),
      ratio: (service.perSecond / baseline.perSecond).toFixed(2),
    });
    console.table([
      row('write', io.write, io.writeBaseline),
      row('read', io.read, io.readBaseline),
      row('read vs SELECT + log row', io.read, io.readLoggedBaseline),
    ]);
    console.log('(CPU ms app/db: CPU milliseconds per answered request in the app process and in the PostgreSQL backends.)');
    console.log('Lists, queue and sweep by region size:');
    console.table(
      regions.flatMap((r) => [
        { cases: r.cases, figure: 'queue', 'per s': rate(r.queue.load.perSecond), 'p50/p99 ms': `${r.queue.load.p50Ms}/${r.queue.load.p99Ms}` },
        { cases: r.cases, figure: 'fase (beheerder)', 'per s': rate(r.byPhaseForAdministrator.load.perSecond), 'p50/p99 ms': `${r.byPhaseForAdministrator.load.p50Ms}/${r.byPhaseForAdministrator.load.p99Ms}` },
        { cases: r.cases, figure: 'fase (case manager)', 'per s': rate(r.byPhaseForCaseManager.load.perSecond), 'p50/p99 ms': `${r.byPhaseForCaseManager.load.p50Ms}/${r.byPhaseForCaseManager.load.p99Ms}` },
        { cases: r.cases, figure: 'zoek (beheerder)', 'per s': rate(r.searchForAdministrator.load.perSecond), 'p50/p99 ms': `${r.searchForAdministrator.load.p50Ms}/${r.searchForAdministrator.load.p99Ms}` },
        { cases: r.cases, figure: 'zoek (case manager)', 'per s': rate(r.searchForCaseManager.load.perSecond), 'p50/p99 ms': `${r.searchForCaseManager.load.p50Ms}/${r.searchForCaseManager.load.p99Ms}` },
        { cases: r.cases, figure: `sweep (${r.sweep.fired} fired)`, 'per s': rate(r.sweep.fired / (r.sweep.ms / 1000)), 'p50/p99 ms': `${r.sweep.msPerEscalation.toFixed(2)} ms each` },
      ]),
    );
    console.log('Targets:');
    console.table(checked);
    const seconds = (performance.now() - started) / 1000;
    const file = `${ROOT}bench/results/${settings.quick ? 'latest-quick.json' : 'latest.json'}`;
    await writeFile(file, `${JSON.stringify({ date: new Date().toISOString(), quick: settings.quick, seconds: Math.round(seconds), machine, settings, io, history, regions, targets: checked }, null, 2)}\n`);
    console.log(`bench: ${checked.filter((t) => t.met).length} of ${checked.length} targets met; ${Math.round(seconds)} s; written to ${file.slice(ROOT.length)}`);
  } finally {
    await server.stop();
  }
}

await main();
