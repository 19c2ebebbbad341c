/**
 * Headers on every response: the NL API Design Rules' API-Version, the
 * request id for support, and the OWASP headers for an API that holds
 * sensitive personal data (nothing may be cached, framed or sniffed).
 */
import type { FastifyInstance } from 'fastify';
import type { IdentityProvider } from '../config.js';
import { WEB_PAGES } from '../web/routes.js';

export const API_VERSION = '1.0.0';

const API_CSP = "default-src 'none'; frame-ancestors 'none'";
// The docs page loads its own scripts and styles (served locally, no CDN).
// Documents the service renders itself (the household's inzage) carry their own styles.
const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";
// The coordinator's and insights pages: their own scripts and styles only, and calls to this API
// (and to the identity provider's token endpoint, when one is configured).
const appCsp = (connectTo: readonly string[]) =>
  `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src ${["'self'", ...connectTo].join(' ')}; form-action 'none'; base-uri 'none'; frame-ancestors 'none'`;
const DOCS_CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

function contentSecurityPolicy(url: string, route: string | undefined, contentType: string, appPolicy: string): string {
  if (url.startsWith('/docs')) return DOCS_CSP;
  if (route !== undefined && route in WEB_PAGES) return appPolicy;
  return contentType.startsWith('text/html') ? DOCUMENT_CSP : API_CSP;
}

export function registerSecurityHeaders(app: FastifyInstance, identityProvider: IdentityProvider | undefined): void {
  const appPolicy = appCsp(identityProvider ? [new URL(identityProvider.tokenUrl).origin] : []);
  app.addHook('onSend', async (request, reply, payload) => {
    void reply.headers({
      'api-version': API_VERSION,
      'x-request-id': request.id,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'content-security-policy': contentSecurityPolicy(request.url, request.routeOptions.url, String(reply.getHeader('content-type') ?? ''), appPolicy),
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'referrer-policy': 'no-referrer',
      'cross-origin-resource-policy': 'same-origin',
    });
    return payload;
  });
}
