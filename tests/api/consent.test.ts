/**
 * Issue 17 point 6 over HTTP: consent and informing, recorded. Per member:
 * informed about the case (with a review in the werkvoorraad when not, for
 * safety reasons), a safe-contact preference, and consent to share with each
 * partner of the network. A refusal or withdrawal stops the sharing of that
 * member's data with that partner on its next request, by every route a
 * partner reads member data through, unless another ground is recorded; the
 * partner keeps the other members. The legal ground of a network entry is a
 * choice with a reference (migration 0026 for older entries).
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MIGRATIONS_FOLDER, migrateDatabase } from '@veilig-samen/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, householdWithBirthDates, type Client } from '../helpers/client.js';
import { createDatabase } from '../helpers/database.js';

const SHELTER_OIN = '00000001804542931000';
const POLICE_OIN = '00000001003214345000';

describe('consent and informing, recorded (issue 17 point 6)', () => {
  let t: TestApp;
  let mw: Client;
  let shelter: Client;
  let police: Client;
  let coach: Client;
  let offender: Client;
  let caseId: string;
  let anna: string;
  let bram: string;
  let cas: string;
  const entries: Record<string, string> = {};
  let version: number;

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    shelter = clientFor(t, { sub: 'opvang-3', rol: 'ketenpartner', organisatie: 'Blijf Groep', oin: SHELTER_OIN, gemeenten: [] });
    police = clientFor(t, { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, gemeenten: [] });
    coach = clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' });
    offender = clientFor(t, { sub: 'mw-009', organisatie: 'Reclassering' });
    const created = await mw.request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    [anna, bram, cas] = created.json().leden.map((l: { id: string }) => l.id);
    const network = [
      ['shelter', { soort: 'organisatie', organisatie: 'Blijf Groep', oin: SHELTER_OIN, rol: 'opvang', grondslag: { soort: 'toestemming', referentie: 'Toestemming Anna 12-01' }, zijde: 'slachtoffer', inzage: ['leden'] }],
      ['police', { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, rol: 'politie', grondslag: { soort: 'wettelijke-taak', referentie: 'Wpg art. 16' }, inzage: ['leden'] }],
      ['coach', { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'gezinscoach', grondslag: { soort: 'wettelijke-taak' } }],
      ['offender', { soort: 'professional', id: 'mw-009', organisatie: 'Reclassering', rol: 'reclassering', grondslag: 'Wet op de reclassering', zijde: 'pleger' }],
    ] as const;
    for (const [name, body] of network) {
      const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body });
      expect(added.statusCode, added.body).toBe(201);
      entries[name] = added.json().id;
    }
    // A joint score with each member's own perspective: a member's score is their data too.
    const scored = await mw.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, 1, {
      score: 4,
      acties: ['a', 'b', 'c'],
      perspectieven: [{ van: { soort: 'lid', lidId: anna }, score: 3 }, { van: { soort: 'lid', lidId: bram }, score: 8 }],
    });
    expect(scored.statusCode, scored.body).toBe(201);
    version = 2;
  });
  afterAll(async () => t.close());

  const record = async (url: string, body: unknown, client: Client = mw) => {
    const answer = await client.write('PUT', `/v1/casussen/${caseId}${url}`, version, body);
    if (answer.statusCode === 200) version += 1;
    return answer;
  };
  const membersSeenBy = async (client: Client) => ((await client.get(`/v1/casussen/${caseId}`)).json().leden as { naam: string }[]).map((l) => l.naam);
  const partnerMembers = async (client: Client) => ((await client.get(`/v1/casussen/${caseId}/mijn-afspraken`)).json().leden as { naam: string }[]).map((l) => l.naam);

  it('the legal ground of a network entry is a choice with a reference; a free text is read as before', async () => {
    const network = (await mw.get(`/v1/casussen/${caseId}/betrokkenen`)).json().betrokkenen;
    // Added at the same moment of the test clock: compared by organisation.
    expect(Object.fromEntries(network.map((e: { organisatie: string; grondslag: unknown }) => [e.organisatie, e.grondslag]))).toEqual({
      'Blijf Groep': { soort: 'toestemming', referentie: 'Toestemming Anna 12-01' },
      'Politie Oost-Nederland': { soort: 'wettelijke-taak', referentie: 'Wpg art. 16' },
      'Sociaal Wijkteam Nijmegen': { soort: 'wettelijke-taak', referentie: null },
      // A free text, as clients wrote it before: the reference, with the kind read from it.
      Reclassering: { soort: 'wettelijke-taak', referentie: 'Wet op de reclassering' },
    });
    const bad = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id: 'mw-020', organisatie: 'X', rol: 'x', grondslag: { soort: 'goed-gevoel' } } });
    expect(bad.statusCode).toBe(400);
  });

  it('informing: recorded by the regisseur; not informed for safety reasons is up for review in the werkvoorraad on its date', async () => {
    expect((await record(`/leden/${bram}/informering`, { status: 'niet-om-veiligheidsredenen' })).statusCode).toBe(400);
    const past = await record(`/leden/${bram}/informering`, { status: 'niet-om-veiligheidsredenen', reden: 'Bram zou Anna onder druk zetten', herzienOp: '2026-01-01' });
    expect(past.statusCode).toBe(422);
    expect(past.json().code).toBe('casus.herziendatum-in-verleden');
    const byColleague = await record(`/leden/${bram}/informering`, { status: 'ja' }, coach);
    expect(byColleague.statusCode).toBe(403);
    expect(byColleague.json().code).toBe('casus.alleen-regisseur-legt-vast');
    const unknown = await record('/leden/00000000-0000-4000-8000-000000000000/informering', { status: 'ja' });
    expect(unknown.statusCode).toBe(404);

    const recorded = await record(`/leden/${bram}/informering`, { status: 'niet-om-veiligheidsredenen', reden: 'Bram zou Anna onder druk zetten', herzienOp: '2026-03-01' });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().leden[1].geinformeerd).toMatchObject({ status: 'niet-om-veiligheidsredenen', reden: 'Bram zou Anna onder druk zetten', herzienOp: '2026-03-01' });
    const items = (await mw.get('/v1/werkvoorraad?soort=informering-herzien')).json().items;
    expect(items).toEqual([expect.objectContaining({ soort: 'informering-herzien', casusId: caseId, vervaldatum: '2026-02-28T23:00:00.000Z', gegevens: { lidId: bram }, status: 'open' })]);
    // The perpetrator's side never sees it (nor anything else recorded about reaching and informing members).
    const seen = (await offender.get(`/v1/casussen/${caseId}`)).json().leden[1];
    expect(seen).toMatchObject({ geinformeerd: null, veiligContact: null, toestemmingen: [] });
    const timeline = await offender.get(`/v1/casussen/${caseId}/tijdlijn`);
    expect(timeline.body).not.toContain('onder druk');
    expect(timeline.body).not.toContain('veiligheidsredenen');
    // Nor through a member's inzage document: only the regisseur and the privacy officer read those (issue 17 point 10).
    expect((await offender.get(`/v1/casussen/${caseId}/leden/${anna}/inzage`)).statusCode).toBe(403);

    // Recorded again: the review is answered.
    expect((await record(`/leden/${bram}/informering`, { status: 'ja' })).statusCode).toBe(200);
    expect((await mw.get('/v1/werkvoorraad?soort=informering-herzien')).json().items).toEqual([]);
  });

  it('a safe-contact preference is recorded by the regisseur and shown where contact is suggested, never to the perpetrator side', async () => {
    const preference = { geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: 'dinsdagochtend', toelichting: 'Alleen mobiel, niet de vaste lijn' };
    expect((await record(`/leden/${anna}/veilig-contact`, { veiligContact: { ...preference, kanaal: 'duif' } })).statusCode).toBe(400);
    expect((await record(`/leden/${anna}/veilig-contact`, { veiligContact: preference }, coach)).statusCode).toBe(403);
    const recorded = await record(`/leden/${anna}/veilig-contact`, { veiligContact: preference });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json().leden[0].veiligContact).toEqual(preference);
    expect((await coach.get(`/v1/casussen/${caseId}`)).json().leden[0].veiligContact).toEqual(preference);
    // The shelter, granted the members, sees it in its view, where it contacts Anna.
    expect((await shelter.get(`/v1/casussen/${caseId}/mijn-afspraken`)).json().leden[0].veiligContact).toEqual(preference);
    for (const url of ['', '/tijdlijn']) {
      const answer = await offender.get(`/v1/casussen/${caseId}${url}`);
      expect(answer.body).not.toContain('dinsdagochtend');
    }
    // Cleared with null.
    expect((await record(`/leden/${cas}/veilig-contact`, { veiligContact: null })).json().leden[2].veiligContact).toBeNull();
  });

  it('consent per partner: a withdrawal needs consent given; the entry must be in the network; no date in the future', async () => {
    const withdrawn = await record(`/leden/${bram}/toestemmingen/${entries.shelter}`, { status: 'ingetrokken', sinds: '2026-01-15' });
    expect(withdrawn.statusCode).toBe(409);
    expect(withdrawn.json().code).toBe('casus.toestemming-niet-gegeven');
    const unknown = await record(`/leden/${bram}/toestemmingen/00000000-0000-4000-8000-000000000000`, { status: 'ja', sinds: '2026-01-15' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('betrokkene.niet-gevonden');
    const future = await record(`/leden/${bram}/toestemmingen/${entries.shelter}`, { status: 'ja', sinds: '2026-02-01' });
    expect(future.statusCode).toBe(422);
    expect((await record(`/leden/${bram}/toestemmingen/${entries.shelter}`, { status: 'ja', sinds: '2026-01-15' }, coach)).statusCode).toBe(403);
    const given = await record(`/leden/${bram}/toestemmingen/${entries.shelter}`, { status: 'ja', sinds: '2026-01-12' });
    expect(given.statusCode, given.body).toBe(200);
    expect(given.json().leden[1].toestemmingen).toEqual([
      expect.objectContaining({ betrokkeneId: entries.shelter, partner: { soort: 'organisatie', oin: SHELTER_OIN }, organisatie: 'Blijf Groep', status: 'ja', sinds: '2026-01-12', gegevenOp: '2026-01-12', gedeeld: true }),
    ]);
  });

  it("a perpetrator withdrawing consent takes his data from the shelter on its next request, not the victim's", async () => {
    expect(await partnerMembers(shelter)).toEqual(['Anna de Vries', 'Bram de Vries', 'Cas de Vries']);
    const withdrawn = await record(`/leden/${bram}/toestemmingen/${entries.shelter}`, { status: 'ingetrokken', sinds: '2026-01-15', toelichting: 'Bram wil niet dat de opvang iets over hem weet' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json().leden[1].toestemmingen[0]).toMatchObject({ status: 'ingetrokken', gegevenOp: '2026-01-12', gedeeld: false });
    expect(await partnerMembers(shelter)).toEqual(['Anna de Vries', 'Cas de Vries']);
    // The police and the regisseur still see Bram: consent was withdrawn for the shelter only.
    expect(await partnerMembers(police)).toEqual(['Anna de Vries', 'Bram de Vries', 'Cas de Vries']);
    expect(await membersSeenBy(mw)).toContain('Bram de Vries');
    // Removing the entry and adding it again (to change its grants) does not lift the withdrawal.
    expect((await mw.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${entries.shelter}`)).statusCode).toBe(204);
    const again = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
      body: { soort: 'organisatie', organisatie: 'Blijf Groep', oin: SHELTER_OIN, rol: 'opvang', grondslag: { soort: 'toestemming' }, zijde: 'slachtoffer', inzage: ['leden', 'verklarende-analyse'] },
    });
    entries.shelter = again.json().id;
    expect(await partnerMembers(shelter)).toEqual(['Anna de Vries', 'Cas de Vries']);
  });

  it('a refusal keeps the member out of every route the professional reads members through: case, timeline, scores, ZGW, inzage, access log', async () => {
    const before = await coach.get(`/v1/casussen/${caseId}/tijdlijn`);
    expect(before.body).toContain('Bram de Vries');
    const refused = await record(`/leden/${bram}/toestemmingen/${entries.coach}`, { status: 'nee', sinds: '2026-01-15' });
    expect(refused.statusCode, refused.body).toBe(200);

    expect(await membersSeenBy(coach)).toEqual(['Anna de Vries', 'Cas de Vries']);
    const timeline = await coach.get(`/v1/casussen/${caseId}/tijdlijn`);
    expect(timeline.statusCode).toBe(200);
    for (const secret of ['Bram de Vries', '1986-01-30']) expect(timeline.body).not.toContain(secret);
    const scores = (await coach.get(`/v1/casussen/${caseId}/veiligheidsscores`)).json().scores;
    expect(scores[0].perspectieven).toEqual([{ van: { soort: 'lid', lidId: anna }, score: 3 }]);
    const zgw = await coach.get(`/v1/casussen/${caseId}/zgw`);
    expect(zgw.statusCode).toBe(200);
    // The export names a person in ZGW's parts (voornamen, voorvoegselGeslachtsnaam, geslachtsnaam).
    for (const secret of ['"voornamen":"Bram"', '1986-01-30']) expect(zgw.body).not.toContain(secret);
    expect(zgw.body).toContain('"voornamen":"Anna"');
    // A member's own document is the regisseur's or the privacy officer's to prepare and read (issue 17 point 10).
    expect((await coach.get(`/v1/casussen/${caseId}/leden/${bram}/inzage`)).statusCode).toBe(403);
    expect((await coach.get(`/v1/casussen/${caseId}/leden/${anna}/inzage`)).statusCode).toBe(403);
    // The answer to the colleague's own write does not show Bram either.
    const write = await coach.write('POST', `/v1/casussen/${caseId}/incidenten`, version, { tijdstip: '2026-01-14T20:00:00+01:00', soort: 'psychisch', omschrijving: 'Bedreiging via de telefoon' });
    expect(write.statusCode, write.body).toBe(201);
    version += 1;
    expect(write.body).not.toContain('Bram de Vries');
    // The access log names only the members shown: Bram's inzage does not say the coach saw his data since.
    const rows = await t.database.handle.pool.query<{ member_ids: string[] }>(
      "SELECT action, member_ids FROM access_log WHERE case_id = $1 AND actor_sub = 'mw-002' AND status < 400 ORDER BY id DESC LIMIT 4",
      [caseId],
    );
    expect(rows.rows.length).toBeGreaterThan(0);
    for (const row of rows.rows) expect(row.member_ids, JSON.stringify(row)).not.toContain(bram);
    // The regisseur sees everything, and why.
    const regisseurView = (await mw.get(`/v1/casussen/${caseId}`)).json().leden[1];
    expect(regisseurView.toestemmingen.map((c: { betrokkeneId: string; status: string; gedeeld: boolean }) => [c.betrokkeneId, c.status, c.gedeeld])).toEqual([
      [expect.any(String), 'ingetrokken', false],
      [entries.coach, 'nee', false],
    ]);
  });

  it('another ground recorded for the member with the partner shares again', async () => {
    const ground = await record(`/leden/${bram}/toestemmingen/${entries.coach}`, { status: 'nee', sinds: '2026-01-15', andereGrondslag: { soort: 'meldcode', referentie: 'Meldcode stap 4: kind in gevaar' } });
    expect(ground.statusCode, ground.body).toBe(200);
    expect(ground.json().leden[1].toestemmingen[1]).toMatchObject({ andereGrondslag: { soort: 'meldcode', referentie: 'Meldcode stap 4: kind in gevaar' }, gedeeld: true });
    expect(await membersSeenBy(coach)).toEqual(['Anna de Vries', 'Bram de Vries', 'Cas de Vries']);
    // Consent is no other ground.
    expect((await record(`/leden/${bram}/toestemmingen/${entries.coach}`, { status: 'nee', sinds: '2026-01-15', andereGrondslag: { soort: 'toestemming' } })).statusCode).toBe(400);
  });
});

describe('a refusal or withdrawal stops notes about the member and the search through them (review findings H5, M3)', () => {
  const YOUTH_OIN = '00000001234567000111';
  let t: TestApp;
  let mw: Client;
  let police: Client;
  let coach: Client;
  let youth: Client;
  let caseId: string;
  let anna: string;
  let bram: string;
  let cas: string;
  const entries: Record<string, string> = {};
  const notes: Record<string, string> = {};

  const version = async () => (await mw.get(`/v1/casussen/${caseId}`)).json().versie as number;
  const consent = async (member: string, entry: string, body: unknown) => {
    const answer = await mw.write('PUT', `/v1/casussen/${caseId}/leden/${member}/toestemmingen/${entry}`, await version(), body);
    expect(answer.statusCode, answer.body).toBe(200);
  };
  const noteTexts = async (client: Client) => {
    const answer = await client.get(`/v1/casussen/${caseId}/notities`);
    expect(answer.statusCode, answer.body).toBe(200);
    return { texts: (answer.json().notities as { tekst: string }[]).map((n) => n.tekst).sort(), total: answer.headers['x-total-count'] };
  };
  const found = async (client: Client, zoek: string, requestId?: string) => {
    const answer = await client.request('GET', `/v1/casussen?zoek=${encodeURIComponent(zoek)}`, requestId ? { headers: { 'x-request-id': requestId } } : {});
    expect(answer.statusCode, answer.body).toBe(200);
    return (answer.json().casussen as { id: string }[]).map((c) => c.id);
  };

  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    police = clientFor(t, { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, gemeenten: [] });
    coach = clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' });
    // A case manager of a youth-care organisation: in the network personally, and their organisation too (by OIN).
    youth = clientFor(t, { sub: 'jz-007', organisatie: 'Jeugdzorg Gelderland', oin: YOUTH_OIN });
    const created = await mw.request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    [anna, bram, cas] = created.json().leden.map((l: { id: string }) => l.id);
    const network = [
      ['police', { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, rol: 'politie', grondslag: { soort: 'wettelijke-taak' }, inzage: ['leden', 'notities'] }],
      ['coach', { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'gezinscoach', grondslag: { soort: 'wettelijke-taak' }, inzage: ['notities'] }],
      ['youth', { soort: 'professional', id: 'jz-007', organisatie: 'Jeugdzorg Gelderland', rol: 'jeugdzorg', grondslag: { soort: 'wettelijke-taak' } }],
      ['youthOrg', { soort: 'organisatie', organisatie: 'Jeugdzorg Gelderland', oin: YOUTH_OIN, rol: 'jeugdzorg', grondslag: { soort: 'toestemming' } }],
    ] as const;
    for (const [name, body] of network) {
      const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body });
      expect(added.statusCode, added.body).toBe(201);
      entries[name] = added.json().id;
    }
    const write = async (key: string, client: Client, body: Record<string, unknown>) => {
      const answer = await client.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'huisbezoek', contactdatum: '2026-01-14', zichtbaarheid: 'netwerk', ...body, tekst: key } });
      expect(answer.statusCode, answer.body).toBe(201);
      notes[key] = answer.json().id;
    };
    await write('OVER-ANNA', mw, { lidIds: [anna] });
    await write('OVER-BRAM', mw, { lidIds: [bram] });
    await write('OVER-ANNA-EN-BRAM', mw, { lidIds: [anna, bram] });
    await write('ALGEMEEN', mw, { lidIds: [] });
    await write('GENOEMD-BRAM', mw, { lidIds: [bram], zichtbaarheid: 'regie', zichtbaarVoor: ['mw-002'] });
    // The coach's own note (the grant lets them write).
    await write('EIGEN-BRAM', coach, { lidIds: [bram, cas] });
  });
  afterAll(async () => t.close());

  it('before any refusal, the partner and the colleague read the notes their grant gives them', async () => {
    expect((await noteTexts(police)).texts).toEqual(['ALGEMEEN', 'EIGEN-BRAM', 'OVER-ANNA', 'OVER-ANNA-EN-BRAM', 'OVER-BRAM']);
    expect((await noteTexts(coach)).texts).toEqual(['ALGEMEEN', 'EIGEN-BRAM', 'GENOEMD-BRAM', 'OVER-ANNA', 'OVER-ANNA-EN-BRAM', 'OVER-BRAM']);
    expect(await found(coach, 'Bram')).toEqual([caseId]);
  });

  it('a withdrawn or refused consent takes the notes about that member from the partner on every route: list, count, one note, timeline, correction', async () => {
    await consent(anna, entries.police ?? '', { status: 'ja', sinds: '2026-01-12' });
    await consent(anna, entries.police ?? '', { status: 'ingetrokken', sinds: '2026-01-13' });
    await consent(bram, entries.coach ?? '', { status: 'nee', sinds: '2026-01-14' });

    // The police: nothing about Anna, nor the note about Anna and Bram together (its text is about both).
    expect(await noteTexts(police)).toEqual({ texts: ['ALGEMEEN', 'EIGEN-BRAM', 'OVER-BRAM'], total: '3' });
    for (const key of ['OVER-ANNA', 'OVER-ANNA-EN-BRAM']) {
      const one = await police.get(`/v1/casussen/${caseId}/notities/${notes[key]}`);
      expect(one.statusCode, key).toBe(404);
      expect(one.json().code).toBe('notitie.niet-gevonden');
    }
    // The coach: nothing about Bram, not even the note naming them or the one they wrote themselves.
    expect(await noteTexts(coach)).toEqual({ texts: ['ALGEMEEN', 'OVER-ANNA'], total: '2' });
    for (const key of ['OVER-BRAM', 'OVER-ANNA-EN-BRAM', 'GENOEMD-BRAM', 'EIGEN-BRAM']) expect((await coach.get(`/v1/casussen/${caseId}/notities/${notes[key]}`)).statusCode, key).toBe(404);
    // Filters and paging count only what is left.
    expect((await coach.get(`/v1/casussen/${caseId}/notities?paginaGrootte=1`)).headers['x-total-count']).toBe('2');

    // The timeline shows that notes were added, without their text or members.
    const timeline = await coach.get(`/v1/casussen/${caseId}/tijdlijn`);
    expect(timeline.statusCode).toBe(200);
    const noteEntries = (timeline.json().gebeurtenissen as { type: string; gegevens: { tekst?: string; lidIds?: string[] } }[]).filter((e) => e.type === 'notitie.toegevoegd');
    expect(noteEntries).toHaveLength(6);
    expect(noteEntries.map((e) => e.gegevens.tekst).filter(Boolean).sort()).toEqual(['ALGEMEEN', 'OVER-ANNA']);
    for (const secret of ['OVER-BRAM', 'OVER-ANNA-EN-BRAM', 'GENOEMD-BRAM', 'EIGEN-BRAM']) expect(timeline.body).not.toContain(secret);
    expect(JSON.stringify(noteEntries)).not.toContain(bram);
    const policeTimeline = await police.get(`/v1/casussen/${caseId}/tijdlijn`);
    // A partner (role ketenpartner) reads the partner view, not the timeline (as before).
    expect(policeTimeline.statusCode).toBe(403);

    // A correction refers to a note the writer may read: not one about a withheld member.
    const correction = await coach.request('POST', `/v1/casussen/${caseId}/notities`, { body: { soort: 'overig', contactdatum: '2026-01-14', tekst: 'correctie', zichtbaarheid: 'netwerk', corrigeert: notes['OVER-BRAM'] } });
    expect(correction.statusCode).toBe(404);
    // Nor withdrawn by its author, who may no longer read it (the regisseur can).
    expect((await coach.request('POST', `/v1/casussen/${caseId}/notities/${notes['EIGEN-BRAM']}/intrekking`, { body: { reden: 'verkeerde casus' } })).statusCode).toBe(404);

    // The access log of the list names only the members of the notes shown.
    await coach.request('GET', `/v1/casussen/${caseId}/notities`, { headers: { 'x-request-id': 'notities-coach' } });
    const rows = (await t.database.handle.pool.query<{ member_ids: string[] }>('SELECT member_ids FROM access_log WHERE request_id = $1', ['notities-coach'])).rows;
    expect(rows).toEqual([{ member_ids: [anna] }]);
  });

  it("the regisseur reads every note still; the member's own inzage has the notes about them", async () => {
    expect((await noteTexts(mw)).texts).toEqual(['ALGEMEEN', 'EIGEN-BRAM', 'GENOEMD-BRAM', 'OVER-ANNA', 'OVER-ANNA-EN-BRAM', 'OVER-BRAM']);
    // Anna's (Bram is on the perpetrator's side: his inzage holds only notes marked for that side).
    const prepared = await mw.request('POST', `/v1/casussen/${caseId}/leden/${anna}/inzageverzoeken`, { body: {} });
    expect(prepared.statusCode, prepared.body).toBe(201);
    expect((prepared.json().document.notities as { tekst: string }[]).map((n) => n.tekst).sort()).toEqual(['OVER-ANNA', 'OVER-ANNA-EN-BRAM']);
  });

  it('the search does not find the household through a member withheld from the caller, by name or birth date, and names only the others', async () => {
    expect(await found(coach, 'Bram')).toEqual([]);
    expect(await found(coach, '30-01-1986')).toEqual([]);
    expect(await found(coach, '1986-01-30')).toEqual([]);
    // Through the members shared with them, as the case view shows them.
    expect(await found(coach, 'Anna')).toEqual([caseId]);
    expect(await found(coach, 'de Vries', 'zoek-vries-coach')).toEqual([caseId]);
    const rows = (await t.database.handle.pool.query<{ member_ids: string[] }>('SELECT member_ids FROM access_log WHERE request_id = $1', ['zoek-vries-coach'])).rows;
    expect(rows).toHaveLength(1);
    expect([...(rows[0]?.member_ids ?? [])].sort()).toEqual([anna, cas].sort());
    // The regisseur is never withheld from.
    expect(await found(mw, 'Bram')).toEqual([caseId]);

    // A refusal for the organisation a case manager acts for (by OIN) withholds the member from them too, not from others.
    expect(await found(youth, 'Cas')).toEqual([caseId]);
    await consent(cas, entries.youthOrg ?? '', { status: 'nee', sinds: '2026-01-14' });
    expect(await found(youth, 'Cas')).toEqual([]);
    expect(await found(youth, '01-09-2016')).toEqual([]);
    expect(await found(youth, 'Anna')).toEqual([caseId]);
    expect(await found(coach, 'Cas')).toEqual([caseId]);
    expect(((await youth.get(`/v1/casussen/${caseId}`)).json().leden as { id: string }[]).map((l) => l.id)).not.toContain(cas);
  });

  it("the regisseur's substitute searches as the case view shows: every member, unless in the network personally", async () => {
    const DAY = 24 * 60 * 60 * 1000;
    const now = t.clock.now().getTime();
    const period = { van: new Date(now - DAY).toISOString(), tot: new Date(now + DAY).toISOString() };
    // The coach stands in for the regisseur but is in the network personally: their own entry's rights, Bram still withheld.
    expect((await mw.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { vervanger: 'mw-002', ...period } })).statusCode).toBe(200);
    expect(((await coach.get(`/v1/casussen/${caseId}`)).json().leden as { id: string }[]).map((l) => l.id)).not.toContain(bram);
    expect(await found(coach, 'Bram')).toEqual([]);
    // A colleague whose entry Cas refused and who left the network, standing in for the regisseur: the regisseur's rights, Cas too.
    const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id: 'mw-003', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'hulpverlener', grondslag: { soort: 'wettelijke-taak' } } });
    expect(added.statusCode, added.body).toBe(201);
    await consent(cas, added.json().id, { status: 'nee', sinds: '2026-01-14' });
    const colleague = clientFor(t, { sub: 'mw-003', organisatie: 'Sociaal Wijkteam Nijmegen' });
    expect(await found(colleague, 'Cas')).toEqual([]);
    expect((await mw.request('DELETE', `/v1/casussen/${caseId}/betrokkenen/${added.json().id}`)).statusCode).toBe(204);
    expect((await mw.request('PUT', '/v1/medewerkers/ik/vervanging', { body: { vervanger: 'mw-003', ...period } })).statusCode).toBe(200);
    expect(((await colleague.get(`/v1/casussen/${caseId}`)).json().leden as { id: string }[]).map((l) => l.id)).toContain(cas);
    expect(await found(colleague, 'Cas')).toEqual([caseId]);
    expect((await mw.request('DELETE', '/v1/medewerkers/ik/vervanging')).statusCode).toBe(204);
    expect(await found(colleague, 'Cas')).toEqual([]);
  });

  it('migration 0032 fills the search rows stored before it as each consent record writes them', async () => {
    // Per member, the partners in any order (an overlap is all the search asks of them).
    const stored = async () =>
      Object.fromEntries(
        (await t.database.handle.pool.query<{ member_id: string; withheld_from: string[] }>('SELECT member_id, withheld_from FROM case_search WHERE case_id = $1', [caseId])).rows.map((r) => [r.member_id, [...r.withheld_from].sort()]),
      );
    const written = await stored();
    expect(written).toEqual({
      [anna]: [`organisatie:${POLICE_OIN}`],
      [bram]: ['professional:mw-002'],
      [cas]: [`organisatie:${YOUTH_OIN}`, 'professional:mw-003'].sort(),
    });
    // As rows stored before the column: empty, then the migration's own statement.
    await t.database.handle.pool.query("UPDATE case_search SET withheld_from = '{}' WHERE case_id = $1", [caseId]);
    const file = (await readdir(MIGRATIONS_FOLDER)).find((name) => name.endsWith('_search_withheld_from.sql'));
    const statements = (await readFile(path.join(MIGRATIONS_FOLDER, file ?? ''), 'utf8')).split('--> statement-breakpoint');
    await t.database.handle.pool.query(statements.at(-1) ?? '');
    expect(await stored()).toEqual(written);
  });

  it('another ground recorded, or consent given again, shares the notes and the search again', async () => {
    await consent(bram, entries.coach ?? '', { status: 'nee', sinds: '2026-01-14', andereGrondslag: { soort: 'meldcode', referentie: 'Meldcode stap 4' } });
    expect((await noteTexts(coach)).texts).toEqual(['ALGEMEEN', 'EIGEN-BRAM', 'GENOEMD-BRAM', 'OVER-ANNA', 'OVER-ANNA-EN-BRAM', 'OVER-BRAM']);
    expect(await found(coach, 'Bram')).toEqual([caseId]);
    await consent(anna, entries.police ?? '', { status: 'ja', sinds: '2026-01-15' });
    expect((await noteTexts(police)).texts).toEqual(['ALGEMEEN', 'EIGEN-BRAM', 'OVER-ANNA', 'OVER-ANNA-EN-BRAM', 'OVER-BRAM']);
  });
});

describe('migration 0026 (legal grounds)', () => {
  it('moves the free text into the reference and reads the kind from it', async () => {
    const database = await createDatabase({ fromTemplate: false });
    const before = await mkdtemp(path.join(tmpdir(), 'veilig-samen-migrations-'));
    try {
      await cp(MIGRATIONS_FOLDER, before, { recursive: true });
      const journalFile = path.join(before, 'meta', '_journal.json');
      const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_partners_consent'));
      expect(at).toBeGreaterThan(0);
      await writeFile(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }));
      await migrateDatabase(database.url, { migrationsFolder: before });
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        // Entries as they were stored, without a case row around them (the reference is what matters here).
        await client.query('SET session_replication_role = replica');
        for (const [i, text] of ['Wmo 2015', 'Toestemming van moeder', 'meldcode stap 3', 'Vitaal belang van het kind', 'Jeugdwet art. 7.1.1.1'].entries()) {
          await client.query(
            `INSERT INTO case_involvements (id, case_id, kind, subject, organisation, role, legal_ground, added_at, added_by)
             VALUES ($1, '00000000-0000-4000-8000-000000000001', 'professional', $2, 'Wijkteam', 'coach', $3, now(), 'mw-001')`,
            [`00000000-0000-4000-8000-00000000010${i}`, `mw-10${i}`, text],
          );
        }
        await client.query('SET session_replication_role = origin');
        await migrateDatabase(database.url);
        const { rows } = await client.query('SELECT legal_ground, legal_ground_kind FROM case_involvements ORDER BY id');
        expect(rows).toEqual([
          { legal_ground: 'Wmo 2015', legal_ground_kind: 'wettelijke-taak' },
          { legal_ground: 'Toestemming van moeder', legal_ground_kind: 'toestemming' },
          { legal_ground: 'meldcode stap 3', legal_ground_kind: 'meldcode' },
          { legal_ground: 'Vitaal belang van het kind', legal_ground_kind: 'vitaal-belang' },
          { legal_ground: 'Jeugdwet art. 7.1.1.1', legal_ground_kind: 'wettelijke-taak' },
        ]);
        await expect(client.query("UPDATE case_involvements SET legal_ground_kind = 'goed-gevoel'")).rejects.toThrow(/legal_ground_kind/);
      } finally {
        await client.end();
      }
    } finally {
      await rm(before, { recursive: true, force: true });
      await database.drop();
    }
  });
});
