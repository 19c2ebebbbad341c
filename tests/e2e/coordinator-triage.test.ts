/**
 * Issue 18 on the coordinator's page in a real browser (the setup of
 * tests/e2e/coordinator.test.ts): a referral by a partner in the queue with who
 * referred it, triage (the waiting referral put on a meeting's agenda from its
 * page), the decision taken in the meeting with who sat at the table, and the
 * view of the reviews of the MDA++ track.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiBaseUrl, createApiClient, type ApiClient } from '@veilig-samen/api-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, unlabelledControls } from '../helpers/browser.js';
import { todayInAmsterdam } from '../helpers/meeting-page.js';
import { createDatabase } from '../helpers/database.js';
import { startService, type RunningService } from '../helpers/process.js';

describe('triage of referrals on the coordinator page in a browser', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let dataDir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let coordinatorApi: ApiClient;
  let regisseurApi: ApiClient;
  let referralId = '';
  let meetingId = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-e2e-'));
    service = await startService({ DATABASE_URL: database.url, DEMO: 'true', DATA_DIR: dataDir, TIMER_POLL_INTERVAL_MS: '200' });
    const { tokens } = (await (await fetch(`${service.baseUrl}/demo/tokens`)).json()) as { tokens: { rol: string; sub: string; token: string }[] };
    const tokenOf = (sub: string) => tokens.find((t) => t.sub === sub)?.token ?? '';
    coordinatorApi = createApiClient(apiBaseUrl(service.baseUrl), () => tokenOf('mda-001'));
    regisseurApi = createApiClient(apiBaseUrl(service.baseUrl), () => tokenOf('mw-001'));
    // The demo household past its deadline is escalated by the first timer poll: the queue then holds it.
    await vi.waitFor(
      async () => {
        const queue = await coordinatorApi.GET('/opschalingen');
        if (queue.response.headers.get('x-total-count') !== '1') throw new Error('the demo escalation is not there yet');
      },
      { timeout: 15_000, interval: 200 },
    );
    // A second household, referred for MDA++ by its regisseur (a partner's referral is the same escalation; the API tests cover who may).
    const created = await regisseurApi.POST('/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { voornamen: 'Noor', geslachtsnaam: 'Bakker', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
          { voornamen: 'Tim', geslachtsnaam: 'Bakker', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.response.status).toBe(201);
    const caseId = created.data?.id ?? '';
    const referred = await regisseurApi.POST('/casussen/{id}/mda-aanmeldingen', {
      params: { path: { id: caseId }, header: { 'if-match': created.response.headers.get('etag') ?? '' } },
      body: { reden: 'Vastgelopen op meerdere leefdomeinen' },
    });
    expect(referred.response.status).toBe(201);
    const queue = await coordinatorApi.GET('/opschalingen', { params: { query: { reden: 'aanmelding-partner' } } });
    referralId = queue.data?.opschalingen[0]?.id ?? '';
    // Today's meeting: a decision in the meeting is taken once the sitting has started.
    const meeting = await coordinatorApi.POST('/expertoverleggen', { body: { tijdstip: `${todayInAmsterdam()}T14:00:00+01:00` } });
    meetingId = meeting.data?.id ?? '';

    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (entry) => {
      if (entry.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(entry.text())) pageErrors.push(entry.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('shows the referral in the queue with its reason and who referred it, and filters on that reason', async () => {
    expect(referralId).not.toBe('');
    await page.goto(`${service.baseUrl}/coordinator`);
    await page.getByRole('button', { name: /^mda-coordinator/ }).click();
    await page.getByRole('heading', { name: 'Wachtrij opschalingen' }).waitFor();
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const referralRow = page.locator('tr', { has: page.locator(`a[data-escalation="${referralId}"]`) });
    expect(await referralRow.innerText()).toContain('Aanmelding door partner (Sociaal Wijkteam Nijmegen, mw-001)');
    await page.getByLabel('Reden').selectOption('aanmelding-partner');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.locator('caption', { hasText: /^Wacht op besluit: 1 opschaling, oudste eerst/ }).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);
  });

  it('puts the waiting referral on the agenda before deciding, and decides in the meeting with who sat at the table', async () => {
    await page.goto(`${service.baseUrl}/coordinator#/opschalingen/${referralId}`);
    await page.getByRole('heading', { name: /^Opschaling Nijmegen/ }).waitFor();
    expect(await page.locator('[data-field="reden"]').innerText()).toContain('Aanmelding door partner (Sociaal Wijkteam Nijmegen, mw-001) – Vastgelopen op meerdere leefdomeinen');
    // Both: decide now, or take it to the meeting first.
    await page.getByRole('heading', { name: 'Besluit nemen' }).waitFor();
    await page.getByLabel('Expertoverleg', { exact: true }).selectOption(meetingId);
    await page.getByRole('button', { name: 'Op de agenda zetten' }).click();
    await page.getByRole('heading', { name: /^Expertoverleg / }).waitFor();
    await page.getByText(/^Wacht op besluit\. Reden: Aanmelding door partner/).waitFor();
    expect(await unlabelledControls(page)).toEqual([]);

    await page.getByRole('button', { name: 'Overleg starten' }).click();
    await page.getByText('Het overleg is gestart').waitFor();
    // The page's own refusal first: who sat at the table is required.
    await page.getByLabel('MDA++-traject').check();
    await page.getByLabel('Motivering').fill('Meerdere leefdomeinen; structurele hulp van meerdere partijen nodig.');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await page.getByText('Vul in wie er aan tafel zaten.').waitFor();
    await page.getByLabel('Aan tafel (één organisatie of persoon per regel)').fill('Politie\nVeilig Thuis\nSociaal Wijkteam Nijmegen\nGemeente Nijmegen (mandaat)');
    await page.getByRole('button', { name: 'Besluit vastleggen' }).click();
    // Decided: the item now takes the outcome with agreements.
    await page.getByLabel('Aan tafel (één organisatie per regel)').waitFor();
    expect(await page.getByRole('button', { name: 'Besluit vastleggen' }).count()).toBe(0);

    const escalation = await coordinatorApi.GET('/opschalingen/{id}', { params: { path: { id: referralId } } });
    expect(escalation.data).toMatchObject({
      status: 'mda-traject',
      besluit: { besluit: 'mda-traject', expertoverleg: { id: meetingId, deelnemers: ['Politie', 'Veilig Thuis', 'Sociaal Wijkteam Nijmegen', 'Gemeente Nijmegen (mandaat)'] } },
    });
    await page.goto(`${service.baseUrl}/coordinator#/opschalingen/${referralId}`);
    await page.getByRole('heading', { name: /^Opschaling Nijmegen/ }).waitFor();
    expect(await page.locator('[data-field="besluit-overleg"]').innerText()).toContain('Genomen in het expertoverleg; aan tafel: Politie, Veilig Thuis, Sociaal Wijkteam Nijmegen, Gemeente Nijmegen (mandaat)');
  });

  it('shows the reviews of the MDA++ track that are due, and records one going on with its next date', async () => {
    // The demo region's history holds tracks decided months ago: their review timers fire on the first polls.
    let due: { id: string }[] = [];
    await vi.waitFor(
      async () => {
        due = (await coordinatorApi.GET('/mda-evaluaties', { params: { query: { paginaGrootte: 100 } } })).data?.evaluaties ?? [];
        if (due.length === 0) throw new Error('no review due yet');
      },
      { timeout: 15_000, interval: 200 },
    );
    await page.getByRole('link', { name: 'Evaluaties' }).click();
    await page.getByRole('heading', { name: 'Evaluaties MDA++-traject' }).waitFor();
    expect(await page.locator('a[data-nav="evaluaties"]').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.locator('section[data-review]').count()).toBe(due.length);
    expect(await unlabelledControls(page)).toEqual([]);
    const reviewId = due[0]?.id ?? '';
    const card = page.locator(`section[data-review="${reviewId}"]`);
    await card.getByLabel('Traject gaat door').check();
    await card.getByLabel('Toelichting of reden').fill('Traject loopt; huisvesting nog open.');
    await card.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await card.getByText('Kies de datum van de volgende evaluatie.').waitFor();
    await card.getByLabel('Volgende evaluatie (bij doorgaan)').fill('2027-06-01');
    await card.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await page.getByText('De uitkomst van de evaluatie is vastgelegd.').waitFor();
    await expect.poll(() => page.locator('section[data-review]').count()).toBe(due.length - 1);
    const recorded = await coordinatorApi.GET('/mda-evaluaties/{id}', { params: { path: { id: reviewId } } });
    expect(recorded.data).toMatchObject({ status: 'voortgezet', uitkomst: { door: 'mda-001', toelichting: 'Traject loopt; huisvesting nog open.' } });
    expect(recorded.data?.uitkomst?.volgendeEvaluatie?.slice(0, 10)).toBe('2027-06-01');
    expect(pageErrors).toEqual([]);
  });
});
