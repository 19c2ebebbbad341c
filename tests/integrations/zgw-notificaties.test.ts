/**
 * Issue 18 points 7 and 8, against a real HTTP receiver on 127.0.0.1 (as
 * webhooks.test.ts): a subscription chooses its format, `standard-webhooks`
 * or `zgw-notificaties`; the latter's body is a Notificaties API 1.0
 * `Message` (validated against the reference file, and the check fails when
 * a required field is missing), sent with the Authorization header the
 * subscriber registered, which is never shown back in full nor logged. Every
 * delivery, in both formats, carries the W3C `traceparent` of the change
 * that caused it, stored with the outbox row in the change's transaction.
 */
import { Writable } from 'node:stream';
import { DEMO_ZGW } from '@veilig-samen/api';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerOptions } from '../../services/api/src/logging/logger.js';
import { fireDueTimers } from '../../services/api/src/timers/worker.js';
import { deliverDueWebhooks } from '../../services/api/src/webhooks/delivery.js';
import { webhookEgress } from '../../services/api/src/webhooks/destination.js';
import { verifyWebhook } from '../../services/api/src/webhooks/signing.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { clientFor, household, type Client } from '../helpers/client.js';
import { notificatiesApi } from '../helpers/zgw-reference.js';

const TOKEN = 'Bearer eyJhbGciOiJIUzI1NiJ9.open-notificaties.geheim-0123456789';

interface Received {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

async function startReceiver() {
  const received: Received[] = [];
  const server: FastifyInstance = Fastify();
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));
  server.post('/:hook', async (request, reply) => {
    received.push({ path: request.url, headers: request.headers, body: request.body as string });
    return reply.code(204).send();
  });
  const address = await server.listen({ port: 0, host: '127.0.0.1' });
  return { url: (hook: string) => `${address}/${hook}`, received, close: () => server.close() };
}

describe('Notificaties API messages and trace context on deliveries', () => {
  const log: string[] = [];
  const logger = pino(
    loggerOptions('debug'),
    new Writable({
      write(chunk: Buffer, _encoding, done) {
        log.push(chunk.toString('utf8'));
        done();
      },
    }),
  );
  let t: TestApp;
  let mw: Client;
  let admin: Client;
  let coordinator: Client;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    t = await createTestApp({ logger });
    mw = clientFor(t);
    admin = clientFor(t, { sub: 'beheer-1', rol: 'beheerder' });
    coordinator = clientFor(t, { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH Gelderland-Zuid', gemeenten: [] });
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await t.close();
  });

  const deliver = () => deliverDueWebhooks({ db: t.database.handle.db, clock: t.clock, egress: webhookEgress({ allowLoopback: true }), notificaties: { zgw: t.config.zgw, municipalities: t.config.municipalities } });
  const subscribe = (body: Record<string, unknown>) =>
    admin.request('POST', '/v1/abonnementen', { body: { organisatie: 'Gemeente Nijmegen', gebeurtenissen: ['casus.opgeschaald', 'opschaling.besloten', 'casus.fase-gewijzigd'], gemeenten: ['Nijmegen'], ...body } });
  const arrivedAt = (hook: string) => receiver.received.filter((r) => r.path === `/${hook}`);

  it('delivers Notificaties API 1.0 messages with the registered Authorization header, the zaak of the export and its track', async () => {
    const created = await subscribe({ url: receiver.url('zgw'), formaat: 'zgw-notificaties', autorisatie: TOKEN });
    expect(created.statusCode, created.body).toBe(201);
    const subscription = created.json();
    expect(subscription).toMatchObject({ formaat: 'zgw-notificaties', autorisatie: 'Bearer …6789' });
    expect(created.body).not.toContain('open-notificaties.geheim');
    const listed = (await admin.get('/v1/abonnementen')).json().abonnementen.find((a: { id: string }) => a.id === subscription.id);
    expect(listed).toMatchObject({ formaat: 'zgw-notificaties', autorisatie: 'Bearer …6789' });
    expect(JSON.stringify(listed)).not.toContain('open-notificaties.geheim');
    // A credential with a space in it is not taken for a scheme and shown (review of issue 18, F3).
    const spaced = await subscribe({ url: receiver.url('spaced'), formaat: 'zgw-notificaties', autorisatie: 'sk_live_SUPERSECRET0123456789 x' });
    expect(spaced.statusCode, spaced.body).toBe(201);
    expect(spaced.json().autorisatie).toBe('…89 x');
    expect(spaced.body).not.toContain('SUPERSECRET');
    expect((await admin.request('DELETE', `/v1/abonnementen/${spaced.json().id}`)).statusCode).toBe(204);

    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const escalated = await mw.write('POST', `/v1/casussen/${id}/opschalingen`, 1, { reden: 'Zorgen' });
    expect(escalated.statusCode).toBe(201);
    const decided = await coordinator.request('POST', `/v1/opschalingen/${escalated.json().laatsteOpschaling.id}/besluit`, { body: { besluit: 'mda-traject', motivering: 'Meerdere leefdomeinen' } });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(await deliver()).toBe(2);

    const arrived = arrivedAt('zgw');
    expect(arrived).toHaveLength(2);
    const zaak = `${DEMO_ZGW.zakenApiUrl}/zaken/${id}`;
    // The export names the same zaak: what a subscriber fetches on a notification.
    expect((await mw.get(`/v1/casussen/${id}/zgw`)).json().statussen[0].zaak).toBe(zaak);
    for (const message of arrived) {
      expect(message.headers.authorization).toBe(TOKEN);
      expect(message.headers['content-type']).toBe('application/json');
      expect(notificatiesApi().errors('Message', JSON.parse(message.body))).toEqual([]);
      expect(verifyWebhook(subscription.geheim, { id: String(message.headers['webhook-id']), timestamp: String(message.headers['webhook-timestamp']), signature: String(message.headers['webhook-signature']) }, message.body)).toBe(true);
    }
    const [first, second] = arrived.map((message) => JSON.parse(message.body));
    expect(first).toEqual({
      kanaal: 'zaken',
      hoofdObject: zaak,
      resource: 'zaak',
      resourceUrl: zaak,
      actie: 'partial_update',
      aanmaakdatum: t.clock.now().toISOString(),
      // Only kenmerken the `zaken` kanaal filters on: Open Notificaties refuses a message with one of its own.
      kenmerken: { bronorganisatie: '001825264', zaaktype: DEMO_ZGW.types.mda.zaaktype, vertrouwelijkheidaanduiding: 'zeer_geheim' },
    });
    expect(second.kenmerken).toEqual(first.kenmerken);
    // Identifiers only: no names in the message.
    for (const lid of household.leden) expect(JSON.stringify([first, second])).not.toContain(lid.geslachtsnaam);
    // Never logged: not at subscribing, not at delivery.
    expect(log.join('')).not.toContain('open-notificaties.geheim');
  });

  it('the reference check has teeth: a message without a required field fails', () => {
    const message = JSON.parse(arrivedAt('zgw')[0]!.body) as Record<string, unknown>;
    for (const field of ['kanaal', 'hoofdObject', 'resource', 'resourceUrl', 'actie', 'aanmaakdatum']) {
      const errors = notificatiesApi().errors('Message', Object.fromEntries(Object.entries(message).filter(([key]) => key !== field)));
      expect(errors.map((e) => e.params.missingProperty), field).toEqual([field]);
    }
    expect(notificatiesApi().errors('Message', { ...message, kenmerken: { bronorganisatie: '' } }).length).toBeGreaterThan(0);
    expect(notificatiesApi().errors('Message', { ...message, aanmaakdatum: 'gisteren' }).length).toBeGreaterThan(0);
  });

  it('sends the traceparent of the causing request with every delivery, in both formats, continuing a caller\'s trace', async () => {
    await subscribe({ url: receiver.url('standard'), gebeurtenissen: ['casus.opgeschaald'] });
    await subscribe({ url: receiver.url('zgw2'), formaat: 'zgw-notificaties', gebeurtenissen: ['casus.opgeschaald'] });
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const escalated = await mw.request('POST', `/v1/casussen/${id}/opschalingen`, { body: { reden: 'Zorgen' }, ifMatch: 1, headers: { traceparent: `00-${callerTrace}-00f067aa0ba902b7-01` } });
    expect(escalated.statusCode).toBe(201);
    // Our span of the request, as the answer names it (traceresponse): stored with the outbox rows in the change's transaction.
    const ours = String(escalated.headers.traceresponse);
    expect(ours).toMatch(new RegExp(`^00-${callerTrace}-[0-9a-f]{16}-01$`));
    const stored = await t.database.handle.pool.query<{ traceparent: string }>('SELECT traceparent FROM deliveries WHERE case_id = $1', [id]);
    // One row per subscription that wants the event (this test's two and the first test's), all of the one change.
    expect(stored.rows.map((r) => r.traceparent)).toEqual([ours, ours, ours]);

    await deliver();
    const standard = arrivedAt('standard').find((r) => JSON.parse(r.body).data.casusId === id);
    const zgw = arrivedAt('zgw2').find((r) => JSON.parse(r.body).hoofdObject.endsWith(id));
    expect(standard?.headers.traceparent).toBe(ours);
    expect(zgw?.headers.traceparent).toBe(ours);
    // No Authorization header where none was registered.
    expect(standard?.headers.authorization).toBeUndefined();
    expect(zgw?.headers.authorization).toBeUndefined();

    // Without a traceparent from the caller: a trace of our own, still the request's.
    const other = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    const second = await mw.write('POST', `/v1/casussen/${other}/opschalingen`, 1, { reden: 'Zorgen' });
    const own = await t.database.handle.pool.query<{ traceparent: string }>('SELECT DISTINCT traceparent FROM deliveries WHERE case_id = $1', [other]);
    expect(own.rows.map((r) => r.traceparent)).toEqual([String(second.headers.traceresponse)]);
    expect(String(second.headers.traceresponse)).not.toContain(callerTrace);
  });

  it('a change no request caused (the 3-month deadline firing) has a trace of its own', async () => {
    const id = (await mw.request('POST', '/v1/casussen', { body: household })).json().id as string;
    t.clock.advance(100 * 86_400_000);
    expect(await fireDueTimers({ db: t.database.handle.db, clock: t.clock, logger })).toBeGreaterThan(0);
    const rows = await t.database.handle.pool.query<{ traceparent: string | null }>("SELECT traceparent FROM deliveries WHERE case_id = $1 AND event_type = 'casus.opgeschaald'", [id]);
    expect(rows.rows.length).toBeGreaterThan(0);
    const [first] = rows.rows;
    expect(first?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
    // The same trace for every delivery of that one change, and named in the worker's log line.
    expect(new Set(rows.rows.map((r) => r.traceparent)).size).toBe(1);
    expect(log.join('')).toContain(String(first?.traceparent));
  });

  it('refuses zgw-notificaties without the region\'s ZGW configuration, and a header value with a line break', async () => {
    const bare = await createTestApp({ env: { ZGW_ZAKEN_API_URL: '', ZGW_ZAAKTYPEN: '' } });
    try {
      const bareAdmin = clientFor(bare, { sub: 'beheer-1', rol: 'beheerder' });
      const refused = await bareAdmin.request('POST', '/v1/abonnementen', { body: { organisatie: 'X', url: 'http://127.0.0.1:9/h', gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'], formaat: 'zgw-notificaties' } });
      expect(refused.statusCode).toBe(422);
      expect(refused.json()).toMatchObject({ code: 'abonnement.zgw-niet-geconfigureerd', invalidParams: [{ name: 'formaat' }] });
      // Standard Webhooks still work there.
      expect((await bareAdmin.request('POST', '/v1/abonnementen', { body: { organisatie: 'X', url: 'http://127.0.0.1:9/h', gebeurtenissen: ['casus.opgeschaald'], gemeenten: ['Nijmegen'] } })).json()).toMatchObject({ formaat: 'standard-webhooks', autorisatie: null });
    } finally {
      await bare.close();
    }
    const injected = await subscribe({ url: receiver.url('x'), formaat: 'zgw-notificaties', autorisatie: 'Bearer abc\r\nX-Evil: 1' });
    expect(injected.statusCode).toBe(400);
    expect(await subscribe({ url: receiver.url('x'), formaat: 'cloudevents' })).toMatchObject({ statusCode: 400 });
  });
});
