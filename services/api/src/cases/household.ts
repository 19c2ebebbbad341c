/**
 * Recognising a household among the region's cases (issue 16): which cases
 * share a key with the people a message or request names, and what the rule
 * of packages/domain (household.ts, judgeHousehold) makes of each. Matching
 * is region-wide: a household that moves, or a repeat in another
 * municipality, is still recognised.
 */
import { findCases, householdKeyMatches, type CaseRow, type Executor, type IntakeMessage } from '@veilig-samen/db';
import { judgeHousehold, namePartsOf, restoreCase, type HouseholdVerdict } from '@veilig-samen/domain';
import { identityKeys, type HouseholdKey, type PersonIdentity } from '../projections/household-keys.js';
import type { NewMember } from './commands.js';

/** A person as named: the keys they can be recognised by, and whether named as perpetrator. */
export interface NamedPerson {
  readonly keys: readonly HouseholdKey[];
  readonly pleger: boolean;
}

export interface Candidate {
  readonly row: CaseRow;
  readonly verdict: HouseholdVerdict;
  /** The case's members the people matched by name and birth date (a BSN key names no member: BSNs are not stored with members). */
  readonly memberIds: readonly string[];
  /** Which of the named people the case knows (by index). */
  readonly matchedPeople: readonly number[];
  /** The people's keys the case already holds. */
  readonly knownKeys: ReadonlySet<string>;
}

export function namedPeople(
  people: readonly (PersonIdentity & { readonly betrokkenheid?: readonly string[] | undefined })[],
  matchingKey: string,
): NamedPerson[] {
  return people.map((person) => ({ keys: identityKeys(person, matchingKey), pleger: person.betrokkenheid?.includes('pleger') ?? false }));
}

/** The region's cases sharing a key with these people, each judged: same household, linked by one shared member, or neither. */
export async function householdCandidates(db: Executor, people: readonly NamedPerson[], matchingKey: string): Promise<Candidate[]> {
  const rows = await householdKeyMatches(db, people.flatMap((p) => p.keys.map((k) => k.keyHash)));
  const byCase = new Map<string, Set<string>>();
  for (const { caseId, keyHash } of rows) {
    const keys = byCase.get(caseId) ?? new Set<string>();
    keys.add(keyHash);
    byCase.set(caseId, keys);
  }
  const found = await findCases(db, [...byCase.keys()]);
  return found.map((row) => {
    const knownKeys = byCase.get(row.id) ?? new Set<string>();
    const leden = restoreCase(row.state).context.leden;
    const keysOf = (lid: (typeof leden)[number]) => identityKeys(lid, matchingKey).map((k) => k.keyHash);
    // A perpetrator is shared when either side names the shared member so.
    const perpetratorKeys = new Set(leden.filter((lid) => lid.betrokkenheid.includes('pleger')).flatMap(keysOf));
    const named = people.map((p) => ({ keys: p.keys.map((k) => k.keyHash), pleger: p.pleger || p.keys.some((k) => perpetratorKeys.has(k.keyHash)) }));
    return {
      row,
      verdict: judgeHousehold(named, knownKeys),
      memberIds: leden.filter((lid) => keysOf(lid).some((k) => knownKeys.has(k))).map((lid) => lid.id),
      matchedPeople: named.flatMap((p, index) => (p.keys.some((k) => knownKeys.has(k)) ? [index] : [])),
      knownKeys,
    };
  });
}

const isOpen = (c: Candidate) => c.row.phase !== 'afgesloten';
const sameHousehold = (c: Candidate) => c.verdict.soort === 'zelfde-huishouden';

/** The open case of the same household: the one most members match, the oldest first on a tie. */
export function openCaseOfHousehold(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates
    .filter((c) => isOpen(c) && sameHousehold(c))
    .sort((a, b) => b.verdict.matched - a.verdict.matched || a.row.openedAt.getTime() - b.row.openedAt.getTime())[0];
}

/** The most recently closed case of the same household. */
export function closedCaseOfHousehold(candidates: readonly Candidate[]): Candidate | undefined {
  return candidates.filter((c) => !isOpen(c) && sameHousehold(c)).sort((a, b) => (b.row.closedAt?.getTime() ?? 0) - (a.row.closedAt?.getTime() ?? 0))[0];
}

/** Open cases of other households that share one member with these people: a new case is linked to each ("flag and tag"). */
export function sharedMemberLinks(candidates: readonly Candidate[]): { readonly caseId: string; readonly gemeente: string; readonly reden: 'gedeelde-pleger' | 'gedeeld-lid' }[] {
  return candidates.flatMap((c) => (isOpen(c) && c.verdict.soort === 'gekoppeld' ? [{ caseId: c.row.id, gemeente: c.row.municipality, reden: c.verdict.reden }] : []));
}

export function openSameHouseholds(candidates: readonly Candidate[]): Candidate[] {
  return candidates.filter((c) => isOpen(c) && sameHousehold(c));
}

/** A person of the intake, as kept: what the message told (the name in parts or as one string), and their keys (never a BSN). */
export interface IntakePerson {
  readonly voornamen?: string;
  readonly voorvoegsel?: string;
  readonly geslachtsnaam?: string;
  readonly naam?: string;
  readonly geboortedatum?: string;
  readonly relatie?: NewMember['relatie'];
  readonly betrokkenheid?: NewMember['betrokkenheid'];
  readonly sleutels: readonly HouseholdKey[];
}

/** The people of an item's messages, each once: two references sharing a key are one person. */
export function intakePersons(messages: readonly IntakeMessage[]): IntakePerson[] {
  const persons: IntakePerson[] = [];
  for (const message of messages) {
    for (const person of (message.bericht.personen ?? []) as IntakePerson[]) {
      const index = persons.findIndex((p) => p.sleutels.some((k) => person.sleutels.some((l) => l.keyHash === k.keyHash)));
      const known = persons[index];
      if (!known) {
        persons.push(person);
        continue;
      }
      // A name is kept whole: the first message that named the person, in parts or as one string.
      const named = namePartsOf(known) ? known : person;
      const geboortedatum = known.geboortedatum ?? person.geboortedatum;
      const relatie = known.relatie ?? person.relatie;
      persons[index] = {
        ...(named.voornamen ? { voornamen: named.voornamen } : {}),
        ...(named.voorvoegsel ? { voorvoegsel: named.voorvoegsel } : {}),
        ...(named.geslachtsnaam ? { geslachtsnaam: named.geslachtsnaam } : {}),
        ...(named.naam ? { naam: named.naam } : {}),
        ...(geboortedatum ? { geboortedatum } : {}),
        ...(relatie ? { relatie } : {}),
        betrokkenheid: [...new Set([...(known.betrokkenheid ?? []), ...(person.betrokkenheid ?? [])])],
        sleutels: [...known.sleutels, ...person.sleutels.filter((k) => !known.sleutels.some((l) => l.keyHash === k.keyHash))],
      };
    }
  }
  return persons;
}
