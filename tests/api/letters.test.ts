import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';
import { pdfText } from '../helpers/pdf.js';

describe('letters to the household as PDF (issue 17 point 7)', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', name: 'Fatima el Amrani' });
  });
  afterAll(async () => t.close());

  it('smoke', async () => {
    const created = await mw.request('POST', '/v1/casussen', { body: { gemeente: 'Nijmegen', bron: 'veilig-thuis', leden: [
      { naam: 'Anna de Vries', geboortedatum: '1988-05-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Lindelaan 4, 6500 AA Nijmegen' },
      { naam: 'Bram de Vries', geboortedatum: '1986-01-30', relatie: 'ex-partner', betrokkenheid: ['pleger'] },
      { naam: 'Cas de Vries', geboortedatum: '2016-09-01', relatie: 'kind', betrokkenheid: ['getuige'] },
    ] } });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const letter = await mw.request('GET', `/v1/casussen/${c.id}/brieven/start?lid=${c.leden[0].id}`, { headers: { accept: 'application/pdf' } });
    expect(letter.statusCode, letter.body).toBe(200);
    const { text } = await pdfText(letter.rawPayload);
    console.log(text);
  });
});
