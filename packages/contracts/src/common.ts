import { z } from 'zod';

/**
 * Dates and instants the service accepts: 1900 up to and including 2099. A
 * case's dates (births, contacts, deadlines, reviews) all fall in it; outside
 * it a date is a typing error, and year 0000, which ISO 8601 allows but
 * PostgreSQL does not, would otherwise fail in the database instead of at the door.
 */
const DATE_RANGE = { from: '1900-01-01', to: '2099-12-31' } as const;
const DATE_RANGE_MESSAGE = `datum buiten het bereik ${DATE_RANGE.from} tot en met ${DATE_RANGE.to}`;
function withinDateRange(date: string): boolean {
  // A value that is no date at all is the format check's to refuse: one problem per field.
  if (!/^\d{4}-\d{2}-\d{2}/.test(date)) return true;
  return date.slice(0, 10) >= DATE_RANGE.from && date.slice(0, 10) <= DATE_RANGE.to;
}

/**
 * Instants in the API: ISO 8601 with an offset (or Z) on the way in, always
 * UTC with `Z` on the way out (NL API Design Rules, /core/date-time).
 */
export const instant = z.iso
  .datetime({ offset: true })
  .refine(withinDateRange, DATE_RANGE_MESSAGE)
  .transform((value) => new Date(value))
  .meta({ description: 'ISO 8601 tijdstip met tijdzone, bijvoorbeeld 2026-11-22T09:30:00+01:00; antwoorden zijn altijd in UTC.' });

/** Instants in responses: always UTC. */
export const isoInstant = z.string().meta({ format: 'date-time', description: 'ISO 8601 in UTC.' });

/**
 * The eleven test (elfproef) of a BSN or an RSIN, which share one number
 * range: 9 digits, weighted 9 down to 2 and the last -1, the sum divisible by 11.
 */
export function passesElevenTest(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((total, digit, index) => total + digit * (9 - index), 0) - (digits[8] ?? 0);
  return sum % 11 === 0;
}

/** Calendar dates (birth dates, due dates): YYYY-MM-DD. */
/** A list in which each value occurs once. */
export const uniqueList = <T extends z.ZodType>(item: T) =>
  z.array(item).refine((items) => new Set(items).size === items.length, 'elke waarde mag maar één keer voorkomen');

export const calendarDate = z.iso
  .date()
  .refine(withinDateRange, DATE_RANGE_MESSAGE)
  .meta({ description: 'Kalenderdatum JJJJ-MM-DD, van 1900-01-01 tot en met 2099-12-31.' });

export const healthResponse = z.object({
  status: z.literal('ok'),
});
export type HealthResponse = z.infer<typeof healthResponse>;

/**
 * Control characters (NUL and the like) have no place in case data, and
 * PostgreSQL refuses NUL in text: refuse them at the door with a 400.
 * Tabs and line breaks stay allowed.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/**
 * Bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) make
 * text display differently from what it says ("Trojan Source"): refused.
 */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;
/**
 * Other invisible format characters (zero-width space and joiners, word
 * joiner, byte-order mark, soft hyphen, direction marks: Unicode category
 * Cf) are dropped, after NFKC folds look-alike forms (full-width letters,
 * ligatures) into their plain ones: "Sanne\u200b Jansen" is Sanne Jansen,
 * and is recognised as her (security finding 11).
 */
const INVISIBLE = /\p{Cf}/gu;
export function normaliseText(value: string): string {
  return value.normalize('NFKC').replace(INVISIBLE, '');
}
const BIDI_MESSAGE = 'mag geen tekens voor tekstrichting bevatten (U+202A-U+202E, U+2066-U+2069)';
export const plainText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !CONTROL.test(value), 'mag geen stuurtekens bevatten')
    .refine((value) => !BIDI_CONTROL.test(value), BIDI_MESSAGE)
    .overwrite(normaliseText);
/** Required text: normalised (NFKC, no invisible characters), trimmed, not empty, no control characters. */
export const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => !CONTROL.test(value), 'mag geen stuurtekens bevatten')
    .refine((value) => !BIDI_CONTROL.test(value), BIDI_MESSAGE)
    .overwrite((value) => normaliseText(value).trim())
    .min(1);

/** An organisation's OIN (organisatie-identificatienummer, Logius): 20 digits. */
export const oin = z
  .string()
  .regex(/^\d{20}$/, 'moet een OIN van 20 cijfers zijn')
  .meta({ description: 'Organisatie-identificatienummer (OIN, 20 cijfers), zoals de identiteitsprovider het in het token zet.' });

/**
 * A municipality named in input: one of the region's, spelled exactly as in
 * its configuration (services/api/src/config.ts, GEMEENTEN), checked by the
 * service (the list is the deployment's, not the contract's).
 */
export const municipalityName = () =>
  text(100).meta({
    description: 'Een gemeente van de regio, precies zo geschreven als in de configuratie van de regio; een andere naam geeft 422 gemeente.onbekend.',
  });
