/**
 * Outbound webhooks against a real HTTP receiver on 127.0.0.1: signatures
 * verify, every event arrives once and in order per case, also when the
 * receiver fails the first 3 attempts and the service restarts between
 * attempts; a receiver that keeps failing is given up after 24 hours.
 * Those tests reach 127.0.0.1 through the explicit development exception
 * (WEBHOOK_ALLOW_LOOPBACK, set by tests/helpers/app.ts). Security finding 7
 * runs without it: only public addresses, resolved and checked at each
 * attempt, connected to as checked.
 */
import net from 'node:net';
import { connect, insertSubscription } from '@veilig-samen/db';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueWebhooks } from '../../services/api/src/webhooks/delivery.js';
import { webhookEgress, type ConnectTarget } from '../../services/api/src/webhooks/destination.js';
import { verifyWebhook } from '../../services/api/src/webhooks/signing.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, plan, toplist, type Client } from '../helpers/client.js';

interface Received {
  id: string;
  type: string;
  casusId: string;
  valid: boolean;
  host: string | undefined;
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
    received.push({ id: headers.id, type: payload.type, casusId: payload.data.casusId, valid: verifyWebhook(secret, headers, body), host: request.headers.host });
    return reply.code(204).send();
  });
  // A redirect to the hook: followed, it would deliver (it must not be).
  server.post('/redirect', async (_request, reply) => reply.code(302).header('location', '/hook').send());
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  const port = (server.server.address() as net.AddressInfo).port;
  return { url: `${address}/hook`, port, received, setSecret: (s: string) => (secret = s), calls: () => calls, close: () => server.close() };
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
        await mw.write('POST', `/v1/casussen/${id}/incidenten`, 5, { tijdstip: t.clock.now().toISOString(), soort: 'fysiek', omschrijving: 'x' });
      }
      const expectedPerCase = ['casus.fase-gewijzigd', 'casus.opgeschaald', 'casus.fase-gewijzigd'];

      // Attempts with failures; the clock moves past each backoff.
      let worker = connect(t.database.url, { max: 2 });
      for (let round = 0; round < 12; round++) {
        await deliverDueWebhooks({ db: worker.db, clock: t.clock, egress: webhookEgress({ allowLoopback: t.config.webhookAllowLoopback }) });
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
    for (const name of household.leden.map((l) => `${l.voornamen} ${l.voorvoegsel} ${l.geslachtsnaam}`)) expect(text).not.toContain(name);
  });

  it('gives up after 24 hours of failures and marks the delivery failed, visibly', async () => {
    const receiver = await startReceiver(Number.POSITIVE_INFINITY);
    try {
      const subscription = (await admin.request('POST', '/v1/abonnementen', { body: { organisatie: 'GGZ', url: receiver.url, gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] } })).json();
      const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
      await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
      for (let hour = 0; hour < 30; hour++) {
        await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: webhookEgress({ allowLoopback: t.config.webhookAllowLoopback }) });
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

describe('security finding 7: webhooks to internal addresses', () => {
  let t: TestApp;
  let admin: Client;
  let mw: Client;
  const body = (url: string, organisatie = 'Politie') => ({ organisatie, url, gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] });

  beforeAll(async () => {
    // Production's setting: no development exception.
    t = await createTestApp({ env: { WEBHOOK_ALLOW_LOOPBACK: 'false' } });
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder' });
    mw = clientFor(t);
  });
  afterAll(async () => t.close());

  /** A new case, escalated: one casus.opgeschaald delivery for every active subscription. */
  async function escalateNewCase(): Promise<string> {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    expect((await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' })).statusCode).toBe(201);
    return id;
  }

  /**
   * The network as the delivery sees it, faked (these machines have no DNS
   * and no route out): names resolve as the test says, and every connection
   * is recorded, then ends at the local receiver as plain http.
   */
  function fakeNetwork(receiverPort: number, answer: (name: string, call: number) => readonly string[]) {
    const lookups: string[] = [];
    const connections: ConnectTarget[] = [];
    const egress = webhookEgress({
      allowLoopback: false,
      resolve: async (name) => {
        lookups.push(name);
        return answer(name, lookups.filter((n) => n === name).length).map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
      },
      connect: (target) => {
        connections.push(target);
        return net.connect({ host: '127.0.0.1', port: receiverPort });
      },
    });
    return { egress, lookups, connections };
  }

  const deliveriesOf = async (subscriptionId: string) => (await admin.get(`/v1/abonnementen/${subscriptionId}/afleveringen?paginaGrootte=100`)).json().afleveringen;

  it('refuses internal addresses and names when subscribing, in every notation, and stores nothing', async () => {
    const refused = [
      // The review's reproductions.
      'https://[::ffff:127.0.0.1]:8443/hook',
      'https://[::]/hook',
      'https://[::ffff:169.254.169.254]/hook',
      'https://[fe80::1]/hook',
      'https://100.100.100.200/hook',
      'https://db/hook',
      'https://metadata.google.internal/hook',
      // Loopback and "this host" in other notations.
      'https://[::ffff:7f00:1]/hook',
      'https://[0:0:0:0:0:ffff:7f00:1]/hook',
      'https://0.0.0.0/hook',
      'https://127.1/hook',
      'https://2130706433/hook',
      'https://0x7f000001/hook',
      'https://0177.0.0.1/hook',
      'https://%31%32%37.0.0.1/hook',
      'https://127.255.255.254/hook',
      'https://[::1]/hook',
      'https://[::7f00:1]/hook',
      // Private, link-local, CGNAT, reserved, broadcast, multicast.
      'https://10.0.0.1/hook',
      'https://10.255.255.255:8443/hook',
      'https://172.16.0.1/hook',
      'https://172.31.255.254/hook',
      'https://192.168.1.1/hook',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/hook',
      'https://198.18.0.1/hook',
      'https://240.0.0.1/hook',
      'https://255.255.255.255/hook',
      'https://224.0.0.1/hook',
      // IPv6: unique-local, multicast, and ranges that embed an IPv4 address.
      'https://[fc00::1]/hook',
      'https://[fd12:3456:789a::1]/hook',
      'https://[ff02::1]/hook',
      'https://[fec0::1]/hook',
      'https://[2002:7f00:1::]/hook',
      'https://[2002:a9fe:a9fe::1]/hook',
      'https://[64:ff9b::7f00:1]/hook',
      'https://[64:ff9b:1::a00:1]/hook',
      'https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook',
      'https://[::ffff:0:7f00:1]/hook',
      // Names that are internal by their form.
      'https://localhost/hook',
      'https://LOCALHOST./hook',
      'https://api.localhost/hook',
      'https://metadata/hook',
      'https://metadata.google.internal./hook',
      'https://printer.local/hook',
      'https://router.home.arpa/hook',
      // Plain http, also to a public host.
      'http://partner.example.org/hook',
      'http://93.184.215.14/hook',
    ];
    for (const url of refused) {
      const response = await admin.request('POST', '/v1/abonnementen', { body: body(url) });
      expect(response.statusCode, url).toBe(422);
      expect(response.headers['content-type'], url).toContain('application/problem+json');
      expect(response.json(), url).toMatchObject({ code: 'abonnement.url-niet-toegestaan', invalidParams: [{ name: 'url' }] });
      expect(response.json().detail, url).toMatch(/geen publiek adres|interne naam|alleen https/);
    }
    expect((await t.database.handle.pool.query('SELECT count(*)::int AS n FROM subscriptions')).rows[0].n).toBe(0);

    for (const url of ['https://partner.example.org/hook', 'https://93.184.215.14/hook', 'https://[2a00:1450:4001:82a::200e]:8443/hook', 'https://webhooks.veiligthuis.nl./hook']) {
      const response = await admin.request('POST', '/v1/abonnementen', { body: body(url) });
      expect(response.statusCode, url).toBe(201);
      expect((await admin.request('DELETE', `/v1/abonnementen/${response.json().id}`)).statusCode).toBe(204);
    }
  });

  it('keeps the development exception narrow: loopback only, and only with WEBHOOK_ALLOW_LOOPBACK', async () => {
    const dev = await createTestApp({ env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
    try {
      const devAdmin = clientFor(dev, { sub: 'beheer-1', rol: 'beheerder' });
      for (const url of ['http://127.0.0.1:9/hook', 'http://localhost:9/hook', 'http://[::1]:9/hook', 'https://localhost/hook']) {
        expect((await devAdmin.request('POST', '/v1/abonnementen', { body: body(url) })).statusCode, url).toBe(201);
      }
      for (const url of ['https://10.0.0.1/hook', 'https://169.254.169.254/hook', 'https://[fd00::1]/hook', 'https://db/hook', 'http://partner.example.org/hook']) {
        const response = await devAdmin.request('POST', '/v1/abonnementen', { body: body(url) });
        expect(response.statusCode, url).toBe(422);
        expect(response.json().code, url).toBe('abonnement.url-niet-toegestaan');
      }
    } finally {
      await dev.close();
    }
    expect((await admin.request('POST', '/v1/abonnementen', { body: body('http://127.0.0.1:9/hook') })).statusCode).toBe(422);
  });

  it('connects to exactly the address it checked, with the name for TLS and Host, and delivers signed', async () => {
    const receiver = await startReceiver(0);
    const network = fakeNetwork(receiver.port, (name) => (name === 'partner.example.org' ? ['93.184.215.14'] : []));
    const subscription = (await admin.request('POST', '/v1/abonnementen', { body: body('https://partner.example.org/hook') })).json();
    receiver.setSecret(subscription.geheim);
    try {
      const caseId = await escalateNewCase();
      expect(await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress })).toBe(1);
      expect(network.lookups).toEqual(['partner.example.org']);
      expect(network.connections).toEqual([{ address: '93.184.215.14', port: 443, tls: true, servername: 'partner.example.org' }]);
      expect(receiver.received).toEqual([expect.objectContaining({ casusId: caseId, type: 'casus.opgeschaald', valid: true, host: 'partner.example.org' })]);
      expect(await deliveriesOf(subscription.id)).toEqual([expect.objectContaining({ status: 'afgeleverd', pogingen: 1, laatsteStatus: 204 })]);
    } finally {
      await admin.request('DELETE', `/v1/abonnementen/${subscription.id}`);
      await receiver.close();
    }
  });

  it('refuses at delivery a public-looking name that resolves to an internal address, records why, and goes on', async () => {
    const receiver = await startReceiver(0);
    // Each name with what it resolves to now; one internal address among public ones is enough to refuse.
    const answers: Record<string, readonly string[]> = {
      'loopback.example.org': ['127.0.0.1'],
      'mapped.example.org': ['::ffff:127.0.0.1'],
      'metadata.example.org': ['::ffff:169.254.169.254'],
      'private.example.org': ['10.1.2.3'],
      'cgnat.example.org': ['100.100.100.200'],
      'mixed.example.org': ['93.184.215.14', '192.168.0.10'],
      'unspecified.example.org': ['0.0.0.0'],
      'ula.example.org': ['fd00::1'],
      'linklocal.example.org': ['fe80::1'],
      'nat64.example.org': ['64:ff9b::a9fe:a9fe'],
      'sixtofour.example.org': ['2002:7f00:1::1'],
      'compatible.example.org': ['::7f00:1'],
      'nothing.example.org': [],
    };
    const network = fakeNetwork(receiver.port, (name) => answers[name] ?? []);
    const ids: string[] = [];
    try {
      for (const name of Object.keys(answers)) {
        const response = await admin.request('POST', '/v1/abonnementen', { body: body(`https://${name}/hook`, name) });
        expect(response.statusCode, name).toBe(201);
        ids.push(response.json().id);
      }
      await escalateNewCase();
      const attempts = await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress });
      expect(attempts).toBeGreaterThanOrEqual(ids.length);
      expect(network.connections).toEqual([]);
      expect(receiver.calls()).toBe(0);
      for (const [i, name] of Object.keys(answers).entries()) {
        const [delivery] = await deliveriesOf(ids[i]!);
        expect(delivery, name).toMatchObject({ status: 'wachtend', pogingen: 1, laatsteStatus: null });
        expect(delivery.laatsteFout, name).toMatch(name === 'nothing.example.org' ? /^geweigerd: nothing\.example\.org: naam niet gevonden/ : new RegExp(`^geweigerd: ${name.replace(/\./g, '\\.')} wijst naar .* geen publiek adres`));
        expect(delivery.laatsteFout, name).not.toContain('whsec_');
      }
    } finally {
      for (const id of ids) await admin.request('DELETE', `/v1/abonnementen/${id}`);
      await receiver.close();
    }
  });

  it('never connects to an address a name rebinds to after the check', async () => {
    const receiver = await startReceiver(0);
    // Public at the first lookup, loopback at every later one.
    const network = fakeNetwork(receiver.port, (_name, call) => (call === 1 ? ['93.184.215.14'] : ['127.0.0.1']));
    const subscription = (await admin.request('POST', '/v1/abonnementen', { body: body('https://rebind.example.org/hook') })).json();
    receiver.setSecret(subscription.geheim);
    try {
      await escalateNewCase();
      await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress });
      await escalateNewCase();
      t.clock.advance(60_000);
      await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress });

      expect(network.connections.map((c) => c.address)).toEqual(['93.184.215.14']);
      // One lookup per attempt: the connection used the first attempt's answer, not a second lookup.
      expect(network.lookups).toEqual(['rebind.example.org', 'rebind.example.org']);
      expect(receiver.received).toHaveLength(1);
      const [second, first] = await deliveriesOf(subscription.id);
      expect(first).toMatchObject({ status: 'afgeleverd' });
      expect(second).toMatchObject({ status: 'wachtend', pogingen: 1 });
      expect(second.laatsteFout).toBe('geweigerd: rebind.example.org wijst naar 127.0.0.1, geen publiek adres (loopback)');
    } finally {
      await admin.request('DELETE', `/v1/abonnementen/${subscription.id}`);
      await receiver.close();
    }
  });

  it('does not follow redirects', async () => {
    const receiver = await startReceiver(0);
    const network = fakeNetwork(receiver.port, () => ['93.184.215.14']);
    const subscription = (await admin.request('POST', '/v1/abonnementen', { body: body('https://partner.example.org/redirect') })).json();
    try {
      await escalateNewCase();
      await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress });
      expect(network.connections).toHaveLength(1);
      expect(receiver.calls()).toBe(0);
      const [delivery] = await deliveriesOf(subscription.id);
      expect(delivery).toMatchObject({ status: 'wachtend', laatsteStatus: 302, laatsteFout: 'HTTP 302' });
    } finally {
      await admin.request('DELETE', `/v1/abonnementen/${subscription.id}`);
      await receiver.close();
    }
  });

  it('checks the URL again at delivery: a subscription stored before these rules is refused without a lookup or connection', async () => {
    const receiver = await startReceiver(0);
    const network = fakeNetwork(receiver.port, () => ['93.184.215.14']);
    const ids: string[] = [];
    try {
      for (const url of [`http://127.0.0.1:${receiver.port}/hook`, 'https://[::ffff:127.0.0.1]:8443/hook', 'https://db/hook', 'https://100.100.100.200/hook']) {
        const row = await insertSubscription(t.database.handle.db, {
          id: crypto.randomUUID(), organisation: 'Oud', url, events: ['casus.opgeschaald'], municipalities: ['Nijmegen'], secret: 'whsec_dGVzdA==', createdAt: t.clock.now(), createdBy: 'beheer-1',
        });
        ids.push(row.id);
      }
      await escalateNewCase();
      expect(await deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: network.egress })).toBeGreaterThanOrEqual(ids.length);
      expect(network.lookups).toEqual([]);
      expect(network.connections).toEqual([]);
      expect(receiver.calls()).toBe(0);
      for (const id of ids) {
        const [delivery] = await deliveriesOf(id);
        expect(delivery.laatsteFout).toMatch(/^geweigerd: /);
      }
    } finally {
      for (const id of ids) await admin.request('DELETE', `/v1/abonnementen/${id}`);
      await receiver.close();
    }
  });
});
