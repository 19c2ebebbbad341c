/**
 * /v1/berichten: messages from Veilig Thuis and Zorg- en Veiligheidshuis
 * systems, with idempotency per the IETF Idempotency-Key draft: the header is
 * required; a retry with the same key and body gets the original response; the
 * same key with another body is 422; a retry while the first still runs is 409.
 * Keys are scoped per client (the token's `sub`) and kept 24 hours.
 */
import { createHash } from 'node:crypto';
import { inboundMessage, messageHeaders, receiptResponse } from '@veilig-samen/contracts';
import { claimIdempotencyKey, completeIdempotencyKey, findMessage, releaseIdempotencyKey } from '@veilig-samen/db';
import { DomainError, REQUEST_CODES, type Caller } from '@veilig-samen/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppDeps } from '../app.js';
import { receiveMessage, rejectMessage, RejectedMessage, type Receipt } from '../integrations/messages.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { problemBody, toDomainError } from '../plugins/problems.js';
import { PROBLEM_CONTENT_TYPE } from '@veilig-samen/contracts';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/** A first request that has not finished after this long is taken to have died; its key can be reused. */
const IN_FLIGHT_STALE_MS = 60_000;
const KEY = /^[\x21-\x7e]{1,255}$/;

const idempotencyErrors = {
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

export function receiptView(receipt: Receipt) {
  return {
    id: receipt.id,
    type: receipt.type,
    status: receipt.status,
    casusId: receipt.caseId,
    gekoppeldAanCasus: receipt.linkedCaseId,
    herhaling: receipt.recurrence,
    redenen: receipt.reasons.map((r) => ({ ...r })),
    ontvangenOp: receipt.receivedAt.toISOString(),
  };
}

interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

function send(reply: FastifyReply, response: StoredResponse): FastifyReply {
  return reply.code(response.status).headers(response.headers).serializer(JSON.stringify).send(response.body);
}

export function berichtenRoutes(deps: AppDeps) {
  const cases = caseDepsOf(deps);

  const accepted = (receipt: Receipt): StoredResponse => ({
    status: 201,
    body: receiptView(receipt),
    headers: { 'content-type': 'application/json; charset=utf-8', location: `/v1/berichten/${receipt.id}` },
  });

  /**
   * Runs the message once and returns the response to send. An accepted
   * message's response is stored with its key in the effect's own
   * transaction, so a crash can never leave an effect without its stored
   * response (which would let a retry apply it twice).
   */
  async function handle(request: FastifyRequest, caller: Caller, key: string, claimedAt: Date): Promise<StoredResponse & { stored: boolean }> {
    const validation = request.validationError as FastifyError | undefined;
    if (validation) {
      const problem = toDomainError(validation) ?? new DomainError({ status: 400, code: REQUEST_CODES.invalid, title: 'Het bericht is ongeldig.' });
      const type = typeof (request.body as { type?: unknown } | null)?.type === 'string' ? String((request.body as { type: string }).type).slice(0, 50) : 'onbekend';
      const receipt = await rejectMessage(cases, caller, type, problem.invalidParams ?? []);
      return {
        status: problem.status,
        body: problemBody(request, problem),
        headers: { 'content-type': PROBLEM_CONTENT_TYPE, location: `/v1/berichten/${receipt.id}` },
        stored: false,
      };
    }
    try {
      const audit = auditInTransaction(request, deps.clock, 201);
      const receipt = await receiveMessage(cases, caller, request.body as z.infer<typeof inboundMessage>, async (tx, receipt) => {
        // A request that lost its key to a retry (after IN_FLIGHT_STALE_MS) must not take effect as well.
        if (!(await completeIdempotencyKey(tx, caller.sub, key, claimedAt, accepted(receipt)))) throw idempotencyErrors.takenOver();
        await audit(tx, receipt.caseId);
      });
      request.audit.logged = true;
      return { ...accepted(receipt), stored: true };
    } catch (error) {
      if (!(error instanceof RejectedMessage)) throw error;
      return {
        status: error.problem.status,
        body: problemBody(request, error.problem),
        headers: { 'content-type': PROBLEM_CONTENT_TYPE, location: `/v1/berichten/${error.receipt.id}` },
        stored: false,
      };
    }
  }

  return async (app: FastifyInstance): Promise<void> => {
    const api = app.withTypeProvider<ZodTypeProvider>();

    api.post('/v1/berichten', {
      config: { access: ['integratie'], audit: true },
      attachValidation: true,
      schema: {
        tags: ['berichten'],
        summary: 'Ontvang een bericht: overdracht, incident, huisverbod of terugmelding-gevraagd',
        description:
          'Idempotency-Key is verplicht (sleutels worden per client 24 uur bewaard). Elk bericht krijgt een ontvangstbevestiging (Location), ook een afgewezen bericht.',
        headers: messageHeaders,
        body: inboundMessage,
        response: { 201: receiptResponse, ...problems(400, 403, 409, 422) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const key = request.headers['idempotency-key'];
      if (typeof key !== 'string' || !KEY.test(key)) throw idempotencyErrors.missing();
      const now = deps.clock.now();
      const claim = await claimIdempotencyKey(deps.database.db, {
        clientId: caller.sub,
        key,
        requestHash: createHash('sha256').update(canonical(request.body)).digest('hex'),
        now,
        expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL_MS),
        staleAfterMs: IN_FLIGHT_STALE_MS,
      });
      if (claim.state === 'mismatch') throw idempotencyErrors.reused();
      if (claim.state === 'in-flight') throw idempotencyErrors.inFlight();
      if (claim.state === 'replay') {
        return send(reply, {
          status: claim.row.responseStatus ?? 500,
          body: claim.row.responseBody,
          headers: { ...(claim.row.responseHeaders ?? {}), 'idempotent-replayed': 'true' },
        });
      }
      let response: StoredResponse & { stored: boolean };
      try {
        response = await handle(request, caller, key, claim.claimedAt);
      } catch (error) {
        // Nothing was done: free the key so the client's retry can run.
        await releaseIdempotencyKey(deps.database.db, caller.sub, key, claim.claimedAt);
        throw error;
      }
      const { stored, ...toSend } = response;
      // A rejection changed no case: storing its response afterwards is safe.
      if (!stored) await completeIdempotencyKey(deps.database.db, caller.sub, key, claim.claimedAt, toSend);
      return send(reply, toSend);
    });

    api.get('/v1/berichten/:id', {
      // The receipt names the case the message opened or reached (and whether it is a recurrence): logged per case.
      config: { access: ['integratie'], audit: true },
      schema: { tags: ['berichten'], summary: 'De ontvangstbevestiging van een bericht (alleen voor de afzender)', params: z.object({ id: z.uuid() }), response: { 200: receiptResponse, ...problems(404) } },
    }, async (request) => {
      const row = await findMessage(deps.database.db, request.params.id);
      if (!row || row.clientId !== callerOf(request).sub) throw idempotencyErrors.notFound();
      request.audit.caseIds = [row.caseId, row.linkedCaseId].filter((id): id is string => id !== null);
      return receiptView({
        id: row.id,
        type: row.type,
        status: row.status as Receipt['status'],
        caseId: row.caseId,
        linkedCaseId: row.linkedCaseId,
        recurrence: row.recurrence,
        reasons: row.reasons,
        receivedAt: row.receivedAt,
      });
    });
  };
}
