/**
 * The transactional outbox: a case change's notifications become delivery
 * rows for every subscription that wants them, in the change's transaction,
 * so nothing is sent for a change that did not commit and nothing committed
 * is lost.
 */
import { randomUUID } from 'node:crypto';
import { insertDeliveries, subscriptionsFor, type CaseRow, type OutboxMessage, type Transaction } from '@veilig-samen/db';
import type { Notification } from '@veilig-samen/domain';
import { changeTraceparent } from '../logging/change-trace.js';

/**
 * The Standard Webhooks payload of each notification (type, timestamp, data; identifiers only), for the case as it now is,
 * with the traceparent of the change that made it (a Notificaties message is made from it at delivery: zgw/notificaties.ts).
 */
export function outboxMessages(row: Pick<CaseRow, 'id' | 'municipality' | 'version'>, notifications: readonly Notification[], now: Date): OutboxMessage[] {
  const traceparent = changeTraceparent();
  return notifications.map((notification) => ({
    type: notification.type,
    traceparent,
    payload: {
      type: notification.type,
      timestamp: now.toISOString(),
      data: { casusId: row.id, gemeente: row.municipality, versie: row.version, ...notification.data },
    },
  }));
}

/** Outside a case command (which writes its deliveries in its one statement, case-writes.ts): a delivery per subscription. */
export async function enqueueNotifications(tx: Transaction, row: Pick<CaseRow, 'id' | 'municipality' | 'version'>, notifications: readonly Notification[], now: Date): Promise<void> {
  await enqueueMessages(tx, row.municipality, row.id, outboxMessages(row, notifications, now), now);
}

/**
 * A delivery per subscription of the municipality that wants each message;
 * `caseId` null for a message about no case (a municipality's werkvoorraad
 * item, migration 0021), which keeps no order per case.
 */
export async function enqueueMessages(tx: Transaction, municipality: string, caseId: string | null, messages: readonly OutboxMessage[], now: Date): Promise<void> {
  const traceparent = changeTraceparent();
  for (const message of messages) {
    // A Notificaties message is about a zaak: a message about no case goes to Standard Webhooks subscriptions only.
    const targets = await subscriptionsFor(tx, municipality, message.type, caseId !== null);
    await insertDeliveries(
      tx,
      targets.map((subscription) => ({
        id: randomUUID(),
        subscriptionId: subscription.id,
        caseId,
        eventType: message.type,
        payload: message.payload,
        status: 'wachtend',
        nextAttemptAt: now,
        createdAt: now,
        traceparent: message.traceparent ?? traceparent,
      })),
    );
  }
}
