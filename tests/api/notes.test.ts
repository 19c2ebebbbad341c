/**
 * Notes on a case (issue 17 point 4): who writes and reads which note, no
 * If-Match (a note changes nothing of the case), corrections and withdrawals
 * append, the timeline shows "notitie toegevoegd" with the text only for its
 * readers, the member's inzage shows the notes about them unless withheld,
 * every read and write is in the case's access log, and the rows cannot be
 * changed or removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, releasedInzage, toplist, type Client } from '../helpers/client.js';

const POLITIE = '00000001111111110003';
const SHELTER = '00000009876543210002';
const PERMISSION_DENIED = '42501';

interface NoteBody {
  id: string;
  tekst: string;
  gecorrigeerdDoor: string[];
  zichtbaarVoor: string[];
  achterhoudenBijInzage: { reden: string } | null;
  ingetrokken: { reden: string; vastgelegdDoor: string } | null;
}

describe('notes on a case (notities)', () => {
  let t: TestApp;
  let regisseur: Client;
  let caseId: string;
  let members: { id: string; naam: string }[];
  /** Who reads what: the four notes of the matrix, by their text. */
  const TEXTS = { regieNamed: 'R: regie, mw-002 genoemd', netwerk: 'N: netwerk', netwerkPleger: 'NP: netwerk, ook plegerzijde', regiePleger: 'RP: regie, mw-004 genoemd, plegerzijde' };
  const ids: Record<string, string> = {};

  const texts = (response: { json(): { notities: NoteBody[] } }) => response.json().notities.map((n) => n.tekst).sort();

  beforeAll(async () => {
    t = await createTestApp();
    regisseur = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' });
    const created = await regisseur.request('POST', '/v1/casussen', { body: household });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    members = created.json().leden;
    const network = [
      { soort: 'professional', id: 'mw-002', organisatie: 'Wijkteam', rol: 'collega', grondslag: 'Wmo 2015', zijde: 'neutraal' },
      { soort: 'professional', id: 'mw-003', organisatie: 'Slachtofferhulp', rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde: 'slachtoffer', inzage: ['notities'] },
      { soort: 'professional', id: 'mw-004', organisatie: 'Reclassering', rol: 'toezicht', grondslag: 'Wmo 2015', zijde: 'pleger', inzage: ['notities'] },
      { soort: 'organisatie', organisatie: 'Politie', oin: POLITIE, rol: 'partner', grondslag: 'Politiewet', zijde: 'neutraal', inzage: ['notities'] },
      { soort: 'organisatie', organisatie: 'Vrouwenopvang', oin: SHELTER, rol: 'opvang', grondslag: 'Wmo 2015', zijde: 'slachtoffer' },
    ];
    for (const body of network) {
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body });
      expect(added.statusCode, added.body).toBe(201);
    }
    const bodies = {
      regieNamed: { soort: 'huisbezoek', contactdatum: '2026-01-10', tekst: TEXTS.regieNamed, zichtbaarVoor: ['mw-002'] },
      netwerk: { soort: 'gesprek', contactdatum: '2026-01-11', tekst: TEXTS.netwerk, zichtbaarheid: 'netwerk' },
      netwerkPleger: { soort: 'telefonisch', contactdatum: '2026-01-12', tekst: TEXTS.netwerkPleger, zichtbaarheid: 'netwerk', voorPlegerzijde: true },
      regiePleger: { soort: 'overleg', contactdatum: '2026-01-13', tekst: TEXTS.regiePleger, zichtbaarVoor: ['mw-004', 'mw-003'], voorPlegerzijde: true },
    };
    for (const [key, body] of Object.entries(bodies)) {
      const written = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body });
      expect(written.statusCode, written.body).toBe(201);
      ids[key] = written.json().id;
    }
    const granted = await clientFor(t, { sub: 'mw-006', organisatie: 'Wijkteam Elders' }).request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'Regisseur onbereikbaar, acute zorg' } });
    expect(granted.statusCode, granted.body).toBe(201);
  });
  afterAll(async () => t.close());

  it('writes a home visit without If-Match, leaving the case and its ETag as they were', async () => {
    const before = await regisseur.get(`/v1/casussen/${caseId}`);
    const written = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, {
      body: { soort: 'huisbezoek', contactdatum: '2026-01-14', tekst: 'Huisbezoek: Anna en Cas thuis, afspraken doorgenomen.', lidIds: [members[0]?.id], zichtbaarheid: 'netwerk' },
    });
    expect(written.statusCode, written.body).toBe(201);
    expect(written.headers.location).toBe(`/v1/casussen/${caseId}/notities/${written.json().id}`);
    expect(written.json()).toMatchObject({ soort: 'huisbezoek', contactdatum: '2026-01-14', door: { id: 'mw-001', rol: 'lokaal-team', organisatie: 'Sociaal Wijkteam Nijmegen' }, corrigeert: null, achterhoudenBijInzage: null, ingetrokken: null });
    const after = await regisseur.get(`/v1/casussen/${caseId}`);
    expect(after.headers.etag).toBe(before.headers.etag);
    // A colleague changing the case with the ETag read before the note is not refused by it.
    const score = await clientFor(t, { sub: 'mw-002' }).write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, before.json().versie, toplist(4));
    expect(score.statusCode, score.body).toBe(201);
    const single = await regisseur.get(written.headers.location as string);
    expect(single.statusCode).toBe(200);
    expect(single.json().tekst).toBe('Huisbezoek: Anna en Cas thuis, afspraken doorgenomen.');
  });

  it('shows each note only to who may read it: regie, netwerk, named, the perpetrator side, partners, break-the-glass, coordinator, beheerder, auditor', async () => {
    const read = (claims: Parameters<typeof clientFor>[1]) => clientFor(t, claims).get(`/v1/casussen/${caseId}/notities?van=2026-01-10&tot=2026-01-13`);
    const all = Object.values(TEXTS).sort();
    expect(texts(await read({ sub: 'mw-001' }))).toEqual(all);
    expect(texts(await read({ sub: 'mw-002' }))).toEqual([TEXTS.regieNamed]);
    expect(texts(await read({ sub: 'mw-003' }))).toEqual([TEXTS.netwerk, TEXTS.netwerkPleger, TEXTS.regiePleger].sort());
    expect(texts(await read({ sub: 'mw-004' }))).toEqual([TEXTS.netwerkPleger, TEXTS.regiePleger].sort());
    expect(texts(await read({ sub: 'kp-1', rol: 'ketenpartner', organisatie: 'Politie', oin: POLITIE, gemeenten: [] }))).toEqual([TEXTS.netwerk, TEXTS.netwerkPleger].sort());
    // In the network without the grant: nothing (a note is not the partner's to read).
    const shelter = await read({ sub: 'kp-2', rol: 'ketenpartner', organisatie: 'Vrouwenopvang', oin: SHELTER, gemeenten: [] });
    expect(shelter.statusCode).toBe(200);
    expect(texts(shelter)).toEqual([]);
    // The same name without the OIN is nobody.
    expect((await read({ sub: 'kp-3', rol: 'ketenpartner', organisatie: 'Politie', gemeenten: [] })).statusCode).toBe(404);
    expect(texts(await read({ sub: 'mw-006' }))).toEqual(all);
    expect((await read({ sub: 'mw-007' })).statusCode).toBe(404);
    expect((await read({ sub: 'beheer-1', rol: 'beheerder' })).json().code).toBe('auth.rol-niet-toegestaan');
    expect(texts(await read({ sub: 'audit-1', rol: 'auditor', gemeenten: [] }))).toEqual([]);
    // The coordinator reads netwerk notes of an escalated case only.
    const coordinator = { sub: 'mda-001', rol: 'mda-coordinator' as const, organisatie: 'ZVH', gemeenten: [] };
    expect((await read(coordinator)).statusCode).toBe(404);
    const version = (await regisseur.get(`/v1/casussen/${caseId}`)).json().versie;
    expect((await regisseur.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Zorgen nemen toe' })).statusCode).toBe(201);
    expect(texts(await read(coordinator))).toEqual([TEXTS.netwerk, TEXTS.netwerkPleger].sort());
    // The named professionals are left out for the perpetrator's side (they can be the victim's, finding 12).
    const forPerpetrator = (await clientFor(t, { sub: 'mw-004' }).get(`/v1/casussen/${caseId}/notities/${ids.regiePleger}`)).json();
    expect(forPerpetrator.zichtbaarVoor).toEqual([]);
    expect(JSON.stringify(forPerpetrator)).not.toContain('mw-003');
    expect((await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${caseId}/notities/${ids.netwerk}`)).json().code).toBe('notitie.niet-gevonden');
  });

  it('lets the regisseur and network members with the grant write; nobody else', async () => {
    const body = { soort: 'telefonisch', contactdatum: '2026-01-15', tekst: 'Gebeld met school.' };
    const write = (claims: Parameters<typeof clientFor>[1]) => clientFor(t, claims).request('POST', `/v1/casussen/${caseId}/notities`, { body });
    expect((await write({ sub: 'mw-003' })).statusCode).toBe(201);
    expect((await write({ sub: 'kp-1', rol: 'ketenpartner', organisatie: 'Politie', oin: POLITIE, gemeenten: [] })).statusCode).toBe(201);
    expect((await write({ sub: 'mw-002' })).json()).toMatchObject({ status: 403, code: 'notitie.schrijven-niet-toegestaan' });
    expect((await write({ sub: 'kp-2', rol: 'ketenpartner', organisatie: 'Vrouwenopvang', oin: SHELTER, gemeenten: [] })).json().code).toBe('notitie.schrijven-niet-toegestaan');
    expect((await write({ sub: 'mw-006' })).json()).toMatchObject({ status: 403, code: 'casus.alleen-inzage' });
    expect((await write({ sub: 'mw-007' })).statusCode).toBe(404);
    expect((await write({ sub: 'mda-001', rol: 'mda-coordinator', gemeenten: [] })).json().code).toBe('auth.rol-niet-toegestaan');
    expect((await write({ sub: 'beheer-1', rol: 'beheerder' })).json().code).toBe('auth.rol-niet-toegestaan');
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const count = async () => (await t.database.handle.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM case_notes')).rows[0]?.n;
    const before = await count();
    const post = (body: unknown) => regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body });
    expect((await post({ soort: 'huisbezoek', contactdatum: '2026-01-14', tekst: 'x', lidIds: ['00000000-0000-4000-8000-000000000000'] })).json()).toMatchObject({ status: 422, code: 'notitie.lid-onbekend' });
    expect((await post({ soort: 'huisbezoek', contactdatum: '2026-01-16', tekst: 'morgen' })).json()).toMatchObject({ status: 422, code: 'notitie.datum-in-toekomst' });
    expect((await post({ soort: 'brief', contactdatum: '2026-01-14', tekst: 'x' })).statusCode).toBe(400);
    expect((await post({ soort: 'gesprek', contactdatum: '2026-01-14', tekst: '   ' })).statusCode).toBe(400);
    expect((await post({ soort: 'gesprek', contactdatum: '2026-01-14', tekst: 'x', corrigeert: '00000000-0000-4000-8000-000000000000' })).json()).toMatchObject({ status: 404, code: 'notitie.niet-gevonden' });
    // mw-002 may not read the netwerk note, so cannot correct it either (nor learn it exists).
    const correction = await clientFor(t, { sub: 'mw-003' }).request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-14', tekst: 'x', corrigeert: ids.regieNamed } });
    expect(correction.json().code).toBe('notitie.niet-gevonden');
    expect((await regisseur.get(`/v1/casussen/${caseId}/notities?van=2026-02-01&tot=2026-01-01`)).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('corrects by a new note that refers to the old one; both stay', async () => {
    const correction = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, {
      body: { soort: 'huisbezoek', contactdatum: '2026-01-10', tekst: 'Correctie: het was Cas, niet Anna.', corrigeert: ids.regieNamed, zichtbaarVoor: ['mw-002'] },
    });
    expect(correction.statusCode, correction.body).toBe(201);
    expect(correction.json().corrigeert).toBe(ids.regieNamed);
    const old = (await regisseur.get(`/v1/casussen/${caseId}/notities/${ids.regieNamed}`)).json<NoteBody>();
    expect(old.tekst).toBe(TEXTS.regieNamed);
    expect(old.gecorrigeerdDoor).toEqual([correction.json().id]);
    // Who reads the old note but not the correction does not see who corrected it.
    await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'overig', contactdatum: '2026-01-10', tekst: 'Tweede correctie, alleen regie.', corrigeert: ids.regieNamed } });
    expect((await clientFor(t, { sub: 'mw-002' }).get(`/v1/casussen/${caseId}/notities/${ids.regieNamed}`)).json<NoteBody>().gecorrigeerdDoor).toEqual([correction.json().id]);
  });

  it('pages and filters by kind and contact date', async () => {
    const page = await regisseur.get(`/v1/casussen/${caseId}/notities?paginaGrootte=2&pagina=1`);
    expect(page.statusCode).toBe(200);
    const total = Number(page.headers['x-total-count']);
    expect(total).toBeGreaterThan(4);
    expect(page.json().notities).toHaveLength(2);
    expect(page.headers.link).toContain('rel="next"');
    // Latest contact first.
    const dates = (await regisseur.get(`/v1/casussen/${caseId}/notities?paginaGrootte=100`)).json().notities.map((n: { contactdatum: string }) => n.contactdatum);
    expect(dates).toEqual([...dates].sort().reverse());
    const visits = (await regisseur.get(`/v1/casussen/${caseId}/notities?soort=huisbezoek`)).json().notities;
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((n: { soort: string }) => n.soort === 'huisbezoek')).toBe(true);
    const day = (await regisseur.get(`/v1/casussen/${caseId}/notities?van=2026-01-11&tot=2026-01-11`)).json().notities;
    expect(day.map((n: NoteBody) => n.tekst)).toEqual([TEXTS.netwerk]);
  });

  it('shows "notitie toegevoegd" in the timeline, with the text only for who may read the note', async () => {
    const entries = async (claims: Parameters<typeof clientFor>[1]) =>
      ((await clientFor(t, claims).get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen as { type: string; volgnummer: number | null; omschrijving: string; gegevens: { tekst?: string } }[]).filter(
        (e) => e.type === 'notitie.toegevoegd',
      );
    const forRegisseur = await entries({ sub: 'mw-001' });
    expect(forRegisseur.length).toBeGreaterThan(4);
    expect(forRegisseur.every((e) => e.volgnummer === null)).toBe(true);
    expect(forRegisseur.map((e) => e.gegevens.tekst)).toEqual(expect.arrayContaining(Object.values(TEXTS)));
    expect(forRegisseur.find((e) => e.gegevens.tekst === TEXTS.regieNamed)?.omschrijving).toBe('Notitie toegevoegd: huisbezoek op 2026-01-10.');
    const forColleague = await entries({ sub: 'mw-002' });
    expect(forColleague).toHaveLength(forRegisseur.length);
    const shown = forColleague.flatMap((e) => (e.gegevens.tekst ? [e.gegevens.tekst] : []));
    expect(shown).toContain(TEXTS.regieNamed);
    expect(shown).not.toContain(TEXTS.netwerk);
    expect(forColleague.filter((e) => !e.gegevens.tekst).every((e) => e.omschrijving === 'Notitie toegevoegd.' && Object.keys(e.gegevens).length === 0)).toBe(true);
    // Each note sits right after the event that was the case's version when it was written: the setup's notes and the
    // home visit after the opening (version 1), before the colleague's score (version 2); paging by event keeps them there.
    const all = (await regisseur.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen as { type: string; volgnummer: number | null; gegevens: { tekst?: string } }[];
    const scoreAt = all.findIndex((e) => e.volgnummer === 2);
    expect(all[0]?.volgnummer).toBe(1);
    expect(all.slice(1, scoreAt).every((e) => e.type === 'notitie.toegevoegd')).toBe(true);
    expect(all.slice(1, scoreAt).map((e) => e.gegevens.tekst)).toEqual([...Object.values(TEXTS), 'Huisbezoek: Anna en Cas thuis, afspraken doorgenomen.']);
    const first = await regisseur.get(`/v1/casussen/${caseId}/tijdlijn?paginaGrootte=1`);
    expect((first.json().gebeurtenissen as { type: string }[]).map((e) => e.type)).toEqual(['casus.geopend', ...Array<string>(scoreAt - 1).fill('notitie.toegevoegd')]);
    const second = (await regisseur.get(`/v1/casussen/${caseId}/tijdlijn?paginaGrootte=1&na=1`)).json().gebeurtenissen as { volgnummer: number | null }[];
    expect(second[0]?.volgnummer).toBe(2);
    // The perpetrator's side reads the texts marked for it only.
    const forPerpetrator = (await entries({ sub: 'mw-004' })).flatMap((e) => (e.gegevens.tekst ? [e.gegevens.tekst] : []));
    expect(forPerpetrator.sort()).toEqual([TEXTS.netwerkPleger, TEXTS.regiePleger].sort());
  });

  it('withdraws a note filed on the wrong case: kept, hidden from everyone but the auditor', async () => {
    const wrong = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-09', tekst: 'Gesprek met familie Pietersen', zichtbaarheid: 'netwerk', zichtbaarVoor: ['mw-002'] } });
    const id = wrong.json().id as string;
    const withdraw = (client: Client) => client.request('POST', `/v1/casussen/${caseId}/notities/${id}/intrekking`, { body: { reden: 'Vastgelegd bij de verkeerde casus' } });
    expect((await withdraw(clientFor(t, { sub: 'mw-002' }))).json()).toMatchObject({ status: 403, code: 'notitie.alleen-auteur-of-regisseur' });
    expect((await withdraw(clientFor(t, { sub: 'mw-006' }))).json().code).toBe('casus.alleen-inzage');
    const done = await withdraw(regisseur);
    expect(done.statusCode, done.body).toBe(204);
    expect((await withdraw(regisseur)).json().code).toBe('notitie.niet-gevonden');
    for (const sub of ['mw-001', 'mw-002', 'mw-003', 'mw-006']) {
      const client = clientFor(t, { sub });
      expect((await client.get(`/v1/casussen/${caseId}/notities/${id}`)).statusCode, sub).toBe(404);
      expect((await client.get(`/v1/casussen/${caseId}/notities?paginaGrootte=100`)).body).not.toContain('Pietersen');
      expect((await client.get(`/v1/casussen/${caseId}/tijdlijn`)).body).not.toContain('Pietersen');
    }
    const timeline = (await regisseur.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen as { omschrijving: string }[];
    expect(timeline.some((e) => e.omschrijving === 'Notitie toegevoegd (later ingetrokken).')).toBe(true);
    const auditor = clientFor(t, { sub: 'audit-1', rol: 'auditor', gemeenten: [] });
    const seen = (await auditor.get(`/v1/casussen/${caseId}/notities`)).json().notities as NoteBody[];
    expect(seen.map((n) => n.tekst)).toEqual(['Gesprek met familie Pietersen']);
    expect(seen[0]?.ingetrokken).toMatchObject({ reden: 'Vastgelegd bij de verkeerde casus', vastgelegdDoor: 'mw-001' });
    expect((await auditor.get(`/v1/casussen/${caseId}/notities/${id}`)).statusCode).toBe(200);
    expect((await auditor.get(`/v1/casussen/${caseId}/notities/${ids.netwerk}`)).statusCode).toBe(404);
  });

  it("puts the notes about a member in their inzage, withheld ones without text and with the reason", async () => {
    const [anna, bram] = members;
    if (!anna || !bram) throw new Error('members');
    const post = (body: object, client = regisseur) => client.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-08', ...body } });
    expect((await post({ tekst: 'Anna vertelt over de zus', lidIds: [anna.id], zichtbaarheid: 'netwerk' })).statusCode).toBe(201);
    expect((await post({ tekst: 'Anna plant vertrek naar opvang', lidIds: [anna.id, bram.id], achterhoudenBijInzage: 'Bram mag dit niet lezen' })).statusCode).toBe(201);
    const later = await post({ tekst: 'Bram boos over toezicht', lidIds: [bram.id] }, clientFor(t, { sub: 'mw-003' }));
    expect(later.statusCode).toBe(201);
    const wrong = await post({ tekst: 'Anna: verkeerde casus', lidIds: [anna.id] });
    expect((await regisseur.request('POST', `/v1/casussen/${caseId}/notities/${wrong.json().id}/intrekking`, { body: { reden: 'Verkeerde casus' } })).statusCode).toBe(204);

    // The member's document (issue 17 point 10: prepared and released by the regisseur) holds the notes about them.
    const inzage = (await releasedInzage(regisseur, caseId, anna.id)).json();
    expect(inzage.notities).toEqual([
      { id: expect.stringMatching(/^notitie-/), contactdatum: '2026-01-08', soort: 'gesprek', op: expect.any(String), tekst: 'Anna vertelt over de zus', achtergehouden: null },
      { id: expect.stringMatching(/^notitie-/), contactdatum: '2026-01-08', soort: 'gesprek', op: expect.any(String), tekst: null, achtergehouden: { reden: 'Bram mag dit niet lezen' } },
      // The home visit of the first test: oldest contact first.
      { id: expect.stringMatching(/^notitie-/), contactdatum: '2026-01-14', soort: 'huisbezoek', op: expect.any(String), tekst: 'Huisbezoek: Anna en Cas thuis, afspraken doorgenomen.', achtergehouden: null },
    ]);
    // Bram is on the perpetrator's side: his document holds only notes marked for that side (none here), not even
    // that a note about him was withheld.
    const html = (await releasedInzage(regisseur, caseId, bram.id, 'text/html')).body;
    expect(html).not.toContain('Anna plant vertrek');
    expect(html).not.toContain('Bram boos over toezicht');
    expect((await releasedInzage(regisseur, caseId, bram.id)).json().notities).toEqual([]);
    // Withheld afterwards by its author (not by a colleague who may read it), once.
    const withhold = (client: Client) => client.request('POST', `/v1/casussen/${caseId}/notities/${later.json().id}/achterhouding`, { body: { reden: 'Veiligheid van Anna' } });
    expect((await withhold(clientFor(t, { sub: 'mw-004' }))).json().code).toBe('notitie.niet-gevonden');
    const withheld = await withhold(clientFor(t, { sub: 'mw-003' }));
    expect(withheld.statusCode, withheld.body).toBe(200);
    expect(withheld.json().achterhoudenBijInzage).toMatchObject({ reden: 'Veiligheid van Anna', vastgelegdDoor: 'mw-003' });
    expect((await withhold(regisseur)).json()).toMatchObject({ status: 409, code: 'notitie.al-achtergehouden' });
    // Only the regisseur and the privacy officer prepare or read a member's document.
    expect((await clientFor(t, { sub: 'mw-004' }).get(`/v1/casussen/${caseId}/leden/${anna.id}/inzage`)).statusCode).toBe(403);
    expect((await clientFor(t, { sub: 'beheer-1', rol: 'beheerder' }).get(`/v1/casussen/${caseId}/leden/${anna.id}/inzage`)).statusCode).toBe(403);
  });

  it('logs every read and write of notes in the case access log, break-the-glass flagged', async () => {
    const anna = members[0]?.id ?? '';
    const marker = `notes-log-${Date.now()}`;
    const headers = { 'x-request-id': marker };
    await clientFor(t, { sub: 'mw-006' }).request('GET', `/v1/casussen/${caseId}/notities`, { headers: { 'x-request-id': `${marker}-bg` } });
    const written = await regisseur.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'overleg', contactdatum: '2026-01-15', tekst: 'Overleg school', lidIds: [anna] }, headers });
    expect(written.statusCode).toBe(201);
    await clientFor(t, { sub: 'mw-007' }).request('GET', `/v1/casussen/${caseId}/notities`, { headers: { 'x-request-id': `${marker}-no` } });
    await regisseur.request('GET', `/v1/casussen/${caseId}/notities/${written.json().id}`, { headers: { 'x-request-id': `${marker}-one` } });
    const { rows } = await t.database.handle.pool.query<{ request_id: string; actor_sub: string; action: string; status: number; break_glass: boolean; member_ids: string[]; case_id: string }>(
      'SELECT request_id, actor_sub, action, status, break_glass, member_ids, case_id FROM access_log WHERE request_id LIKE $1 ORDER BY id',
      [`${marker}%`],
    );
    expect(rows.map((row) => [row.request_id.slice(marker.length), row.actor_sub, row.action, row.status, row.break_glass, row.case_id])).toEqual([
      ['-bg', 'mw-006', 'GET /v1/casussen/:id/notities', 200, true, caseId],
      ['', 'mw-001', 'POST /v1/casussen/:id/notities', 201, false, caseId],
      ['-no', 'mw-007', 'GET /v1/casussen/:id/notities', 404, false, caseId],
      ['-one', 'mw-001', 'GET /v1/casussen/:id/notities/:notitieId', 200, false, caseId],
    ]);
    // The members whose notes were written or shown.
    expect(rows[1]?.member_ids).toEqual([anna]);
    expect(rows[3]?.member_ids).toEqual([anna]);
  });

  it('keeps notes append-only: the service role cannot change or remove them, the owner only through retention', async () => {
    const service = await t.database.service.handle.pool.connect();
    try {
      for (const attempt of ["UPDATE case_notes SET text = 'x'", 'DELETE FROM case_notes', 'TRUNCATE case_notes CASCADE', "UPDATE case_note_marks SET reason = 'x'", 'DELETE FROM case_note_marks']) {
        const code = await service.query(attempt).then(
          () => undefined,
          (error: { code?: string }) => error.code,
        );
        expect([attempt, code]).toEqual([attempt, PERMISSION_DENIED]);
      }
    } finally {
      service.release();
    }
    // Even the owner is refused by the trigger.
    await expect(t.database.handle.pool.query("UPDATE case_notes SET text = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.database.handle.pool.query('DELETE FROM case_note_marks')).rejects.toThrow(/append-only/);
    // Retention removes a closed case with its notes.
    const other = await regisseur.request('POST', '/v1/casussen', { body: { ...household, leden: [{ naam: 'Eva Bewaar', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }] } });
    const otherId = other.json().id as string;
    const note = await regisseur.request('POST', `/v1/casussen/${otherId}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-15', tekst: 'Bewaard tot de termijn om is', achterhoudenBijInzage: 'veiligheid' } });
    expect(note.statusCode).toBe(201);
    const closed = await regisseur.write('POST', `/v1/casussen/${otherId}/afsluiting`, 1, { reden: 'overgedragen', naar: { soort: 'veilig-thuis', naam: 'Veilig Thuis Gelderland-Zuid' } });
    expect(closed.statusCode, closed.body).toBe(200);
    const removed = await t.database.service.handle.pool.query<{ removed: boolean }>("SELECT retention_delete_case($1, '2100-01-01T00:00:00Z') AS removed", [otherId]);
    expect(removed.rows[0]?.removed).toBe(true);
    const { rows } = await t.database.handle.pool.query<{ n: number }>('SELECT (SELECT count(*) FROM case_notes WHERE case_id = $1)::int + (SELECT count(*) FROM case_note_marks WHERE case_id = $1)::int AS n', [otherId]);
    expect(rows[0]?.n).toBe(0);
  });
});
