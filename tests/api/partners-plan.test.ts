/**
 * Issue 17 point 5 over HTTP: partners act on the plan. The owner of an
 * agreement (a professional by sub, an organisation by the OIN in its token,
 * never by name) marks it done or lapsed with a note, and gives its own
 * perspective on safety, which never counts as the joint score; the three
 * TOP3 actions of a scoring name or make agreements, and the next scoring
 * shows how the previous three went.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, toplist, type Client } from '../helpers/client.js';

const POLICE_OIN = '00000001003214345000';
const police = { soort: 'organisatie', naam: 'Politie Oost-Nederland', oin: POLICE_OIN } as const;

describe('partners act on the plan (issue 17 point 5)', () => {
  let t: TestApp;
  let mw: Client;
  let agent: Client;
  let caseId: string;
  let members: string[];
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    agent = clientFor(t, { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, gemeenten: [] });
    const created = (await mw.request('POST', '/v1/casussen', { body: household })).json();
    caseId = created.id;
    members = created.leden.map((l: { id: string }) => l.id);
    const plan = await mw.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, 1, {
      afspraken: [
        { omschrijving: 'Extra surveillance in de straat', eigenaar: police, deadline: '2026-02-01' },
        { omschrijving: 'Anna belt haar zus bij spanning', eigenaar: { soort: 'lid', lidId: members[0] }, deadline: '2026-02-01' },
        { omschrijving: 'Gesprek met de gezinscoach', eigenaar: { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' }, deadline: '2026-02-15' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    for (const body of [
      { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, rol: 'politie', grondslag: { soort: 'wettelijke-taak', referentie: 'Wpg art. 16' } },
      { soort: 'professional', id: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen', rol: 'gezinscoach', grondslag: { soort: 'wettelijke-taak', referentie: 'Jeugdwet' } },
    ]) {
      const added = await mw.request('POST', `/v1/casussen/${caseId}/betrokkenen`, { body });
      expect(added.statusCode, added.body).toBe(201);
    }
  });
  afterAll(async () => t.close());

  const partnerView = async (client: Client) => {
    const view = await client.get(`/v1/casussen/${caseId}/mijn-afspraken`);
    expect(view.statusCode, view.body).toBe(200);
    return { body: view.json(), version: Number(JSON.parse(view.headers.etag as string)) };
  };

  it('the owner marks its agreement done with a note, by its OIN; the regisseur sees it in the plan and the timeline', async () => {
    const { body, version } = await partnerView(agent);
    const [mine] = body.afspraken;
    expect(mine).toMatchObject({ omschrijving: 'Extra surveillance in de straat', status: 'open', statuswijziging: null });
    // Without If-Match: 428, like every write; a stale version: 412.
    expect((await agent.request('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, { body: { status: 'gedaan', toelichting: 'x' } })).statusCode).toBe(428);
    expect((await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, version - 1, { status: 'gedaan', toelichting: 'x' })).statusCode).toBe(412);
    // A note is required; only gedaan or vervallen.
    expect((await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, version, { status: 'gedaan' })).statusCode).toBe(400);
    expect((await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, version, { status: 'open', toelichting: 'x' })).statusCode).toBe(400);

    const marked = await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, version, { status: 'gedaan', toelichting: 'Drie weken extra gesurveilleerd' });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.headers.etag).toBe(`"${version + 1}"`);
    expect(marked.json().afspraken[0]).toMatchObject({ status: 'gedaan', statuswijziging: { vastgelegdDoor: 'agent-12', toelichting: 'Drie weken extra gesurveilleerd' } });
    // The answer is the partner view, never the case.
    expect(marked.json().leden).toBeNull();

    const plan = (await mw.get(`/v1/casussen/${caseId}/veiligheidsplan`)).json();
    expect(plan.afspraken[0]).toMatchObject({ status: 'gedaan', statuswijziging: { toelichting: 'Drie weken extra gesurveilleerd' } });
    const timeline = (await mw.get(`/v1/casussen/${caseId}/tijdlijn`)).json().gebeurtenissen;
    expect(timeline.at(-1)).toMatchObject({ type: 'afspraak.status-gewijzigd', omschrijving: expect.stringContaining('eigenaar'), door: { id: 'agent-12', rol: 'ketenpartner' } });

    // Again: it is no longer open.
    const again = await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${mine.id}/afmelding`, version + 1, { status: 'vervallen', toelichting: 'x' });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('casus.afspraak-niet-open');
  });

  it("nobody marks another's agreement: not by name, not the household's, not outside the network", async () => {
    const { body, version } = await partnerView(agent);
    const plan = (await mw.get(`/v1/casussen/${caseId}/veiligheidsplan`)).json();
    const annas = plan.afspraken[1].id;
    const refused = await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${annas}/afmelding`, version, { status: 'gedaan', toelichting: 'x' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'casus.afspraak-niet-van-u', guard: 'eigenaarMeldtAf' });
    // A token that says "Politie Oost-Nederland" without the OIN: not in the network, the case does not exist for it.
    const namesake = clientFor(t, { sub: 'agent-13', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', gemeenten: [] });
    expect((await namesake.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${body.afspraken[0].id}/afmelding`, version, { status: 'gedaan', toelichting: 'x' })).statusCode).toBe(404);
    // An agreement that is not in the plan.
    const unknown = await agent.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/00000000-0000-4000-8000-000000000000/afmelding`, version, { status: 'gedaan', toelichting: 'x' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('casus.afspraak-niet-gevonden');
    // Roles outside the network never write here.
    expect((await clientFor(t, { sub: 'beleid-1', rol: 'beleid', gemeenten: ['Nijmegen'] }).write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${annas}/afmelding`, version, { status: 'gedaan', toelichting: 'x' })).statusCode).toBe(403);
  });

  it('a professional in the network marks its own agreement (by sub); the case manager may also add a note to a status change', async () => {
    const coach = clientFor(t, { sub: 'mw-002', organisatie: 'Sociaal Wijkteam Nijmegen' });
    const { body, version } = await partnerView(coach);
    expect(body.afspraken.map((a: { omschrijving: string }) => a.omschrijving)).toEqual(['Gesprek met de gezinscoach']);
    const marked = await coach.write('POST', `/v1/casussen/${caseId}/mijn-afspraken/${body.afspraken[0].id}/afmelding`, version, { status: 'vervallen', toelichting: 'Gezin wilde geen gesprek meer' });
    expect(marked.statusCode, marked.body).toBe(200);
    const plan = (await mw.get(`/v1/casussen/${caseId}/veiligheidsplan`)).json();
    const annas = plan.afspraken[1].id;
    const patched = await mw.write('PATCH', `/v1/casussen/${caseId}/veiligheidsplan/afspraken/${annas}`, version + 1, { status: 'gedaan', toelichting: 'Anna heeft het geregeld' });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json().afspraken[1]).toMatchObject({ status: 'gedaan', statuswijziging: { vastgelegdDoor: 'mw-001', toelichting: 'Anna heeft het geregeld' } });
  });

  it("a partner's own perspective is kept and listed, and never counts as the joint score", async () => {
    const { version } = await partnerView(agent);
    const given = await agent.write('POST', `/v1/casussen/${caseId}/perspectieven`, version, { score: 9, toelichting: 'Geen meldingen meer in de straat' });
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json().perspectief).toMatchObject({ score: 9, toelichting: 'Geen meldingen meer in de straat', van: { soort: 'organisatie', oin: POLICE_OIN }, vastgelegdDoor: 'agent-12' });
    // Without a reason: 400; out of range: 400.
    expect((await agent.write('POST', `/v1/casussen/${caseId}/perspectieven`, version + 1, { score: 9 })).statusCode).toBe(400);
    expect((await agent.write('POST', `/v1/casussen/${caseId}/perspectieven`, version + 1, { score: 11, toelichting: 'x' })).statusCode).toBe(400);

    const view = (await mw.get(`/v1/casussen/${caseId}`)).json();
    expect(view).toMatchObject({ laatsteVeiligheidsscore: null, drempelBereikt: false, netwerkPerspectieven: [{ score: 9, organisatie: 'Politie Oost-Nederland' }] });
    // A 9 of a partner does not take the case out of directe veiligheid: the joint score decides.
    const advance = await mw.write('POST', `/v1/casussen/${caseId}/faseovergangen`, view.versie, { naar: 'oorzaken-onderzoeken' });
    expect(advance.statusCode).toBe(409);
    expect(advance.json().code).toBe('casus.veiligheid-onder-drempel');
    expect((await mw.get(`/v1/casussen/${caseId}/veiligheidsscores`)).json().scores).toEqual([]);
    // The regisseur's view is the joint score.
    const own = await mw.write('POST', `/v1/casussen/${caseId}/perspectieven`, view.versie, { score: 5, toelichting: 'x' });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('casus.perspectief-van-regisseur');

    const second = await agent.write('POST', `/v1/casussen/${caseId}/perspectieven`, view.versie, { score: 7, toelichting: 'Een nieuwe melding van de buren' });
    expect(second.statusCode, second.body).toBe(201);
    const listed = await mw.get(`/v1/casussen/${caseId}/perspectieven`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json().perspectieven.map((p: { score: number }) => p.score)).toEqual([9, 7]);
    expect(listed.headers['x-total-count']).toBe('2');
    // The case keeps the latest per partner.
    expect((await mw.get(`/v1/casussen/${caseId}`)).json().netwerkPerspectieven.map((p: { score: number }) => p.score)).toEqual([7]);
    // The list is the case's: a partner reads its own in its view, not the others'.
    expect((await agent.get(`/v1/casussen/${caseId}/perspectieven`)).statusCode).toBe(403);
  });
});

describe('TOP3 actions are trackable (issue 17 point 5)', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  it('each action names an agreement or makes one; the next scoring shows how the previous three went', async () => {
    const created = (await mw.request('POST', '/v1/casussen', { body: household })).json();
    const id = created.id as string;
    // Without a plan, an action with a new agreement has nowhere to go.
    const noPlan = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, {
      score: 4,
      acties: ['a', { omschrijving: 'b', nieuweAfspraak: { eigenaar: police, deadline: '2026-02-01' } }, 'c'],
    });
    expect(noPlan.statusCode).toBe(409);
    expect(noPlan.json().code).toBe('casus.geen-veiligheidsplan');
    // Text-only actions, as before: still three strings.
    const old = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 1, toplist(3));
    expect(old.statusCode, old.body).toBe(201);
    const plan = await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 2, {
      afspraken: [{ omschrijving: 'Huisarts bellen', eigenaar: { soort: 'lid', lidId: created.leden[0].id }, deadline: '2026-02-01' }],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    const existing = plan.json().afspraken[0].id as string;

    const unknown = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 3, {
      score: 4,
      acties: [{ omschrijving: 'a', afspraakId: '00000000-0000-4000-8000-000000000000' }, 'b', 'c'],
    });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().code).toBe('casus.actie-afspraak-onbekend');
    const badOwner = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 3, {
      score: 4,
      acties: ['a', { omschrijving: 'b', nieuweAfspraak: { eigenaar: { soort: 'lid', lidId: '00000000-0000-4000-8000-000000000000' }, deadline: '2026-02-01' } }, 'c'],
    });
    expect(badOwner.statusCode).toBe(422);
    expect(badOwner.json().code).toBe('casus.eigenaar-onbekend');

    const scored = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 3, {
      score: 5,
      acties: [
        { omschrijving: 'Huisarts bellen', afspraakId: existing },
        { omschrijving: 'Surveillance in de straat', nieuweAfspraak: { eigenaar: police, deadline: '2026-02-10' } },
        'Contact school',
      ],
    });
    expect(scored.statusCode, scored.body).toBe(201);
    const made = scored.json().top3Acties[1].afspraakId as string;
    expect(scored.json().top3Acties).toEqual([
      { omschrijving: 'Huisarts bellen', afspraakId: existing, status: 'open' },
      { omschrijving: 'Surveillance in de straat', afspraakId: made, status: 'open' },
      { omschrijving: 'Contact school', afspraakId: null, status: null },
    ]);
    // The new agreement is in the current plan version (no new version), with its owner, date and source.
    const current = (await mw.get(`/v1/casussen/${id}/veiligheidsplan`)).json();
    expect(current.versie).toBe(1);
    expect(current.afspraken[1]).toMatchObject({ id: made, omschrijving: 'Surveillance in de straat', eigenaar: police, deadline: '2026-02-10', status: 'open', bron: 'top3', akkoordHuishouden: true });
    expect((await mw.get(`/v1/casussen/${id}/veiligheidsplan/versies/1`)).json().afspraken).toHaveLength(2);

    // The police (in the network by OIN) marks its action's agreement done.
    await mw.request('POST', `/v1/casussen/${id}/betrokkenen`, { body: { soort: 'organisatie', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, rol: 'politie', grondslag: { soort: 'wettelijke-taak', referentie: 'Wpg' } } });
    const agent = clientFor(t, { sub: 'agent-12', rol: 'ketenpartner', organisatie: 'Politie Oost-Nederland', oin: POLICE_OIN, gemeenten: [] });
    expect((await agent.write('POST', `/v1/casussen/${id}/mijn-afspraken/${made}/afmelding`, 4, { status: 'gedaan', toelichting: 'Gedaan' })).statusCode).toBe(200);
    expect((await mw.get(`/v1/casussen/${id}`)).json().top3Acties[1]).toMatchObject({ status: 'gedaan' });

    const next = await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 5, toplist(6));
    expect(next.statusCode, next.body).toBe(201);
    const series = (await mw.get(`/v1/casussen/${id}/veiligheidsscores`)).json().scores;
    expect(series).toHaveLength(3);
    // The scoring from before: three strings, readable as they were.
    expect(series[0]).toMatchObject({ acties: toplist(3).acties, actieAfspraken: [], vorigeActies: null });
    expect(series[1]).toMatchObject({ actieAfspraken: [existing, made, null], vorigeActies: null });
    expect(series[2].vorigeActies).toEqual([
      { omschrijving: 'Huisarts bellen', afspraakId: existing, status: 'open' },
      { omschrijving: 'Surveillance in de straat', afspraakId: made, status: 'gedaan' },
      { omschrijving: 'Contact school', afspraakId: null, status: null },
    ]);
  });
});
