/**
 * Pictures of the household's letters and of a member's inzage export (issue
 * 17 points 7 and 10), drawn by pdf.js from the PDFs the service makes: each
 * page drawn is checked to hold text (dark pixels on the white sheet), and
 * with SCREENSHOTS=docs (pnpm docs:screenshots) the pictures go to
 * docs/screenshots.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { screenshotDir } from '../helpers/browser.js';
import { clientFor, releasedInzage, type Client } from '../helpers/client.js';
import { pdfPagePng } from '../helpers/pdf.js';

/** The share of pixels that are clearly not white: a page with text has some, an empty one none. */
async function inkShare(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const { data } = context.getImageData(0, 0, image.width, image.height);
  let dark = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] ?? 255) < 128) dark += 1;
  return dark / (image.width * image.height);
}

describe('pictures of the letters and the inzage export', () => {
  let t: TestApp;
  let mw: Client;
  let screens: Awaited<ReturnType<typeof screenshotDir>>;
  let caseId: string;
  let anna: string;
  beforeAll(async () => {
    t = await createTestApp();
    screens = await screenshotDir();
    mw = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', name: 'Fatima el Amrani' });
    const created = await mw.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Anna de Vries', geboortedatum: '1988-05-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Lindelaan 4, 6543 AB Nijmegen' },
          { naam: 'Bram de Vries', geboortedatum: '1986-01-30', relatie: 'ex-partner', betrokkenheid: ['pleger'] },
          { naam: 'Cas de Vries', geboortedatum: '2016-09-01', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    anna = created.json().leden[0].id;
    const plan = await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, {
      afspraken: [
        { omschrijving: 'Bij spanning gaat Anna met Cas naar haar zus', eigenaar: { soort: 'lid', lidId: anna }, deadline: '2026-03-01' },
        { omschrijving: 'Bram volgt de training Agressie de baas', eigenaar: { soort: 'lid', lidId: created.json().leden[1].id }, deadline: '2026-04-01' },
        { omschrijving: 'Huisbezoek elke twee weken', eigenaar: { soort: 'organisatie', naam: 'Sociaal Wijkteam Nijmegen' }, deadline: '2026-06-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect((await mw.write('POST', `/v1/casussen/${caseId}/terugmeldingen`, 2, { reden: 'hulp-geweigerd', toelichting: 'Wil geen hulp meer' })).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await screens.remove();
    await t.close();
  });

  it('draws each letter, and the released inzage', async () => {
    for (const soort of ['start', 'gevolgen-hulp-weigeren', 'veiligheidsplan', 'afsluiting']) {
      if (soort === 'afsluiting') expect((await mw.write('POST', `/v1/casussen/${caseId}/afsluiting`, 3, { reden: 'hulp-geweigerd' })).statusCode).toBe(200);
      const letter = await mw.request('GET', `/v1/casussen/${caseId}/brieven/${soort}?lid=${anna}`, { headers: { accept: 'application/pdf' } });
      expect(letter.statusCode, letter.body).toBe(200);
      const png = await pdfPagePng(letter.rawPayload);
      expect(await inkShare(png), soort).toBeGreaterThan(0.01);
      await writeFile(path.join(screens.dir, `brief-${soort}.png`), png);
    }
    const inzage = await releasedInzage(mw, caseId, anna, 'application/pdf');
    expect(inzage.statusCode, inzage.body).toBe(200);
    const png = await pdfPagePng(inzage.rawPayload);
    expect(await inkShare(png)).toBeGreaterThan(0.01);
    await writeFile(path.join(screens.dir, 'inzage-pdf.png'), png);
  }, 60_000);
});
