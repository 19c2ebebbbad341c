/**
 * Issue 17 point 8, over HTTP: what a case is about. Incidents carry a form of
 * violence (vorm) besides the kind of act, from a case manager and from a
 * police message (which need not send it: then none is recorded); per child
 * a conversation, trauma screening, and after a police-involved incident a
 * Handle with Care signal to the school within 24 hours, a werkvoorraad item
 * until it is recorded (the moment and the school's name only, never case
 * content; the school shown only to who may see where the child is); the
 * explanatory analysis names life domains.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';

const VT_OIN = '00000001823288444000';
const HOUR = 3_600_000;

interface Child {
  lidId: string;
  gesprek: { gesprekdatum: string } | null;
  traumascreening: { uitkomst: string; instrument: string | null; screeningsdatum: string | null; reden: string | null } | null;
  handleWithCare: { nodigSinds: string | null; uiterlijk: string | null; laatste: { uitkomst: string; verstuurdOp: string | null; school: string | null; reden: string | null } | null };
}
interface WorkItem {
  id: string;
  soort: string;
  casusId: string | null;
  vervaldatum: string;
  verlopen: boolean;
  berekend: boolean;
  gegevens: Record<string, unknown>;
  _links: { casus: { href: string } | null };
}

describe('issue 17 point 8: what a case is about', () => {
  let t: TestApp;
  let regisseur: Client;
  let vt: Client;
  let caseId: string;
  let version: number;
  let members: { id: string; naam: string; relatie: string }[];
  const child = (name: string) => members.find((m) => m.naam === name)?.id ?? '';
  const read = async (client: Client = regisseur) => {
    const response = await client.get(`/v1/casussen/${caseId}`);
    expect(response.statusCode, response.body).toBe(200);
    version = response.json().versie;
    return response.json();
  };
  const work = async (client: Client = regisseur) => {
    const response = await client.get('/v1/werkvoorraad');
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ aantallen: Record<string, number>; aantalVerlopen: number; items: WorkItem[] }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(new Date('2026-03-02T09:00:00Z'));
    regisseur = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' });
    vt = clientFor(t, { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis Gelderland-Zuid', oin: VT_OIN, gemeenten: ['Nijmegen'] });
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Sanne Kok', geboortedatum: '1987-04-02', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
          { naam: 'Ruben Kok', geboortedatum: '1985-11-20', relatie: 'ex-partner', betrokkenheid: ['pleger'] },
          { naam: 'Lotte Kok', geboortedatum: '2015-06-01', relatie: 'kind', betrokkenheid: ['getuige'] },
          // Sealed: where she lives, and so where she goes to school, is hidden from whoever may not see it.
          { naam: 'Mees Kok', geboortedatum: '2018-09-12', relatie: 'kind', betrokkenheid: ['getuige'], adres: 'Schuiladres 9', afgeschermd: true },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    version = created.json().versie;
    members = created.json().leden;
    // In the network: a colleague (neutral, not granted the sealed details) and a professional for the perpetrator.
    for (const [id, zijde] of [['mw-002', 'neutraal'], ['mw-009', 'pleger']] as const) {
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body: { soort: 'professional', id, organisatie: 'Hulpverlening', rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde } });
      expect(added.statusCode, added.body).toBe(201);
    }
    await read();
  });
  afterAll(async () => t.close());

  it('an incident without a form of violence records none; no Handle with Care without the police', async () => {
    const incident = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, version, { tijdstip: '2026-03-01T20:00:00+01:00', soort: 'psychisch', omschrijving: 'Dreigende berichten' });
    expect(incident.statusCode, incident.body).toBe(201);
    expect(incident.json().incidenten.at(-1)).toMatchObject({ soort: 'psychisch', vorm: null, bron: null });
    expect(incident.json().kinderen.map((k: Child) => k.handleWithCare.nodigSinds)).toEqual([null, null]);
    expect((await work()).items.filter((i) => i.soort === 'handle-with-care')).toEqual([]);
    await read();
  });

  it('an incident the police were involved in, with its form: each child needs a Handle with Care signal within 24 hours', async () => {
    const at = '2026-03-02T07:30:00.000Z';
    const incident = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, version, { tijdstip: at, soort: 'fysiek', vorm: 'partnergeweld', bron: 'politie', omschrijving: 'Politie ter plaatse' });
    expect(incident.statusCode, incident.body).toBe(201);
    expect(incident.json().incidenten.at(-1)).toMatchObject({ soort: 'fysiek', vorm: 'partnergeweld', bron: 'politie' });
    const due = new Date(new Date(at).getTime() + 24 * HOUR).toISOString();
    expect(incident.json().kinderen).toEqual([
      expect.objectContaining({ lidId: child('Lotte Kok'), handleWithCare: { nodigSinds: at, uiterlijk: due, laatste: null } }),
      expect.objectContaining({ lidId: child('Mees Kok'), handleWithCare: { nodigSinds: at, uiterlijk: due, laatste: null } }),
    ]);
    const items = (await work()).items.filter((i) => i.soort === 'handle-with-care');
    expect(items.map((i) => i.gegevens.lidId).sort()).toEqual([child('Lotte Kok'), child('Mees Kok')].sort());
    for (const item of items) {
      expect(item).toMatchObject({ casusId: caseId, vervaldatum: due, verlopen: false, berekend: true, _links: { casus: { href: `/v1/casussen/${caseId}` } } });
      // Identifiers only: no name, no school, no content.
      expect(Object.keys(item.gegevens)).toEqual(['lidId']);
    }
    // A second police incident before the signal: the earliest stays due (it is the most urgent).
    await read();
    const again = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, version, { tijdstip: '2026-03-02T08:00:00Z', soort: 'fysiek', bron: 'politie', omschrijving: 'Opnieuw' });
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().kinderen[0].handleWithCare.nodigSinds).toBe(at);
    await read();
  });

  it('a Handle with Care record carries the moment and the school name only: any other field is refused, nothing stored', async () => {
    const url = `/v1/casussen/${caseId}/leden/${child('Lotte Kok')}/handle-with-care`;
    for (const body of [
      { uitkomst: 'verstuurd', verstuurdOp: '2026-03-02T08:30:00Z', school: 'Basisschool De Klimop', toelichting: 'Vader sloeg moeder' },
      { uitkomst: 'verstuurd', verstuurdOp: '2026-03-02T08:30:00Z', school: 'Basisschool De Klimop', incident: { soort: 'fysiek' } },
      { uitkomst: 'verstuurd', verstuurdOp: '2026-03-02T08:30:00Z' },
      { uitkomst: 'verstuurd', school: 'De Klimop' },
      { uitkomst: 'niet-van-toepassing' },
      { uitkomst: 'misschien', school: 'De Klimop' },
    ]) {
      const refused = await regisseur.write('PUT', url, version, body);
      expect(refused.statusCode, JSON.stringify(body)).toBe(400);
    }
    const future = await regisseur.write('PUT', url, version, { uitkomst: 'verstuurd', verstuurdOp: '2026-03-03T08:30:00Z', school: 'De Klimop' });
    expect(future.statusCode).toBe(422);
    expect(future.json().code).toBe('casus.kind-datum-in-toekomst');
    expect((await read()).versie).toBe(version);
  });

  it('a signal sent before the incident does not answer it; one after it does, and the item is gone', async () => {
    const url = `/v1/casussen/${caseId}/leden/${child('Lotte Kok')}/handle-with-care`;
    const early = await regisseur.write('PUT', url, version, { uitkomst: 'verstuurd', verstuurdOp: '2026-02-20T08:00:00Z', school: 'Basisschool De Klimop' });
    expect(early.statusCode, early.body).toBe(200);
    expect(early.json().kinderen[0].handleWithCare.nodigSinds).not.toBeNull();
    await read();
    const sent = await regisseur.write('PUT', url, version, { uitkomst: 'verstuurd', verstuurdOp: '2026-03-02T08:45:00Z', school: 'Basisschool De Klimop' });
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json().kinderen[0].handleWithCare).toEqual({
      nodigSinds: null,
      uiterlijk: null,
      laatste: expect.objectContaining({ uitkomst: 'verstuurd', verstuurdOp: '2026-03-02T08:45:00.000Z', school: 'Basisschool De Klimop', reden: null }),
    });
    const left = (await work()).items.filter((i) => i.soort === 'handle-with-care');
    expect(left.map((i) => i.gegevens.lidId)).toEqual([child('Mees Kok')]);
    await read();
    // The sealed child goes to no school yet: that answers it too, with the reason.
    const none = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${child('Mees Kok')}/handle-with-care`, version, { uitkomst: 'niet-van-toepassing', reden: 'Gaat nog naar geen school of opvang' });
    expect(none.statusCode, none.body).toBe(200);
    expect((await work()).items.filter((i) => i.soort === 'handle-with-care')).toEqual([]);
    await read();
  });

  it('overdue after 24 hours: the item sorts first and counts as verlopen', async () => {
    const police = await vt.request('POST', '/v1/berichten', {
      body: { type: 'incident', gemeente: 'Nijmegen', personen: [{ naam: 'Sanne Kok', geboortedatum: '1987-04-02' }], tijdstip: '2026-03-02T08:50:00Z', soort: 'fysiek', omschrijving: 'Melding politie' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(police.statusCode, police.body).toBe(201);
    // The message did not say the form: none is recorded, never guessed; it came from the police: Handle with Care.
    const body = await read();
    expect(body.incidenten.at(-1)).toMatchObject({ vorm: null, bron: 'politie' });
    expect(body.kinderen.map((k: Child) => k.handleWithCare.nodigSinds)).toEqual(['2026-03-02T08:50:00.000Z', '2026-03-02T08:50:00.000Z']);
    t.clock.set(new Date('2026-03-03T09:00:00Z'));
    const list = await work();
    // Overdue first, by due time: the message's incident signal (due at once), then the two signals to the schools.
    expect(list.items.slice(0, 3).map((i) => [i.soort, i.verlopen])).toEqual([
      ['incident', true],
      ['handle-with-care', true],
      ['handle-with-care', true],
    ]);
    expect(list.items.slice(3).every((i) => !i.verlopen)).toBe(true);
    expect(list.aantalVerlopen).toBe(3);
    expect(list.aantallen['handle-with-care']).toBe(2);
  });

  it('a police message may name the form of violence', async () => {
    const police = await vt.request('POST', '/v1/berichten', {
      body: { type: 'incident', gemeente: 'Nijmegen', personen: [{ naam: 'Sanne Kok', geboortedatum: '1987-04-02' }], tijdstip: '2026-03-03T08:00:00Z', soort: 'fysiek', vorm: 'intieme-terreur', omschrijving: 'Melding politie' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(police.statusCode, police.body).toBe(201);
    expect((await read()).incidenten.at(-1)).toMatchObject({ vorm: 'intieme-terreur', bron: 'politie' });
    const unknown = await vt.request('POST', '/v1/berichten', {
      body: { type: 'incident', gemeente: 'Nijmegen', personen: [{ naam: 'Sanne Kok', geboortedatum: '1987-04-02' }], tijdstip: '2026-03-03T08:00:00Z', soort: 'fysiek', vorm: 'huiselijk', omschrijving: 'x' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('the school is shown only to who may see where the child is: never on the perpetrator side, not for a sealed child to the ungranted', async () => {
    await read();
    const sent = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${child('Mees Kok')}/handle-with-care`, version, { uitkomst: 'verstuurd', verstuurdOp: '2026-03-03T08:30:00Z', school: 'Kindcentrum Schuilhoek' });
    expect(sent.statusCode, sent.body).toBe(200);
    const schools = (body: { kinderen: Child[] }) => body.kinderen.map((k) => k.handleWithCare.laatste?.school ?? null);
    expect(schools(await read())).toEqual(['Basisschool De Klimop', 'Kindcentrum Schuilhoek']);
    const colleague = clientFor(t, { sub: 'mw-002' });
    expect(schools(await read(colleague))).toEqual(['Basisschool De Klimop', null]);
    const perpetratorSide = clientFor(t, { sub: 'mw-009' });
    expect(schools(await read(perpetratorSide))).toEqual([null, null]);
    // The timeline too: the event's data has no school for them; the regisseur sees it.
    for (const [client, hidden] of [[colleague, ['Kindcentrum Schuilhoek']], [perpetratorSide, ['Kindcentrum Schuilhoek', 'Basisschool De Klimop']]] as const) {
      const timeline = await client.get(`/v1/casussen/${caseId}/tijdlijn`);
      expect(timeline.statusCode).toBe(200);
      for (const school of hidden) expect(timeline.body).not.toContain(school);
    }
    expect((await regisseur.get(`/v1/casussen/${caseId}/tijdlijn`)).body).toContain('Kindcentrum Schuilhoek');
    // No webhook carries it.
    const { rows } = await t.database.handle.pool.query<{ payload: unknown }>('SELECT payload FROM deliveries');
    for (const row of rows) expect(JSON.stringify(row.payload)).not.toMatch(/Klimop|Schuilhoek/);
  });

  it('per child: a conversation and trauma screening; for another member 422, for no member 404, in the future 422', async () => {
    await read();
    const lotte = child('Lotte Kok');
    const talk = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lotte}/gesprek`, version, { gesprekdatum: '2026-03-03' });
    expect(talk.statusCode, talk.body).toBe(200);
    await read();
    const screened = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lotte}/traumascreening`, version, { uitkomst: 'gedaan', instrument: 'CRIES-13', screeningsdatum: '2026-03-03' });
    expect(screened.statusCode, screened.body).toBe(200);
    expect(screened.json().kinderen[0]).toMatchObject({
      lidId: lotte,
      gesprek: { gesprekdatum: '2026-03-03', vastgelegdDoor: 'mw-001' },
      traumascreening: { uitkomst: 'gedaan', instrument: 'CRIES-13', screeningsdatum: '2026-03-03', reden: null },
    });
    await read();
    const notNeeded = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${child('Mees Kok')}/traumascreening`, version, { uitkomst: 'niet-nodig', reden: 'Geen signalen bij gesprek met school en ouder' });
    expect(notNeeded.statusCode, notNeeded.body).toBe(200);
    expect(notNeeded.json().kinderen[1].traumascreening).toMatchObject({ uitkomst: 'niet-nodig', instrument: null, reden: 'Geen signalen bij gesprek met school en ouder' });
    await read();

    const adult = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${child('Sanne Kok')}/gesprek`, version, { gesprekdatum: '2026-03-03' });
    expect(adult.statusCode).toBe(422);
    expect(adult.json()).toMatchObject({ code: 'casus.lid-geen-kind', guard: 'lidIsKind' });
    const nobody = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${randomUUID()}/traumascreening`, version, { uitkomst: 'niet-nodig', reden: 'x' });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().code).toBe('casus.lid-niet-gevonden');
    const future = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lotte}/gesprek`, version, { gesprekdatum: '2026-03-10' });
    expect(future.statusCode).toBe(422);
    expect((await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lotte}/gesprek`, version, { gesprekdatum: '2026-03-03', inhoud: 'x' })).statusCode).toBe(400);
    // Only the involved local team writes; the timeline tells it without content.
    expect((await clientFor(t, { sub: 'mw-404' }).write('PUT', `/v1/casussen/${caseId}/leden/${lotte}/gesprek`, version, { gesprekdatum: '2026-03-03' })).statusCode).toBe(404);
    const types = (await regisseur.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen.map((e: { type: string }) => e.type);
    expect(types).toEqual(expect.arrayContaining(['kind.gesprek-vastgelegd', 'kind.traumascreening-gewogen', 'kind.handle-with-care-vastgelegd']));
  });

  it('the analysis names life domains (default none)', async () => {
    await read();
    const analysis = await regisseur.write('POST', `/v1/casussen/${caseId}/verklarende-analyse`, version, {
      toelichting: 'Schulden en huisvesting onder druk',
      problemen: ['schulden'],
      leefdomeinen: ['financien', 'wonen'],
    });
    expect(analysis.statusCode, analysis.body).toBe(201);
    expect(analysis.json().verklarendeAnalyse).toMatchObject({ leefdomeinen: ['financien', 'wonen'] });
    await read();
    const bare = await regisseur.write('POST', `/v1/casussen/${caseId}/verklarende-analyse`, version, { toelichting: 'Bijgesteld', problemen: ['schulden'] });
    expect(bare.json().verklarendeAnalyse.leefdomeinen).toEqual([]);
    await read();
    expect((await regisseur.write('POST', `/v1/casussen/${caseId}/verklarende-analyse`, version, { toelichting: 'x', problemen: ['schulden'], leefdomeinen: ['wonen', 'wonen'] })).statusCode).toBe(400);
    expect((await regisseur.write('POST', `/v1/casussen/${caseId}/verklarende-analyse`, version, { toelichting: 'x', problemen: ['schulden'], leefdomeinen: ['onderwijs'] })).statusCode).toBe(400);
    const versions = (await regisseur.get(`/v1/casussen/${caseId}/verklarende-analyse/versies`)).json().versies;
    expect(versions.map((v: { leefdomeinen: string[] }) => v.leefdomeinen)).toEqual([['financien', 'wonen'], []]);
  });
});
