/**
 * Delivers the outbox: one delivery at a time, claimed with FOR UPDATE SKIP
 * LOCKED and only when every earlier delivery of the same case to the same
 * subscription is done, so each receiver sees a case's events in order.
 * Failures are retried with exponential backoff for 24 hours, then the
 * delivery is marked failed (visible in /v1/abonnementen/{id}/afleveringen)
 * and the case's later events go on.
 *
 * Before each attempt destination.ts decides where it may go (public
 * addresses only, resolved now) and the request is sent over a connection to
 * exactly that address. A refused destination is a failed attempt like any
 * other, with its reason in laatsteFout.
 */
import http from 'node:http';
import { claimDueDelivery, findCase, findSubscription, updateDelivery, type Database, type DeliveryRow, type SubscriptionRow, type Transaction } from '@veilig-samen/db';
import type { Clock } from '@veilig-samen/domain';
import type { FastifyBaseLogger } from 'fastify';
import { notificatieOf, type NotificatieContext } from '../zgw/notificaties.js';
import { destinationOf, type ConnectTarget, type Connector, type WebhookEgress } from './destination.js';
import { signWebhook } from './signing.js';

export const RETRY_FOR_MS = 24 * 3_600_000;
const TIMEOUT_MS = 5_000;

export interface DeliveryDeps {
  readonly db: Database;
  readonly clock: Clock;
  readonly logger?: FastifyBaseLogger;
  /** Told of each delivery attempt's outcome (for the metrics). */
  readonly onAttempt?: (delivered: boolean) => void;
  /** Which destinations are allowed, and how names are resolved and connections made (tests inject both). */
  readonly egress: WebhookEgress;
  /** For `zgw-notificaties` subscriptions: the region's ZGW settings and municipalities (absent: such deliveries fail, with the reason). */
  readonly notificaties?: NotificatieContext;
}

export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 5_000 * 2 ** Math.max(0, attempts - 1));
}

/** Delivers due webhooks until none is due or `limit` attempts were made; returns the number of attempts. */
export async function deliverDueWebhooks(deps: DeliveryDeps, limit = 200): Promise<number> {
  let attempts = 0;
  while (attempts < limit) {
    const attempted = await deps.db.transaction(async (tx) => {
      const now = deps.clock.now();
      const delivery = await claimDueDelivery(tx, now);
      if (!delivery) return false;
      const subscription = await findSubscription(tx, delivery.subscriptionId);
      if (!subscription?.active) {
        await updateDelivery(tx, delivery.seq, { status: 'mislukt', lastError: 'abonnement opgezegd' });
        return true;
      }
      const result = await post(subscription, delivery, now, deps.egress, () => bodyOf(tx, subscription, delivery, deps.notificaties));
      const tries = delivery.attempts + 1;
      if (result.ok) {
        await updateDelivery(tx, delivery.seq, { status: 'afgeleverd', attempts: tries, lastStatus: result.status, lastError: null, deliveredAt: now });
        return { delivered: true };
      } else {
        const next = new Date(now.getTime() + backoffMs(tries));
        const givesUp = next.getTime() - delivery.createdAt.getTime() > RETRY_FOR_MS;
        await updateDelivery(tx, delivery.seq, {
          status: givesUp ? 'mislukt' : 'wachtend',
          attempts: tries,
          lastStatus: result.status,
          lastError: result.error,
          nextAttemptAt: next,
        });
        deps.logger?.warn({ delivery: delivery.id, attempts: tries, status: result.status, error: result.error, givesUp }, 'webhook delivery failed');
        return { delivered: false };
      }
    });
    if (attempted === false) break;
    if (attempted !== true) deps.onAttempt?.(attempted.delivered);
    attempts++;
  }
  return attempts;
}

/**
 * The body in the subscription's format: the stored Standard Webhooks payload, or a Notificaties API 1.0
 * message about the delivery's case (zgw/notificaties.ts), made now from the case as it is.
 */
async function bodyOf(tx: Transaction, subscription: SubscriptionRow, delivery: DeliveryRow, notificaties: NotificatieContext | undefined): Promise<unknown> {
  if (subscription.format !== 'zgw-notificaties') return delivery.payload;
  const row = delivery.caseId === null ? undefined : await findCase(tx, delivery.caseId);
  if (!row) throw new Error('geen zaak: de casus bestaat niet (meer)');
  return notificatieOf(notificaties ?? { zgw: undefined, municipalities: [] }, delivery, row);
}

async function post(
  subscription: SubscriptionRow,
  delivery: DeliveryRow,
  now: Date,
  egress: WebhookEgress,
  makeBody: () => Promise<unknown>,
): Promise<{ ok: boolean; status: number | null; error: string | null }> {
  const timestamp = Math.floor(now.getTime() / 1000);
  try {
    const body = JSON.stringify(await makeBody());
    const target = new URL(subscription.url);
    const destination = await destinationOf(target, egress);
    if (!destination.ok) return { ok: false, status: null, error: `geweigerd: ${destination.reason}` };
    const status = await send(target, destination.target, egress.connect, body, {
      'content-type': 'application/json',
      'webhook-id': delivery.id,
      'webhook-timestamp': String(timestamp),
      'webhook-signature': signWebhook(subscription.secret, delivery.id, timestamp, body),
      // The change that caused the delivery (W3C Trace Context), in both formats.
      ...(delivery.traceparent ? { traceparent: delivery.traceparent } : {}),
      // What the subscriber registered (Open Notificaties' `auth`); never logged: errors below carry no headers.
      ...(subscription.authorizationHeader ? { authorization: subscription.authorizationHeader } : {}),
    });
    const ok = status >= 200 && status < 300;
    return { ok, status, error: ok ? null : `HTTP ${status}` };
  } catch (error) {
    return { ok: false, status: null, error: error instanceof Error ? error.message.slice(0, 500) : 'onbekende fout' };
  }
}

/**
 * One POST over a connection to exactly `target`, the address that was
 * checked. The connector does TLS (with the URL's name for SNI and the
 * certificate), so the HTTP layer is the same for both schemes; the Host
 * header is the URL's. Redirects are never followed: a 3xx is a failed
 * attempt. Only the status is read, the body is not.
 */
function send(url: URL, target: ConnectTarget, connect: Connector, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      method: 'POST',
      host: target.address,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      headers: { ...headers, host: url.host, 'content-length': String(Buffer.byteLength(body)) },
      createConnection: () => connect(target),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    request.on('error', reject);
    request.on('response', (response) => {
      resolve(response.statusCode ?? 0);
      // Ending here may fail the unread response; the status is all this needs.
      response.on('error', () => undefined);
      request.destroy();
    });
    request.end(body);
  });
}
