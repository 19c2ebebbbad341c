import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, householdWithBirthDates as household, type Client } from '../helpers/client.js';

describe("a member's right of access (inzage)", () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  it('lists their data, the agreements and scores that concern them, the timeline and who accessed their data', async () => {
    const created = (await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [...household.leden, { naam: 'Dirk <script>', relatie: 'overig', betrokkenheid: [] }] } })).json();
    const anna = created.leden[0];
    await mw.write('PUT', `/v1/casussen/${created.id}/veiligheidsplan`, 1, {
      afspraken: [
        { omschrijving: 'Anna belt bij spanning haar zus', eigenaar: { soort: 'lid', lidId: anna.id }, deadline: '2026-02-01' },
        { omschrijving: 'Bram volgt een training', eigenaar: { soort: 'lid', lidId: created.leden[1].id }, deadline: '2026-03-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    await mw.write('POST', `/v1/casussen/${created.id}/veiligheidsscores`, 2, {
      score: 5,
      acties: ['a', 'b', 'c'],
      perspectieven: [{ van: { soort: 'lid', lidId: anna.id }, score: 4 }],
    });
    await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${created.id}`); // refused: not in the access list of her data

    const response = await mw.get(`/v1/casussen/${created.id}/leden/${anna.id}/inzage`);
    expect(response.statusCode, response.body).toBe(200);
    const inzage = response.json();
    expect(inzage.lid).toMatchObject({ naam: 'Anna de Vries', geboortedatum: '1988-05-12' });
    expect(inzage.afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Anna belt bij spanning haar zus']);
    expect(inzage.veiligheidsscores).toEqual([expect.objectContaining({ gezamenlijkeScore: 5, eigenScore: 4 })]);
    expect(inzage.tijdlijn.length).toBe(3);
    expect(inzage.inzagen.some((i: { medewerker: string }) => i.medewerker === 'mw-001')).toBe(true);
    expect(inzage.inzagen.some((i: { medewerker: string }) => i.medewerker === 'mw-002')).toBe(false);

    const page = await mw.request('GET', `/v1/casussen/${created.id}/leden/${created.leden[3].id}/inzage`, { headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Inzage in uw gegevens');
    expect(page.body).toContain('Dirk &lt;script&gt;');
    expect(page.body).not.toContain('<script>');
    expect((await mw.get(`/v1/casussen/${created.id}/leden/00000000-0000-4000-8000-000000000000/inzage`)).json().code).toBe('casus.lid-niet-gevonden');
  });
});
