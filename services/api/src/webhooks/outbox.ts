/**
 * The transactional outbox: a case change's notifications become delivery
 * rows for every subscription that wants them, in the change's transaction,
 * so nothing is sent for a change that did not commit and nothing committed
 * is lost.
 */
import { randomUUID } from 'node:crypto';
import { insertDeliveries, subscriptionsFor, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { Notification } from '@veilig-samen/domain';

export async function enqueueNotifications(tx: Transaction, row: CaseRow, notifications: readonly Notification[], now: Date): Promise<void> {
  for (const notification of notifications) {
    const targets = await subscriptionsFor(tx, row.municipality, notification.type);
    await insertDeliveries(
      tx,
      targets.map((subscription) => ({
        id: randomUUID(),
        subscriptionId: subscription.id,
        caseId: row.id,
        eventType: notification.type,
        // Standard Webhooks payload: type, timestamp, data. Identifiers only.
        payload: {
          type: notification.type,
          timestamp: now.toISOString(),
          data: { casusId: row.id, gemeente: row.municipality, versie: row.version, ...notification.data },
        },
        status: 'wachtend',
        nextAttemptAt: now,
        createdAt: now,
      })),
    );
  }
}
