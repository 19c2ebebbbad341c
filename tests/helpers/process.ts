import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { TEST_MUNICIPALITIES } from './app.js';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningService {
  readonly child: ChildProcess;
  readonly baseUrl: string;
  output(): string;
  /** Sends the signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function baseEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  // Only what the service needs: no TEST_DATABASE_URL or CI variables leaking in.
  // Metrics on a free port: several services of one test run must not fight over 9464.
  // The tests' region (GEMEENTEN): outside demo mode the service needs one.
  return { PATH: process.env.PATH, HOME: process.env.HOME, LOG_LEVEL: 'info', METRICS_PORT: '0', GEMEENTEN: TEST_MUNICIPALITIES, ...env };
}

/**
 * The access log's checkpoints go under DATA_DIR by default, i.e. the
 * repository's .data, where `pnpm start` keeps its own: a process a test starts
 * without DATA_DIR or AUDIT_CHECKPOINT_DIR writes them into a folder of its
 * own instead, removed when it exits.
 */
function withCheckpointDir(env: Record<string, string>, child: () => ChildProcessByStdio<null, Readable, Readable>): ChildProcessByStdio<null, Readable, Readable> {
  if (env.DATA_DIR !== undefined || env.AUDIT_CHECKPOINT_DIR !== undefined) return child();
  const dir = mkdtempSync(path.join(tmpdir(), 'veilig-samen-controlepunten-'));
  env.AUDIT_CHECKPOINT_DIR = dir;
  const started = child();
  started.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  return started;
}

/** Where and what to run: by default `pnpm start`'s entry point in this checkout. */
export interface ServiceLocation {
  readonly cwd: string;
  readonly entry: string;
}

/** Runs the service's entry point as a real process and waits until it listens. */
export function startService(
  env: Record<string, string>,
  timeoutMs = 60_000,
  location: ServiceLocation = { cwd: REPO_ROOT, entry: 'services/api/src/main.ts' },
): Promise<RunningService> {
  const childEnv = { PORT: '0', ...env };
  const child = withCheckpointDir(childEnv, () =>
    spawn(process.execPath, ['--import', 'tsx', location.entry], { cwd: location.cwd, env: baseEnv(childEnv), stdio: ['ignore', 'pipe', 'pipe'] }),
  );
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`service did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /Veilig Samen draait op (http:\/\/\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({
          child,
          baseUrl: match[1],
          output: () => output,
          stop: (signal = 'SIGTERM') => {
            child.kill(signal);
            return exited;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`service exited with ${code} before listening:\n${output}`));
    });
  });
}

/** Runs a script to completion and returns its exit code and output. */
export function runScript(args: string[], env: Record<string, string>, cwd: string = REPO_ROOT): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv = { ...env };
  const child = withCheckpointDir(childEnv, () => spawn(process.execPath, ['--import', 'tsx', ...args], { cwd, env: baseEnv(childEnv), stdio: ['ignore', 'pipe', 'pipe'] }));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
}
