/**
 * A delivery as a message of the Notificaties API 1.0 (issue 18 point 7), for
 * a subscription with format `zgw-notificaties`: the service publishes as the
 * region's Open Notificaties would deliver, so Open Notificaties itself (or
 * any municipal system that takes its messages) is simply one subscriber.
 * Made when the delivery is attempted, from the delivery's event and the
 * case's zaak as the export gives it now (zaak.ts: the same zaak URL,
 * zaaktype and RSIN). Identifiers and types only, like every webhook.
 */
import { restoreCase, type Municipality } from '@veilig-samen/domain';
import type { CaseRow, DeliveryRow } from '@veilig-samen/db';
import type { ZgwSettings } from '../config.js';
import { organisationsOf, trackOf, zaakUrlOf } from './zaak.js';

/** Notificaties API 1.0 `Message`. */
export interface NotificatieMessage {
  readonly kanaal: 'zaken';
  readonly hoofdObject: string;
  readonly resource: 'zaak';
  readonly resourceUrl: string;
  readonly actie: 'partial_update';
  readonly aanmaakdatum: string;
  readonly kenmerken: Readonly<Record<string, string>>;
}

export interface NotificatieContext {
  readonly zgw: ZgwSettings | undefined;
  readonly municipalities: readonly Municipality[];
}

/**
 * The message about the delivery's case: every event of the service changes
 * something of the zaak (its status, its roles, its track), so it is a
 * `partial_update` of the `zaak`; its kenmerken are those the `zaken` kanaal filters on.
 * Throws (a failed attempt, retried) when the region has no ZGW configuration
 * or the case's municipality no RSIN.
 */
export function notificatieOf(context: NotificatieContext, delivery: Pick<DeliveryRow, 'eventType' | 'payload' | 'createdAt'>, row: Pick<CaseRow, 'id' | 'municipality' | 'state'>): NotificatieMessage {
  if (!context.zgw) throw new Error('ZGW niet geconfigureerd (ZGW_ZAKEN_API_URL, ZGW_ZAAKTYPEN)');
  const zaak = zaakUrlOf(context.zgw, row.id);
  const timestamp = (delivery.payload as { timestamp?: unknown }).timestamp;
  return {
    kanaal: 'zaken',
    hoofdObject: zaak,
    resource: 'zaak',
    resourceUrl: zaak,
    actie: 'partial_update',
    aanmaakdatum: typeof timestamp === 'string' ? timestamp : delivery.createdAt.toISOString(),
    kenmerken: {
      bronorganisatie: organisationsOf(context.municipalities, row.municipality).bronorganisatie,
      zaaktype: context.zgw.types[trackOf(restoreCase(row.state))].zaaktype,
      vertrouwelijkheidaanduiding: 'zeer_geheim',
      // No kenmerk of our own (such as the event's type): Open Notificaties accepts a message only when its
      // kenmerken are a subset or a superset of the kanaal's filters, and kanaal `zaken` knows these three (and
      // zaaktype.catalogus, which the region's configuration does not give).
    },
  };
}
