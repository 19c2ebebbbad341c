import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

/**
 * Paging by number reads and skips every row before the page (OFFSET): a
 * huge `pagina` made the database walk a whole table for an empty answer.
 * Lists whose tables only grow stop numbers at MAX_PAGE (with paginaGrootte
 * at most 100, an OFFSET of at most 9,900 rows); the access log goes further
 * by key (`na`).
 */
export const MAX_PAGE = 100;

/** `pagina` of a list bounded by MAX_PAGE. */
export const boundedPage = (description = `Paginanummer, hoogstens ${MAX_PAGE}.`) =>
  z.coerce.number().int().min(1).max(MAX_PAGE).default(1).meta({ description });

const PAGING_PARAMETERS = ['pagina', 'paginaGrootte', 'na'] as const;

/** A link to this list with other paging parameters, placed last in one order so links are canonical. */
function linkTo(request: FastifyRequest, paging: Readonly<Record<string, number>>, rel: string): string {
  const [path, query = ''] = request.url.split('?');
  const params = new URLSearchParams(query);
  for (const name of PAGING_PARAMETERS) params.delete(name);
  for (const [name, value] of Object.entries(paging)) params.set(name, String(value));
  return `<${path}?${params.toString()}>; rel="${rel}"`;
}

/**
 * Pagination per the NL API Design Rules: `pagina` and `paginaGrootte` in the
 * query, RFC 8288 Link headers (first, prev, next, last) and the total in
 * X-Total-Count, so the body stays a plain list.
 */
export function paginate(request: FastifyRequest, reply: FastifyReply, page: number, pageSize: number, total: number): void {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const link = (target: number, rel: string) => linkTo(request, { pagina: target, paginaGrootte: pageSize }, rel);
  const links = [link(1, 'first')];
  if (page > 1) links.push(link(Math.min(page - 1, last), 'prev'));
  if (page < last) links.push(link(page + 1, 'next'));
  links.push(link(last, 'last'));
  void reply.headers({
    link: links.join(', '),
    'x-total-count': String(total),
    'x-pagination-page': String(page),
    'x-pagination-limit': String(pageSize),
  });
}

/**
 * Keyset pagination, for a list that is long and grows at its head while it
 * is read (the access log): `na` names the last row seen, and the next page
 * starts right after it, found through an index however deep, with no row
 * seen twice when new rows arrive meanwhile. `pagina` still works for the
 * first pages (its OFFSET is bounded by the route).
 *
 * Links: first; prev while paging by number; next (with `na`) when more rows
 * follow. No last: reaching it would mean reading the whole list. The total
 * (X-Total-Count) is counted when paging by number only.
 */
export function paginateKeyset(
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly pageSize: number; readonly page: number | undefined; readonly nextAfter: number | undefined; readonly total: number | undefined },
): void {
  const { pageSize, page, nextAfter, total } = options;
  const links = [linkTo(request, { pagina: 1, paginaGrootte: pageSize }, 'first')];
  if (page !== undefined && page > 1) links.push(linkTo(request, { pagina: page - 1, paginaGrootte: pageSize }, 'prev'));
  if (nextAfter !== undefined) links.push(linkTo(request, { na: nextAfter, paginaGrootte: pageSize }, 'next'));
  void reply.headers({
    link: links.join(', '),
    'x-pagination-limit': String(pageSize),
    ...(page === undefined ? {} : { 'x-pagination-page': String(page) }),
    ...(total === undefined ? {} : { 'x-total-count': String(total) }),
  });
}
