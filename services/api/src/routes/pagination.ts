import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Pagination per the NL API Design Rules: `pagina` and `paginaGrootte` in the
 * query, RFC 8288 Link headers (first, prev, next, last) and the total in
 * X-Total-Count, so the body stays a plain list.
 */
export function paginate(request: FastifyRequest, reply: FastifyReply, page: number, pageSize: number, total: number): void {
  const last = Math.max(1, Math.ceil(total / pageSize));
  const [path, query = ''] = request.url.split('?');
  const link = (target: number, rel: string) => {
    const params = new URLSearchParams(query);
    // Paging parameters last, in one order, so links are canonical.
    params.delete('pagina');
    params.delete('paginaGrootte');
    params.set('pagina', String(target));
    params.set('paginaGrootte', String(pageSize));
    return `<${path}?${params.toString()}>; rel="${rel}"`;
  };
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
