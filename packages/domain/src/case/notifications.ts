/**
 * What the outside world hears about a case change (webhooks): identifiers
 * and the change, never personal data. Derived from the event and the
 * snapshots before and after it.
 */
import { phaseOf, type CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';

/**
 * `casus.aanmaakpoging` comes from a signal, not a case event (security finding 6; cases/creation-attempts.ts);
 * `werkvoorraad.item` from every stored signal (signals.ts, signalNotification).
 */
export const NOTIFICATION_TYPES = ['casus.fase-gewijzigd', 'casus.opgeschaald', 'opschaling.besloten', 'casus.afgesloten', 'casus.heropend', 'casus.aanmaakpoging', 'werkvoorraad.item'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export interface Notification {
  readonly type: NotificationType;
  readonly data: Readonly<Record<string, string | number | boolean | null>>;
}

export function notificationsFor(before: CaseSnapshot, after: CaseSnapshot, event: CaseEvent): Notification[] {
  const notifications: Notification[] = [];
  const from = phaseOf(before);
  const to = phaseOf(after);
  if (from !== to) notifications.push({ type: 'casus.fase-gewijzigd', data: { van: from, naar: to } });
  switch (event.type) {
    case 'casus.opgeschaald': {
      // A deadline that joins a waiting escalation by hand names that escalation (one escalation, both reasons).
      const escalation = after.context.laatsteOpschaling;
      notifications.push({
        type: 'casus.opgeschaald',
        data: { opschalingId: escalation?.id ?? event.opschalingId, reden: event.reden, redenen: (escalation?.redenen ?? [event.reden]).join(',') },
      });
      break;
    }
    case 'opschaling.naar-mda-traject':
    case 'opschaling.terug-naar-lokaal-team':
      notifications.push({
        type: 'opschaling.besloten',
        data: { opschalingId: event.opschalingId, besluit: event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team' },
      });
      break;
    case 'casus.afgesloten':
      notifications.push({ type: 'casus.afgesloten', data: {} });
      break;
    case 'casus.heropend':
      notifications.push({ type: 'casus.heropend', data: { herhaling: true } });
      break;
    default:
      break;
  }
  return notifications;
}
