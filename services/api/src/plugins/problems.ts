/**
 * The one place errors become responses: RFC 9457 problem+json with a stable
 * `code`. Domain errors carry their own status and code; framework errors are
 * mapped below; anything else is a 500 whose body never shows internals.
 */
import { DomainError, isDomainError, REQUEST_CODES, type InvalidParam } from '@veilig-samen/domain';
import { PROBLEM_CONTENT_TYPE, problem as problemSchema, type Problem } from '@veilig-samen/contracts';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, preValidationHookHandler } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import Router from 'find-my-way';
import { safeError } from '../logging/logger.js';

export function problemType(code: string): string {
  return `urn:veilig-samen:probleem:${code}`;
}

export function problemBody(request: FastifyRequest, error: DomainError): Problem {
  return {
    type: problemType(error.code),
    title: error.title,
    status: error.status,
    code: error.code,
    // The path only: a query string could hold search terms.
    instance: request.url.split('?')[0],
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    ...(error.invalidParams === undefined ? {} : { invalidParams: [...error.invalidParams] }),
    ...(error.guard === undefined ? {} : { guard: error.guard }),
  };
}

/** The answer to anything unexpected: no detail of the error, only the request id to quote. */
export function serverError(request: FastifyRequest): DomainError {
  return new DomainError({
    status: 500,
    code: 'server.fout',
    title: 'Er ging iets mis in de service.',
    detail: `Probeer het later opnieuw; noem bij contact met beheer request-id ${request.id}.`,
  });
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: DomainError): FastifyReply {
  const body = problemBody(request, error);
  if (error.headers) void reply.headers(error.headers);
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/** Fastify's own request errors, by code, with the problem each becomes. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: string; title: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'verzoek.ongeldige-json', title: 'De body is geen geldige JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'verzoek.lege-body', title: 'De body is leeg, maar Content-Type is application/json.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'verzoek.ongeldige-lengte', title: 'Content-Length klopt niet met de body.' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'verzoek.te-groot', title: 'De body is groter dan toegestaan.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: REQUEST_CODES.unsupportedMediaType, title: 'Dit Content-Type wordt niet ondersteund; gebruik application/json.' },
  FST_ERR_BAD_URL: { status: 400, code: 'verzoek.ongeldige-url', title: 'De URL is ongeldig.' },
  FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: REQUEST_CODES.invalid, title: 'Het verzoek is ongeldig.' },
};

// Network errors and PostgreSQL's connection and shutdown classes (08, 57P0x): the database is not there.
const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006']);
// node-postgres reports these without a code.
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|connection error|Client was closed/i;

/** The database cannot be reached (down, restarting, connections cut): nothing the client did wrong. */
export function isDatabaseUnreachable(error: unknown): boolean {
  for (let current = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    if (UNREACHABLE_MESSAGES.test(current.message)) return true;
  }
  return false;
}

export const databaseUnavailable = () =>
  new DomainError({
    status: 503,
    code: 'database.niet-beschikbaar',
    title: 'De database is tijdelijk niet bereikbaar.',
    detail: 'Er is niets gewijzigd. Probeer het over enkele seconden opnieuw.',
    headers: { 'retry-after': '5' },
  });

export function toDomainError(error: FastifyError): DomainError | undefined {
  if (isDomainError(error)) return error;
  if (isDatabaseUnreachable(error)) return databaseUnavailable();
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    // An object with keys it does not know (a strict query or body) is one issue; each key is named apart.
    const invalidParams: InvalidParam[] = error.validation.flatMap((issue) => {
      const keys = issue.keyword === 'unrecognized_keys' && Array.isArray(issue.params.keys) ? (issue.params.keys as unknown[]).map(String) : [undefined];
      return keys.map((key) => ({
        name: fieldName(context, key === undefined ? issue.instancePath : `${issue.instancePath}/${key}`),
        code: issue.keyword,
        reason: issue.message ?? 'ongeldige waarde',
      }));
    });
    return new DomainError({
      status: 400,
      code: REQUEST_CODES.invalid,
      title: 'Het verzoek bevat ongeldige gegevens.',
      detail: `${invalidParams.length} ${invalidParams.length === 1 ? 'veld is' : 'velden zijn'} ongeldig; zie invalidParams.`,
      invalidParams,
    });
  }
  // A value PostgreSQL cannot store as text (e.g. a NUL character) is the client's error.
  const pgCode = (error.cause as { code?: unknown } | undefined)?.code;
  if (pgCode === '22P05' || pgCode === '22021') {
    return new DomainError({ status: 400, code: REQUEST_CODES.invalidCharacters, title: 'Het verzoek bevat tekens die niet kunnen worden opgeslagen.' });
  }
  const known = error.code ? FRAMEWORK_ERRORS[error.code] : undefined;
  if (known) return new DomainError(known);
  // Other client errors raised by Fastify or a plugin keep their status.
  if (typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError({ status: error.statusCode, code: REQUEST_CODES.invalid, title: 'Het verzoek is ongeldig.' });
  }
  return undefined;
}

/** `leden[0].naam` for body fields, the bare name for headers and query parameters. */
function fieldName(context: string, instancePath: string): string {
  const segments = instancePath.split('/').filter(Boolean);
  if (segments.length === 0) return context;
  return segments.reduce((name, segment) => (/^\d+$/.test(segment) ? `${name}[${segment}]` : name ? `${name}.${segment}` : segment), '');
}

/**
 * Errors Fastify raises before routing (a URL it cannot decode) skip the
 * error handler; this option of the Fastify constructor catches them.
 */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  void sendProblem(request, reply, toDomainError(error) ?? new DomainError({ status: 400, code: REQUEST_CODES.invalid, title: 'Het verzoek is ongeldig.' }));
}

export function registerProblems(app: FastifyInstance): void {
  // A route that validates anything of the request (path, query, headers, body) can answer the
  // validation problem below with 400: its OpenAPI entry says so (NL API Design Rules, invalid-input).
  app.addHook('onRoute', (route) => {
    const schema = route.schema;
    // Every /v1 route refuses unknown query parameters (below), so every one can answer 400.
    if (!schema || schema.hide || !(route.url.startsWith('/v1/') || schema.params || schema.querystring || schema.headers || schema.body)) return;
    schema.response = { 400: problemSchema, ...(schema.response as object | undefined) };
  });
  // A query parameter a route does not know is refused, never ignored: `?naam=Jansen` for `?zoek=Jansen` would
  // otherwise answer the whole unfiltered list as if it were the search. Checked before validation, on every /v1 route.
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/v1/')) return;
    const known = queryParameterNames(route.schema?.querystring);
    if (known === undefined) return;
    const check: preValidationHookHandler = (request, _reply, done) => {
      const unknown = Object.keys((request.query as Record<string, unknown> | undefined) ?? {}).filter((name) => !known.has(name));
      if (unknown.length === 0) return done();
      done(unknownParameters(unknown, known));
    };
    route.preValidation = [...(Array.isArray(route.preValidation) ? route.preValidation : route.preValidation ? [route.preValidation] : []), check];
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const problem = toDomainError(error);
    if (problem) {
      if (problem.status >= 500) request.log.error({ error: safeError(error) }, 'request failed');
      return sendProblem(request, reply, problem);
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ issues: error.cause.issues.map((i) => i.path.join('.')) }, 'response does not match its schema');
    } else {
      request.log.error({ error: safeError(error) }, 'unhandled error');
    }
    return sendProblem(request, reply, serverError(request));
  });

  // A router holding only the shapes of our routes, to tell "no such path"
  // (404) from "path exists, method does not" (405 with Allow).
  const shapes = Router();
  const methodsByShape = new Map<string, Set<string>>();
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      let set = methodsByShape.get(route.url);
      if (!set) {
        set = new Set();
        methodsByShape.set(route.url, set);
        shapes.on('GET', route.url, () => undefined, { shape: route.url });
      }
      set.add(method);
    }
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const match = shapes.find('GET', path);
    const shape = (match?.store as { shape?: string } | undefined)?.shape;
    const allowed = shape ? methodsByShape.get(shape) : undefined;
    if (allowed && !allowed.has(request.method)) {
      const allow = [...allowed].sort().join(', ');
      return sendProblem(
        request,
        reply,
        new DomainError({
          status: 405,
          code: 'verzoek.methode-niet-toegestaan',
          title: `Methode ${request.method} is hier niet toegestaan.`,
          detail: `Toegestaan: ${allow}.`,
          headers: { allow },
        }),
      );
    }
    return sendProblem(
      request,
      reply,
      new DomainError({ status: 404, code: 'route.niet-gevonden', title: 'Deze URL bestaat niet.', detail: 'Zie /v1/openapi.json voor alle paden.' }),
    );
  });
}

/**
 * The query parameters a route's schema names: none for a route without a
 * query schema; undefined when the schema's shape cannot be read (then no check).
 */
function queryParameterNames(schema: unknown): ReadonlySet<string> | undefined {
  if (schema === undefined) return new Set();
  let current = schema as { shape?: Record<string, unknown>; in?: unknown; def?: { innerType?: unknown } } | undefined;
  for (let depth = 0; current && depth < 5; depth++) {
    if (current.shape && typeof current.shape === 'object') return new Set(Object.keys(current.shape));
    current = (current.in ?? current.def?.innerType) as typeof current;
  }
  return undefined;
}

function unknownParameters(unknown: readonly string[], known: ReadonlySet<string>): DomainError {
  const allowed = known.size === 0 ? 'Deze route kent geen queryparameters.' : `Deze route kent: ${[...known].sort().join(', ')}.`;
  return new DomainError({
    status: 400,
    code: REQUEST_CODES.unknownParameter,
    title: `Onbekende queryparameter${unknown.length === 1 ? '' : 's'}: ${unknown.join(', ')}.`,
    detail: `${allowed} Controleer de spelling; een onbekende parameter wordt niet genegeerd.`,
    invalidParams: unknown.map((name) => ({ name, code: 'onbekend', reason: 'onbekende queryparameter' })),
  });
}
