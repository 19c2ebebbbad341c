import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO_ROOT } from './process.js';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * The system's Chromium (Debian's package in CI), driven by playwright-core;
 * Playwright's own browser download does not work on these machines.
 */
export async function launchBrowser(): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? CANDIDATES.find((candidate) => existsSync(candidate));
  if (!executablePath) {
    throw new Error('No Chromium found for the browser tests: install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
  // Playwright starts it with a fresh, empty profile; these flags stop Chromium's own calls home (the network here is closed).
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
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
