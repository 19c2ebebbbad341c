import { z } from 'zod';

/**
 * RFC 9457 problem details, with the two extensions every client relies on:
 * a stable `code` and, for validation errors, every invalid field at once.
 */
export const invalidParam = z.object({
  name: z.string().meta({ description: 'Het veld of de header met het probleem, bijvoorbeeld `leden[0].naam`.' }),
  code: z.string().meta({ description: 'Stabiele code van het probleem.' }),
  reason: z.string().meta({ description: 'Uitleg in het Nederlands.' }),
});

export const problem = z
  .object({
    type: z.string().meta({ description: 'URI die het soort probleem aanduidt.' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string().meta({ description: 'Stabiele, machineleesbare code, bijvoorbeeld `auth.token-ongeldig`.' }),
    invalidParams: z.array(invalidParam).optional(),
    guard: z.string().optional().meta({ description: 'Bij een geweigerde gebeurtenis: de voorwaarde (guard) van de casusmachine die weigerde.' }),
  })
  .meta({ id: 'Probleem', description: 'Foutmelding volgens RFC 9457 (application/problem+json).' });

export type Problem = z.infer<typeof problem>;

/** Media type of every error response. */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';
