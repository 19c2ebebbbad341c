/**
 * The pages' scripts: the TypeScript in ./browser (type-checked with the
 * DOM's types by browser/tsconfig.json), bundled by esbuild into ./dist, one
 * self-contained ES module per page (coordinator.js, inzichten.js), which
 * routes.ts serves at /web/<name>. A bundle per page and no shared chunk:
 * the strict CSP (script-src 'self') needs nothing more, and the names stay
 * fixed, so the HTML never changes with a build.
 *
 * ./dist is not committed. It is built by `pnpm build:web` (also
 * `node --import tsx services/api/src/web/build.ts`), by the test setup
 * before any test, by infra/production-install.sh for the image, and by the
 * service at start (main.ts) when it is missing or older than its sources,
 * so `pnpm start` stays one command on a fresh clone.
 */
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

import { BUNDLE_DIR, SOURCE_DIR } from './paths.js';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** The typed API client the pages import (its own package). */
const CLIENT_DIR = path.join(REPO_ROOT, 'packages/api-client/src');

/** One bundle per page, named after its entry. */
export const PAGE_SCRIPTS = ['coordinator', 'inzichten'] as const;

/** Builds every page's bundle; returns the files written. */
export async function buildWebBundles(): Promise<string[]> {
  const result = await build({
    entryPoints: PAGE_SCRIPTS.map((name) => path.join(SOURCE_DIR, `${name}.ts`)),
    outdir: BUNDLE_DIR,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    // Browsers of the last years (the pages already used ES2022 syntax as plain modules).
    target: ['es2022'],
    charset: 'utf8',
    legalComments: 'none',
    // Written below, each file at once, so a service starting meanwhile never reads half a bundle.
    write: false,
    logLevel: 'warning',
    // The paths in the bundle's comments are relative to the repository, whichever folder builds it.
    absWorkingDir: REPO_ROOT,
  });
  await mkdir(BUNDLE_DIR, { recursive: true });
  const written: string[] = [];
  for (const file of result.outputFiles) {
    const partial = `${file.path}.${process.pid}.tmp`;
    await writeFile(partial, file.contents);
    await rename(partial, file.path);
    written.push(path.relative(path.dirname(BUNDLE_DIR), file.path));
  }
  return written;
}

/** The newest modification time of the .ts files in `dir` and below. */
async function newestSource(dir: string): Promise<number> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const times = await Promise.all(entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map(async (e) => (await stat(path.join(e.parentPath, e.name))).mtimeMs));
  return Math.max(0, ...times);
}

/** The oldest bundle's modification time, or undefined when one is missing. */
async function oldestBundle(): Promise<number | undefined> {
  try {
    const times = await Promise.all(PAGE_SCRIPTS.map(async (name) => (await stat(path.join(BUNDLE_DIR, `${name}.js`))).mtimeMs));
    return Math.min(...times);
  } catch {
    return undefined;
  }
}

/**
 * Builds the bundles when one is missing or older than a source (the pages'
 * code or the API client's types), and says which files it wrote; else does
 * nothing (a production image has them from its build and may be read-only).
 */
export async function ensureWebBundles(): Promise<string[]> {
  const built = await oldestBundle();
  if (built !== undefined) {
    const sources = Math.max(await newestSource(SOURCE_DIR), await newestSource(CLIENT_DIR));
    if (sources <= built) return [];
  }
  return buildWebBundles();
}

// `pnpm build:web`: always builds.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const files = await buildWebBundles();
  process.stdout.write(`web: ${files.join(', ')} gebouwd\n`);
}
