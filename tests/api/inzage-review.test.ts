/**
 * A member's inzage judged as the rules judge it for that member, and released
 * only as it still stands (review of issue 17, findings H1-H4):
 * - H1: each timeline sentence of a member's document is the sentence the same
 *   viewer rules give someone on the member's side (cases/views.ts
 *   describeEventFor): on the perpetrator's side, what the regisseur recorded
 *   about reaching and informing a victim is "Gegevens van een lid vastgelegd.",
 *   as on the perpetrator-side professional's own timeline; the member's own
 *   records stay theirs to read.
 * - H2: no sentence or field names a victim-side party to the perpetrator's side
 *   (a shelter proposing the analysis: not in the sentence, not as voorgesteldDoor).
 * - H3/H4: a draft that no longer stands (the member's side changed, a note in it
 *   withdrawn or withheld afterwards, a member sealed) is refused at release
 *   with 409 `inzage.concept-verouderd`: prepare it again. What happened after
 *   the draft was prepared is simply not in it, and does not stop the release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, householdWithBirthDates as household, releasedInzage, type Client } from '../helpers/client.js';

const SHELTER_OIN = '00000001804542931000';
const SHELTER = 'Blijf Groep Opvang';
const SHELTER_SUB = 'opvang-3';

interface Entry { readonly id: string; readonly omschrijving: string }
interface TimelineEntry { readonly volgnummer: number | null; readonly omschrijving: string }

describe("a member's inzage as the rules judge it for that member, released only as it still stands", () => {
  let t: TestApp;
  let mw: Client;
  let shelter: Client;
  let offender: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    shelter = clientFor(t, { sub: SHELTER_SUB, rol: 'ketenpartner', organisatie: SHELTER, oin: SHELTER_OIN, gemeenten: [] });
    offender = clientFor(t, { sub: 'mw-009', organisatie: 'Reclassering' });
  });
  afterAll(async () => t.close());

  let households = 0;
  /** A household of its own, with the shelter (victim's side) and a probation officer (perpetrator's side) in the network. */
  async function newCase() {
    households += 1;
    const leden = household.leden.map((lid) => ({ ...lid, geslachtsnaam: `${lid.geslachtsnaam} ${households}` }));
    const created = await mw.request('POST', '/v1/casussen', { body: { ...household, leden } });
    expect(created.statusCode, created.body).toBe(201);
    const { id, leden: members } = created.json<{ id: string; leden: { id: string }[] }>();
    const entries: string[] = [];
    for (const body of [
      { soort: 'organisatie', organisatie: SHELTER, oin: SHELTER_OIN, rol: 'opvang', grondslag: { soort: 'toestemming' }, zijde: 'slachtoffer', inzage: ['leden', 'verklarende-analyse'] },
      { soort: 'professional', id: 'mw-009', organisatie: 'Reclassering', rol: 'reclassering', grondslag: 'Wet op de reclassering', zijde: 'pleger' },
    ]) {
      const added = await mw.request('POST', `/v1/casussen/${id}/betrokkenen`, { body });
      expect(added.statusCode, added.body).toBe(201);
      entries.push(added.json().id);
    }
    const [anna, bram, cas] = members.map((m) => m.id) as [string, string, string];
    return { id, anna, bram, cas, shelterEntry: entries[0]! };
  }
  const version = async (caseId: string) => (await mw.get(`/v1/casussen/${caseId}`)).json().versie as number;
  const record = async (caseId: string, url: string, body: unknown) => {
    const answer = await mw.write('PUT', `/v1/casussen/${caseId}${url}`, await version(caseId), body);
    expect(answer.statusCode, `${url}: ${answer.body}`).toBe(200);
  };
  const prepare = async (caseId: string, memberId: string) => {
    const prepared = await mw.request('POST', `/v1/casussen/${caseId}/leden/${memberId}/inzageverzoeken`, { body: {} });
    expect(prepared.statusCode, prepared.body).toBe(201);
    return prepared.json<{ id: string; document: { tijdlijn: Entry[]; notities: { id: string }[] } }>();
  };
  const release = (caseId: string, exportId: string) => mw.request('POST', `/v1/casussen/${caseId}/inzageverzoeken/${exportId}/vrijgave`);
  const refusedAsStale = (answer: { statusCode: number; body: string; json: () => { code: string } }) => {
    expect(answer.statusCode, answer.body).toBe(409);
    expect(answer.json().code).toBe('inzage.concept-verouderd');
  };
  const proposeAnalysis = async (caseId: string) => {
    const own = await shelter.get(`/v1/casussen/${caseId}/mijn-afspraken`);
    expect(own.statusCode, own.body).toBe(200);
    const proposed = await shelter.write('POST', `/v1/casussen/${caseId}/verklarende-analyse/voorstellen`, Number(JSON.parse(own.headers.etag as string)), { toelichting: 'Schulden en trauma', problemen: ['trauma'] });
    expect(proposed.statusCode, proposed.body).toBe(201);
    return proposed.json<{ id: string }>().id;
  };

  it("H1: a perpetrator's document reads each event as the perpetrator's side reads it; each member reads their own records", async () => {
    const c = await newCase();
    await record(c.id, `/leden/${c.anna}/informering`, { status: 'niet-om-veiligheidsredenen', reden: 'Anna verblijft in de opvang', herzienOp: '2026-06-01' });
    await record(c.id, `/leden/${c.anna}/veilig-contact`, { veiligContact: { geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: 'dinsdagochtend' } });
    await record(c.id, `/leden/${c.anna}/toestemmingen/${c.shelterEntry}`, { status: 'ja', sinds: '2026-01-12' });
    await record(c.id, `/leden/${c.anna}/toestemmingen/${c.shelterEntry}`, { status: 'ingetrokken', sinds: '2026-01-13' });
    await record(c.id, `/leden/${c.bram}/informering`, { status: 'ja' });

    const brams = await releasedInzage(mw, c.id, c.bram);
    expect(brams.statusCode, brams.body).toBe(200);
    const document = brams.json<{ tijdlijn: Entry[]; inzagen: { actie: string }[] }>();
    // The access section names who read or wrote a member's data and when, not which kind of record under a member.
    const routes = document.inzagen.map((entry) => entry.actie);
    expect(routes).toContain('PUT /v1/casussen/:id/leden/:lidId');
    for (const kind of ['informering', 'veilig-contact', 'toestemmingen']) expect(JSON.stringify(routes)).not.toContain(kind);
    const sentences = JSON.stringify(document.tijdlijn);
    for (const said of ['veiligheidsredenen', '2026-06-01', 'veilig contact', 'oestemming', 'Intrekking']) expect(sentences).not.toContain(said);
    // The same sentence as the perpetrator-side professional's own timeline, event by event, except Bram's own record.
    const timeline = (await offender.get(`/v1/casussen/${c.id}/tijdlijn`)).json<{ gebeurtenissen: TimelineEntry[] }>().gebeurtenissen;
    const offenderSentence = new Map(timeline.filter((e) => e.volgnummer !== null).map((e) => [`gebeurtenis-${e.volgnummer}`, e.omschrijving]));
    const own = document.tijdlijn.at(-1)!;
    expect(own.omschrijving).toBe('Vastgelegd dat een lid over de casus is geïnformeerd.');
    expect(offenderSentence.get(own.id)).toBe('Gegevens van een lid vastgelegd.');
    for (const entry of document.tijdlijn.slice(0, -1)) expect(entry.omschrijving, entry.id).toBe(offenderSentence.get(entry.id));
    expect(document.tijdlijn.filter((e) => e.omschrijving === 'Gegevens van een lid vastgelegd.')).toHaveLength(4);

    // Anna reads her own records; so does Cas (not on the perpetrator's side), as a colleague in the network would.
    for (const member of [c.anna, c.cas]) {
      const theirs = await releasedInzage(mw, c.id, member);
      expect(theirs.statusCode, theirs.body).toBe(200);
      expect(theirs.body).toContain('om veiligheidsredenen niet over de casus is geïnformeerd; herzien op 2026-06-01');
      expect(theirs.body).toContain('Voorkeur voor veilig contact met een lid vastgelegd.');
    }

    // Once Anna is sealed, her records follow her sealed details: Cas no longer reads them, Anna still does.
    const sealed = await mw.write('PATCH', `/v1/casussen/${c.id}/leden/${c.anna}`, await version(c.id), { afgeschermd: true });
    expect(sealed.statusCode, sealed.body).toBe(200);
    const cas = await releasedInzage(mw, c.id, c.cas);
    expect(cas.body).not.toContain('veiligheidsredenen');
    expect(cas.body).not.toContain('veilig contact');
    const anna = await releasedInzage(mw, c.id, c.anna);
    expect(anna.body).toContain('veiligheidsredenen');
    expect(anna.body).toContain('Voorkeur voor veilig contact met een lid vastgelegd.');
  });

  it('H2: a victim-side partner that proposed the analysis is named to nobody on the perpetrator side, in a sentence or a field', async () => {
    const c = await newCase();
    const proposal = await proposeAnalysis(c.id);
    const leaks = (body: string, what: string) => {
      for (const name of [SHELTER, SHELTER_SUB, SHELTER_OIN]) expect(body, `${name} in ${what}`).not.toContain(name);
    };
    leaks((await offender.get(`/v1/casussen/${c.id}/tijdlijn`)).body, "the offender's timeline");
    const view = await offender.get(`/v1/casussen/${c.id}`);
    leaks(view.body, "the offender's case view");
    expect(view.json().analysevoorstel.voorgesteldDoor).toBe('afgeschermd');
    leaks((await releasedInzage(mw, c.id, c.bram)).body, "Bram's inzage");

    const adopted = await mw.write('POST', `/v1/casussen/${c.id}/verklarende-analyse/voorstellen/${proposal}/vaststelling`, await version(c.id), { akkoordHuishouden: { akkoord: 'ja' } });
    expect(adopted.statusCode, adopted.body).toBe(201);
    const after = await offender.get(`/v1/casussen/${c.id}`);
    leaks(after.body, "the offender's case view after adoption");
    expect(after.json().verklarendeAnalyse.voorgesteldDoor).toBe('afgeschermd');
    const versions = await offender.get(`/v1/casussen/${c.id}/verklarende-analyse/versies`);
    expect(versions.statusCode).toBe(200);
    leaks(versions.body, "the offender's analysis versions");
    leaks((await offender.get(`/v1/casussen/${c.id}/tijdlijn`)).body, "the offender's timeline after adoption");
    leaks((await releasedInzage(mw, c.id, c.bram)).body, "Bram's inzage after adoption");
    // Not hidden from who may see it: the regisseur reads who proposed it.
    expect((await mw.get(`/v1/casussen/${c.id}`)).json().verklarendeAnalyse.voorgesteldDoor).toBe(SHELTER_SUB);
  });

  it('H3: a draft prepared before the member moved to the perpetrator side is not released; a new draft is', async () => {
    const c = await newCase();
    // The shelter reads the household (an access to Cas's data, by the victim's side); a regie note about Cas.
    expect((await shelter.get(`/v1/casussen/${c.id}/mijn-afspraken`)).statusCode).toBe(200);
    const note = await mw.request('POST', `/v1/casussen/${c.id}/notities`, { body: { soort: 'gesprek', contactdatum: '2026-01-14', tekst: 'NIET-VOOR-PLEGERZIJDE', lidIds: [c.cas], zichtbaarheid: 'regie' } });
    expect(note.statusCode, note.body).toBe(201);
    const draft = await prepare(c.id, c.cas);
    expect(JSON.stringify(draft.document)).toContain('NIET-VOOR-PLEGERZIJDE');
    const moved = await mw.write('PATCH', `/v1/casussen/${c.id}/leden/${c.cas}`, await version(c.id), { betrokkenheid: ['pleger'] });
    expect(moved.statusCode, moved.body).toBe(200);
    refusedAsStale(await release(c.id, draft.id));
    // Nothing was released: the draft stays a draft, and there is nothing to download.
    expect((await mw.get(`/v1/casussen/${c.id}/inzageverzoeken/${draft.id}`)).json().status).toBe('concept');
    expect((await mw.get(`/v1/casussen/${c.id}/leden/${c.cas}/inzage`)).json().code).toBe('inzage.niet-vrijgegeven');
    const fresh = await releasedInzage(mw, c.id, c.cas);
    expect(fresh.statusCode, fresh.body).toBe(200);
    for (const said of ['NIET-VOOR-PLEGERZIJDE', SHELTER, SHELTER_SUB]) expect(fresh.body).not.toContain(said);
  });

  it('H4: a note withdrawn or withheld after the draft was prepared is never released; a later event does not stop the release', async () => {
    const c = await newCase();
    const write = async (tekst: string) => {
      const note = await mw.request('POST', `/v1/casussen/${c.id}/notities`, { body: { soort: 'huisbezoek', contactdatum: '2026-01-14', tekst, lidIds: [c.anna], zichtbaarheid: 'regie' } });
      expect(note.statusCode, note.body).toBe(201);
      return note.json<{ id: string }>().id;
    };
    // Withdrawn (filed on the wrong case) after preparing.
    const wrong = await write('VERKEERDE-CASUS-NOTITIE');
    const first = await prepare(c.id, c.anna);
    expect(first.document.notities.map((n) => n.id)).toContain(`notitie-${wrong}`);
    expect((await mw.request('POST', `/v1/casussen/${c.id}/notities/${wrong}/intrekking`, { body: { reden: 'Bij de verkeerde casus vastgelegd' } })).statusCode).toBe(204);
    refusedAsStale(await release(c.id, first.id));

    // Withheld for Anna's safety after preparing.
    const sensitive = await write('GEVOELIGE-NOTITIE');
    const second = await prepare(c.id, c.anna);
    expect(JSON.stringify(second.document)).toContain('GEVOELIGE-NOTITIE');
    expect((await mw.request('POST', `/v1/casussen/${c.id}/notities/${sensitive}/achterhouding`, { body: { reden: 'Veiligheid van Anna' } })).statusCode).toBe(200);
    refusedAsStale(await release(c.id, second.id));

    // Another member sealed after preparing: what the draft says of their corrections reads otherwise now.
    const corrected = await mw.write('PATCH', `/v1/casussen/${c.id}/leden/${c.bram}`, await version(c.id), { adres: 'Dorpsstraat 1' });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const third = await prepare(c.id, c.cas);
    const sealed = await mw.write('PATCH', `/v1/casussen/${c.id}/leden/${c.bram}`, await version(c.id), { afgeschermd: true });
    expect(sealed.statusCode, sealed.body).toBe(200);
    refusedAsStale(await release(c.id, third.id));

    // A draft prepared now is released: the withdrawn note is not in it, the withheld one only as withheld.
    const fourth = await prepare(c.id, c.anna);
    // What happens after preparing (a new note, a score) is not in the draft and does not stop its release.
    await write('LATERE-NOTITIE');
    const scored = await mw.write('POST', `/v1/casussen/${c.id}/veiligheidsscores`, await version(c.id), { score: 6, acties: ['a', 'b', 'c'], perspectieven: [] });
    expect(scored.statusCode, scored.body).toBe(201);
    const released = await release(c.id, fourth.id);
    expect(released.statusCode, released.body).toBe(200);
    const document = await mw.request('GET', `/v1/casussen/${c.id}/inzageverzoeken/${fourth.id}/document`, { headers: { accept: 'application/json' } });
    expect(document.statusCode).toBe(200);
    for (const said of ['VERKEERDE-CASUS-NOTITIE', 'GEVOELIGE-NOTITIE', 'LATERE-NOTITIE']) expect(document.body).not.toContain(said);
    expect(document.json().notities).toEqual([expect.objectContaining({ id: `notitie-${sensitive}`, tekst: null, achtergehouden: { reden: 'Veiligheid van Anna' } })]);
  });
});
