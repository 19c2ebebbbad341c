import { z } from 'zod';

/**
 * Instants in the API: ISO 8601 with an offset (or Z) on the way in, always
 * UTC with `Z` on the way out (NL API Design Rules, /core/date-time).
 */
export const instant = z.iso
  .datetime({ offset: true })
  .transform((value) => new Date(value))
  .meta({ description: 'ISO 8601 tijdstip met tijdzone, bijvoorbeeld 2026-11-22T09:30:00+01:00; antwoorden zijn altijd in UTC.' });

/** Calendar dates (birth dates, due dates): YYYY-MM-DD. */
export const calendarDate = z.iso.date().meta({ description: 'Kalenderdatum JJJJ-MM-DD.' });

export const healthResponse = z.object({
  status: z.enum(['ok', 'niet-gereed']),
});
export type HealthResponse = z.infer<typeof healthResponse>;
