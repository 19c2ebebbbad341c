/**
 * The OpenAPI document's paths are relative to its server (`/v1`, the major
 * version: docs/architecture.md, "The API's URLs"); a path outside the version
 * (the health checks) names a server of its own. Tests that walk the document
 * call the service, so they join the two: `/v1` + `/casussen` = `/v1/casussen`.
 */
interface Server {
  readonly url: string;
}
interface Document<Operation> {
  readonly servers?: readonly Server[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>> & { readonly servers?: readonly Server[] }>>;
}

const join = (server: string, path: string) => `${server.replace(/\/$/, '')}${path}`;

/** The document's operations by the URL path the service answers on (server + path), without the path-level `servers`. */
export function urlPaths<Operation>(document: Document<Operation>): Record<string, Record<string, Operation>> {
  const base = document.servers?.[0]?.url ?? '';
  const paths: Record<string, Record<string, Operation>> = {};
  for (const [path, item] of Object.entries(document.paths)) {
    const { servers, ...operations } = item;
    paths[join(servers?.[0]?.url ?? base, path)] = operations;
  }
  return paths;
}
