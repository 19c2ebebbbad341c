/**
 * Names in Dutch parts (issue 17 point 1): voornamen, voorvoegsel
 * (tussenvoegsel: "de", "van der") and geslachtsnaam, as the BRP keeps them.
 * The display name (`naam`) is derived from the parts here, once, so every
 * reader of a member's `naam` (letters, the inzage, household keys) sees the
 * same text; the household's display name for lists (`aanduiding`) defaults to
 * its first member's surname.
 *
 * Names recorded as one string before the parts existed are split by
 * `splitName` where that is unambiguous, and kept whole in `geslachtsnaam`
 * otherwise. The split never loses anything: the display name of the parts is
 * always exactly the name as entered.
 */

export interface NameParts {
  readonly voornamen: string | null;
  readonly voorvoegsel: string | null;
  readonly geslachtsnaam: string;
}

/**
 * The voorvoegsels recognised when a single name is split: those of the BRP's
 * voorvoegseltabel (Tabel 36) that occur in the region, lower case. Words that
 * are also common first names or initials ("ben", "a") are left out: a name
 * with them is kept whole rather than split wrongly.
 */
export const VOORVOEGSELS: readonly string[] = [
  "'s", "'t", 'aan', 'aan de', 'aan den', 'aan der', 'aan het', "aan 't", 'al', 'auf', 'auf dem', 'auf den', 'auf der', 'aus', 'aus dem',
  'aus den', 'aus der', 'bij', 'bij de', 'bij den', 'bij het', "bij 't", "d'", 'da', 'dal', 'dalla', 'das', 'de', 'de la', 'de las', 'de le', "de l'",
  'de los', 'del', 'della', 'den', 'der', 'des', 'di', 'do', 'dos', 'du', 'el', 'het', 'in', 'in de', 'in den', 'in der', 'in het', "in 't", "l'", 'la',
  'las', 'le', 'les', 'los', 'onder', 'onder de', 'onder den', 'onder het', "onder 't", 'op', 'op de', 'op den', 'op der', 'op het', "op 't",
  'op ten', 'over', 'over de', 'over den', 'over het', "over 't", 'te', 'ten', 'ter', 'tho', 'thoe', 'thor', 'toe', 'tot', 'uijt', 'uijt de',
  'uijt den', 'uit', 'uit de', 'uit den', 'uit het', "uit 't", 'uit te de', 'uit ten', 'van', 'van de', 'van den', 'van der', 'van het', "van 't",
  'van la', "van de l'", 'van ter', 'van ten', 'van van de', 'ver', 'vom', 'von', 'von dem', 'von den', 'von der', "von 't", 'voor', 'voor de',
  'voor den', "voor in 't", "voor 't", 'vor', 'zu', 'zum', 'zur',
];

/** Typographic apostrophes are the same apostrophe ("’t Hart" is "'t Hart"). */
const foldApostrophe = (word: string) => word.replace(/[\u2018\u2019\u02bc`]/g, "'").toLocaleLowerCase('nl');
const PREFIXES = new Set(VOORVOEGSELS);
const LONGEST_PREFIX = Math.max(...VOORVOEGSELS.map((prefix) => prefix.split(' ').length));

/** "Fatima el Amrani", "Jan van der Berg": the parts joined with single spaces, as entered. */
export function displayName(parts: NameParts): string {
  return [parts.voornamen, parts.voorvoegsel, parts.geslachtsnaam].filter((part): part is string => part !== null && part !== '').join(' ');
}

/** The longest voorvoegsel starting at `start` that leaves at least one word after it: its length in words, or 0. */
function prefixAt(words: readonly string[], start: number): number {
  for (let length = Math.min(LONGEST_PREFIX, words.length - start - 1); length > 0; length--) {
    if (PREFIXES.has(foldApostrophe(words.slice(start, start + length).join(' ')))) return length;
  }
  return 0;
}

/**
 * A name recorded as one string, in parts where that is unambiguous:
 * - exactly one voorvoegsel of the list, with a surname after it: first names
 *   before it (none when it opens the name: "de Vries"), the surname after;
 * - no voorvoegsel and two words: first name and surname ("Anna Jansen");
 * - anything else (one word, three or more words without a voorvoegsel, two
 *   voorvoegsels, irregular spacing) is kept whole in `geslachtsnaam`.
 * `displayName(splitName(naam)) === naam` for every name.
 */
export function splitName(naam: string): NameParts {
  const whole: NameParts = { voornamen: null, voorvoegsel: null, geslachtsnaam: naam };
  const words = naam.split(' ');
  // Irregular spacing (double spaces, tabs, leading or trailing space) could not be rebuilt from parts.
  if (words.length < 2 || words.some((word) => word === '' || /\s/.test(word))) return whole;
  const matches: { start: number; length: number }[] = [];
  for (let index = 0; index < words.length; ) {
    const length = prefixAt(words, index);
    if (length > 0) matches.push({ start: index, length });
    index += Math.max(length, 1);
  }
  const [match, ...more] = matches;
  if (match && more.length === 0) {
    return {
      voornamen: match.start === 0 ? null : words.slice(0, match.start).join(' '),
      voorvoegsel: words.slice(match.start, match.start + match.length).join(' '),
      geslachtsnaam: words.slice(match.start + match.length).join(' '),
    };
  }
  if (!match && words.length === 2) return { voornamen: words[0] ?? null, voorvoegsel: null, geslachtsnaam: words[1] ?? naam };
  return whole;
}

/**
 * The surname as it stands on its own: the voorvoegsel then starts with a
 * capital ("Van der Berg", "El Amrani"), as Dutch writes it without first names.
 */
export function surname(parts: NameParts): string {
  if (!parts.voorvoegsel) return parts.geslachtsnaam;
  const prefix = parts.voorvoegsel.charAt(0).toLocaleUpperCase('nl') + parts.voorvoegsel.slice(1);
  return `${prefix} ${parts.geslachtsnaam}`;
}

/** The household's display name when the regisseur gave none: "Huishouden <surname of the first member>". */
export function defaultDesignation(firstMember: NameParts | undefined): string {
  return firstMember ? `Huishouden ${surname(firstMember)}` : 'Huishouden';
}

/** A name as a request or message gives it: the parts, or (deprecated, and from systems) one string. */
export interface GivenName {
  readonly voornamen?: string | null | undefined;
  readonly voorvoegsel?: string | null | undefined;
  readonly geslachtsnaam?: string | null | undefined;
  readonly naam?: string | null | undefined;
}

/** The parts of a given name: as given, else the single name split (splitName); undefined when it names nobody (only a BSN). */
export function namePartsOf(given: GivenName): NameParts | undefined {
  if (given.geslachtsnaam) return { voornamen: given.voornamen ?? null, voorvoegsel: given.voorvoegsel ?? null, geslachtsnaam: given.geslachtsnaam };
  return given.naam ? splitName(given.naam) : undefined;
}

/** A member (or a member as stored before the parts existed) with its name parts; old ones split (splitName). */
export function withNameParts<T extends { readonly naam: string }>(member: T): T & NameParts {
  if ('geslachtsnaam' in member && typeof member.geslachtsnaam === 'string') return member as T & NameParts;
  return { ...member, ...splitName(member.naam) };
}

/**
 * A change of a member's name: a change that names only `naam` (a correction
 * logged before issue 17) replaces all three parts with its split.
 */
export function namePartsOfChange<T extends { readonly naam?: string | undefined; readonly geslachtsnaam?: string | undefined }>(change: T): T | (T & NameParts) {
  if (change.naam === undefined || change.geslachtsnaam !== undefined) return change;
  return { ...change, ...splitName(change.naam) };
}

/** The member with its display name derived from its parts: the one place `naam` is made. */
export function withDisplayName<T extends NameParts>(member: T): T & { readonly naam: string } {
  return { ...member, naam: displayName(member) };
}

/** The household's display name: the regisseur's, else the default of its first member. */
export function caseDesignation(context: { readonly aanduiding?: string | null | undefined; readonly leden: readonly NameParts[] }): string {
  return context.aanduiding ?? defaultDesignation(context.leden[0]);
}
