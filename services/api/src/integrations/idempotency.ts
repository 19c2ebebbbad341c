/**
 * Idempotency of inbound messages (IETF Idempotency-Key draft): the header is
 * required; a retry with the same key and body gets the original response; the
 * same key with another body is 422; a retry while the first still runs is 409.
 * Keys are scoped per client (the token's `sub`) and kept 24 hours.
 */
import { createHash } from 'node:crypto';
import { claimIdempotencyKey, completeIdempotencyKey, findMessage, releaseIdempotencyKey, type Transaction } from '@veilig-samen/db';
import { DomainError, type Caller } from '@veilig-samen/domain';
import type { CaseDeps } from '../cases/use-cases.js';
import type { Receipt } from './messages.js';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** A first request that has not finished after this long is taken to have died; its key can be reused. */
const IN_FLIGHT_STALE_MS = 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

export const idempotencyErrors = {
  missing: () =>
    new DomainError({
      status: 400,
      code: 'idempotentie.sleutel-ontbreekt',
      title: 'De header Idempotency-Key ontbreekt of is ongeldig.',
      detail: 'Stuur bij elk bericht een unieke Idempotency-Key (1-255 zichtbare tekens, bijvoorbeeld een UUID) en herhaal die bij een nieuwe poging.',
      invalidParams: [{ name: 'Idempotency-Key', code: 'invalid_type', reason: 'verplicht, 1-255 zichtbare ASCII-tekens' }],
    }),
  reused: () =>
    new DomainError({
      status: 422,
      code: 'idempotentie.sleutel-hergebruikt',
      title: 'Deze Idempotency-Key is al gebruikt voor een ander bericht.',
      detail: 'Gebruik voor elk nieuw bericht een nieuwe sleutel.',
    }),
  inFlight: () =>
    new DomainError({
      status: 409,
      code: 'idempotentie.verzoek-loopt-nog',
      title: 'Een eerder verzoek met deze Idempotency-Key wordt nog verwerkt.',
      detail: 'Probeer het over enkele seconden opnieuw met dezelfde sleutel.',
      headers: { 'retry-after': '2' },
    }),
  notFound: () => new DomainError({ status: 404, code: 'bericht.niet-gevonden', title: 'Bericht niet gevonden.' }),
  takenOver: () =>
    new DomainError({
      status: 409,
      code: 'idempotentie.verzoek-overgenomen',
      title: 'Dit verzoek duurde te lang; een nieuwere poging met dezelfde Idempotency-Key heeft het overgenomen.',
      detail: 'Er is niets gewijzigd door dit verzoek. Vraag de uitkomst op met dezelfde sleutel.',
    }),
};

/** Canonical JSON (sorted keys), so the same body in another key order is the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A response as it is stored with its key and replayed. */
export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/**
 * Claims the key for this request: a replay answers with the stored response,
 * otherwise the caller runs the message and completes or releases the claim.
 */
export async function claimMessageKey(deps: CaseDeps, caller: Caller, key: unknown, body: unknown): Promise<{ readonly replay: StoredResponse } | { readonly key: string; readonly claimedAt: Date }> {
  if (typeof key !== 'string' || !KEY.test(key)) throw idempotencyErrors.missing();
  const now = deps.clock.now();
  const claim = await claimIdempotencyKey(deps.db, {
    clientId: caller.sub,
    key,
    requestHash: createHash('sha256').update(canonical(body)).digest('hex'),
    now,
    expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
    staleAfterMs: IN_FLIGHT_STALE_MS,
  });
  if (claim.state === 'mismatch') throw idempotencyErrors.reused();
  if (claim.state === 'in-flight') throw idempotencyErrors.inFlight();
  if (claim.state === 'replay') {
    return {
      replay: {
        status: claim.row.responseStatus ?? 500,
        body: claim.row.responseBody,
        headers: { ...(claim.row.responseHeaders ?? {}), 'idempotent-replayed': 'true' },
      },
    };
  }
  return { key, claimedAt: claim.claimedAt };
}

/**
 * Stores the response with the key: in the effect's own transaction for an
 * accepted message (a request that lost its key to a retry, after
 * IN_FLIGHT_STALE_MS, must not take effect as well), afterwards for a rejection.
 */
export async function completeMessageKey(
  deps: CaseDeps,
  caller: Caller,
  claim: { readonly key: string; readonly claimedAt: Date },
  response: StoredResponse,
  tx?: Transaction,
): Promise<void> {
  if (!(await completeIdempotencyKey(tx ?? deps.db, caller.sub, claim.key, claim.claimedAt, response))) {
    if (tx) throw idempotencyErrors.takenOver();
  }
}

/** Nothing was done: frees the key so the client's retry can run. */
export function releaseMessageKey(deps: CaseDeps, caller: Caller, claim: { readonly key: string; readonly claimedAt: Date }): Promise<void> {
  return releaseIdempotencyKey(deps.db, caller.sub, claim.key, claim.claimedAt);
}

/** The receipt of a message, for its sender only. */
export async function messageReceipt(deps: CaseDeps, caller: Caller, id: string): Promise<Receipt> {
  const row = await findMessage(deps.db, id);
  if (!row || row.clientId !== caller.sub) throw idempotencyErrors.notFound();
  return {
    id: row.id,
    type: row.type,
    status: row.status as Receipt['status'],
    caseId: row.caseId,
    linkedCaseId: row.linkedCaseId,
    intakeId: row.intakeId,
    recurrence: row.recurrence,
    reasons: row.reasons,
    receivedAt: row.receivedAt,
  };
}
