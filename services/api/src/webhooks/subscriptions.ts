/**
 * Webhook subscriptions of organisations, managed by a beheerder for their
 * own municipalities, and their deliveries. A subscription that covers a
 * municipality beyond the caller's does not exist for them (404).
 */
import { randomUUID } from 'node:crypto';
import type { subscriptionRequest } from '@veilig-samen/contracts';
import { deactivateSubscription, findSubscription, insertSubscription, listDeliveries, listSubscriptions, type Page, type SubscriptionRow } from '@veilig-samen/db';
import { assertKnownMunicipalities, DomainError, type Caller } from '@veilig-samen/domain';
import type { z } from 'zod';
import type { CaseDeps } from '../cases/use-cases.js';
import { urlRefusal } from './destination.js';
import { newWebhookSecret } from './signing.js';

const notFound = () => new DomainError({ status: 404, code: 'abonnement.niet-gevonden', title: 'Abonnement niet gevonden.' });

const urlNotAllowed = (reason: string) =>
  new DomainError({
    status: 422,
    code: 'abonnement.url-niet-toegestaan',
    title: 'Een webhook-URL moet https gebruiken en naar een publiek adres wijzen.',
    detail: `${reason}. Gebruik een https-URL met de publieke hostnaam van de ontvanger; interne adressen (loopback, privénetwerk, link-local, CGNAT, unique-local, multicast) worden geweigerd, ook na DNS-resolutie bij elke aflevering.`,
    invalidParams: [{ name: 'url', code: 'invalid_format', reason }],
  });

/** A beheerder manages only subscriptions that cover nothing beyond their own municipalities. */
function ownedBy(row: SubscriptionRow, caller: Caller): boolean {
  return row.municipalities.every((m) => caller.municipalities.includes(m));
}

const zgwNotConfigured = () =>
  new DomainError({
    status: 422,
    code: 'abonnement.zgw-niet-geconfigureerd',
    title: 'Berichten in de vorm van de Notificaties API kunnen hier nog niet: de ZGW-componenten van de regio zijn niet geconfigureerd.',
    detail: 'Kies formaat standard-webhooks, of vraag de beheerder van de dienst ZGW_ZAKEN_API_URL en ZGW_ZAAKTYPEN in te stellen (docs/operations.md).',
    invalidParams: [{ name: 'formaat', code: 'invalid_value', reason: 'zgw-notificaties vraagt de ZGW-configuratie van de regio' }],
  });

/** Subscribes an organisation; the secret is returned once, with the row. */
export async function subscribe(
  deps: CaseDeps,
  caller: Caller,
  body: z.output<typeof subscriptionRequest>,
  options: { readonly allowLoopback: boolean; readonly zgwConfigured: boolean },
) {
  assertKnownMunicipalities(deps.municipalities, Object.fromEntries(body.gemeenten.map((name, index) => [`gemeenten[${index}]`, name])));
  const foreign = body.gemeenten.filter((m) => !caller.municipalities.includes(m));
  if (foreign.length > 0) {
    throw new DomainError({
      status: 403,
      code: 'abonnement.gemeente-niet-toegestaan',
      title: 'U kunt alleen abonneren op casussen van uw eigen gemeenten.',
      detail: `Niet toegestaan: ${foreign.join(', ')}.`,
    });
  }
  // Early feedback only: the decisive check is at each delivery, after resolving the name (webhooks/destination.ts).
  const refusal = urlRefusal(new URL(body.url), options.allowLoopback);
  if (refusal !== null) throw urlNotAllowed(refusal);
  if (body.formaat === 'zgw-notificaties' && !options.zgwConfigured) throw zgwNotConfigured();
  const secret = newWebhookSecret();
  const row = await insertSubscription(deps.db, {
    id: randomUUID(),
    organisation: body.organisatie,
    url: body.url,
    events: body.gebeurtenissen,
    municipalities: body.gemeenten,
    secret,
    format: body.formaat,
    authorizationHeader: body.autorisatie ?? null,
    createdAt: deps.clock.now(),
    createdBy: caller.sub,
  });
  return { row, secret };
}

/** The subscriptions within the caller's municipalities (ownedBy as a query: only those are counted and paged). */
export function subscriptionsOf(deps: CaseDeps, caller: Caller, page: Page) {
  return listSubscriptions(deps.db, caller.municipalities, page);
}

export async function unsubscribe(deps: CaseDeps, caller: Caller, id: string): Promise<void> {
  const row = await findSubscription(deps.db, id);
  if (!row || !ownedBy(row, caller) || !(await deactivateSubscription(deps.db, id))) throw notFound();
}

export async function deliveriesOf(deps: CaseDeps, caller: Caller, id: string, page: Page) {
  const subscription = await findSubscription(deps.db, id);
  if (!subscription || !ownedBy(subscription, caller)) throw notFound();
  return listDeliveries(deps.db, id, page);
}
