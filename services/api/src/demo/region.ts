/**
 * Generated demo households across the region's municipalities, so the
 * insights page (/inzichten) shows figures above its suppression limit, and
 * small municipalities show what suppression looks like. Deterministic (a
 * seeded generator): every demo start makes the same region. The names are
 * invented combinations. Each history follows the steps the machine allows,
 * like the named demo households in seed.ts:
 * - stable: a 6 within the window, on through the phases, often closed, and
 *   sometimes reopened after new violence (recurrence);
 * - slow: no 6 within 3 months, so the timer escalates it; the coordinator
 *   decides some days later; some reach a 6 afterwards;
 * - recent: just started.
 */
import type { NewMember } from '../cases/commands.js';
import { policyFor } from '../cases/use-cases.js';
import { DEMO_MUNICIPALITIES, type DemoMunicipality } from '../config.js';
import { caseManagerOf, envelope, planWith, score, type DemoCase, type DemoStep } from './steps.js';

// Weighted so that the larger municipalities' quarterly figures pass the suppression limit and the smallest do not.
const SHARES: Readonly<Record<DemoMunicipality, number>> = { Nijmegen: 0.52, Wijchen: 0.2, 'Berg en Dal': 0.16, Heumen: 0.08, Druten: 0.04 };
const FIRST_NAMES = ['Anouk', 'Bas', 'Chantal', 'Dewi', 'Emre', 'Fleur', 'Gijs', 'Hanna', 'Ilse', 'Joris', 'Kim', 'Lars', 'Mila', 'Noah', 'Olga', 'Pim', 'Rosa', 'Sem', 'Tess', 'Vera'];
const CHILD_NAMES = ['Amir', 'Bo', 'Daan', 'Eline', 'Finn', 'Isa', 'Jesse', 'Luna', 'Mees', 'Noor', 'Sara', 'Vince'];
/** Surnames with their voorvoegsel (issue 17: names in parts), some with one. */
const SURNAMES: readonly (readonly [string | null, string])[] = [
  [null, 'Aydin'], [null, 'Brouwer'], [null, 'Claassen'], ['de', 'Dekker'], [null, 'Evers'], [null, 'Franssen'], [null, 'Gerritsen'], [null, 'Hendriks'], ['el', 'Idrissi'], [null, 'Jacobs'],
  [null, 'Kuipers'], ['van', 'Lammers'], ['van der', 'Maas'], [null, 'Nijhof'], [null, 'Peeters'], [null, 'Rutten'], [null, 'Smits'], ['ten', 'Thije'], [null, 'Verbeek'], [null, 'Willems'],
];

/** mulberry32: a small seeded generator, so the demo region is the same on every machine. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  return { next, between, pick };
}

type Random = ReturnType<typeof generator>;

function municipalityOf(random: Random): DemoMunicipality {
  let r = random.next();
  for (const { name } of DEMO_MUNICIPALITIES) {
    if (r < SHARES[name]) return name;
    r -= SHARES[name];
  }
  return 'Nijmegen';
}

const birthDate = (random: Random, fromYear: number, toYear: number) =>
  `${random.between(fromYear, toYear)}-${String(random.between(1, 12)).padStart(2, '0')}-${String(random.between(1, 28)).padStart(2, '0')}`;

function membersOf(random: Random, index: number): NewMember[] {
  const [voorvoegsel, name] = SURNAMES[index % SURNAMES.length] as (typeof SURNAMES)[number];
  // After the first round, a double surname with a second one (its voorvoegsel left out, as in "Maas-Brouwer").
  const second = index >= SURNAMES.length ? `-${(SURNAMES[(index * 7) % SURNAMES.length] as (typeof SURNAMES)[number])[1]}` : '';
  const surname = { voorvoegsel, geslachtsnaam: `${name}${second}` };
  const members: NewMember[] = [
    { voornamen: random.pick(FIRST_NAMES), ...surname, geboortedatum: birthDate(random, 1975, 1998), relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
    { voornamen: random.pick(FIRST_NAMES), ...surname, geboortedatum: birthDate(random, 1970, 1996), relatie: 'ouder', betrokkenheid: ['pleger'] },
  ];
  for (let child = random.between(0, 2); child > 0; child--) {
    members.push({ voornamen: random.pick(CHILD_NAMES), ...surname, geboortedatum: birthDate(random, 2010, 2023), relatie: 'kind', betrokkenheid: ['getuige'] });
  }
  return members;
}

function stableSteps(random: Random): DemoStep[] {
  const six = random.between(20, 80);
  const steps: DemoStep[] = [
    { day: 2, event: (c) => planWith(c, true) },
    { day: 8, event: score(4) },
    { day: six, event: score(random.between(6, 7)) },
    { day: six + 1, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
    {
      day: six + 15,
      event: (c) => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(c), toelichting: 'Spanning rond geldzorgen en opvoeding.', problemen: ['schulden', 'opvoedingsstress'], leefdomeinen: ['financien', 'opvoeding'] }),
    },
    { day: six + 16, event: (c) => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(c) }) },
    { day: six + 45, event: score(8) },
    { day: six + 60, event: (c) => ({ type: 'fase.naar-nazorg', ...envelope(c) }) },
  ];
  if (random.next() < 0.7) {
    const closed = six + random.between(100, 140);
    // Closing on evidence (issue 16): a recent joint score beside the earlier ones.
    steps.push({ day: closed - 3, event: score(8) });
    steps.push({ day: closed, event: (c) => ({ type: 'casus.afgesloten', ...envelope(c), reden: 'stabiel-veilig', toelichting: 'Nazorg afgerond.' }) });
    if (random.next() < 0.3) {
      const reopened = closed + random.between(30, 300);
      steps.push({
        day: reopened,
        event: async (c, region) => ({ type: 'casus.heropend', ...envelope(c), reden: 'Nieuwe melding via Veilig Thuis.', beleid: await policyFor(c.tx, region, c.now), nieuwBegin: true }),
      });
      // Safety first again, and a 6 within the new window.
      steps.push({ day: reopened + 30, event: score(6) });
    }
  }
  return steps;
}

function slowSteps(random: Random): DemoStep[] {
  const steps: DemoStep[] = [
    { day: 3, event: (c) => planWith(c, false) },
    { day: 10, event: score(3) },
    { day: 40, event: score(4) },
    { day: 75, event: score(5) },
    // The window closes after 3 calendar months: the timer escalates on day 89 to 92.
    { day: 93 + random.between(2, 14), decide: random.next() < 0.6 ? 'mda-traject' : 'terug-naar-lokaal-team' },
  ];
  // Sent back, the local team gets a new window and reaches a 6 in it; in MDA++ half of them do.
  if (steps.some((s) => 'decide' in s && s.decide === 'terug-naar-lokaal-team') || random.next() < 0.5) steps.push({ day: random.between(130, 170), event: score(6) });
  return steps;
}

const recentSteps = (): DemoStep[] => [
  { day: 2, event: (c) => planWith(c, false) },
  { day: 6, event: score(5) },
];

export function regionHouseholds(count = 96, seed = 2026): DemoCase[] {
  const random = generator(seed);
  return Array.from({ length: count }, (_, index) => {
    const kind = random.next();
    const municipality = municipalityOf(random);
    const caseManager = caseManagerOf(municipality);
    const members = membersOf(random, index);
    if (kind < 0.5) return { description: 'stabiel', municipality, caseManager, members, daysAgo: random.between(60, 330), steps: stableSteps(random) };
    // Old enough that the coordinator has decided: the named Jansen household is the one waiting.
    if (kind < 0.8) return { description: 'traag', municipality, caseManager, members, daysAgo: random.between(120, 330), steps: slowSteps(random) };
    return { description: 'pril', municipality, caseManager, members, daysAgo: random.between(3, 60), steps: recentSteps() };
  });
}
