/**
 * A typed client of the Veilig Samen API: openapi-fetch over the types that
 * `pnpm api:client` generates from the service's own OpenAPI document
 * (schema.d.ts). The web pages and the tests call the API through it, so a
 * path, parameter or body that the document does not have is a compile
 * error, and every answer is typed as the document declares it.
 *
 * The document's server URL is `/v1` and its paths are relative to it, so
 * the base URL is `<origin>/v1` (`apiBaseUrl`).
 */
import createClient, { type Client, type ClientOptions } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths } from './schema.js';

/**
 * Bodies are read as JSON (application/json, application/problem+json):
 * where an operation also answers another type (the reports' text/csv), the
 * JSON one types `data`; ask for the other with `parseAs` (`'blob'`, `'text'`).
 */
export type JsonMedia = `${string}/json` | `${string}/${string}+json`;
export type ApiClient = Client<paths, JsonMedia>;
/** The document's named schemas: `Schemas['Opschaling']`, … */
export type Schemas = components['schemas'];
/** A refusal's body (application/problem+json). */
export type Problem = Schemas['Probleem'];

/** The token for the next request, asked for on every request; null or undefined: send none. */
export type TokenProvider = () => string | null | undefined;

/** The API's base URL at an origin (`http://localhost:3000` -> `http://localhost:3000/v1`). */
export const apiBaseUrl = (origin: string): string => `${origin.replace(/\/+$/, '')}/v1`;

/**
 * A client for the API at `baseUrl` (`<origin>/v1`, absolute). The bearer token from
 * `tokenProvider` goes only to requests under that base URL: a call that
 * names another base URL of its own (openapi-fetch allows one per request)
 * is sent without it, so a token never leaves the API it was issued for.
 * `options` are openapi-fetch's (a `fetch` of its own, for instance); every
 * request asks for JSON (Accept) unless the call names another type.
 */
export function createApiClient(baseUrl: string, tokenProvider: TokenProvider, options: Omit<ClientOptions, 'baseUrl' | 'headers'> = {}): ApiClient {
  // Absolute, and normalised as a Request's url is (new URL throws on a relative one), so the comparison below holds.
  const base = new URL(baseUrl).href.replace(/\/+$/, '');
  // JSON unless a call asks for another type (headers: { accept: 'text/csv' }, with parseAs).
  const client = createClient<paths, JsonMedia>({ ...options, baseUrl: base, headers: { accept: 'application/json' } });
  client.use({
    onRequest({ request }) {
      const token = tokenProvider();
      if (!token) return undefined;
      const url = request.url;
      if (url !== base && !url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) return undefined;
      request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  });
  return client;
}
