/**
 * Security finding 6: an existence oracle. An uninvolved case manager who
 * opens a case with a known name and birth date learned from the 409 that
 * this person has a case, and the probe was nowhere in that case's log. Now
 * the answer says only that the household has a case here (always the same
 * body), the attempt is recorded on the matched case (access log, timeline,
 * webhook) in its own transaction, a caller gets a few such answers a day
 * and then 429 until midnight (the beheerder is told), and callers of
 * another municipality learn nothing.
 */
import { Writable } from 'node:stream';
import { buildApp, resolveJwtKeys } from '@veilig-samen/api';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../services/api/src/logging/logger.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, householdWithBirthDates, type Client } from '../helpers/client.js';

const [anna, bram, cas] = householdWithBirthDates.leden;
const piet = { naam: 'Piet Post', geboortedatum: '1979-02-03', relatie: 'ouder', betrokkenheid: ['slachtoffer'] };
const sanne = { naam: 'Sanne Post', geboortedatum: '2012-07-08', relatie: 'kind', betrokkenheid: ['getuige'] };
/** What a prober types besides the match: must never reach the case's timeline, webhook or regisseur. */
const typed = { naam: 'Xaviera Onbekend-Geheim', geboortedatum: '1990-10-10', relatie: 'ouder', betrokkenheid: ['slachtoffer'] };
const withMembers = (...leden: unknown[]) => ({ gemeente: 'Nijmegen', bron: 'veilig-thuis', leden });
const PROBLEM_HEADERS_THAT_WOULD_POINT = ['location', 'etag', 'link', 'x-total-count', 'content-location'];

/** Log lines as parsed JSON, from the app's own logger. */
function logSink() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino(loggerOptions('info'), sink), lines };
}

async function count(t: TestApp, table: string, where = 'true', params: unknown[] = []): Promise<number> {
  return Number((await t.database.handle.pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params)).rows[0]?.n);
}

describe('security finding 6: an existence oracle (the answer, the record on the existing case)', () => {
  let t: TestApp;
  let regisseur: Client;
  let prober: Client;
  let deVries: string;
  let post: string;
  let members: Record<string, string>;
  beforeAll(async () => {
    // A generous limit here: these tests look at the answer and the record, the limit has its own tests below.
    t = await createTestApp({ env: { CREATION_MATCHES_PER_DAY: '50' } });
    regisseur = clientFor(t);
    prober = clientFor(t, { sub: 'mw-900', organisatie: 'Wijkteam Oost' });
    const first = await regisseur.request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(first.statusCode, first.body).toBe(201);
    deVries = first.json().id;
    members = Object.fromEntries(first.json().leden.map((l: { id: string; naam: string }) => [l.naam, l.id]));
    const second = await clientFor(t, { sub: 'mw-002' }).request('POST', '/v1/casussen', { body: withMembers(piet, sanne) });
    expect(second.statusCode, second.body).toBe(201);
    post = second.json().id;
  });
  afterAll(async () => t.close());

  it('answers the same 409 whichever member matched and however many cases did, naming nothing and pointing nowhere', async () => {
    const attempts = [withMembers(anna), withMembers(cas), householdWithBirthDates, withMembers(typed, bram), withMembers(anna, piet), withMembers(sanne)];
    const answers = [];
    for (const body of attempts) answers.push(await prober.request('POST', '/v1/casussen', { body }));
    for (const answer of answers) {
      expect(answer.statusCode, answer.body).toBe(409);
      expect(answer.headers['content-type']).toContain('application/problem+json');
      for (const header of PROBLEM_HEADERS_THAT_WOULD_POINT) expect(answer.headers[header], header).toBeUndefined();
      for (const secret of [deVries, post, 'mw-001', 'mw-002', 'directe-veiligheid', 'Anna', 'Piet', 'Vries', 'Post', members['Anna de Vries']!]) {
        expect(answer.body, secret).not.toContain(secret);
      }
    }
    // Byte for byte the same body, and the same set of headers.
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(new Set(answers.map((a) => Object.keys(a.headers).sort().join(','))).size).toBe(1);
    const body = answers[0]!.json();
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    expect(body).toMatchObject({ status: 409, code: 'casus.huishouden-heeft-al-casus', instance: '/v1/casussen' });
    // It says which rule refused and what to do: the regisseur is told and decides about the network.
    expect(body.title).toContain('1 gezin, 1 plan');
    expect(body.detail).toMatch(/regisseur .*krijgt bericht van uw poging/);
  });

  it('records the attempt in the existing case’s access log, naming the matched member, in its own transaction', async () => {
    const before = await count(t, 'access_log', 'case_id = $1', [deVries]);
    const refused = await clientFor(t, { sub: 'mw-901', organisatie: 'Wijkteam Noord' }).request('POST', '/v1/casussen', { body: withMembers(typed, bram) });
    expect(refused.statusCode).toBe(409);
    // One row on the case (none without a case for the same request).
    expect(await count(t, 'access_log', 'case_id = $1', [deVries])).toBe(before + 1);
    expect(await count(t, 'access_log', 'request_id = $1', [refused.headers['x-request-id']])).toBe(1);
    const log = (await regisseur.get(`/v1/casussen/${deVries}/toegangslog`)).json().toegangen as Record<string, unknown>[];
    expect(log[0]).toMatchObject({
      medewerker: { id: 'mw-901', organisatie: 'Wijkteam Noord', rol: 'lokaal-team' },
      casusId: deVries,
      leden: [members['Bram de Vries']],
      resultaat: 'geweigerd',
      status: 409,
      actie: expect.stringContaining('aanmaakpoging'),
    });
    // A match on two cases is on record on both.
    const both = await clientFor(t, { sub: 'mw-902' }).request('POST', '/v1/casussen', { body: withMembers(anna, piet) });
    expect(both.statusCode).toBe(409);
    expect(await count(t, 'access_log', 'request_id = $1 AND case_id IN ($2, $3)', [both.headers['x-request-id'], deVries, post])).toBe(2);
  });

  it('a paged timeline shows each signal exactly once, between the events around it', async () => {
    const created = await regisseur.request('POST', '/v1/casussen', { body: withMembers({ naam: 'Tom Timmer', geboortedatum: '1985-05-05', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }) });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const probe = async (sub: string) =>
      expect((await clientFor(t, { sub }).request('POST', '/v1/casussen', { body: withMembers({ naam: 'Tom Timmer', geboortedatum: '1985-05-05', relatie: 'ouder', betrokkenheid: ['slachtoffer'] }) })).statusCode).toBe(409);
    const addMember = async (naam: string) => {
      const version = (await regisseur.get(`/v1/casussen/${id}`)).json().versie as number;
      expect((await regisseur.write('POST', `/v1/casussen/${id}/leden`, version, { naam, relatie: 'kind', betrokkenheid: ['getuige'] })).statusCode).toBe(201);
    };
    await probe('mw-950');
    await addMember('Kind Een');
    await addMember('Kind Twee');
    await probe('mw-951');
    await addMember('Kind Drie');
    await probe('mw-952');
    const seen: { type: string; volgnummer: number | null; door: { id: string } }[] = [];
    let url: string | undefined = `/v1/casussen/${id}/tijdlijn?paginaGrootte=1`;
    for (let pages = 0; url && pages < 20; pages += 1) {
      const page = await regisseur.get(url);
      expect(page.statusCode, page.body).toBe(200);
      seen.push(...page.json().gebeurtenissen);
      url = /<[^>]*?(\/v1\/[^>]+)>; rel="next"/.exec(String(page.headers.link ?? ''))?.[1];
    }
    expect(seen.map((e) => (e.volgnummer === null ? e.door.id : e.volgnummer))).toEqual([1, 'mw-950', 2, 3, 'mw-951', 4, 'mw-952']);
    // The whole timeline in one page agrees.
    const whole = (await regisseur.get(`/v1/casussen/${id}/tijdlijn`)).json().gebeurtenissen as typeof seen;
    expect(whole.map((e) => (e.volgnummer === null ? e.door.id : e.volgnummer))).toEqual([1, 'mw-950', 2, 3, 'mw-951', 4, 'mw-952']);
  });

  it('reaches the regisseur: a timeline entry and a webhook event saying who tried and nothing of what they typed; the case itself does not change', async () => {
    const admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente Nijmegen', gemeenten: ['Nijmegen'] });
    const subscribed = await admin.request('POST', '/v1/abonnementen', {
      body: { organisatie: 'Regiesysteem', url: 'http://127.0.0.1:9/hook', gebeurtenissen: ['casus.aanmaakpoging'], gemeenten: ['Nijmegen'] },
    });
    expect(subscribed.statusCode, subscribed.body).toBe(201);
    const etagBefore = (await regisseur.get(`/v1/casussen/${deVries}`)).headers.etag;
    const casesBefore = await count(t, 'cases');
    const eventsBefore = await count(t, 'case_events');
    const keysBefore = await count(t, 'household_keys');

    const refused = await clientFor(t, { sub: 'mw-903', organisatie: 'Wijkteam West' }).request('POST', '/v1/casussen', { body: withMembers(typed, cas) });
    expect(refused.statusCode).toBe(409);

    const timeline = (await regisseur.get(`/v1/casussen/${deVries}/tijdlijn`)).json();
    const entries = timeline.gebeurtenissen.filter((e: { type: string }) => e.type === 'casus.aanmaakpoging');
    // Signals sit among the events by time, in the order they were made.
    // mw-900 tried this household five times: told once (a repeat the same day tells nothing new).
    expect(entries.map((e: { door: { id: string } }) => e.door.id)).toEqual(['mw-900', 'mw-901', 'mw-902', 'mw-903']);
    expect(entries.at(-1)).toMatchObject({ volgnummer: null, door: { id: 'mw-903', organisatie: 'Wijkteam West', rol: 'lokaal-team' }, gegevens: {} });
    expect(entries.at(-1).omschrijving).toContain('regisseur beslist');
    expect(JSON.stringify(timeline)).not.toContain('Xaviera');
    expect(JSON.stringify(timeline)).not.toContain('1990-10-10');
    // The signal waits for the case's regisseur, whoever that is when they look (the werkvoorraad of issue 16).
    const signal = await t.database.handle.pool.query('SELECT kind, addressee_sub, addressee_role, actor_sub, done_at FROM signals WHERE case_id = $1 AND actor_sub = $2', [deVries, 'mw-903']);
    expect(signal.rows).toEqual([{ kind: 'aanmaakpoging', addressee_sub: null, addressee_role: 'regisseur', actor_sub: 'mw-903', done_at: null }]);

    const deliveries = await t.database.handle.pool.query<{ case_id: string; event_type: string; payload: { type: string; data: Record<string, unknown> } }>(
      "SELECT case_id, event_type, payload FROM deliveries WHERE event_type = 'casus.aanmaakpoging'",
    );
    expect(deliveries.rows).toHaveLength(1);
    expect(deliveries.rows[0]).toMatchObject({ case_id: deVries, payload: { type: 'casus.aanmaakpoging', data: { casusId: deVries, door: 'mw-903', organisatie: 'Wijkteam West' } } });
    expect(JSON.stringify(deliveries.rows)).not.toContain('Xaviera');

    // Nothing of the refused case was written, and the existing case kept its version (nobody's If-Match breaks).
    expect(await count(t, 'cases')).toBe(casesBefore);
    expect(await count(t, 'case_events')).toBe(eventsBefore);
    expect(await count(t, 'household_keys')).toBe(keysBefore);
    expect((await regisseur.get(`/v1/casussen/${deVries}`)).headers.etag).toBe(etagBefore);
  });

  it('does not signal or count an attempt by someone who may see the case already (its regisseur), but logs it', async () => {
    const signals = await count(t, 'signals');
    const attempts = await count(t, 'creation_attempts');
    const again = await regisseur.request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(again.statusCode).toBe(409);
    expect(await count(t, 'signals')).toBe(signals);
    expect(await count(t, 'creation_attempts')).toBe(attempts);
    expect(await count(t, 'access_log', 'request_id = $1 AND case_id = $2', [again.headers['x-request-id'], deVries])).toBe(1);
  });
});

describe('security finding 6: a few cases a day per caller, then nothing is looked up', () => {
  let t: TestApp;
  let log: ReturnType<typeof logSink>;
  let deVries: string;
  /** Five more households with a case, one member each. */
  const others = ['Kees', 'Lies', 'Mo', 'Noor', 'Otto'].map((naam, i) => ({ naam: `${naam} Ander`, geboortedatum: `198${i}-03-0${i + 1}`, relatie: 'ouder', betrokkenheid: ['slachtoffer'] }));
  const otherCases: string[] = [];
  beforeAll(async () => {
    log = logSink();
    t = await createTestApp({ logger: log.logger });
    const first = await clientFor(t).request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(first.statusCode).toBe(201);
    deVries = first.json().id;
    for (const member of others) {
      const created = await clientFor(t).request('POST', '/v1/casussen', { body: withMembers(member) });
      expect(created.statusCode, created.body).toBe(201);
      otherCases.push(created.json().id);
    }
  });
  afterAll(async () => t.close());

  it('tells of 3 distinct cases a day, then 429 with Retry-After until local midnight for every creation; misses and repeats do not count; the beheerder is told once', async () => {
    const prober = clientFor(t, { sub: 'mw-700' });
    expect((await prober.request('POST', '/v1/casussen', { body: withMembers(anna) })).statusCode).toBe(409);
    // The same household again (a retry, another member of it): answered, logged, but not counted or signalled again.
    const signalsBefore = await count(t, 'signals', 'case_id = $1', [deVries]);
    for (const member of [anna, bram, cas, anna]) expect((await prober.request('POST', '/v1/casussen', { body: withMembers(member) })).statusCode).toBe(409);
    expect(await count(t, 'signals', 'case_id = $1', [deVries])).toBe(signalsBefore);
    expect(await count(t, 'access_log', "case_id = $1 AND actor_sub = 'mw-700' AND status = 409", [deVries])).toBe(5);
    // One row per answer and matched case, written with the attempt: no second row from the answer's own hook.
    expect(await count(t, 'access_log', "actor_sub = 'mw-700' AND status = 409", [])).toBe(5);
    // Households without a case: opened, not counted.
    for (let i = 0; i < 4; i++) expect((await prober.request('POST', '/v1/casussen', { body: household })).statusCode).toBe(201);
    expect((await prober.request('POST', '/v1/casussen', { body: withMembers(others[0]) })).statusCode).toBe(409);
    expect((await prober.request('POST', '/v1/casussen', { body: withMembers(others[1]) })).statusCode).toBe(409);

    const limited = await prober.request('POST', '/v1/casussen', { body: withMembers(others[2]) });
    expect(limited.statusCode, limited.body).toBe(429);
    expect(limited.json().code).toBe('casus.aanmaakpogingen-limiet');
    // 2026-01-15T09:00Z is 10:00 in Amsterdam: 14 hours to midnight.
    expect(limited.headers['retry-after']).toBe(String(14 * 3600));
    expect(limited.headers.location).toBeUndefined();
    // From now on every creation is refused alike, with or without a match, so the 429 tells nothing either.
    const unmatched = await prober.request('POST', '/v1/casussen', { body: household });
    expect(unmatched.statusCode).toBe(429);
    expect(unmatched.body).toBe(limited.body);
    // Nothing was looked up: no row on the case it would have matched, no signal to its regisseur (the attacker
    // review timed the lookup: 22 ms for a match against 12 for a miss). The refusal itself is on record.
    // No case data was read, so the access log has no row for it; the refusal is a security event (below).
    expect(await count(t, 'access_log', 'request_id = $1', [limited.headers['x-request-id']])).toBe(0);
    // (The case's own start letter, made when it opened, is no signal about the attempt: issue 17 point 7.)
    expect(await count(t, 'signals', "case_id = $1 AND kind <> 'brief-versturen'", [otherCases[2]])).toBe(0);
    // The beheerder of the municipality is told once a day, and the SIEM gets a security event.
    const flags = await t.database.handle.pool.query("SELECT municipality, addressee_role, actor_sub FROM signals WHERE kind = 'aanmaakpogingen-limiet'");
    expect(flags.rows).toEqual([{ municipality: 'Nijmegen', addressee_role: 'beheerder', actor_sub: 'mw-700' }]);
    expect(log.lines).toContainEqual(expect.objectContaining({ securityEvent: true, code: 'casus.aanmaakpogingen-limiet', status: 429, subject: 'mw-700' }));

    // Another caller has their own allowance.
    expect((await clientFor(t, { sub: 'mw-701' }).request('POST', '/v1/casussen', { body: withMembers(anna) })).statusCode).toBe(409);
  });

  it('at the limit, a match and a miss do the same statements: the same rows are written for either', async () => {
    const rowsOf = async (requestId: string) => ({
      log: await count(t, 'access_log', 'request_id = $1', [requestId]),
      attempts: await count(t, 'creation_attempts', 'request_id = $1', [requestId]),
    });
    const prober = clientFor(t, { sub: 'mw-700' });
    const match = await prober.request('POST', '/v1/casussen', { body: withMembers(others[3]) });
    const miss = await prober.request('POST', '/v1/casussen', { body: household });
    expect([match.statusCode, miss.statusCode]).toEqual([429, 429]);
    expect(await rowsOf(String(match.headers['x-request-id']))).toEqual(await rowsOf(String(miss.headers['x-request-id'])));
  });

  it('counts in the database: a restarted service still refuses; the next local day it answers again', async () => {
    const restarted = await buildApp({ config: t.config, database: t.database.service.handle, jwtKeys: await resolveJwtKeys(t.config), matchingKey: t.config.matchingKey ?? '', auditKey: t.auditKeys.current, clock: t.clock });
    try {
      const response = await restarted.inject({
        method: 'POST',
        url: '/v1/casussen',
        headers: { authorization: `Bearer ${t.token({ sub: 'mw-700' })}`, 'content-type': 'application/json' },
        payload: JSON.stringify(withMembers(bram)),
      });
      expect(response.statusCode).toBe(429);
    } finally {
      await restarted.close();
    }
    // Just after midnight in Amsterdam (23:00:30 UTC): a new day, a new allowance.
    t.clock.set(new Date('2026-01-15T23:00:30Z'));
    const prober = clientFor(t, { sub: 'mw-700' });
    expect((await prober.request('POST', '/v1/casussen', { body: withMembers(anna) })).statusCode).toBe(409);
    expect((await prober.request('POST', '/v1/casussen', { body: household })).statusCode).toBe(201);
  });

  it('holds under attempts at once: exactly 3 cases told, the rest 429', async () => {
    const prober = clientFor(t, { sub: 'mw-702' });
    const bodies = [anna, ...others].map((member) => withMembers(member));
    const answers = await Promise.all(bodies.map((body) => prober.request('POST', '/v1/casussen', { body })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([409, 409, 409, 429, 429, 429]);
    expect(await count(t, 'creation_attempts', "actor_sub = 'mw-702' AND outcome = 'huishouden-heeft-casus'")).toBe(3);
  });
});

describe('security finding 6: callers of another municipality learn nothing', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('a case manager of Wijchen opens the household that has a case in Nijmegen (201), leaves no trace on it, and may not open in Nijmegen', async () => {
    const nijmegen = await clientFor(t).request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(nijmegen.statusCode).toBe(201);
    const wijchen = clientFor(t, { sub: 'mw-wijchen', gemeenten: ['Wijchen'], organisatie: 'Sociaal Team Wijchen' });
    const own = await wijchen.request('POST', '/v1/casussen', { body: { ...householdWithBirthDates, gemeente: 'Wijchen' } });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().id).not.toBe(nijmegen.json().id);
    const elsewhere = await wijchen.request('POST', '/v1/casussen', { body: householdWithBirthDates });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().code).toBe('casus.gemeente-niet-toegestaan');
    // The same refusal for a household that has no case there: the 403 comes before any lookup.
    const unknown = await wijchen.request('POST', '/v1/casussen', { body: withMembers(typed) });
    expect(unknown.body.replace(/"instance":"[^"]*"/, '')).toBe(elsewhere.body.replace(/"instance":"[^"]*"/, ''));
    expect(await count(t, 'access_log', 'case_id = $1 AND actor_sub = $2', [nijmegen.json().id, 'mw-wijchen'])).toBe(0);
    // Only the start letters of the two cases opened (issue 17 point 7): nothing about the attempts.
    expect(await count(t, 'signals', "kind <> 'brief-versturen'")).toBe(0);
    expect(await count(t, 'creation_attempts')).toBe(0);
  });
});
