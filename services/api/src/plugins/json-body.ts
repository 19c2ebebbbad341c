/**
 * JSON bodies, parsed as Fastify does (prototype poisoning refused) and then
 * checked once for what no route can store or process: a string with a lone
 * UTF-16 surrogate ("\ud800" is valid JSON, but PostgreSQL's jsonb refuses
 * it, which was a 500), and nesting deeper than any contract needs (hashing
 * a body for idempotency recursed until the stack ran out, also a 500).
 * Both are refused as 400 before a route sees the body, for every route.
 */
import { DomainError } from '@veilig-samen/domain';
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
    code: 'verzoek.ongeldige-tekens',
    title: 'De body bevat tekst die geen geldige Unicode is.',
    detail: 'Een UTF-16-surrogaat (\\ud800-\\udfff) hoort in een paar; stuur geldige UTF-8.',
  }),
};

export function registerJsonBody(app: FastifyInstance, contentTypes: readonly string[]): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  const checked = (request: FastifyRequest, body: string | Buffer, done: (error: Error | null, value?: unknown) => void) =>
    parse(request, String(body), (error: Error | null, value?: unknown) => {
      if (error) return done(error);
      const problem = bodyProblem(value);
      return problem ? done(PROBLEMS[problem]) : done(null, value);
    });
  for (const type of contentTypes) {
    if (app.hasContentTypeParser(type)) app.removeContentTypeParser(type);
    app.addContentTypeParser(type, { parseAs: 'string' }, checked);
  }
}
