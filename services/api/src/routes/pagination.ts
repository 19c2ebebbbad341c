import type { FastifyReply, FastifyRequest } from 'fastify';

// The parameters themselves (pagina bounded by MAX_PAGE, paginaGrootte by
// MAX_PAGE_SIZE) are in @veilig-samen/contracts (paging.ts), shared with clients.

/** How a list paged by number says so in its OpenAPI description. */
export const PAGING_DESCRIPTION =
  'Paginering via `pagina` (hoogstens 100) en `paginaGrootte` (hoogstens 100); de Link-header geeft first, prev, next en last, X-Total-Count het totaal. ' +
  'Een te grote of ongeldige pagina of paginaGrootte geeft 400 verzoek.ongeldig.';

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
