/**
 * Request bodies. Only JSON is accepted: application/json on every route
 * that takes a body, application/merge-patch+json (RFC 7396) on PATCH
 * routes, in UTF-8 (RFC 8259; a charset parameter may only say so). Every
 * other media type, a body without Content-Type included, gets 415: only
 * these parsers exist, so Fastify refuses anything else before a route runs
 * (its own text/plain parser handed text to the routes, which then failed
 * validation with 400).
 *
 * JSON is parsed as Fastify does (prototype poisoning refused) and then
 * checked once for what no route can store or process: a string with a lone
 * UTF-16 surrogate ("\ud800" is valid JSON, but PostgreSQL's jsonb refuses
 * it, which was a 500), and nesting deeper than any contract needs (hashing
 * a body for idempotency recursed until the stack ran out, also a 500).
 * Both are refused as 400 before a route sees the body, for every route.
 */
import { problem } from '@veilig-samen/contracts';
import { DomainError, REQUEST_CODES } from '@veilig-samen/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Deeper than any request contract (the deepest is a few levels). */
export const MAX_JSON_DEPTH = 32;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The first problem with a parsed body, or undefined. Iterative, so depth cannot exhaust the stack. */
export function bodyProblem(value: unknown): 'te-diep' | 'ongeldige-tekens' | undefined {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof current === 'string') {
      if (LONE_SURROGATE.test(current)) return 'ongeldige-tekens';
    } else if (current !== null && typeof current === 'object') {
      if (depth >= MAX_JSON_DEPTH) return 'te-diep';
      for (const [key, child] of Object.entries(current)) {
        if (LONE_SURROGATE.test(key)) return 'ongeldige-tekens';
        stack.push({ value: child, depth: depth + 1 });
      }
    }
  }
  return undefined;
}

const PROBLEMS = {
  'te-diep': new DomainError({
    status: 400,
    code: 'verzoek.te-diep-genest',
    title: 'De body is te diep genest.',
    detail: `Objecten en lijsten mogen hoogstens ${MAX_JSON_DEPTH} niveaus diep in elkaar zitten.`,
  }),
  'ongeldige-tekens': new DomainError({
    status: 400,
    code: REQUEST_CODES.invalidCharacters,
    title: 'De body bevat tekst die geen geldige Unicode is.',
    detail: 'Een UTF-16-surrogaat (\\ud800-\\udfff) hoort in een paar; stuur geldige UTF-8.',
  }),
};

/** The media types a body may have, and the methods that take each. */
const JSON_MEDIA_TYPES: Readonly<Record<string, readonly string[] | 'all'>> = {
  'application/json': 'all',
  'application/merge-patch+json': ['PATCH'],
};

const unsupportedMediaType = (detail: string) =>
  new DomainError({ status: 415, code: REQUEST_CODES.unsupportedMediaType, title: 'Dit Content-Type wordt niet ondersteund; gebruik application/json.', detail });

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]*)"?/i;

/** Why this request may not send its body as `mediaType`, or undefined. */
function mediaTypeRefusal(request: FastifyRequest, mediaType: string): DomainError | undefined {
  const methods = JSON_MEDIA_TYPES[mediaType];
  if (methods !== 'all' && !methods?.includes(request.method)) {
    return unsupportedMediaType(`${mediaType} alleen bij ${methods?.join(', ') ?? 'geen enkele methode'}; stuur hier application/json.`);
  }
  // The body is read as UTF-8 whatever the header says: another charset would garble names silently.
  const charset = CHARSET.exec(request.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    return unsupportedMediaType('JSON is altijd UTF-8 (RFC 8259): laat charset weg of stuur charset=utf-8.');
  }
  return undefined;
}

export function registerJsonBody(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const parserFor = (mediaType: string) => (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) => {
    const refusal = mediaTypeRefusal(request, mediaType);
    if (refusal) return done(refusal);
    return parse(request, String(body), (error: Error | null, value?: unknown) => {
      if (error) return done(error);
      const problem = bodyProblem(value);
      return problem ? done(PROBLEMS[problem]) : done(null, value);
    });
  };
  // Fastify's defaults (JSON, and text/plain as a string) go: what has no parser gets 415.
  app.removeAllContentTypeParsers();
  for (const mediaType of Object.keys(JSON_MEDIA_TYPES)) app.addContentTypeParser(mediaType, { parseAs: 'string' }, parserFor(mediaType));

  // The OpenAPI entry of a route with a body: the media types it takes, and the refusals of a body.
  app.addHook('onRoute', (route) => {
    if (!route.schema?.body) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.schema.consumes = Object.entries(JSON_MEDIA_TYPES)
      .filter(([, allowed]) => allowed === 'all' || methods.every((method) => allowed.includes(method)))
      .map(([mediaType]) => mediaType);
    route.schema.response = { 413: problem, 415: problem, ...(route.schema.response as object | undefined) };
  });
}
