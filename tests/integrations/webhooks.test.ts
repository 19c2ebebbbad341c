/**
 * Outbound webhooks against a real HTTP receiver on 127.0.0.1: signatures
 * verify, every event arrives once and in order per case, also when the
 * receiver fails the first 3 attempts and the service restarts between
 * attempts; a receiver that keeps failing is given up after 24 hours.
 */
import { connect } from '@veilig-samen/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../services/api/src/webhooks/delivery.js';
import { verifyWebhook } from '../../services/api/src/webhooks/signing.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

interface Received {
  id: string;
  type: string;
  casusId: string;
  valid: boolean;
}

async function startReceiver(failFirst: number) {
  const received: Received[] = [];
  let secret = '';
  let calls = 0;
  const server: FastifyInstance = Fastify();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  server.post('/hook', async (request, reply) => {
    calls++;
    if (calls <= failFirst) return reply.code(503).send();
    const body = request.body as string;
    const headers = { id: String(request.headers['webhook-id']), timestamp: String(request.headers['webhook-timestamp']), signature: String(request.headers['webhook-signature']) };
    const payload = JSON.parse(body) as { type: string; data: { casusId: string } };
    received.push({ id: headers.id, type: payload.type, casusId: payload.data.casusId, valid: verifyWebhook(secret, headers, body) });
    return reply.code(204).send();
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${address}/hook`, received, setSecret: (s: string) => (secret = s), calls: () => calls, close: () => server.close() };
}

describe('webhooks', () => {
  let t: TestApp;
  let mw: Client;
  let admin: Client;
  beforeAll(async () => {
    t = await createTestApp();
    mw = clientFor(t);
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder' });
  });
  afterAll(async () => t.close());

  it('delivers every event once, in order, signed, through 3 failures and a restart', async () => {
    const receiver = await startReceiver(3);
    try {
      const subscription = await admin.request('POST', '/v1/abonnementen', {
        body: { organisatie: 'Politie', url: receiver.url, gebeurtenissen: ['casus.fase-gewijzigd', 'casus.opgeschaald', 'opschaling.besloten', 'casus.afgesloten', 'casus.heropend'], gemeenten: ['Nijmegen'] },
      });
      expect(subscription.statusCode, subscription.body).toBe(201);
      expect(subscription.json().geheim).toMatch(/^whsec_/);
      receiver.setSecret(subscription.json().geheim);
      expect((await admin.get('/v1/abonnementen')).json().abonnementen[0]).not.toHaveProperty('geheim');

      // Two cases, each with several events.
      const ids: string[] = [];
      for (let i = 0; i < 2; i++) {
        const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
        ids.push(id);
        await mw.write('PUT', `/v1/casussen/${id}/veiligheidsplan`, 1, plan());
        await mw.write('POST', `/v1/casussen/${id}/veiligheidsscores`, 2, toplist(7));
        await mw.write('POST', `/v1/casussen/${id}/faseovergangen`, 3, { naar: 'oorzaken-onderzoeken' });
        await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 4, { reden: 'Zorgen' });
        await mw.write('POST', `/v1/casussen/${id}/incidenten`, 5, { datum: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
      }
      const expectedPerCase = ['casus.fase-gewijzigd', 'casus.opgeschaald', 'casus.fase-gewijzigd'];

      // Attempts with failures; the clock moves past each backoff.
      let worker = connect(t.database.url, { max: 2 });
      for (let round = 0; round < 12; round++) {
        await deliverDueWebhooks({ db: worker.db, clock: t.clock });
        t.clock.advance(10 * 60_000);
        if (round === 2) {
          // A restart between attempts: a new worker with its own pool.
          await worker.close();
          worker = connect(t.database.url, { max: 2 });
        }
      }
      await worker.close();

      expect(receiver.calls()).toBeGreaterThan(3);
      expect(receiver.received.every((r) => r.valid)).toBe(true);
      expect(new Set(receiver.received.map((r) => r.id)).size).toBe(receiver.received.length);
      for (const id of ids) {
        expect(receiver.received.filter((r) => r.casusId === id).map((r) => r.type)).toEqual(expectedPerCase);
      }
      const deliveries = (await admin.get(`/v1/abonnementen/${subscription.json().id}/afleveringen?paginaGrootte=100`)).json().afleveringen;
      expect(deliveries).toHaveLength(6);
      expect(deliveries.every((d: { status: string }) => d.status === 'afgeleverd')).toBe(true);
      expect(Math.max(...deliveries.map((d: { pogingen: number }) => d.pogingen))).toBeGreaterThan(1);
    } finally {
      await receiver.close();
    }
  });

  it('carries identifiers only, no personal data', async () => {
    const rows = await t.database.handle.pool.query<{ payload: unknown }>('SELECT payload FROM deliveries');
    const text = JSON.stringify(rows.rows);
    for (const name of household.leden.map((l) => l.naam)) expect(text).not.toContain(name);
  });

  it('gives up after 24 hours of failures and marks the delivery failed, visibly', async () => {
    const receiver = await startReceiver(Number.POSITIVE_INFINITY);
    try {
      const subscription = (await admin.request('POST', '/v1/abonnementen', { body: { organisatie: 'GGZ', url: receiver.url, gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] } })).json();
      const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
      await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
      for (let hour = 0; hour < 30; hour++) {
        await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock });
        t.clock.advance(3_600_000);
      }
      const [delivery] = (await admin.get(`/v1/abonnementen/${subscription.id}/afleveringen`)).json().afleveringen;
      expect(delivery).toMatchObject({ status: 'mislukt', laatsteStatus: 503, volgendePoging: null });
      expect(delivery.pogingen).toBeGreaterThan(5);
    } finally {
      await receiver.close();
    }
  });

  it("a beheerder manages only subscriptions for their own municipalities", async () => {
    const arnhem = clientFor(t, { sub: 'beheer-arnhem', rol: 'beheerder', gemeenten: ['Arnhem'] });
    const foreign = await arnhem.request('POST', '/v1/abonnementen', { body: { organisatie: 'X', url: 'http://127.0.0.1:9/h', gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().code).toBe('abonnement.gemeente-niet-toegestaan');
    expect((await arnhem.get('/v1/abonnementen')).json().abonnementen).toEqual([]);
    const nijmegen = (await admin.get('/v1/abonnementen')).json().abonnementen;
    expect(nijmegen.length).toBeGreaterThan(0);
    expect((await arnhem.get(`/v1/abonnementen/${nijmegen[0].id}/afleveringen`)).statusCode).toBe(404);
    expect((await arnhem.request('DELETE', `/v1/abonnementen/${nijmegen[0].id}`)).statusCode).toBe(404);
  });

  it('refuses plain http when not allowed, other roles, and unknown subscriptions', async () => {
    expect((await mw.request('POST', '/v1/abonnementen', { body: { organisatie: 'X', url: 'https://example.org/h', gebeurtenissen: ['casus.afgesloten'] } })).statusCode).toBe(403);
    expect((await admin.get('/v1/abonnementen/00000000-0000-4000-8000-000000000000/afleveringen')).json().code).toBe('abonnement.niet-gevonden');
    expect((await admin.request('POST', '/v1/abonnementen', { body: { organisatie: 'X', url: 'ftp://example.org/h', gebeurtenissen: ['casus.afgesloten'] } })).statusCode).toBe(400);
  });
});

describe('webhook URLs outside development', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { WEBHOOK_ALLOW_HTTP: 'false' } });
  });
  afterAll(async () => t.close());

  it('accept only https to a public host', async () => {
    const admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder' });
    const body = (url: string) => ({ organisatie: 'Politie', url, gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] });
    for (const url of ['http://partner.example.org/hook', 'https://127.0.0.1/hook', 'https://localhost/hook', 'https://10.1.2.3/hook', 'https://192.168.1.1/hook']) {
      const response = await admin.request('POST', '/v1/abonnementen', { body: body(url) });
      expect(response.statusCode, url).toBe(422);
      expect(response.json().code).toBe('abonnement.url-niet-toegestaan');
    }
    expect((await admin.request('POST', '/v1/abonnementen', { body: body('https://partner.example.org/hook') })).statusCode).toBe(201);
  });
});
