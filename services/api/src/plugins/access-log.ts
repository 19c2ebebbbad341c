/**
 * The access log of case data (NEN 7513). Routes that touch case data say so
 * with `config.audit`. Writes log inside their own transaction (the helpers
 * below append the rows before commit and note the status those rows carry);
 * everything else, reads and refusals included, is logged here before the
 * response leaves, so no answer is ever sent without its log rows. Refusals before the
 * caller is known, and by the rate limit, are security events instead.
 *
 * One row per case shown or changed: an answer about one case names it
 * (`request.audit.caseId`, or the case id in a /v1/casussen/{id} URL); an
 * answer that shows several cases (a list, the escalation queue, an expert
 * meeting's agenda) lists them in `request.audit.caseIds`, and each gets its
 * own row, so every case's log shows every look at it. A refusal is one row.
 */
import { AccessLogWriter, appendAccessLogs, type AccessLogBatch, type AccessLogEntry, type AuditKey, type Database, type Transaction } from '@veilig-samen/db';
import type { Caller, Clock } from '@veilig-samen/domain';
import { PROBLEM_CONTENT_TYPE } from '@veilig-samen/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { safeError } from '../logging/logger.js';
import { databaseUnavailable, isDatabaseUnreachable, problemBody, serverError } from './problems.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The audit key the rows' HMACs are made with (security finding 3). */
    auditKey: AuditKey;
  }
  interface FastifyContextConfig {
    /** This route reads or writes case data: log every call. */
    audit?: boolean;
  }
  interface FastifyRequest {
    audit: {
      caseId?: string;
      /** The cases a successful answer shows (lists, an agenda): one row each; none shown, one row without a case. */
      caseIds?: readonly string[];
      memberIds?: string[];
      /** Set by onSend once it has written the answer's rows (an error answer that follows must not write them again). */
      logged: boolean;
      /**
       * Set by the helpers below when they put rows into a transaction: the
       * status those rows carry. An answer with that status means the
       * transaction committed (its rows are the answer's), so onSend adds
       * nothing; any other answer means it rolled back or failed after, so
       * onSend logs that answer. No route marks its request by hand.
       */
      inTransaction?: number;
      breakGlass?: boolean;
      /** The regisseur the caller stands in for (issue 16 point 14): their rows say so. */
      substituteFor?: string;
      /** In a list of cases: per case, the regisseur the caller stands in for there. */
      substituteForCase?: ReadonlyMap<string, string>;
      /** In a list of cases: per case, the members it shows there (a search: those it matched), instead of `memberIds`. */
      memberIdsForCase?: ReadonlyMap<string, readonly string[]>;
    };
  }
}

/** Why a role handles case data: the purpose recorded with each access. */
const PURPOSE: Record<string, string> = {
  'lokaal-team': 'regie en hulpverlening (Wmo 2015, Jeugdwet)',
  beheerder: 'beheer van casussen van de gemeente',
  'mda-coordinator': 'MDA++-opschaling en expertoverleg',
  integratie: 'overdracht en melding door Veilig Thuis / Zorg- en Veiligheidshuis',
  ketenpartner: 'samenwerking in het veiligheidsplan',
  auditor: 'controle op rechtmatige toegang',
  beleid: 'geaggregeerde sturingsinformatie',
  regiobeheerder: 'functioneel beheer van de regio: het opschalingsbeleid',
  privacy: 'behandeling van een inzageverzoek (AVG art. 15)',
};

export function purposeOf(caller: Caller | undefined): string {
  return (caller && PURPOSE[caller.role]) ?? 'onbekend';
}

export function accessEntry(request: FastifyRequest, clock: Clock, status: number, caseId: string | null): AccessLogEntry {
  const caller = request.caller;
  const substituteFor = request.audit.substituteFor ?? (caseId === null ? undefined : request.audit.substituteForCase?.get(caseId));
  return {
    at: clock.now(),
    actorSub: caller?.sub ?? 'anoniem',
    actorOrganisation: caller?.organisation ?? 'onbekend',
    actorRole: caller?.role ?? 'geen',
    // A system acts for its organisation; a substitute for the regisseur (`vervanger van <sub>`).
    onBehalfOf: substituteFor !== undefined ? `vervanger van ${substituteFor}` : caller?.role === 'integratie' ? caller.organisation : null,
    caseId,
    memberIds: [...((caseId === null ? undefined : request.audit.memberIdsForCase?.get(caseId)) ?? request.audit.memberIds ?? [])],
    action: `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}${isSearch(request) ? ' (zoekopdracht)' : ''}`,
    result: status < 400 ? 'toegestaan' : 'geweigerd',
    status,
    purpose: substituteFor !== undefined ? `${purposeOf(caller)}, als vervanger van regisseur ${substituteFor}` : purposeOf(caller),
    breakGlass: request.audit.breakGlass ?? false,
    requestId: request.id,
  };
}

/**
 * A search (issue 17 point 2: `zoek` in the query) is logged as one: the cases
 * it returned, each in its own row, say they were found by a search, not
 * listed. The term itself is not logged (it names a person, who may not be
 * in any case the caller may see).
 */
function isSearch(request: FastifyRequest): boolean {
  const query = request.query as Readonly<Record<string, unknown>> | undefined;
  return typeof query?.zoek === 'string';
}

/**
 * The rows for one answer: one per distinct case in a list of cases (a list
 * that shows none still leaves one row without a case: the request is on
 * record), else one row for the case or for none.
 */
export function accessEntries(request: FastifyRequest, clock: Clock, status: number, cases: string | null | readonly string[]): AccessLogEntry[] {
  if (typeof cases === 'string' || cases === null) return [accessEntry(request, clock, status, cases)];
  const distinct = [...new Set(cases)];
  return distinct.length === 0 ? [accessEntry(request, clock, status, null)] : distinct.map((caseId) => accessEntry(request, clock, status, caseId));
}

/**
 * For a write: appends the log rows (one per case changed or shown) inside the
 * write's transaction, as its last step. If it rolled back, the answer is a
 * refusal or an error, not `status`, and the onSend hook logs that instead.
 */
export function auditInTransaction(request: FastifyRequest, clock: Clock, status: number) {
  return async (tx: Transaction, cases: string | null | readonly string[]): Promise<void> => {
    if (typeof cases === 'string') request.audit.caseId = cases;
    await appendAccessLogs(tx, request.server.auditKey, accessEntries(request, clock, status, cases));
    request.audit.inTransaction = status;
  };
}
export type AuditHook = ReturnType<typeof auditInTransaction>;

/**
 * For a case command: the log rows of the change, which the command writes in
 * its own statement (runCaseCommand); the members it names are the members
 * the changed case shows.
 */
export function auditRowsOfChange<A extends { readonly substituteFor?: string }, S extends { readonly context: { readonly leden: readonly { readonly id: string }[] } }>(
  request: FastifyRequest,
  clock: Clock,
  status: number,
  options: {
    readonly members: boolean;
    /** The members the answer leaves out for this caller (issue 17: consent withheld): not named as shown. */
    readonly withheld?: (after: S, access: A | undefined) => ReadonlySet<string>;
  },
) {
  return (caseId: string, after: S, access?: A): AccessLogBatch => {
    request.audit.caseId = caseId;
    if (access?.substituteFor !== undefined) request.audit.substituteFor = access.substituteFor;
    if (options.members) {
      const withheld = options.withheld?.(after, access);
      request.audit.memberIds = after.context.leden.map((lid) => lid.id).filter((id) => !withheld?.has(id));
    }
    request.audit.inTransaction = status;
    return { key: request.server.auditKey, entries: accessEntries(request, clock, status, caseId) };
  };
}

/**
 * The acting caller as the machine judged them: a substitute acting for an
 * absent regisseur (issue 16 point 14) is logged as such, a refusal too (it
 * is logged after the command threw, from what is noted here).
 */
export function auditActor(request: FastifyRequest, actor: { readonly vervangerVan?: string }): void {
  if (actor.vervangerVan !== undefined) request.audit.substituteFor = actor.vervangerVan;
}

/**
 * For an answer listing cases: one row per case shown, a substitute's naming
 * for whom (per case), and the members it concerns there (a search: the
 * members it matched, so the search is in their inzage).
 */
export function auditCaseList(request: FastifyRequest, caseIds: readonly string[], substituteFor: ReadonlyMap<string, string>, memberIds?: ReadonlyMap<string, readonly string[]>): void {
  request.audit.caseIds = [...caseIds];
  request.audit.substituteForCase = substituteFor;
  if (memberIds) request.audit.memberIdsForCase = memberIds;
}

/** A read through break-the-glass: its rows say so (reviewed by the coordinator and the auditor). */
export function auditBreakGlass(request: FastifyRequest): void {
  request.audit.breakGlass = true;
}

/**
 * For a refused request whose refusal is itself recorded on the cases it
 * concerns, in a transaction of its own (an attempt to open a second case
 * for a household, security finding 6): one row per case, each naming its
 * own members, under `action`. The refusal answered with `status` after that
 * transaction committed is then on record; any other answer is logged by onSend.
 */
export function auditRefusalInTransaction(request: FastifyRequest, clock: Clock, action: string) {
  return async (tx: Transaction, rows: readonly { readonly caseId: string; readonly memberIds: readonly string[] }[], status: number): Promise<void> => {
    const entries = rows.map((row) => ({ ...accessEntry(request, clock, status, row.caseId), memberIds: [...row.memberIds], action }));
    await appendAccessLogs(tx, request.server.auditKey, entries);
    request.audit.inTransaction = status;
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerAccessLog(app: FastifyInstance, db: Database, clock: Clock, auditKey: AuditKey): void {
  app.decorate('auditKey', auditKey);
  // Reads and refusals: rows of concurrent answers are committed together (group commit), each answer after its own.
  const writer = new AccessLogWriter(db, auditKey);
  app.decorateRequest('audit', {
    getter() {
      const self = this as FastifyRequest & { _audit?: FastifyRequest['audit'] };
      self._audit ??= { logged: false };
      return self._audit;
    },
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.routeOptions.config.audit || request.audit.logged) return payload;
    // Rows written in a transaction, and the answer is the one they record: that transaction committed.
    if (request.audit.inTransaction === reply.statusCode) return payload;
    // Refused before the caller was known (401) or by the rate limit (429): no case data was looked at, and a
    // flood of these must not bury a case's real reads. They are security events (plugins/security-events.ts).
    if (!request.caller || reply.statusCode === 429) return payload;
    const paramId = (request.params as { id?: unknown } | undefined)?.id;
    const caseId = request.audit.caseId ?? (typeof paramId === 'string' && UUID.test(paramId) && request.url.startsWith('/v1/casussen/') ? paramId : null);
    // An answer showing several cases logs each; a refusal showed none of them and is one row.
    const cases = reply.statusCode < 400 && request.audit.caseIds ? request.audit.caseIds : caseId;
    // Marked first: if logging fails, the error answer that follows must not try again (and loop).
    request.audit.logged = true;
    try {
      await writer.append(accessEntries(request, clock, reply.statusCode, cases));
    } catch (error) {
      // When the log row cannot be written, the answer is not sent: the error handler answers 500 instead.
      if (reply.statusCode < 400) throw error;
      // A refusal already on its way: throwing now would reach Fastify's own fallback (plain JSON with the failed
      // query and its parameters), so this hook answers the 500 as a problem itself.
      request.log.error({ error: safeError(error) }, 'access log row could not be written');
      const failure = isDatabaseUnreachable(error) ? databaseUnavailable() : serverError(request);
      if (failure.headers) void reply.headers(failure.headers);
      void reply.code(failure.status).type(PROBLEM_CONTENT_TYPE);
      return JSON.stringify(problemBody(request, failure));
    }
    return payload;
  });
}
