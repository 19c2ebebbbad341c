/**
 * buildApp(deps) assembles the HTTP service: plugins, then routes. It never
 * listens, so tests drive it with inject() and main.ts decides how to serve.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerAccessLog } from './plugins/access-log.js';
import { registerVictimSide } from './plugins/victim-side.js';
import { createMetrics } from './metrics/metrics.js';
import type { AppDeps } from './app-deps.js';
import { registerJsonBody } from './plugins/json-body.js';
import { registerMetrics } from './plugins/metrics.js';
import { registerAuth } from './plugins/auth.js';
import { registerDirectory } from './plugins/directory.js';
import { loggerOptions } from './logging/logger.js';
import { registerOpenApi } from './plugins/openapi.js';
import { frameworkErrors, registerProblems } from './plugins/problems.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerSecurityEvents } from './plugins/security-events.js';
import { registerTracing, tracedChildLogger } from './plugins/tracing.js';
import { registerSecurityHeaders } from './plugins/security-headers.js';
import { abonnementenRoutes } from './routes/abonnementen.js';
import { beleidRoutes } from './routes/beleid.js';
import { betrokkenenRoutes } from './routes/betrokkenen.js';
import { brievenRoutes } from './routes/brieven.js';
import { berichtenRoutes } from './routes/berichten.js';
import { intakeRoutes } from './routes/intake.js';
import { casussenRoutes } from './routes/casussen.js';
import { expertoverleggenRoutes } from './routes/expertoverleggen.js';
import { ikRoutes } from './routes/ik.js';
import { inzageRoutes } from './routes/inzage.js';
import { ketenpartnerRoutes } from './routes/ketenpartner.js';
import { medewerkersRoutes } from './routes/medewerkers.js';
import { noodtoegangRoutes } from './routes/noodtoegang.js';
import { notitiesRoutes } from './routes/notities.js';
import { opschalingenRoutes } from './routes/opschalingen.js';
import { mdaEvaluatiesRoutes } from './routes/mda-evaluaties.js';
import { rapportagesRoutes } from './routes/rapportages.js';
import { statechartRoutes } from './routes/statechart.js';
import { toegangslogRoutes } from './routes/toegangslog.js';
import { werkvoorraadRoutes } from './routes/werkvoorraad.js';
import { zgwRoutes } from './routes/zgw.js';
import { systemRoutes } from './routes/system.js';
import { webRoutes } from './web/routes.js';

// Validation messages are shown to Dutch-speaking users and systems.
z.config(z.locales.nl());

export type { AppDeps } from './app-deps.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Request-ID is kept when it is safe to log; otherwise a new one is made. */
function requestId(request: IncomingMessage): string {
  const incoming = request.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    ...(deps.logger ? { loggerInstance: deps.logger } : { logger: loggerOptions(deps.config.logLevel) }),
    genReqId: requestId,
    childLoggerFactory: tracedChildLogger,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    bodyLimit: deps.config.bodyLimitBytes,
    // Paths are exact: no redirect or second meaning for a trailing slash.
    routerOptions: { ignoreTrailingSlash: false },
    frameworkErrors,
    return503OnClosing: true,
    // request.ip comes from X-Forwarded-For only when the peer is a configured proxy; otherwise it is the peer.
    trustProxy: deps.config.trustedProxies.length > 0 ? [...deps.config.trustedProxies] : false,
    // Connections are closed by the shutdown's drain (drain.ts), after a grace, not the moment closing starts.
    forceCloseConnections: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  registerProblems(app);
  registerTracing(app);
  // JSON bodies only (merge patches for PATCH), checked for depth and broken Unicode; any other media type 415.
  registerJsonBody(app);
  registerSecurityHeaders(app, deps.config.identityProvider);
  const securityEvents = registerSecurityEvents(app, deps.clock);
  // Spent in auth's onRequest hook: before the token check, the body and validation.
  const rateLimit = await registerRateLimit(app, deps.config.rateLimitPerMinute, securityEvents);
  await registerAuth(app, deps.config, deps.jwtKeys, rateLimit, securityEvents, deps.clock);
  // After auth's hook, which knows the caller: who called is kept in the directory of professionals.
  registerDirectory(app, deps.database.db, deps.clock);
  registerAccessLog(app, deps.database.db, deps.clock, deps.auditKey);
  registerVictimSide(app);
  if (deps.config.metrics.expose !== 'off') registerMetrics(app, deps.metrics ?? createMetrics(deps.database, deps.clock), deps.config.metrics.expose === 'public');
  await registerOpenApi(app);

  await app.register(systemRoutes(deps));
  await app.register(ikRoutes);
  await app.register(casussenRoutes(deps));
  await app.register(statechartRoutes);
  await app.register(opschalingenRoutes(deps));
  await app.register(mdaEvaluatiesRoutes(deps));
  await app.register(expertoverleggenRoutes(deps));
  await app.register(beleidRoutes(deps));
  await app.register(rapportagesRoutes(deps));
  await app.register(berichtenRoutes(deps));
  await app.register(intakeRoutes(deps));
  await app.register(abonnementenRoutes(deps));
  await app.register(zgwRoutes(deps));
  await app.register(toegangslogRoutes(deps));
  await app.register(werkvoorraadRoutes(deps));
  await app.register(betrokkenenRoutes(deps));
  await app.register(brievenRoutes(deps));
  await app.register(noodtoegangRoutes(deps));
  await app.register(inzageRoutes(deps));
  await app.register(ketenpartnerRoutes(deps));
  await app.register(notitiesRoutes(deps));
  await app.register(medewerkersRoutes(deps));
  await app.register(webRoutes(deps));
  return app;
}
