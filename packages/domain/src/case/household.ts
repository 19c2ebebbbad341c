/**
 * One household, one case — but not someone else's (issue 16, point 8), and
 * no signal lost about a closed household (point 6). Pure rules; the API
 * computes which members match (by keyed hashes of the BSN, or of name and
 * birth date: services/api/src/projections/household-keys.ts) and asks here
 * what that means.
 */
import { addCalendarMonths } from '../time.js';

/** Why two cases are linked ("flag and tag", MARAC): a repeat of a closed case, or a member both households share. */
export const LINK_REASONS = ['herhaling', 'gedeelde-pleger', 'gedeeld-lid'] as const;
export type LinkReason = (typeof LINK_REASONS)[number];

/** A signal about a household whose case closed this recently reopens that case (recurrence, herhaling); an older one opens a new, linked case. */
export const RECURRENCE_MONTHS = 12;

/** A member a message names: the identity keys it can be recognised by, and whether it is named as perpetrator. */
export interface NamedMember {
  /** Opaque identity keys (BSN key, name-and-birth-date key); any one shared with the case is a match. */
  readonly keys: readonly string[];
  readonly pleger: boolean;
}

export type HouseholdVerdict =
  /** Every member the message names matches a member of the case, or at least two do: it is the case's household. */
  | { readonly soort: 'zelfde-huishouden'; readonly matched: number }
  /** Exactly one member matches, among members who do not: another household sharing a person. */
  | { readonly soort: 'gekoppeld'; readonly reden: Exclude<LinkReason, 'herhaling'>; readonly matched: 1 }
  | { readonly soort: 'geen'; readonly matched: 0 };

/**
 * Whether the members a message names describe the household of a case whose
 * members are known by `caseKeys`. A perpetrator with a new partner and baby
 * at another address shares one member with the old case: that is a new
 * household, linked to the old one, never merged into it.
 */
export function judgeHousehold(members: readonly NamedMember[], caseKeys: ReadonlySet<string>): HouseholdVerdict {
  const matching = members.filter((member) => member.keys.some((key) => caseKeys.has(key)));
  if (matching.length === 0) return { soort: 'geen', matched: 0 };
  if (matching.length === members.length || matching.length >= 2) return { soort: 'zelfde-huishouden', matched: matching.length };
  return { soort: 'gekoppeld', reden: matching.some((member) => member.pleger) ? 'gedeelde-pleger' : 'gedeeld-lid', matched: 1 };
}

/** What a new signal about a household does to its closed case: reopen it as a repeat within 12 months of closure, else a new case linked to it. */
export function closedCaseAction(closedAt: Date, now: Date): 'heropenen' | 'nieuwe-gekoppelde-casus' {
  return addCalendarMonths(closedAt, RECURRENCE_MONTHS).getTime() > now.getTime() ? 'heropenen' : 'nieuwe-gekoppelde-casus';
}

/** A wrong merge can be undone by the regisseur this many days after it. */
export const UNDO_MERGE_DAYS = 30;
