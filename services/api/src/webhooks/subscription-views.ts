/** Subscriptions and deliveries as the API shows them (packages/contracts, subscriptionResponse, deliveryResponse). */
import type { DeliveryRow, SubscriptionRow } from '@veilig-samen/db';

/**
 * The registered Authorization header, never in full: its scheme ("Bearer") and the last 4 characters of
 * a credential long enough that 4 characters say little about it, so a beheerder can tell which one is set.
 */
const KNOWN_SCHEMES: ReadonlySet<string> = new Set(['bearer', 'basic', 'token', 'apikey', 'digest']);

export function maskedAuthorization(header: string | null): string | null {
  if (header === null) return null;
  // Only a short, known scheme is shown as itself: anything else before a space may be the credential.
  const space = header.indexOf(' ');
  const scheme = space > 0 && KNOWN_SCHEMES.has(header.slice(0, space).toLowerCase()) ? `${header.slice(0, space)} ` : '';
  const credential = header.slice(scheme.length);
  return `${scheme}…${credential.length >= 16 ? credential.slice(-4) : ''}`;
}

export const subscriptionView = (row: SubscriptionRow, secret?: string) => ({
  id: row.id,
  organisatie: row.organisation,
  url: row.url,
  gebeurtenissen: row.events,
  gemeenten: row.municipalities,
  formaat: row.format,
  autorisatie: maskedAuthorization(row.authorizationHeader),
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
