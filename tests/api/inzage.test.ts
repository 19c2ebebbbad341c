/**
 * A member's right of access (AVG art. 15), and since issue 17 point 10 its
 * review before release (art. 15(4)): prepared by the regisseur or the
 * municipality's privacy officer as a frozen draft, items about others
 * withheld with a reason, released; only then downloaded (JSON, the Dutch
 * HTML, PDF). Each step in the access log; the perpetrator's side never
 * prepares or reads a victim's export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, householdWithBirthDates as household, releasedInzage, type Client } from '../helpers/client.js';
import { pdfText } from '../helpers/pdf.js';

const PERPETRATOR_SIDE_OIN = '00000001234567890001';

describe("a member's right of access (inzage)", () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t, { name: 'Fatima el Amrani' });
  });
  afterAll(async () => t.close());

  let households = 0;
  /** A household of its own (birth dates make a household recognisable: 1 gezin, 1 plan). */
  async function newCase(extra: unknown[] = []) {
    households += 1;
    const leden = household.leden.map((lid) => ({ ...lid, geslachtsnaam: `${lid.geslachtsnaam} ${households}` }));
    const created = await mw.request('POST', '/v1/casussen', { body: { ...household, leden: [...leden, ...extra] } });
    expect(created.statusCode, created.body).toBe(201);
    return created.json<{ id: string; leden: { id: string }[] }>();
  }

  const prepare = (client: Client, caseId: string, memberId: string, body: unknown = {}) => client.request('POST', `/v1/casussen/${caseId}/leden/${memberId}/inzageverzoeken`, { body });
  const problem = (answer: { statusCode: number; json: () => { code: string } }, status: number, code: string) => {
    expect(answer.statusCode).toBe(status);
    expect(answer.json().code).toBe(code);
  };

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

    const response = await releasedInzage(mw, created.id, anna.id);
    expect(response.statusCode, response.body).toBe(200);
    const inzage = response.json();
    expect(inzage.lid).toMatchObject({ naam: 'Anna de Vries', geboortedatum: '1988-05-12' });
    expect(inzage.casus.regisseur).toEqual({ id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', naam: 'Fatima el Amrani' });
    expect(inzage.afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Anna belt bij spanning haar zus']);
    expect(inzage.veiligheidsscores).toEqual([expect.objectContaining({ gezamenlijkeScore: 5, eigenScore: 4 })]);
    expect(inzage.tijdlijn.length).toBe(3);
    expect(inzage.inzagen.some((i: { medewerker: string }) => i.medewerker === 'mw-001')).toBe(true);
    expect(inzage.inzagen.some((i: { medewerker: string }) => i.medewerker === 'mw-002')).toBe(false);
    expect(inzage.weggelaten).toEqual([]);
    // Every item has a stable id made from what it comes from.
    expect(inzage.tijdlijn.map((e: { id: string }) => e.id)).toEqual(['gebeurtenis-1', 'gebeurtenis-2', 'gebeurtenis-3']);
    expect(inzage.afspraken[0].id).toMatch(/^afspraak-[0-9a-f-]{36}-v1$/);
    expect(inzage.veiligheidsscores[0].id).toBe('score-3');
    expect(inzage.inzagen[0].id).toMatch(/^toegang-\d+$/);

    const page = await releasedInzage(mw, created.id, created.leden[3].id, 'text/html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Inzage in uw gegevens');
    expect(page.body).toContain('Dirk &lt;script&gt;');
    expect(page.body).toContain('Fatima el Amrani (Sociaal Wijkteam Nijmegen)');
    expect(page.body).not.toContain('<script>');
    problem(await prepare(mw, created.id, '00000000-0000-4000-8000-000000000000'), 404, 'casus.lid-niet-gevonden');
  });

  it('nothing is downloaded before release; withheld items are left out with their reason; a released export never changes', async () => {
    const c = await newCase();
    const [anna, bram] = c.leden as [{ id: string }, { id: string }];
    problem(await mw.get(`/v1/casussen/${c.id}/leden/${anna.id}/inzage`), 409, 'inzage.niet-vrijgegeven');
    const prepared = await prepare(mw, c.id, anna.id, { ontvangenOp: '2026-01-10' });
    expect(prepared.statusCode, prepared.body).toBe(201);
    const draft = prepared.json();
    expect(draft).toMatchObject({ status: 'concept', lidId: anna.id, ontvangenOp: '2026-01-10', opgesteldDoor: 'mw-001', vrijgegevenOp: null, weglatingen: [] });
    const base = `/v1/casussen/${c.id}/inzageverzoeken/${draft.id}`;
    problem(await mw.request('GET', `${base}/document`, { headers: { accept: 'application/pdf' } }), 409, 'inzage.niet-vrijgegeven');
    problem(await mw.get(`/v1/casussen/${c.id}/leden/${anna.id}/inzage`), 409, 'inzage.niet-vrijgegeven');

    // The draft is frozen: a later change of the case is not in it.
    const version = (await mw.get(`/v1/casussen/${c.id}`)).json().versie;
    expect((await mw.write('PATCH', `/v1/casussen/${c.id}/leden/${bram.id}`, version, { naam: 'Bram B.' })).statusCode).toBe(200);
    const opened = draft.document.tijdlijn[0];
    expect((await mw.get(base)).json().document.tijdlijn).toEqual(draft.document.tijdlijn);

    problem(await mw.request('PUT', `${base}/weglatingen/gebeurtenis-99`, { body: { reden: 'Gaat over een ander lid' } }), 404, 'inzage.onderdeel-niet-gevonden');
    expect((await mw.request('PUT', `${base}/weglatingen/${opened.id}`, { body: { reden: 'kort' } })).statusCode).toBe(400);
    const withheld = await mw.request('PUT', `${base}/weglatingen/${opened.id}`, { body: { reden: 'Gaat over een ander lid van het huishouden' } });
    expect(withheld.statusCode, withheld.body).toBe(200);
    expect(withheld.json().weglatingen).toEqual([expect.objectContaining({ onderdeelId: opened.id, sectie: 'tijdlijn', reden: 'Gaat over een ander lid van het huishouden', door: 'mw-001' })]);
    // Withheld and put back, then withheld again with a better reason.
    const someAccess = draft.document.inzagen[0].id as string;
    expect((await mw.request('PUT', `${base}/weglatingen/${someAccess}`, { body: { reden: 'Medewerker van een andere organisatie' } })).statusCode).toBe(200);
    expect((await mw.request('DELETE', `${base}/weglatingen/${someAccess}`)).json().weglatingen).toHaveLength(1);
    problem(await mw.request('DELETE', `${base}/weglatingen/${someAccess}`), 404, 'inzage.onderdeel-niet-weggelaten');

    const released = await mw.request('POST', `${base}/vrijgave`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json()).toMatchObject({ status: 'vrijgegeven', vrijgegevenDoor: 'mw-001' });
    problem(await mw.request('POST', `${base}/vrijgave`), 409, 'inzage.al-vrijgegeven');
    problem(await mw.request('PUT', `${base}/weglatingen/${someAccess}`, { body: { reden: 'Toch weglaten achteraf' } }), 409, 'inzage.al-vrijgegeven');

    const document = (await mw.get(`${base}/document`)).json();
    expect(document.tijdlijn.map((e: { id: string }) => e.id)).not.toContain(opened.id);
    expect(document.tijdlijn).toHaveLength(draft.document.tijdlijn.length - 1);
    expect(document.weggelaten).toEqual([{ sectie: 'tijdlijn', reden: 'Gaat over een ander lid van het huishouden' }]);
    expect((await mw.get(`/v1/casussen/${c.id}/leden/${anna.id}/inzage`)).json()).toEqual(document);

    const html = await mw.request('GET', `${base}/document`, { headers: { accept: 'text/html' } });
    expect(html.body).toContain('Wat is weggelaten');
    expect(html.body).toContain('Gaat over een ander lid van het huishouden');
    const pdf = await mw.request('GET', `${base}/document`, { headers: { accept: 'application/pdf' } });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
    const text = (await pdfText(pdf.rawPayload)).text.replace(/\s+/g, ' ');
    expect(text).toContain('Inzage in uw gegevens');
    expect(text).toContain(`Anna de Vries ${households}`);
    expect(text).toContain('Gaat over een ander lid van het huishouden');
    expect(text).toContain('Fatima el Amrani');

    // Even the service's own role cannot change a released export (the table's trigger).
    await expect(t.database.handle.pool.query(`UPDATE inzage_exports SET withheld = '[]' WHERE id = $1`, [draft.id])).rejects.toThrow(/vrijgegeven/);
    const list = (await mw.get(`/v1/casussen/${c.id}/leden/${anna.id}/inzageverzoeken`)).json().inzageverzoeken;
    expect(list.map((e: { id: string; status: string }) => [e.id, e.status])).toEqual([[draft.id, 'vrijgegeven']]);
  });

  it('the privacy officer of the municipality prepares and releases; nobody else but the regisseur does', async () => {
    const c = await newCase();
    const anna = c.leden[0]!.id;
    const privacy = clientFor(t, { sub: 'privacy-1', rol: 'privacy', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });
    const prepared = await prepare(privacy, c.id, anna);
    expect(prepared.statusCode, prepared.body).toBe(201);
    expect(prepared.json().opgesteldDoor).toBe('privacy-1');
    expect((await privacy.request('POST', `/v1/casussen/${c.id}/inzageverzoeken/${prepared.json().id}/vrijgave`)).statusCode).toBe(200);
    expect((await privacy.get(`/v1/casussen/${c.id}/leden/${anna}/inzage`)).statusCode).toBe(200);
    // The privacy role reads nothing else of the case.
    expect((await privacy.get(`/v1/casussen/${c.id}`)).statusCode).toBe(403);
    expect((await privacy.get(`/v1/casussen/${c.id}/tijdlijn`)).statusCode).toBe(403);
    // Another municipality's privacy officer does not know the case.
    expect((await prepare(clientFor(t, { sub: 'privacy-2', rol: 'privacy', gemeenten: ['Wijchen'] }), c.id, anna)).statusCode).toBe(404);
    // A colleague in the network, the beheerder, someone through break-the-glass: not the reviewers.
    expect((await mw.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'GGZ', rol: 'behandelaar', grondslag: 'Wmo 2015' } })).statusCode).toBe(201);
    const colleague = clientFor(t, { sub: 'mw-002' });
    problem(await prepare(colleague, c.id, anna), 403, 'inzage.alleen-regisseur-of-privacy');
    problem(await colleague.get(`/v1/casussen/${c.id}/leden/${anna}/inzage`), 403, 'inzage.alleen-regisseur-of-privacy');
    expect((await clientFor(t, { sub: 'beheer-1', rol: 'beheerder' }).get(`/v1/casussen/${c.id}/leden/${anna}/inzage`)).statusCode).toBe(403);
    const glass = clientFor(t, { sub: 'mw-008' });
    expect((await glass.request('POST', `/v1/casussen/${c.id}/noodtoegang`, { body: { reden: 'Regisseur onbereikbaar, acute zorg' } })).statusCode).toBe(201);
    problem(await prepare(glass, c.id, anna), 403, 'inzage.alleen-regisseur-of-privacy');
  });

  it("the perpetrator's side never prepares or reads a victim's export; a perpetrator's export names nobody of the victim's side", async () => {
    const c = await newCase();
    const [anna, bram] = c.leden as [{ id: string }, { id: string }];
    // The regisseur's organisation is on the perpetrator's side (daderhulp); a shelter professional on the victim's.
    const regisseur = clientFor(t, { oin: PERPETRATOR_SIDE_OIN, name: 'Fatima el Amrani' });
    for (const body of [
      { soort: 'organisatie', organisatie: 'Daderhulp', oin: PERPETRATOR_SIDE_OIN, rol: 'daderhulp', grondslag: 'Wmo 2015', zijde: 'pleger' },
      { soort: 'professional', id: 'mw-003', organisatie: 'Vrouwenopvang De Veilige Haven', rol: 'opvang', grondslag: 'Wmo 2015', zijde: 'slachtoffer' },
    ]) {
      expect((await mw.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body })).statusCode).toBe(201);
    }
    // The shelter professional reads the case (Bram's data among it): the access is on record for Bram.
    expect((await clientFor(t, { sub: 'mw-003', organisatie: 'Vrouwenopvang De Veilige Haven' }).get(`/v1/casussen/${c.id}`)).statusCode).toBe(200);

    problem(await prepare(regisseur, c.id, anna.id), 403, 'inzage.plegerzijde');
    const privacyThere = clientFor(t, { sub: 'privacy-3', rol: 'privacy', organisatie: 'Daderhulp', oin: PERPETRATOR_SIDE_OIN, gemeenten: ['Nijmegen'] });
    problem(await prepare(privacyThere, c.id, anna.id), 403, 'inzage.plegerzijde');
    // Anna's export, released by a privacy officer not on that side, is not read from there either.
    expect((await releasedInzage(clientFor(t, { sub: 'privacy-1', rol: 'privacy', gemeenten: ['Nijmegen'] }), c.id, anna.id)).statusCode).toBe(200);
    problem(await regisseur.get(`/v1/casussen/${c.id}/leden/${anna.id}/inzage`), 403, 'inzage.plegerzijde');

    const brams = await releasedInzage(regisseur, c.id, bram.id);
    expect(brams.statusCode, brams.body).toBe(200);
    expect(brams.body).not.toContain('Vrouwenopvang');
    expect(brams.body).not.toContain('mw-003');
    expect(brams.json().inzagen.some((i: { medewerker: string; organisatie: string }) => i.medewerker === 'afgeschermd' && i.organisatie === 'afgeschermd')).toBe(true);
  });

  it('every step is in the access log of the case, naming the member', async () => {
    const c = await newCase();
    const anna = c.leden[0]!.id;
    const prepared = (await prepare(mw, c.id, anna)).json();
    const base = `/v1/casussen/${c.id}/inzageverzoeken/${prepared.id}`;
    const item = prepared.document.tijdlijn[0].id;
    await mw.get(base);
    await mw.request('PUT', `${base}/weglatingen/${item}`, { body: { reden: 'Gaat over een ander lid' } });
    await mw.request('DELETE', `${base}/weglatingen/${item}`);
    await mw.request('POST', `${base}/vrijgave`);
    await mw.request('GET', `${base}/document`, { headers: { accept: 'application/pdf' } });
    const { rows } = await t.database.handle.pool.query<{ action: string; member_ids: string[]; status: number }>(
      `SELECT action, member_ids, status FROM access_log WHERE case_id = $1 AND action LIKE '%inzage%' ORDER BY id`,
      [c.id],
    );
    expect(rows).toEqual([
      { action: 'POST /v1/casussen/:id/leden/:lidId/inzageverzoeken', member_ids: [anna], status: 201 },
      { action: 'GET /v1/casussen/:id/inzageverzoeken/:verzoekId', member_ids: [anna], status: 200 },
      { action: 'PUT /v1/casussen/:id/inzageverzoeken/:verzoekId/weglatingen/:onderdeelId', member_ids: [anna], status: 200 },
      { action: 'DELETE /v1/casussen/:id/inzageverzoeken/:verzoekId/weglatingen/:onderdeelId', member_ids: [anna], status: 200 },
      { action: 'POST /v1/casussen/:id/inzageverzoeken/:verzoekId/vrijgave', member_ids: [anna], status: 200 },
      { action: 'GET /v1/casussen/:id/inzageverzoeken/:verzoekId/document', member_ids: [anna], status: 200 },
    ]);
  });
});
