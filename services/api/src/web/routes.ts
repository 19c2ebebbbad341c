/**
 * The web pages the service serves itself: the MDA++ coordinator's page
 * (/coordinator) and the region's insights (/inzichten). They are static
 * files with no data in them; everything they show comes from the /v1 API
 * with the user's own token, so the API's access rules and access log apply
 * unchanged. No CDN: plain HTML and CSS (static/), and one ES module per page
 * that esbuild bundles from the TypeScript in browser/ (dist/, see build.ts).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DomainError } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app-deps.js';
import { demoTokens, demoTokensAvailable } from '../demo/banner.js';
import { BUNDLE_DIR, STATIC_DIR } from './paths.js';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

interface Asset {
  readonly body: Buffer;
  readonly type: string;
}

/**
 * Read once at start-up: a fixed set of files, so no path from a request ever
 * reaches the file system. The bundles may be missing where the app is built
 * without serving pages (the OpenAPI script); the service builds them before
 * it starts (main.ts).
 */
function loadAssets(): ReadonlyMap<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const dir of [STATIC_DIR, BUNDLE_DIR]) {
    for (const name of existsSync(dir) ? readdirSync(dir) : []) {
      const type = CONTENT_TYPES[path.extname(name)];
      if (type) assets.set(name, { body: readFileSync(path.join(dir, name)), type });
    }
  }
  return assets;
}

/** Pages and the paths they are served at. */
export const WEB_PAGES = { '/coordinator': 'coordinator.html', '/inzichten': 'inzichten.html' } as const;

export function webRoutes(deps: AppDeps) {
  const assets = loadAssets();
  const send = (name: string) => {
    const asset = assets.get(name);
    if (!asset) throw new DomainError({ status: 404, code: 'pagina.niet-gevonden', title: 'Deze pagina bestaat niet.' });
    return asset;
  };
  return async (app: FastifyInstance): Promise<void> => {
    for (const [url, file] of Object.entries(WEB_PAGES)) {
      app.get(url, { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
        const page = send(file);
        return reply.type(page.type).send(page.body);
      });
    }

    app.get<{ Params: { file: string } }>('/web/:file', { config: { access: 'public' }, schema: { hide: true } }, async (request, reply) => {
      const asset = send(request.params.file.endsWith('.html') ? '' : request.params.file);
      return reply.type(asset.type).send(asset.body);
    });

    // What the sign-in form offers: the identity provider (public client settings), and whether demo tokens exist.
    app.get('/web/config.json', { config: { access: 'public' }, schema: { hide: true } }, async () => ({
      demo: demoTokensAvailable(deps.config, deps.jwtKeys),
      identityProvider: deps.config.identityProvider ?? null,
    }));

    // Demo mode on the demo's own secret only: the role picker's tokens, the same ones `pnpm start` prints.
    app.get('/demo/tokens', { config: { access: 'public' }, schema: { hide: true } }, async () => {
      const tokens = demoTokens(deps.config, deps.jwtKeys, deps.clock.now());
      if (tokens.length === 0) {
        throw new DomainError({ status: 404, code: 'demo.niet-actief', title: 'Deze service draait niet in demomodus.', detail: 'Log in met een token van de identity provider.' });
      }
      return {
        tokens: tokens.map(({ caller, token }) => ({ rol: caller.rol, sub: caller.sub, organisatie: caller.organisatie, gemeenten: caller.gemeenten, token })),
      };
    });
  };
}
