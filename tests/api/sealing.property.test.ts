/**
 * Security finding 1 (and 12): no sealed value, and no organisation on the
 * victim's side, ever reaches a caller who may not see it, by any route or
 * export. Random callers (regisseur, network on each side with and without
 * grants, organisations, break-the-glass, beheerder, coordinator, partners,
 * integratie, auditor, policy staff) first try to change the sealed member,
 * then read every GET route of the OpenAPI document (with each member, as
 * JSON, HTML and CSV); the secrets may appear only in answers to those the
 * model below entitles. Webhook payloads in the outbox never carry them.
 */
import { ROLES, type Role } from '@veilig-samen/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, toplist, type Client } from '../helpers/client.js';
import { urlPaths } from '../helpers/openapi.js';

/** Sealed details, and where a sealed child goes to school (issue 17: a Handle with Care signal names it). */
const SECRETS = ['Geheimstraat 17', '06-99887766', 'Schuiladres 3', 'geheim@example.org', 'Kindcentrum Schuilhoek'];
/** Where a child who is not sealed goes to school: still never shown on the perpetrator's side (issue 17). */
const OPEN_SCHOOL = 'Basisschool De Open Deur';
const REGISSEUR = 'mw-001';
/** People in the network: side and whether the regisseur granted them the sealed details. */
const NETWORK = [
  { sub: 'mw-002', zijde: 'neutraal', granted: false },
  { sub: 'mw-003', zijde: 'slachtoffer', granted: true },
  { sub: 'mw-004', zijde: 'pleger', granted: true },
  { sub: 'mw-005', zijde: 'pleger', granted: false },
] as const;
const BREAK_GLASS = 'mw-006';
const SUBS = [REGISSEUR, ...NETWORK.map((n) => n.sub), BREAK_GLASS, 'mw-007', 'mda-001', 'audit-1'];
const RECLASSERING = '00000001234567890001';
const SHELTER = '00000009876543210002';
/** The organisations a token can claim: a name (free text, proves nothing) and perhaps an OIN. */
const ORGANISATIONS = [
  { organisatie: 'Sociaal Wijkteam Nijmegen' },
  { organisatie: 'Reclassering', oin: RECLASSERING },
  { organisatie: 'Reclassering' },
  { organisatie: 'Vrouwenopvang De Veilige Haven' },
  { organisatie: 'Politie', oin: '00000001111111110003' },
  { organisatie: 'Elders', oin: SHELTER },
];
/** Everything that names the victim's side (finding 12): the shelter, its OIN, the victim-side professional, her organisation in the network and in her token. */
const VICTIM_SIDE = ['Vrouwenopvang De Veilige Haven', SHELTER, 'mw-003', 'Slachtofferhulp Gelderland', OPEN_SCHOOL];

/**
 * On the perpetrator's side: in a role the network applies to (case managers, partners), named personally
 * there or acting for an organisation (by OIN) that is. Region-wide roles are not in a case's network.
 */
function perpetratorSide(role: Role, sub: string, oin: string | undefined): boolean {
  if (role !== 'lokaal-team' && role !== 'ketenpartner') return false;
  return NETWORK.find((n) => n.sub === sub)?.zijde === 'pleger' || oin === RECLASSERING;
}

/** Who may see the sealed member's address and contact: the model of sealing.ts, written out independently. */
function entitled(role: Role, sub: string, oin: string | undefined): boolean {
  if (role !== 'lokaal-team' || perpetratorSide(role, sub, oin)) return false;
  return sub === REGISSEUR || NETWORK.find((n) => n.sub === sub)?.granted === true;
}
const GRANTED: string[] = NETWORK.filter((n) => n.granted).map((n) => n.sub);

/** Changes to the sealed member that nobody but the regisseur may make. */
const FORBIDDEN_PATCHES = [
  { afgeschermd: false },
  { adres: 'Gokstraat 1' },
  { adres: SECRETS[0] },
  { adres: null },
  { contact: null },
  { contact: '06-00000000' },
  { inzageAfgeschermd: ['mw-005'] },
  { afgeschermd: false, naam: 'Anna' },
];

describe("security findings 1 and 12: no sealed value, and no name of the victim's side, reaches a caller who may not see it", () => {
  let t: TestApp;
  let regisseur: Client;
  let caseId: string;
  let memberIds: string[];
  let escalationId: string;
  let meetingId: string;

  beforeAll(async () => {
    // Each random caller reads every route three ways: far more than a person's rate limit allows in a minute.
    t = await createTestApp({ env: { RATE_LIMIT_PER_MINUTE: '1000000' } });
    regisseur = clientFor(t, { sub: REGISSEUR, organisatie: 'Sociaal Wijkteam Nijmegen' });
    // A subscriber to every event, so that the outbox holds the payloads the outside world would get.
    const subscribed = await clientFor(t, { sub: 'beheer-1', rol: 'beheerder' }).request('POST', '/v1/abonnementen', {
      body: { organisatie: 'Politie', url: 'http://127.0.0.1:9/hook', gebeurtenissen: ['casus.fase-gewijzigd', 'casus.opgeschaald', 'opschaling.besloten', 'casus.afgesloten', 'casus.heropend'], gemeenten: ['Nijmegen'] },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const created = await regisseur.request('POST', '/v1/casussen', {
      body: {
        gemeente: 'Nijmegen',
        bron: 'veilig-thuis',
        leden: [
          { naam: 'Anna Verborgen', relatie: 'ouder', betrokkenheid: ['slachtoffer'], adres: 'Schuiladres 3', contact: SECRETS[1], afgeschermd: true, inzageAfgeschermd: GRANTED },
          { naam: 'Bram Open', relatie: 'ex-partner', betrokkenheid: ['pleger'], adres: 'Open laan 2' },
          // Issue 17: two children, one sealed with Anna; each gets a Handle with Care signal to the school.
          { naam: 'Cato Verborgen', relatie: 'kind', betrokkenheid: ['getuige'], adres: 'Schuiladres 3', afgeschermd: true, inzageAfgeschermd: GRANTED },
          { naam: 'Daan Open', relatie: 'kind', betrokkenheid: ['getuige'] },
        ],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    caseId = created.json().id;
    memberIds = created.json().leden.map((l: { id: string }) => l.id);
    for (const n of NETWORK) {
      const organisatie = n.zijde === 'slachtoffer' ? 'Slachtofferhulp Gelderland' : 'Hulpverlening';
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
        body: { soort: 'professional', id: n.sub, organisatie, rol: 'hulpverlener', grondslag: 'Wmo 2015', zijde: n.zijde },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    for (const [organisatie, oin, zijde] of [['Reclassering', RECLASSERING, 'pleger'], ['Politie', '00000001111111110003', 'neutraal'], ['Vrouwenopvang De Veilige Haven', SHELTER, 'slachtoffer']] as const) {
      const added = await regisseur.request('POST', `/v1/casussen/${caseId}/betrokkenen`, {
        body: { soort: 'organisatie', organisatie, oin, rol: 'partner', grondslag: 'Wet veiligheidsregio', zijde, inzage: ['leden', 'verklarende-analyse'] },
      });
      expect(added.statusCode, added.body).toBe(201);
    }
    // The victim-side professional acts under her token's own organisation name: it is hidden too.
    const victimSide = clientFor(t, { sub: 'mw-003', organisatie: 'Slachtofferhulp Gelderland Oost' });
    expect((await victimSide.get(`/v1/casussen/${caseId}`)).statusCode).toBe(200);
    const breakGlass = await clientFor(t, { sub: BREAK_GLASS, organisatie: 'Wijkteam Elders' }).request('POST', `/v1/casussen/${caseId}/noodtoegang`, { body: { reden: 'Regisseur onbereikbaar, acute zorg' } });
    expect(breakGlass.statusCode, breakGlass.body).toBe(201);
    // The regisseur moves the victim while sealed: the old and the new address are both secrets for ever.
    let version = created.json().versie as number;
    for (const change of [{ adres: SECRETS[0] }, { contact: SECRETS[3] }]) {
      const moved = await regisseur.write('PATCH', `/v1/casussen/${caseId}/leden/${memberIds[0]}`, version, change);
      expect(moved.statusCode, moved.body).toBe(200);
      version = moved.json().versie;
    }
    // Issue 17: a police-involved incident, then each child's school hears of it (Handle with Care): the school names where the child is.
    const incident = await regisseur.write('POST', `/v1/casussen/${caseId}/incidenten`, version++, { tijdstip: new Date(t.clock.now().getTime() - 3_600_000).toISOString(), soort: 'fysiek', vorm: 'partnergeweld', bron: 'politie', omschrijving: 'Politie ter plaatse' });
    expect(incident.statusCode, incident.body).toBe(201);
    for (const [lidId, school] of [[memberIds[2], SECRETS[4]], [memberIds[3], OPEN_SCHOOL]] as const) {
      const signal = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${lidId}/handle-with-care`, version++, { uitkomst: 'verstuurd', verstuurdOp: t.clock.now().toISOString(), school });
      expect(signal.statusCode, signal.body).toBe(200);
    }
    const plan = await regisseur.write('PUT', `/v1/casussen/${caseId}/veiligheidsplan`, version++, {
      afspraken: [
        { omschrijving: 'Anna belt bij dreiging 112', eigenaar: { soort: 'lid', lidId: memberIds[0] }, deadline: '2026-03-01' },
        { omschrijving: 'Opvangplek houden', eigenaar: { soort: 'organisatie', naam: 'Vrouwenopvang De Veilige Haven', oin: SHELTER }, deadline: '2026-03-01' },
        { omschrijving: 'Begeleiding Anna', eigenaar: { soort: 'professional', id: 'mw-003', organisatie: 'Slachtofferhulp Gelderland' }, deadline: '2026-03-01' },
        { omschrijving: 'Toezicht Bram', eigenaar: { soort: 'organisatie', naam: 'Reclassering', oin: RECLASSERING }, deadline: '2026-03-01' },
      ],
      akkoordHuishouden: { akkoord: 'ja' },
    });
    expect(plan.statusCode, plan.body).toBe(200);
    expect((await victimSide.write('POST', `/v1/casussen/${caseId}/veiligheidsscores`, version++, toplist(3))).statusCode).toBe(201);
    const escalated = await regisseur.write('POST', `/v1/casussen/${caseId}/opschalingen`, version, { reden: 'Dreiging neemt toe' });
    expect(escalated.statusCode, escalated.body).toBe(201);
    escalationId = escalated.json().laatsteOpschaling.id;
    const coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH', gemeenten: [] });
    expect((await coordinator.request('POST', `/v1/opschalingen/${escalationId}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Complex' } })).statusCode).toBe(200);
    meetingId = (await coordinator.request('POST', '/v1/expertoverleggen', { body: { tijdstip: '2026-02-10T14:00:00+01:00' } })).json().id;
    expect((await coordinator.request('POST', `/v1/expertoverleggen/${meetingId}/agendapunten`, { body: { opschalingId: escalationId } })).statusCode).toBe(201);
  }, 60_000);
  afterAll(async () => t.close());

  /** Every GET route of the OpenAPI document, with its parameters filled in from the case above. */
  async function readableUrls(): Promise<string[]> {
    const document: { paths: Record<string, Record<string, unknown>> } = (await t.app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
    const urls: string[] = [];
    for (const [path, operations] of Object.entries(urlPaths(document))) {
      if (!operations.get || path === '/v1/openapi.json') continue;
      const ids: Record<string, string | undefined> = path.startsWith('/v1/opschalingen/') ? { id: escalationId } : path.startsWith('/v1/expertoverleggen/') ? { id: meetingId } : { id: caseId };
      const variants = path.includes('{lidId}') ? memberIds.map((lidId) => ({ ...ids, lidId })) : [ids];
      for (const values of variants) {
        const url = path.replace(/\{(\w+)\}/g, (_, name: string) => {
          const value = name === 'versie' ? '1' : (values as Record<string, string | undefined>)[name];
          if (value === undefined) throw new Error(`no value for {${name}} in ${path}: add one to this test`);
          return value;
        });
        urls.push(path.startsWith('/v1/rapportages') ? `${url}?kwartaal=2025-K4` : url);
      }
    }
    return urls;
  }

  it('holds for random callers over every GET route, after they tried to lift the seal', async () => {
    const urls = await readableUrls();
    expect(urls).toEqual(expect.arrayContaining([`/v1/casussen/${caseId}`, `/v1/casussen/${caseId}/tijdlijn`, `/v1/casussen/${caseId}/leden/${memberIds[0]}/inzage`]));
    const caller = fc.record({
      role: fc.constantFrom(...ROLES),
      sub: fc.constantFrom(...SUBS),
      organisation: fc.constantFrom(...ORGANISATIONS),
      municipalities: fc.subarray(['Nijmegen', 'Wijchen']),
      patch: fc.constantFrom(...FORBIDDEN_PATCHES),
    });
    await fc.assert(
      fc.asyncProperty(caller, async ({ role, sub, organisation: { organisatie: organisation, oin }, municipalities, patch }) => {
        const claims = { sub, rol: role, organisatie: organisation, gemeenten: municipalities, ...(oin ? { oin } : {}) };
        const client = clientFor(t, claims);
        // A name the caller's own token carries comes back to them (GET /v1/ik): that is no leak.
        const own = [sub, organisation, oin];
        const hidden = [...(entitled(role, sub, oin) ? [] : SECRETS), ...(perpetratorSide(role, sub, oin) ? VICTIM_SIDE.filter((name) => !own.includes(name)) : [])];
        const leak = (body: string, what: string) => {
          for (const secret of hidden) expect(body, `${role} ${sub} (${organisation}, ${oin ?? 'geen OIN'}) saw "${secret}" in ${what}`).not.toContain(secret);
        };
        if (sub !== REGISSEUR) {
          const current = await regisseur.get(`/v1/casussen/${caseId}`);
          const attempt = await client.write('PATCH', `/v1/casussen/${caseId}/leden/${memberIds[0]}`, current.json().versie, patch);
          expect([403, 404], `${role} ${sub} (${organisation}) ${JSON.stringify(patch)}: ${attempt.body}`).toContain(attempt.statusCode);
          leak(attempt.body, 'the answer to its own write');
        }
        for (const url of urls) {
          for (const accept of ['application/json', 'text/html', 'text/csv']) {
            const answer = await t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${t.token(claims)}`, accept } });
            expect(answer.statusCode, `${url} ${accept}`).toBeLessThan(500);
            leak(answer.body, `${url} (${accept})`);
          }
        }
      }),
      { numRuns: Number(process.env.SEALING_RUNS ?? 15) },
    );
    // The seal is where the regisseur left it.
    const anna = (await regisseur.get(`/v1/casussen/${caseId}`)).json().leden[0];
    expect(anna).toMatchObject({ adres: SECRETS[0], contact: SECRETS[3], afgeschermd: true });
  }, 600_000);

  it('a Handle with Care record never carries case content: any other field is refused, and what is stored is the moment and the school', async () => {
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((name) => !['uitkomst', 'verstuurdOp', 'school', 'reden', '__proto__', 'constructor'].includes(name));
    const content = fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.boolean(), fc.constant(null), fc.record({ omschrijving: fc.string({ maxLength: 20 }) }));
    const body = fc.record({
      uitkomst: fc.constantFrom('verstuurd', 'niet-van-toepassing'),
      extra: fc.dictionary(key, content, { minKeys: 0, maxKeys: 3 }),
      lid: fc.constantFrom(2, 3),
    });
    await fc.assert(
      fc.asyncProperty(body, async ({ uitkomst, extra, lid }) => {
        const version = (await regisseur.get(`/v1/casussen/${caseId}`)).json().versie as number;
        const base = uitkomst === 'verstuurd' ? { uitkomst, verstuurdOp: t.clock.now().toISOString(), school: lid === 2 ? SECRETS[4] : OPEN_SCHOOL } : { uitkomst, reden: 'Gaat niet naar school' };
        const answer = await regisseur.write('PUT', `/v1/casussen/${caseId}/leden/${memberIds[lid]}/handle-with-care`, version, { ...extra, ...base });
        expect(answer.statusCode, JSON.stringify(extra)).toBe(Object.keys(extra).length === 0 ? 200 : 400);
      }),
      { numRuns: 40, seed: 20270214 },
    );
    const { rows } = await t.database.handle.pool.query<{ payload: Record<string, unknown> & { signaal: Record<string, unknown> } }>("SELECT payload FROM case_events WHERE type = 'kind.handle-with-care-vastgelegd'");
    expect(rows.length).toBeGreaterThan(2);
    for (const { payload } of rows) {
      expect(Object.keys(payload).sort()).toEqual(['door', 'lidId', 'op', 'signaal', 'type']);
      expect(Object.keys(payload.signaal).every((field) => ['uitkomst', 'verstuurdOp', 'school', 'reden'].includes(field)), JSON.stringify(payload.signaal)).toBe(true);
    }
  }, 120_000);

  it('never puts a sealed value in a webhook payload', async () => {
    const { rows } = await t.database.handle.pool.query<{ payload: unknown }>('SELECT payload FROM deliveries');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) for (const secret of SECRETS) expect(JSON.stringify(row.payload)).not.toContain(secret);
  });
});
