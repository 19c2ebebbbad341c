/** Subscriptions and deliveries as the API shows them (packages/contracts, subscriptionResponse, deliveryResponse). */
import type { DeliveryRow, SubscriptionRow } from '@veilig-samen/db';

export const subscriptionView = (row: SubscriptionRow, secret?: string) => ({
  id: row.id,
  organisatie: row.organisation,
  url: row.url,
  gebeurtenissen: row.events,
  gemeenten: row.municipalities,
  aangemaaktOp: row.createdAt.toISOString(),
  ...(secret ? { geheim: secret } : {}),
});

export const deliveryView = (d: DeliveryRow) => ({
  id: d.id,
  gebeurtenis: d.eventType,
  casusId: d.caseId,
  status: d.status,
  pogingen: d.attempts,
  laatsteStatus: d.lastStatus,
  laatsteFout: d.lastError,
  aangemaaktOp: d.createdAt.toISOString(),
  afgeleverdOp: d.deliveredAt?.toISOString() ?? null,
  volgendePoging: d.status === 'wachtend' ? d.nextAttemptAt.toISOString() : null,
});
