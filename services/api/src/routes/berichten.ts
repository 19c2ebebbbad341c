/**
 * /v1/berichten: messages from Veilig Thuis and Zorg- en Veiligheidshuis
 * systems, with idempotency per the IETF Idempotency-Key draft: the header is
 * required; a retry with the same key and body gets the original response; the
 * same key with another body is 422; a retry while the first still runs is 409.
 * Keys are scoped per client (the token's `sub`) and kept 24 hours.
 */
import { inboundMessage, messageHeaders, messageParams, receiptResponse } from '@veilig-samen/contracts';
import { DomainError, REQUEST_CODES, type Caller } from '@veilig-samen/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { AppDeps } from '../app-deps.js';
import { claimMessageKey, completeMessageKey, messageReceipt, releaseMessageKey, type StoredResponse } from '../integrations/idempotency.js';
import { receiveMessage, rejectMessage, RejectedMessage, type Receipt } from '../integrations/messages.js';
import { auditInTransaction } from '../plugins/access-log.js';
import { callerOf } from '../plugins/auth.js';
import { problemBody, toDomainError } from '../plugins/problems.js';
import { PROBLEM_CONTENT_TYPE } from '@veilig-samen/contracts';
import { caseDepsOf } from './deps.js';
import { problems } from './responses.js';

export function receiptView(receipt: Receipt) {
  return {
    id: receipt.id,
    type: receipt.type,
    status: receipt.status,
    casusId: receipt.caseId,
    gekoppeldAanCasus: receipt.linkedCaseId,
    intakeId: receipt.intakeId,
    herhaling: receipt.recurrence,
    redenen: receipt.reasons.map((r) => ({ ...r })),
    ontvangenOp: receipt.receivedAt.toISOString(),
  };
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
  async function handle(request: FastifyRequest, caller: Caller, claim: { readonly key: string; readonly claimedAt: Date }): Promise<StoredResponse & { stored: boolean }> {
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
        await completeMessageKey(cases, caller, claim, accepted(receipt), tx);
        // A message that reached a case is logged on it and on each case it linked; one that waits in the intake on no case.
        await audit(tx, receipt.caseId && receipt.alsoWritten?.length ? [receipt.caseId, ...receipt.alsoWritten] : receipt.caseId);
      });
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
        summary: 'Ontvang een bericht: overdracht, incident, huisverbod, terugmelding-gevraagd of mda-aanmelding',
        description:
          'Idempotency-Key is verplicht (sleutels worden per client 24 uur bewaard). Elk bericht krijgt een ontvangstbevestiging (Location), ook een afgewezen bericht.\n\n' +
          'Huishoudens worden in de hele regio herkend. Hetzelfde huishouden: elk lid dat het bericht noemt is lid van de casus (BSN, of naam en geboortedatum), of ten minste twee zijn het. ' +
          'Een overdracht voor het huishouden van een lopende casus wordt daaraan toegevoegd (`samengevoegd`; de regisseur kan dat 30 dagen ongedaan maken); ' +
          'deelt zij maar één lid met een casus, dan komt er een nieuwe casus met de gekozen regisseur, gekoppeld aan de andere (`gekoppeldAanCasus`). ' +
          'Een bericht over een huishouden waarvan de casus minder dan 12 maanden geleden werd afgesloten heropent die als herhaling (`herhaling: true`, de vorige regisseur krijgt een signaal); ' +
          'na 12 maanden komt er een nieuwe casus, gekoppeld aan de oude. Een incident of huisverbod over een huishouden zonder casus wacht in de intake van de gemeente (`intakeId`; GET /v1/intake) ' +
          'tot iemand van het intaketeam het oppakt: geen bericht gaat verloren.\n\n' +
          'Een `mda-aanmelding` meldt een casus die het systeem volgt aan voor MDA++ (reden aanmelding-partner, met de organisatie van het systeem); de regisseur krijgt een signaal. ' +
          'Al opgeschaald, aangemeld of in het MDA++-traject: afgewezen met casus.al-opgeschaald; een casus die het systeem niet volgt: bericht.casus-onbekend.',
        headers: messageHeaders,
        body: inboundMessage,
        response: { 201: receiptResponse, ...problems(400, 403, 409, 422) },
      },
    }, async (request, reply) => {
      const caller = callerOf(request);
      const claim = await claimMessageKey(cases, caller, request.headers['idempotency-key'], request.body);
      if ('replay' in claim) return send(reply, claim.replay);
      let response: StoredResponse & { stored: boolean };
      try {
        response = await handle(request, caller, claim);
      } catch (error) {
        // Nothing was done: free the key so the client's retry can run.
        await releaseMessageKey(cases, caller, claim);
        throw error;
      }
      const { stored, ...toSend } = response;
      // A rejection changed no case: storing its response afterwards is safe.
      if (!stored) await completeMessageKey(cases, caller, claim, toSend);
      return send(reply, toSend);
    });

    api.get('/v1/berichten/:id', {
      // The receipt names the case the message opened or reached (and whether it is a recurrence): logged per case.
      config: { access: ['integratie'], audit: true },
      schema: { tags: ['berichten'], summary: 'De ontvangstbevestiging van een bericht (alleen voor de afzender)', params: messageParams, response: { 200: receiptResponse, ...problems(404) } },
    }, async (request) => {
      const receipt = await messageReceipt(cases, callerOf(request), request.params.id);
      request.audit.caseIds = [receipt.caseId, receipt.linkedCaseId].filter((id): id is string => id !== null);
      return receiptView(receipt);
    });
  };
}
