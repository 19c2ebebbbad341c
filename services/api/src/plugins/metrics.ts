/**
 * Records every answered request in the metrics by route pattern (never the
 * URL, which holds ids) and, with METRICS_EXPOSE=public, serves /metrics on
 * the public port too (hidden from the OpenAPI document).
 */
import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/metrics.js';

export function registerMetrics(app: FastifyInstance, metrics: Metrics, servePublicly: boolean): void {
  app.addHook('onResponse', async (request, reply) => {
    metrics.observeRequest(request.method, request.routeOptions.url ?? '(geen route)', reply.statusCode, reply.elapsedTime / 1000);
  });
  if (servePublicly) {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
  }
}
