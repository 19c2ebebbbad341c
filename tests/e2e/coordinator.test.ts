/**
 * The coordinator's page in a real browser (a headless Chromium through
 * playwright-core, see tests/helpers/browser.ts) against the service running
 * as a real process in demo mode: sign in with the demo role picker, open
 * the queue, open the demo escalation, read its chart, decide, see the queue
 * change, and take the case through an expert meeting to closed minutes. Screenshots of the main
 * views go to docs/screenshots with SCREENSHOTS=docs (pnpm docs:screenshots).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiBaseUrl, createApiClient, type ApiClient } from '@veilig-samen/api-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, screenshotDir, unlabelledControls } from '../helpers/browser.js';
import { createDatabase } from '../helpers/database.js';
import { daysFromToday, fillOutcomeDetails, todayInAmsterdam } from '../helpers/meeting-page.js';
import { startService, type RunningService } from '../helpers/process.js';

describe('the coordinator page in a browser', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let dataDir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let screens: Awaited<ReturnType<typeof screenshotDir>>;
  /** The coordinator's view through the API, with the typed client the pages use too. */
  let coordinatorApi: ApiClient;
  const foreignRequests: string[] = [];
  /** The paths of the page's requests that carried a bearer token. */
  const tokenSentTo: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-e2e-'));
    service = await startService({ DATABASE_URL: database.url, DEMO: 'true', DATA_DIR: dataDir, TIMER_POLL_INTERVAL_MS: '200' });
    screens = await screenshotDir();
    // The demo household past its deadline is escalated by the first timer poll.
    // /demo/tokens is the page's own endpoint, outside /v1 and its document: plain fetch.
    const { tokens } = (await (await fetch(`${service.baseUrl}/demo/tokens`)).json()) as { tokens: { rol: string; token: string }[] };
    const coordinator = tokens.find((t) => t.rol === 'mda-coordinator')?.token ?? '';
    coordinatorApi = createApiClient(apiBaseUrl(service.baseUrl), () => coordinator);
    await vi.waitFor(
      async () => {
        const queue = await coordinatorApi.GET('/opschalingen');
        if (queue.response.headers.get('x-total-count') !== '1') throw new Error('the demo escalation is not there yet');
      },
      { timeout: 15_000, interval: 200 },
    );
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    // Shorter than the test's own timeout, so a failing step says which element it waited for.
    page.setDefaultTimeout(8_000);
    page.on('request', (request) => {
      if (!request.url().startsWith(service.baseUrl) && !request.url().startsWith('data:')) foreignRequests.push(request.url());
      if (request.headers().authorization !== undefined) tokenSentTo.push(new URL(request.url()).pathname);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (entry) => {
      // Refusals the test provokes (409, 422) are logged by the browser as failed loads; they are not script errors.
      if (entry.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(entry.text())) pageErrors.push(entry.text());
    });
  }, 120_000);

  let escalationId = '';

  /** Filters the queue on MDA++-traject and waits until the table shows the result. */
  async function filterOnMdaTraject() {
    await page.getByRole('heading', { name: 'Wachtrij opschalingen' }).waitFor();
    await page.getByLabel('Status').selectOption('mda-traject');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.locator('caption', { hasText: /^MDA\+\+-traject: \d+ opschaling/ }).waitFor();
  }

  async function openEscalation() {
    await page.goto(`${service.baseUrl}/coordinator#/opschalingen/${escalationId}`);
    await page.locator('svg[data-chart]').waitFor();
  }

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    await screens?.remove();
  });

  it('signs in with the keyboard through the demo role picker and shows the queue, oldest first', async () => {
    await page.goto(`${service.baseUrl}/coordinator`);
    await page.getByRole('heading', { name: 'Inloggen' }).waitFor();
    // Keyboard only: Tab from the top of the page until the coordinator's demo button has focus, then Enter.
    await page.locator('body').focus();
    let focused = '';
    for (let presses = 0; presses < 15 && !focused.startsWith('mda-coordinator'); presses++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate('document.activeElement ? document.activeElement.textContent : ""');
    }
    expect(focused).toMatch(/^mda-coordinator/);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Wachtrij opschalingen' }).waitFor();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().innerText()).toMatch(/Nijmegen\s+Drempel stond niet bij de deadline\s+Directe veiligheid\s+5/);
    expect(await page.locator('caption').innerText()).toContain('1 opschaling, oudste eerst');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: path.join(screens.dir, 'coordinator-wachtrij.png') });
  });

  it('shows one escalation: household, phases, the score chart with threshold and deadline, late agreements, timeline', async () => {
    escalationId = (await page.locator('a[data-escalation]').first().getAttribute('data-escalation')) ?? '';
    await page.locator('a[data-escalation]').first().click();
    await page.getByRole('heading', { name: /^Opschaling Nijmegen/ }).waitFor();

    const members = page.getByRole('table', { name: 'Leden van het huishouden' }).locator('tbody tr');
    expect(await members.count()).toBe(3);
    expect(await page.getByRole('list', { name: 'Fasegeschiedenis' }).innerText()).toContain('Directe veiligheid');

    // The chart: three scores (3, 4, 5), the threshold line at 6, the deadline line.
    const chart = page.locator('svg[data-chart="veiligheidsscores"]');
    expect(await chart.getAttribute('role')).toBe('img');
    expect(await chart.getAttribute('aria-label')).toMatch(/Drempel 6.*Laatste score 5; de drempel staat in dit veiligheidsvenster niet/);
    expect(await chart.locator('circle[data-score]').evaluateAll((points) => points.map((p) => p.getAttribute('data-score')))).toEqual(['3', '4', '5']);
    const threshold = chart.locator('line.threshold');
    expect(await threshold.getAttribute('data-threshold')).toBe('6');
    // Higher scores are drawn higher: the threshold (6) lies above the last score (5).
    const y = async (selector: string, attribute: string) => Number(await chart.locator(selector).first().getAttribute(attribute));
    expect(await y('line.threshold', 'y1')).toBeLessThan(await y('circle[data-score="5"]', 'cy'));
    expect(await chart.locator('line.deadline').count()).toBe(1);
    // The deadline passed between the second and the last score.
    expect(await y('line.deadline', 'x1')).toBeGreaterThan(await y('circle[data-score="4"]', 'cx'));
    expect(await y('line.deadline', 'x1')).toBeLessThan(await y('circle[data-score="5"]', 'cx'));

    const late = page.getByRole('table', { name: 'Afspraken in het veiligheidsplan' }).locator('tbody tr.late');
    expect(await late.count()).toBe(3);
    expect(await late.first().innerText()).toContain('Te laat');
    expect(await page.locator('ol.timeline').innerText()).toContain('Opgeschaald naar het MDA++-expertoverleg (of bij de wachtende opschaling gevoegd): bij de deadline van venster 1 stond de drempel niet.');
    expect(await unlabelledControls(page)).toEqual([]);
    await page.screenshot({ path: path.join(screens.dir, 'coordinator-opschaling.png'), fullPage: true });
  });

  it('refuses a decision without reasoning, then records it, and the queue no longer holds the escalation', async () => {
    await page.getByLabel('MDA++-traject').check();
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Vul een motivering in.');

    await page.getByLabel('Motivering').fill('Drie maanden zonder 6; er is structurele hulp van meerdere partijen nodig.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Het besluit is vastgelegd.').waitFor();
    expect(await page.locator('[data-field="status"]').innerText()).toBe('MDA++-traject');
    // What the page shows is what the API holds: the decision with its reasoning.
    const decided = await coordinatorApi.GET('/opschalingen/{id}', { params: { path: { id: escalationId } } });
    expect(decided.data).toMatchObject({ status: 'mda-traject', besluit: { besluit: 'mda-traject', motivering: 'Drie maanden zonder 6; er is structurele hulp van meerdere partijen nodig.', door: 'mda-001' } });
    expect(await page.locator('ol.timeline li').first().innerText()).toContain('MDA++');

    // Handing back is refused while no score since the escalation reaches the threshold; the page says why.
    await page.getByLabel('Reden').fill('Gaat beter.');
    await page.getByRole('button', { name: 'Afschalen' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Afschalen kan pas als een veiligheidsscore sinds de opschaling de drempel 6 haalt.');
    expect(await page.locator('[data-field="status"]').innerText()).toBe('MDA++-traject');

    await page.getByLabel('Datum', { exact: true }).fill('2027-01-05');
    await page.getByLabel('Notitie (optioneel)').fill('Na het expertoverleg');
    await page.getByRole('button', { name: 'Opvolgmoment zetten' }).click();
    await page.getByText('Het opvolgmoment is gezet.').waitFor();
    expect(await page.getByText('Nu: 5 jan 2027 – Na het expertoverleg.').count()).toBe(1);

    await page.getByRole('link', { name: 'Wachtrij', exact: true }).click();
    await page.getByText('Er wachten geen opschalingen op een besluit.').waitFor();
    await filterOnMdaTraject();
    const row = page.locator('tr', { has: page.locator(`a[data-escalation="${escalationId}"]`) });
    expect(await row.innerText()).toContain('5 jan 2027');
  });

  it('plans an expert meeting, puts the case on its agenda, records the outcome and closes printable minutes', async () => {
    await page.getByRole('link', { name: 'Expertoverleggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Expertoverleggen', exact: true }).waitFor();
    // Today: a meeting is started on its day, and only then takes outcomes (issue 18 point 3; tests/e2e/coordinator-meeting.test.ts).
    await page.getByLabel('Datum en tijd').fill(`${todayInAmsterdam()}T12:00`);
    await page.getByRole('button', { name: 'Plannen' }).click();
    await page.getByRole('heading', { name: /^Expertoverleg / }).waitFor();

    // From the escalation in MDA++, onto the agenda.
    await openEscalation();
    await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
    await page.getByRole('heading', { name: /^Agendapunt 1: Nijmegen/ }).waitFor();
    await page.getByRole('button', { name: 'Overleg starten' }).click();
    await page.getByText('Het overleg is gestart').waitFor();

    await page.getByLabel('Aan tafel (één organisatie per regel)').fill('Politie\nGGZ\nSociaal Wijkteam Nijmegen');
    await page.getByLabel('Besluiten (één per regel)').fill('Traumabehandeling voor moeder\nSchuldhulp met voorrang');
    await page.getByLabel('Omschrijving').first().fill('Intake traumabehandeling plannen');
    await page.getByLabel('Eigenaar (organisatie)').first().fill('GGZ');
    await page.getByLabel('Deadline').first().fill('2027-02-01');
    await fillOutcomeDetails(page, {
      household: 'Ja',
      expertByExperience: true,
      mandate: true,
      score: '5',
      actions: ['Traumabehandeling starten', 'Schuldhulp aanvragen', 'Huisbezoek met politie'],
      lifeDomains: ['Gezondheid', 'Financiën'],
      intensity: 'Intensief',
      nextReview: daysFromToday(42),
    });
    await page.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await page.getByText('De uitkomst is vastgelegd').waitFor();
    expect(await page.locator('section.card').first().innerText()).toContain('Intake traumabehandeling plannen – GGZ');

    await page.getByLabel('Notulen').fill('Casus Nijmegen besproken; afspraken in het veiligheidsplan.');
    await page.getByRole('button', { name: 'Verslag sluiten' }).click();
    await page.getByText('Het verslag is gesloten.').waitFor();
    expect(await page.getByText(/^Gesloten op/).count()).toBe(1);
    // The meeting's outcome went into the case's safety plan (API), with the owner the page entered.
    const escalation = await coordinatorApi.GET('/opschalingen/{id}', { params: { path: { id: escalationId } } });
    const agreements = escalation.data?.casus?.veiligheidsplan?.afspraken ?? [];
    expect(agreements.find((a) => a.omschrijving === 'Intake traumabehandeling plannen')).toMatchObject({ eigenaar: { soort: 'organisatie', naam: 'GGZ' }, deadline: '2027-02-01' });
    expect(await page.getByRole('button', { name: 'Verslag sluiten' }).count()).toBe(0);

    // Print-friendly: on paper the navigation, forms and buttons are gone, the minutes stay.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.site').isVisible()).toBe(false);
    expect(await page.getByRole('button', { name: 'Afdrukken' }).isVisible()).toBe(false);
    expect(await page.getByText('Casus Nijmegen besproken').isVisible()).toBe(true);
    await page.screenshot({ path: path.join(screens.dir, 'expertoverleg-afdruk.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('works on a tablet: the escalation fits the width without sideways scrolling of the page', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await openEscalation();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(768);
    await page.screenshot({ path: path.join(screens.dir, 'coordinator-tablet.png'), fullPage: true });
  });

  it('shows the region\'s insights to policy staff as charts, with small numbers suppressed and a CSV download', async () => {
    // A new context: its own sessionStorage, so a new sign-in.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const insights = await context.newPage();
    insights.setDefaultTimeout(8_000);
    insights.on('pageerror', (error) => pageErrors.push(error.message));
    await insights.goto(`${service.baseUrl}/inzichten`);
    await insights.getByRole('button', { name: /^beleid/ }).click();
    await insights.locator('section[data-report]').first().waitFor();

    // Only closed quarters can be chosen; the last one is shown first.
    const quarter = await insights.getByLabel('Kwartaal', { exact: true }).inputValue();
    expect(quarter).toMatch(/^\d{4}-K[1-4]$/);
    expect(await insights.locator('main > p').first().innerText()).toContain(quarter.replace('-K', ' kwartaal '));
    const reports = await insights.locator('section[data-report]').evaluateAll((sections) => sections.map((s) => s.getAttribute('data-report')));
    expect(reports).toEqual(['fasen', 'tijdTotDrempel', 'drempelBinnenTermijn', 'opschalingen', 'herhaling', 'afsluitingen', 'afsprakenTeLaat']);
    // The demo region's small municipalities show suppressed figures (x), drawn as grey stubs.
    const phases = insights.locator('section[data-report="fasen"]');
    expect(await phases.getByRole('cell', { name: 'x', exact: true }).count()).toBeGreaterThan(0);
    expect(await phases.locator('svg rect.bar.suppressed').count()).toBeGreaterThan(0);
    expect(await phases.locator('svg').getAttribute('aria-label')).toMatch(/^Open casussen per fase: Directe veiligheid \d+/);
    expect(await unlabelledControls(insights)).toEqual([]);
    await insights.screenshot({ path: path.join(screens.dir, 'inzichten.png'), fullPage: true });

    const [csv] = await Promise.all([insights.waitForEvent('download'), phases.getByRole('button', { name: 'Download CSV' }).click()]);
    // The phases are the state now: the file carries today's date; the quarter's reports carry the quarter.
    expect(csv.suggestedFilename()).toMatch(/^rapportage-fasen-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await (await csv.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    // Every field quoted (security finding 10).
    expect(text.split('\r\n')[0]).toMatch(/^"gemeente",/);
    expect(text.split('\r\n').some((line) => line.split(',').includes('"x"'))).toBe(true);

    // A municipality the region does not have: the page says so and lists the region's, and the form stays.
    await insights.getByLabel('Gemeente (leeg: de hele regio)').fill('Atlantis');
    await insights.getByRole('button', { name: 'Tonen' }).click();
    await insights.getByText(/Deze gemeente hoort niet bij de regio\..*Nijmegen, Wijchen, Berg en Dal, Heumen, Druten/).waitFor();
    expect(await insights.getByLabel('Gemeente (leeg: de hele regio)').inputValue()).toBe('Atlantis');
    await context.close();
  });

  it('sent the token to the /v1 API only, not with the page, its scripts, its settings or the demo tokens', () => {
    expect(tokenSentTo.length).toBeGreaterThan(0);
    expect(tokenSentTo.filter((pathname) => !pathname.startsWith('/v1/'))).toEqual([]);
  });

  it('loaded nothing from outside the service and logged no script errors', () => {
    expect(foreignRequests).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
