/** The case machine as JSON: its states and transitions with their guards. */
import { z } from 'zod';

export const statechartResponse = z
  .object({
    id: z.string(),
    toestanden: z.array(z.object({ id: z.string(), pad: z.string(), soort: z.string(), begin: z.string().nullable() })),
    overgangen: z.array(z.object({ van: z.string(), gebeurtenis: z.string(), naar: z.string().nullable(), voorwaarden: z.array(z.string()) })),
  })
  .meta({ id: 'Statechart' });
