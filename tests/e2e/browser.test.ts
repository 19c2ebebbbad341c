/**
 * Issue 15, "a fresh machine": the browser tests find a Chromium on a
 * machine without one from the operating system, in the Chromium that the
 * npm package @sparticuz/chromium carries. CHROMIUM_PATH=bundled picks that
 * one outright (CI runs tests/e2e once that way); with no CHROMIUM_PATH and
 * no system Chromium the helper falls back to it by itself.
 */
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED, bundledChromium, launchBrowser, type LaunchOptions } from '../helpers/browser.js';

/** A page with a labelled field and a button that writes what was typed into the heading. */
const PAGE = `<!doctype html><html lang="nl"><title>Proef</title>
<h1 id="uit">leeg</h1>
<label>Naam <input id="naam"></label>
<button onclick="document.getElementById('uit').textContent = document.getElementById('naam').value">Toon</button>`;

describe('the browser tests on a machine without a system Chromium', () => {
  let server: Server;
  let url: string;
  /** What the npm package's Chromium says of itself, e.g. "147.0.7727.0". */
  let bundledVersion: string;

  beforeAll(async () => {
    server = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    const { stdout } = await promisify(execFile)(await bundledChromium(), ['--version']);
    bundledVersion = /(\d+\.\d+\.\d+\.\d+)/.exec(stdout)?.[1] ?? `unreadable: ${stdout}`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  /**
   * Launches as the options say, then types into the page and clicks, so
   * that the browser is shown to work, not just to start.
   */
  async function launchAndUse(options: LaunchOptions): Promise<{ version: string; shown: string }> {
    const browser = await launchBrowser(options);
    try {
      const page = await browser.newPage();
      page.setDefaultTimeout(8_000);
      await page.goto(url);
      await page.getByLabel('Naam').fill('Veilig Samen');
      await page.getByRole('button', { name: 'Toon' }).click();
      return { version: browser.version(), shown: await page.locator('#uit').innerText() };
    } finally {
      await browser.close();
    }
  }

  it(`CHROMIUM_PATH=${BUNDLED} drives the Chromium from the npm package, whatever the system has`, async () => {
    expect(await launchAndUse({ chromiumPath: BUNDLED })).toEqual({ version: bundledVersion, shown: 'Veilig Samen' });
  });

  it('without CHROMIUM_PATH and without a system Chromium, falls back to the npm package by itself', async () => {
    const nothingThere = { chromiumPath: undefined, systemCandidates: ['/nergens/chromium', 'geen-chromium-hier'] };
    expect(await launchAndUse(nothingThere)).toEqual({ version: bundledVersion, shown: 'Veilig Samen' });
  });

  it('a CHROMIUM_PATH that names no file fails and says so, rather than quietly taking another Chromium', async () => {
    await expect(launchBrowser({ chromiumPath: '/nergens/chromium' })).rejects.toThrow(
      'CHROMIUM_PATH=/nergens/chromium: no such file. Name a Chromium or Chrome executable, or unset CHROMIUM_PATH.',
    );
  });
});
