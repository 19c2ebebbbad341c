/**
 * CPU time per request, from /proc: the app process (service or raw
 * baseline) and the PostgreSQL backends serving its database, so a figure
 * shows where the time goes. Linux only; elsewhere the figures are absent.
 */
import { readFile } from 'node:fs/promises';
import pg from 'pg';

const TICKS_PER_SECOND = 100;

/** utime + stime of a process in milliseconds, or 0 when it is gone or /proc is not there. */
async function processCpuMs(pid: number): Promise<number> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

export interface CpuSample {
  readonly appMs: number;
  /** Per backend pid: a backend that appears during the run counts whole. */
  readonly dbMs: ReadonlyMap<number, number>;
}

export interface CpuSplit {
  /** CPU milliseconds per answered request in the app process. */
  readonly appMsPerRequest: number;
  /** CPU milliseconds per answered request in the PostgreSQL backends of the bench database. */
  readonly dbMsPerRequest: number;
}

/** Samples the app's CPU and that of every backend connected to the database at `databaseUrl`. */
export function cpuProbe(appPid: number, databaseUrl: string) {
  return async (): Promise<CpuSample> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
      const dbMs = new Map<number, number>();
      for (const { pid } of rows) dbMs.set(pid, await processCpuMs(pid));
      return { appMs: await processCpuMs(appPid), dbMs };
    } finally {
      await client.end();
    }
  };
}

export function cpuSplit(before: CpuSample, after: CpuSample, requests: number): CpuSplit {
  let db = 0;
  for (const [pid, ms] of after.dbMs) db += ms - (before.dbMs.get(pid) ?? 0);
  const per = (ms: number) => (requests > 0 ? ms / requests : 0);
  return { appMsPerRequest: per(after.appMs - before.appMs), dbMsPerRequest: per(db) };
}
