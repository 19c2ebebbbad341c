import { execFile } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './process.js';

/**
 * A system Chromium, in the order tried: absolute paths as they are, bare
 * names on PATH. Debian's package installs /usr/bin/chromium.
 */
const SYSTEM_CHROMIUMS = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome'] as const;

/** The npm package whose tarball carries a Chromium (brotli-compressed), for machines without one. */
const BUNDLED_PACKAGE = '@sparticuz/chromium';

/** The value of CHROMIUM_PATH that skips every system Chromium: CI proves with it that a fresh machine needs none. */
export const BUNDLED = 'bundled';

// Playwright starts Chromium with a fresh, empty profile; these flags stop its own calls home (the network here is closed).
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchOptions {
  /** Defaults to the environment's CHROMIUM_PATH: a Chromium or Chrome executable, or `bundled`. */
  readonly chromiumPath?: string | undefined;
  /** Where a system Chromium may be (absolute paths, or names on PATH); tests/e2e/browser.test.ts names none that exist, to stand for a machine without one. */
  readonly systemCandidates?: readonly string[];
}

/**
 * A headless Chromium driven by playwright-core (Playwright's own browser
 * download does not work on these machines), in this order:
 *   1. CHROMIUM_PATH: that executable, and nothing else; `bundled` means the npm one below;
 *   2. a system Chromium (Debian's package, or one on PATH);
 *   3. the Chromium inside the npm package @sparticuz/chromium (a devDependency of tests/).
 * A system Chromium that is there but does not start is passed over for the
 * npm one, with a warning. When none starts this throws, saying what was
 * tried: the browser tests fail, they are never skipped.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const chromiumPath = 'chromiumPath' in options ? options.chromiumPath : process.env.CHROMIUM_PATH;
  if (chromiumPath === BUNDLED) {
    try {
      return await launch(await bundledChromium());
    } catch (error) {
      throw new Error(`CHROMIUM_PATH=${BUNDLED}: the Chromium from ${BUNDLED_PACKAGE} did not start: ${message(error)}`, { cause: error });
    }
  }
  if (chromiumPath) {
    if (!existsSync(chromiumPath)) throw new Error(`CHROMIUM_PATH=${chromiumPath}: no such file. Name a Chromium or Chrome executable, or unset CHROMIUM_PATH.`);
    return launch(chromiumPath);
  }

  const tried: string[] = [];
  const candidates = options.systemCandidates ?? SYSTEM_CHROMIUMS;
  const system = candidates.map(findExecutable).find((found) => found !== undefined);
  if (system) {
    try {
      return await launch(system);
    } catch (error) {
      tried.push(`the system Chromium ${system} did not start: ${message(error)}`);
      console.warn(`Browser tests: ${tried[0]}; trying the one from ${BUNDLED_PACKAGE}.`);
    }
  } else {
    tried.push(`no system Chromium (looked for ${candidates.join(', ') || 'none'})`);
  }
  try {
    return await launch(await bundledChromium());
  } catch (error) {
    tried.push(`the Chromium from ${BUNDLED_PACKAGE} did not start: ${message(error)}`);
  }
  throw new Error(
    `No Chromium for the browser tests: ${tried.join('; ')}. ` +
      `Run pnpm install (it brings ${BUNDLED_PACKAGE}), install Debian's (apt-get install -y chromium), or set CHROMIUM_PATH.`,
  );
}

function launch(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: LAUNCH_ARGS });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** An absolute path that exists, or a bare name found executable on PATH. */
function findExecutable(candidate: string): string | undefined {
  if (path.isAbsolute(candidate)) return existsSync(candidate) ? candidate : undefined;
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const file = path.join(dir, candidate);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this folder
    }
  }
  return undefined;
}

const execFileAsync = promisify(execFile);

/**
 * The npm package's Chromium, unpacked once per machine and package version
 * into <tmp>/veilig-samen-chromium-<version>-<uid>/ (about 200 MB; 3 to 5 s the
 * first time). The package's own executablePath() unpacks into the temporary
 * folder itself, reuses any /tmp/chromium it finds there (another version's,
 * or a half-written one from a run that was stopped) and races when two test
 * files start at once. So it runs in a child process whose TMPDIR is a fresh
 * staging folder, which is then renamed into place: the folder either holds
 * a whole Chromium or is not there. When two test workers unpack at once, the
 * first rename wins and the other drops its copy.
 */
export async function bundledChromium(): Promise<string> {
  const entry = createRequire(import.meta.url).resolve(BUNDLED_PACKAGE);
  // Per user too: the staging folder is private (0700), so another user could not use it.
  const target = path.join(tmpdir(), `veilig-samen-chromium-${packageVersion(entry)}-${process.getuid?.() ?? 'user'}`);
  const executable = path.join(target, 'chromium');
  if (existsSync(executable)) return executable;

  const staging = await mkdtemp(`${target}.partial-`);
  try {
    const { stdout } = await execFileAsync(
      process.execPath,
      ['-e', 'require(process.argv[1]).executablePath().then((file) => process.stdout.write(file))', entry],
      { env: { ...process.env, TMPDIR: staging }, timeout: 90_000 },
    );
    if (stdout !== path.join(staging, 'chromium')) {
      throw new Error(`${BUNDLED_PACKAGE} unpacked its Chromium to ${stdout}, not into ${staging}; has the package changed how it unpacks?`);
    }
    try {
      await rename(staging, target);
    } catch (error) {
      // Another worker renamed its copy first: that one is as good.
      const code = (error as NodeJS.ErrnoException).code;
      if ((code !== 'ENOTEMPTY' && code !== 'EEXIST') || !existsSync(executable)) throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return executable;
}

/** The version in the package.json above the package's entry (its `exports` do not offer package.json itself). */
function packageVersion(entry: string): string {
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (manifest.name === BUNDLED_PACKAGE && manifest.version) return manifest.version;
  }
  throw new Error(`No package.json of ${BUNDLED_PACKAGE} above ${entry}.`);
}

/**
 * Where screenshots go: docs/screenshots with SCREENSHOTS=docs (pnpm
 * docs:screenshots), else a temporary folder that `remove` deletes.
 */
export async function screenshotDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  if (process.env.SCREENSHOTS === 'docs') return { dir: path.join(REPO_ROOT, 'docs', 'screenshots'), remove: async () => undefined };
  const dir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-screens-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Every form control that has no accessible label (label element, aria-label or aria-labelledby). */
export async function unlabelledControls(page: Page): Promise<string[]> {
  // A string, because the tests are compiled without the DOM's types.
  return page.evaluate(`[...document.querySelectorAll('input, select, textarea')]
    .filter((c) => c.labels.length === 0 && !c.getAttribute('aria-label') && !c.getAttribute('aria-labelledby'))
    .map((c) => c.outerHTML)`);
}
