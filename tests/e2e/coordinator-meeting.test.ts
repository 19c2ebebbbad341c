/**
 * Issue 18 point 3 on the coordinator's page in a real browser (the setup of
 * tests/e2e/coordinator.test.ts: the service as a real process in demo mode,
 * a headless Chromium): a meeting next week cannot be started yet; today's
 * meeting is started, an expert is registered (and reads the case on the
 * meeting's day through the API), and the outcome form records the new
 * fields, refusing an incomplete one with the page's own Dutch message. The
 * joint TOP3 score reaches the case as its joint score (bron expertoverleg).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { apiBaseUrl, createApiClient, type ApiClient } from '@veilig-samen/api-client';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launchBrowser, unlabelledControls } from '../helpers/browser.js';
import { createDatabase } from '../helpers/database.js';
import { daysFromToday, fillOutcomeDetails, todayInAmsterdam } from '../helpers/meeting-page.js';
import { startService, type RunningService } from '../helpers/process.js';

describe('an expert meeting as it happens, on the coordinator page', () => {
  let database: Awaited<ReturnType<typeof createDatabase>>;
  let dataDir: string;
  let service: RunningService;
  let browser: Browser;
  let page: Page;
  let coordinatorApi: ApiClient;
  /** The demo's intake-team member, not involved in the demo case: registered as an expert below. */
  let expertToken = '';
  let escalationId = '';
  let caseId = '';
  let todayMeeting = '';
  const pageErrors: string[] = [];

  beforeAll(async () => {
    database = await createDatabase();
    dataDir = await mkdtemp(path.join(tmpdir(), 'veilig-samen-e2e-'));
    service = await startService({ DATABASE_URL: database.url, DEMO: 'true', DATA_DIR: dataDir, TIMER_POLL_INTERVAL_MS: '200' });
    const { tokens } = (await (await fetch(`${service.baseUrl}/demo/tokens`)).json()) as { tokens: { rol: string; sub: string; token: string }[] };
    const coordinator = tokens.find((t) => t.rol === 'mda-coordinator')?.token ?? '';
    expertToken = tokens.find((t) => t.sub === 'intake-001')?.token ?? '';
    coordinatorApi = createApiClient(apiBaseUrl(service.baseUrl), () => coordinator);
    // The demo household past its deadline is escalated by the first timer poll; taken into MDA++ here.
    await vi.waitFor(
      async () => {
        const queue = await coordinatorApi.GET('/opschalingen');
        const first = queue.data?.opschalingen[0];
        if (!first) throw new Error('the demo escalation is not there yet');
        escalationId = first.id;
        caseId = first.casusId;
      },
      { timeout: 15_000, interval: 200 },
    );
    const decided = await coordinatorApi.POST('/opschalingen/{id}/besluit', { params: { path: { id: escalationId } }, body: { besluit: 'mda-traject', motivering: 'Structurele hulp van meerdere partijen nodig.' } });
    expect(decided.response.status).toBe(200);
    browser = await launchBrowser();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (entry) => {
      // Refusals the test provokes (409) are logged by the browser as failed loads; they are not script errors.
      if (entry.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(entry.text())) pageErrors.push(entry.text());
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await service?.stop();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('a meeting next week cannot be started yet: the page says so and shows no outcome form', async () => {
    const planned = await coordinatorApi.POST('/expertoverleggen', { body: { tijdstip: `${daysFromToday(7)}T14:00:00+01:00` } });
    const meetingId = planned.data?.id ?? '';
    await coordinatorApi.POST('/expertoverleggen/{id}/agendapunten', { params: { path: { id: meetingId } }, body: { opschalingId: escalationId } });
    await page.goto(`${service.baseUrl}/coordinator`);
    await page.getByRole('button', { name: /^mda-coordinator/ }).click();
    await page.getByRole('heading', { name: 'Wachtrij opschalingen' }).waitFor();
    await page.goto(`${service.baseUrl}/coordinator#/expertoverleggen/${meetingId}`);
    await page.getByRole('heading', { name: /^Agendapunt 1: Nijmegen/ }).waitFor();
    expect(await page.getByText('Start het overleg om de uitkomst vast te leggen.').count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Uitkomst vastleggen' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Overleg starten' }).click();
    await page.getByText(/kan pas op die dag worden gestart/).waitFor();
  });

  it('today\'s meeting: registers an expert, who reads the case on the meeting\'s day; starts the sitting', async () => {
    await page.getByRole('link', { name: 'Expertoverleggen', exact: true }).click();
    await page.getByRole('heading', { name: 'Expertoverleggen', exact: true }).waitFor();
    await page.getByLabel('Datum en tijd').fill(`${todayInAmsterdam()}T12:00`);
    await page.getByRole('button', { name: 'Plannen' }).click();
    await page.getByRole('heading', { name: /^Expertoverleg / }).waitFor();
    todayMeeting = new URL(page.url()).hash.split('/').at(-1) ?? '';
    await coordinatorApi.POST('/expertoverleggen/{id}/agendapunten', { params: { path: { id: todayMeeting } }, body: { opschalingId: escalationId } });
    await page.reload();
    await page.getByRole('heading', { name: /^Agendapunt 1: Nijmegen/ }).waitFor();

    const expertApi = createApiClient(apiBaseUrl(service.baseUrl), () => expertToken);
    const read = () => expertApi.GET('/expertoverleggen/{id}/casussen/{casusId}', { params: { path: { id: todayMeeting, casusId: caseId } } });
    expect((await read()).response.status).toBe(404);
    await page.getByLabel('Gebruikersnaam van de expert').fill('intake-001');
    await page.getByLabel('Organisatie van de expert').fill('Intaketeam Nijmegen');
    await page.getByLabel('Naam van de expert (optioneel)').fill('I. Ntake');
    await page.getByRole('button', { name: 'Expert aanmelden' }).click();
    await page.getByText('De expert is aangemeld.').waitFor();
    expect(await page.getByRole('region', { name: 'Experts' }).innerText()).toContain('I. Ntake (Intaketeam Nijmegen)');
    const reading = await read();
    expect(reading.response.status).toBe(200);
    expect(reading.data).toMatchObject({ casusId: caseId, expertoverleg: { id: todayMeeting } });
    expect(reading.data?.veiligheidsscores.map((s) => s.score)).toEqual([3, 4, 5]);

    await page.getByRole('button', { name: 'Overleg starten' }).click();
    await page.getByText('Het overleg is gestart').waitFor();
    expect(await page.getByText(/^Gestart /).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Overleg starten' }).count()).toBe(0);
  });

  it('records the outcome with the new fields, after refusing an incomplete one; the score is the case\'s joint score', async () => {
    await page.getByLabel('Aan tafel (één organisatie per regel)').fill('Politie\nGGZ\nGemeente Nijmegen');
    await page.getByLabel('Besluiten (één per regel)').fill('Traumabehandeling voor moeder');
    await page.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Kies of het huishouden aan tafel zat.');
    await fillOutcomeDetails(page, {
      household: 'Deels',
      expertByExperience: true,
      mandate: false,
      score: '7',
      actions: ['Intake traumabehandeling', 'Schuldhulp met voorrang', 'Huisbezoek met politie'],
      lifeDomains: ['Wonen', 'Opvoeding'],
      intensity: 'Midden',
      lead: 'Zorg- en Veiligheidshuis',
      nextReview: daysFromToday(90),
    });
    expect(await unlabelledControls(page)).toEqual([]);
    await page.getByRole('button', { name: 'Uitkomst vastleggen' }).click();
    await page.getByText('De uitkomst is vastgelegd').waitFor();
    const card = await page.locator('section.card').first().innerText();
    for (const line of [
      'Huishouden aan tafel: deels',
      'Ervaringsdeskundige aanwezig: ja',
      'Iemand met mandaat van de gemeente aanwezig: nee',
      'Besproken leefdomeinen: Wonen, Opvoeding',
      'Intensiteit van de opvolging: midden',
      'Regie MDA++-traject: Zorg- en Veiligheidshuis',
      'Gezamenlijke TOP3-score: 7',
      'Intake traumabehandeling',
    ]) {
      expect(card).toContain(line);
    }
    // The API holds what the page shows; the meeting's score is the case's joint score now.
    const meeting = await coordinatorApi.GET('/expertoverleggen/{id}', { params: { path: { id: todayMeeting } } });
    expect(meeting.data?.agenda[0]).toMatchObject({ huishoudenAanTafel: 'deels', intensiteit: 'midden', volgendeBespreking: daysFromToday(90), top3: { score: 7 } });
    const escalation = await coordinatorApi.GET('/opschalingen/{id}', { params: { path: { id: escalationId } } });
    expect(escalation.data?.casus?.veiligheidsscores.at(-1)).toMatchObject({ score: 7, bron: 'expertoverleg', gescoordDoor: 'mda-001' });
  });

  it('logged no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
