/**
 * Issue 17 point 7: letters to the household in plain Dutch, as PDF, read
 * back with pdf.js. What they say (the regisseur by name and organisation,
 * the consequences of refusing help from the start), what they never say
 * (internal ids, a sealed address, anything of the victim to the
 * perpetrator's side), the safe-contact preference, the werkvoorraad items
 * and the record of sending, and the access log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, type Client } from '../helpers/client.js';
import { pdfText } from '../helpers/pdf.js';

const SECRET_ADDRESS = 'Schuilhof 9, 6511 XX Nijmegen';
const SECRET_CONTACT = '06-44332211';
const BRAM_ADDRESS = 'Open laan 2, 6521 AB Nijmegen';
const SHELTER = 'Vrouwenopvang De Veilige Haven';
const PDF = { accept: 'application/pdf' };

interface Household {
  id: string;
  anna: string;
  bram: string;
  cas: string;
  version: () => Promise<number>;
}

describe('letters to the household as PDF (issue 17 point 7)', () => {
  let t: TestApp;
  let mw: Client;
  beforeAll(async () => {
    t = await createTestApp();
    // The token's name puts the regisseur in the directory of professionals: the letters use it.
    mw = clientFor(t, { sub: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen', name: 'Fatima el Amrani' });
  });
  afterAll(async () => t.close());

  let households = 0;
  async function household(options: { sealed?: boolean } = {}): Promise<Household> {
    // Each household its own child (a birth date makes a household recognisable: 1 gezin, 1 plan).
    households += 1;
    const created = await mw.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          {
            naam: 'Anna de Vries',
            relatie: 'ouder',
            betrokkenheid: ['slachtoffer'],
            adres: options.sealed ? SECRET_ADDRESS : 'Lindelaan 4, 6500 AA Nijmegen',
            contact: SECRET_CONTACT,
            ...(options.sealed ? { afgeschermd: true } : {}),
          },
          { naam: 'Bram de Vries', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: BRAM_ADDRESS },
          { naam: 'Cas de Vries', geboortedatum: `2016-09-${String(households).padStart(2, '0')}`, relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const c = created.json();
    const id = c.id as string;
    return { id, anna: c.leden[0].id, bram: c.leden[1].id, cas: c.leden[2].id, version: async () => (await mw.get(`/v1/casussen/${id}`)).json().versie as number };
  }

  const letter = async (c: Household, soort: string, lid: string, client: Client = mw) => client.request('GET', `/v1/casussen/${c.id}/brieven/${soort}?lid=${lid}`, { headers: PDF });
  const letterText = async (c: Household, soort: string, lid: string) => {
    const answer = await letter(c, soort, lid);
    expect(answer.statusCode, answer.body).toBe(200);
    expect(answer.headers['content-type']).toContain('application/pdf');
    expect(answer.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    return (await pdfText(answer.rawPayload)).text.replace(/\s+/g, ' ');
  };
  const problem = (answer: { statusCode: number; json: () => { code: string } }, status: number, code: string) => {
    expect(answer.statusCode).toBe(status);
    expect(answer.json().code).toBe(code);
  };

  it('the start letter says who the regisseur is and how to reach them, what happens now, what refusing help leads to, and the right to see what is held', async () => {
    const c = await household();
    const text = await letterText(c, 'start', c.anna);
    for (const expected of [
      'Wij helpen u en uw gezin',
      'Beste Anna de Vries,',
      'Uw regisseur is Fatima el Amrani van Sociaal Wijkteam Nijmegen',
      'vraag naar Fatima el Amrani',
      'Wat gebeurt er nu?',
      'veiligheidsplan',
      'Wat als u geen hulp wilt?',
      'melden wij dat aan Veilig Thuis',
      'U mag altijd vragen wat er over u is opgeschreven',
      'Bel dan 112',
      'Lindelaan 4',
    ]) {
      expect(text).toContain(expected);
    }
    // No internal ids or jargon: not the case's or a member's id, not the regisseur's account, not the method's names.
    for (const internal of [c.id, c.anna, c.bram, 'mw-001', 'MDA++', 'TOP3', 'directe-veiligheid', 'regie-']) expect(text).not.toContain(internal);
    // Another member's address or contact is never in a letter.
    expect(text).not.toContain('Open laan 2');
    expect(text).not.toContain(SECRET_CONTACT);
  });

  it('the letter on refusing help says, from the start, what it leads to (child protection only where there are children)', async () => {
    const c = await household();
    const text = await letterText(c, 'gevolgen-hulp-weigeren', c.anna);
    expect(text).toContain('Wat gebeurt er als u geen hulp wilt?');
    expect(text).toContain('Die hulp is vrijwillig');
    expect(text).toContain('Wij melden aan Veilig Thuis');
    expect(text).toContain('Raad voor de Kinderbescherming');
    expect(text).toContain('tijdelijk huisverbod');
    const adults = await mw.request('POST', '/v1/casussen', {
      body: { gemeente: 'Nijmegen', bron: 'politie', leden: [{ naam: 'Els Bakker', relatie: 'partner', betrokkenheid: ['slachtoffer'] }, { naam: 'Kees Bakker', relatie: 'partner', betrokkenheid: ['pleger'] }] },
    });
    const noChildren = await letterText({ ...c, id: adults.json().id }, 'gevolgen-hulp-weigeren', adults.json().leden[0].id);
    expect(noChildren).not.toContain('Kinderbescherming');
  });

  it("never shows a sealed address, and never the victim's details to a member on the perpetrator's side", async () => {
    const c = await household({ sealed: true });
    const version = await c.version();
    const plan = await mw.write('PUT', `/v1/casussen/${c.id}/veiligheidsplan`, version, {
      afspraken: [
        { omschrijving: 'Anna gaat bij dreiging naar de opvang', eigenaar: { soort: 'lid', lidId: c.anna }, deadline: '2026-03-01' },
        { omschrijving: 'Opvangplek vasthouden', eigenaar: { soort: 'organisatie', naam: SHELTER }, deadline: '2026-03-01' },
        { omschrijving: 'Bram volgt de training Agressie de baas', eigenaar: { soort: 'lid', lidId: c.bram }, deadline: '2026-04-01' },
        { omschrijving: 'Bram komt niet in de straat van de school', eigenaar: { soort: 'lid', lidId: c.bram }, deadline: '2026-04-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);

    // Anna's own letters: no address block (sealed), a line that it is handed over; the whole plan, with owners in words.
    const toAnna = await letterText(c, 'veiligheidsplan', c.anna);
    expect(toAnna).not.toContain('Schuilhof');
    expect(toAnna).toContain('persoonlijk van uw regisseur');
    expect(toAnna).toContain('Anna gaat bij dreiging naar de opvang');
    expect(toAnna).toContain(SHELTER);
    expect(toAnna).toContain('Bram volgt de training Agressie de baas');
    expect(toAnna).not.toContain('Open laan');

    // Bram (perpetrator's side): his own agreements only, nothing of Anna's arrangements, address or the shelter.
    for (const soort of ['start', 'gevolgen-hulp-weigeren', 'veiligheidsplan']) {
      const toBram = await letterText(c, soort, c.bram);
      for (const secret of ['Schuilhof', SECRET_CONTACT, SHELTER, 'Opvangplek', 'naar de opvang', 'Anna']) expect(toBram, `${soort}: ${secret}`).not.toContain(secret);
      expect(toBram).toContain('Beste Bram de Vries');
      expect(toBram).toContain('Open laan 2');
    }
    const plan2 = await letterText(c, 'veiligheidsplan', c.bram);
    expect(plan2).toContain('Bram volgt de training Agressie de baas');
    expect(plan2).toContain('Bram komt niet in de straat van de school');
    expect(plan2).toContain('omdat ze over de veiligheid van anderen gaan');
  });

  it('honours the safe-contact preference: no home address, how the letter comes, and no sending by post', async () => {
    const c = await household();
    // The preference as H3's safe-contact route records it (Member.veiligContact); set in the stored case here.
    await t.database.handle.pool.query(`UPDATE cases SET state = jsonb_set(state, '{context,leden,0,veiligContact}', $2::jsonb) WHERE id = $1`, [
      c.id,
      JSON.stringify({ geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: 'dinsdagochtend', toelichting: null }),
    ]);
    const text = await letterText(c, 'start', c.anna);
    expect(text).not.toContain('Lindelaan');
    expect(text).toContain('niet per post naar uw huisadres');
    // The safe moment is kept, not printed: others in the house may read the letter (review of issue 17, L4).
    expect(text).not.toContain('dinsdagochtend');
    expect(text).toContain('op het moment dat u ons noemde');
    expect(text).toContain('per telefoon');

    const datum = t.clock.now().toISOString().slice(0, 10);
    problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze: 'post' }), 409, 'brief.geen-post-thuisadres');
    const handed = await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze: 'persoonlijk' });
    expect(handed.statusCode, handed.body).toBe(201);
  });

  it('sends a letter the way the member asked for, when that is a way a letter can go (e-mail, in person)', async () => {
    const c = await household();
    const datum = t.clock.now().toISOString().slice(0, 10);
    for (const [kanaal, refused, allowed] of [
      ['email', ['post', 'persoonlijk'], 'email'],
      ['persoonlijk', ['post', 'email'], 'persoonlijk'],
    ] as const) {
      const safe = await mw.write('PUT', `/v1/casussen/${c.id}/leden/${c.anna}/veilig-contact`, await c.version(), { veiligContact: { geenPostThuisadres: false, kanaal, veiligMoment: null, toelichting: null } });
      expect(safe.statusCode, safe.body).toBe(200);
      for (const wijze of refused) problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze }), 409, 'brief.ander-kanaal');
      expect((await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze: allowed })).statusCode).toBe(201);
    }
    // A preference for the telephone leaves the letter's way to the regisseur (post too, when post at home is fine).
    const phone = await mw.write('PUT', `/v1/casussen/${c.id}/leden/${c.anna}/veilig-contact`, await c.version(), { veiligContact: { geenPostThuisadres: false, kanaal: 'telefoon', veiligMoment: 'dinsdagochtend', toelichting: null } });
    expect(phone.statusCode, phone.body).toBe(200);
    expect((await mw.write('POST', `/v1/casussen/${c.id}/brieven/gevolgen-hulp-weigeren/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze: 'post' })).statusCode).toBe(201);
  });

  it('makes no letter for a member kept uninformed for safety reasons, and takes their letters out of the werkvoorraad', async () => {
    const c = await household();
    const datum = t.clock.now().toISOString().slice(0, 10);
    const items = async () =>
      ((await mw.get('/v1/werkvoorraad?soort=brief-versturen&paginaGrootte=100')).json().items as { casusId: string; gegevens: { lidId: string } }[])
        .filter((i) => i.casusId === c.id)
        .map((i) => i.gegevens.lidId)
        .sort();
    expect(await items()).toEqual([c.anna, c.bram].sort());
    const kept = await mw.write('PUT', `/v1/casussen/${c.id}/leden/${c.anna}/informering`, await c.version(), { status: 'niet-om-veiligheidsredenen', reden: 'Bram leest haar post', herzienOp: '2099-01-01' });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(await items()).toEqual([c.bram]);
    for (const soort of ['start', 'gevolgen-hulp-weigeren']) problem(await letter(c, soort, c.anna), 409, 'brief.lid-niet-informeren');
    problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: datum, wijze: 'persoonlijk' }), 409, 'brief.lid-niet-informeren');
    // Bram's letters are his own matter.
    expect((await letter(c, 'start', c.bram)).statusCode).toBe(200);
    // Once informing is safe again, the letters can be made.
    const informed = await mw.write('PUT', `/v1/casussen/${c.id}/leden/${c.anna}/informering`, await c.version(), { status: 'ja' });
    expect(informed.statusCode, informed.body).toBe(200);
    expect((await letter(c, 'start', c.anna)).statusCode).toBe(200);
  });

  it('puts a start letter per member of 16 and older in the werkvoorraad when the case opens; recording the sending settles it', async () => {
    const c = await household();
    const items = async () =>
      ((await mw.get('/v1/werkvoorraad?soort=brief-versturen&paginaGrootte=100')).json().items as { casusId: string; gegevens: { lidId: string; brief: string } }[]).filter((i) => i.casusId === c.id);
    expect((await items()).map((i) => i.gegevens).sort((a, b) => a.lidId.localeCompare(b.lidId))).toEqual(
      [c.anna, c.bram].sort().map((lidId) => ({ lidId, brief: 'start' })),
    );
    const clock = t.clock.now().toISOString().slice(0, 10);
    problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: '2099-01-01', wijze: 'post' }), 422, 'brief.datum-in-toekomst');
    problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.cas, verzondenOp: clock, wijze: 'post' }), 422, 'brief.lid-te-jong');
    problem(await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: '00000000-0000-4000-8000-000000000000', verzondenOp: clock, wijze: 'post' }), 422, 'brief.lid-onbekend');
    const sent = await mw.write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: clock, wijze: 'post', toelichting: 'Met de post mee' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect((await items()).map((i) => i.gegevens.lidId)).toEqual([c.bram]);
    const timeline = (await mw.get(`/v1/casussen/${c.id}/tijdlijn`)).json().gebeurtenissen.map((e: { omschrijving: string }) => e.omschrijving);
    expect(timeline).toContain(`Brief "Wij helpen u en uw gezin" verstuurd aan een lid (per post, ${clock}).`);
  });

  it('the closing letter only after closure; closing asks for it per member and ends the start letters not sent', async () => {
    const c = await household();
    problem(await letter(c, 'afsluiting', c.anna), 409, 'brief.casus-niet-afgesloten');
    problem(await letter(c, 'veiligheidsplan', c.anna), 409, 'brief.geen-veiligheidsplan');
    let version = await c.version();
    expect((await mw.write('POST', `/v1/casussen/${c.id}/terugmeldingen`, version++, { reden: 'hulp-geweigerd', toelichting: 'Het huishouden wil geen hulp meer' })).statusCode).toBe(201);
    expect((await mw.write('POST', `/v1/casussen/${c.id}/afsluiting`, version++, { reden: 'hulp-geweigerd' })).statusCode).toBe(200);
    const text = await letterText(c, 'afsluiting', c.bram);
    expect(text).toContain('De hulp stopt');
    expect(text).toContain('geen hulp meer wilt');
    expect(text).toContain('Veilig Thuis');
    const open = ((await mw.get('/v1/werkvoorraad?soort=brief-versturen&paginaGrootte=100')).json().items as { casusId: string; gegevens: { brief: string } }[]).filter((i) => i.casusId === c.id);
    expect(open.map((i) => i.gegevens.brief)).toEqual(['afsluiting', 'afsluiting']);
    const clock = t.clock.now().toISOString().slice(0, 10);
    expect((await mw.write('POST', `/v1/casussen/${c.id}/brieven/afsluiting/verzendingen`, version++, { lid: c.anna, verzondenOp: clock, wijze: 'email' })).statusCode).toBe(201);
    // A repeat: the closing letter not sent asks for nothing any more; the start letters begin anew.
    expect((await mw.write('POST', `/v1/casussen/${c.id}/heropening`, version, { reden: 'Nieuwe melding van de politie' })).statusCode).toBe(200);
    const reopened = ((await mw.get('/v1/werkvoorraad?soort=brief-versturen&paginaGrootte=100')).json().items as { casusId: string; gegevens: { brief: string; lidId: string } }[]).filter((i) => i.casusId === c.id);
    expect(reopened.map((i) => i.gegevens).sort((a, b) => a.lidId.localeCompare(b.lidId))).toEqual([c.anna, c.bram].sort().map((lidId) => ({ lidId, brief: 'start' })));
  });

  it('only the regisseur makes letters; a child gets none; an Accept without PDF is 406; each letter is in the access log', async () => {
    const c = await household();
    const added = await mw.request('POST', `/v1/casussen/${c.id}/betrokkenen`, { body: { soort: 'professional', id: 'mw-002', organisatie: 'GGZ', rol: 'behandelaar', grondslag: 'Wmo 2015' } });
    expect(added.statusCode, added.body).toBe(201);
    problem(await letter(c, 'start', c.anna, clientFor(t, { sub: 'mw-002' })), 403, 'brief.alleen-regisseur');
    problem(await clientFor(t, { sub: 'mw-002' }).write('POST', `/v1/casussen/${c.id}/brieven/start/verzendingen`, await c.version(), { lid: c.anna, verzondenOp: '2020-01-01', wijze: 'email' }), 403, 'brief.alleen-regisseur');
    expect((await letter(c, 'start', c.anna, clientFor(t, { sub: 'mw-009' }))).statusCode).toBe(404);
    expect((await letter(c, 'start', c.anna, clientFor(t, { sub: 'beheer-1', rol: 'beheerder' }))).statusCode).toBe(403);
    expect((await letter(c, 'start', c.anna, clientFor(t, { sub: 'privacy-1', rol: 'privacy' }))).statusCode).toBe(403);
    problem(await letter(c, 'start', c.cas), 422, 'brief.lid-te-jong');
    problem(await letter(c, 'start', '00000000-0000-4000-8000-000000000000'), 422, 'brief.lid-onbekend');
    problem(await mw.request('GET', `/v1/casussen/${c.id}/brieven/start?lid=${c.anna}`, { headers: { accept: 'application/json' } }), 406, 'brief.alleen-pdf');
    expect((await mw.request('GET', `/v1/casussen/${c.id}/brieven/onbekend?lid=${c.anna}`, { headers: PDF })).statusCode).toBe(400);

    expect((await letter(c, 'gevolgen-hulp-weigeren', c.bram)).statusCode).toBe(200);
    const { rows } = await t.database.handle.pool.query<{ actor_sub: string; action: string; member_ids: string[]; result: string }>(
      `SELECT actor_sub, action, member_ids, result FROM access_log WHERE case_id = $1 AND action LIKE 'GET /v1/casussen/:id/brieven/%' ORDER BY id`,
      [c.id],
    );
    expect(rows.filter((r) => r.result === 'toegestaan')).toEqual([{ actor_sub: 'mw-001', action: 'GET /v1/casussen/:id/brieven/:soort', member_ids: [c.bram], result: 'toegestaan' }]);
    expect(rows.some((r) => r.actor_sub === 'mw-002' && r.result === 'geweigerd')).toBe(true);
  });
});
