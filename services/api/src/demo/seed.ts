/**
 * Demo households, loaded on the first start in demo mode, so a new user
 * sees cases in every phase at once, including one past its 3-month
 * deadline without a 6. All names are invented. The cases are made through
 * the real use-cases, with a clock set back in time, so their histories are
 * ordinary event logs.
 */
import { randomUUID } from 'node:crypto';
import { count } from 'drizzle-orm';
import { schema } from '@veilig-samen/db';
import { addDays, localDate, manualClock, type Caller, type CaseEvent } from '@veilig-samen/domain';
import { createCase, policyFor, runCaseCommand, type CaseDeps, type CommandContext, type NewMember } from '../cases/use-cases.js';

const DEMO_CASE_MANAGER: Caller = { sub: 'mw-001', role: 'lokaal-team', organisation: 'Sociaal Wijkteam Nijmegen', municipalities: ['Nijmegen'] };
const ACTIONS = (a: string, b: string, c: string) => ({ acties: [a, b, c] as const, perspectieven: [] });

interface DemoCase {
  readonly description: string;
  readonly daysAgo: number;
  readonly members: readonly NewMember[];
  /** Steps: days after the start, and the event to record then. */
  readonly steps: readonly { readonly day: number; readonly event: (context: CommandContext, region: string) => CaseEvent | Promise<CaseEvent> }[];
}

const envelope = ({ now, actor }: CommandContext) => ({ op: now.toISOString(), door: actor });

function planWith(context: CommandContext, done: boolean): CaseEvent {
  const today = localDate(context.now);
  const first = context.snapshot.context.leden[0]?.id ?? '';
  return {
    type: 'veiligheidsplan.vastgesteld',
    ...envelope(context),
    afspraken: [
      { id: randomUUID(), omschrijving: 'Bij spanning belt moeder haar zus en gaat zij met de kinderen daarheen.', eigenaar: { soort: 'lid', lidId: first }, deadline: today, status: done ? 'gedaan' : 'open' },
      { id: randomUUID(), omschrijving: 'Wekelijks huisbezoek door de regisseur.', eigenaar: { soort: 'professional', id: 'mw-001', organisatie: 'Sociaal Wijkteam Nijmegen' }, deadline: localDate(addDays(context.now, 30)), status: done ? 'gedaan' : 'open' },
      { id: randomUUID(), omschrijving: 'Aanmelding schuldhulpverlening.', eigenaar: { soort: 'organisatie', naam: 'Schuldhulp Nijmegen' }, deadline: localDate(addDays(context.now, 14)), status: done ? 'gedaan' : 'open' },
    ],
    akkoordHuishouden: { akkoord: 'ja', toelichting: null },
  };
}

const score = (value: number) => (context: CommandContext): CaseEvent => ({
  type: 'veiligheidsscore.vastgelegd',
  ...envelope(context),
  score: value,
  ...ACTIONS('Veiligheidsplan doorlopen met het gezin', 'Contact met school over de kinderen', 'Afspraak bij de huisarts'),
});

const DEMO_CASES: readonly DemoCase[] = [
  {
    description: 'directe veiligheid, 4 maanden oud, nooit een 6: over de deadline',
    daysAgo: 125,
    members: [
      { naam: 'Sanne Jansen', geboortedatum: '1990-04-11', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Mark Jansen', geboortedatum: '1988-09-02', relatie: 'ouder', betrokkenheid: ['pleger'] },
      { naam: 'Lotte Jansen', geboortedatum: '2015-06-20', relatie: 'kind', betrokkenheid: ['getuige'] },
    ],
    steps: [
      { day: 3, event: (c) => planWith(c, false) },
      { day: 10, event: score(3) },
      { day: 45, event: score(4) },
      { day: 100, event: score(5) },
    ],
  },
  {
    description: 'directe veiligheid, net begonnen',
    daysAgo: 9,
    members: [
      { naam: 'Ayla Yilmaz', geboortedatum: '1994-01-15', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Deniz Yilmaz', geboortedatum: '2019-11-30', relatie: 'kind', betrokkenheid: ['getuige'] },
    ],
    steps: [{ day: 2, event: (c) => planWith(c, false) }, { day: 5, event: score(3) }],
  },
  {
    description: 'oorzaken onderzoeken',
    daysAgo: 60,
    members: [
      { naam: 'Nadia El Amrani', geboortedatum: '1985-03-08', relatie: 'partner', betrokkenheid: ['slachtoffer', 'pleger'] },
      { naam: 'Youssef El Amrani', geboortedatum: '1983-12-01', relatie: 'partner', betrokkenheid: ['slachtoffer', 'pleger'] },
    ],
    steps: [
      { day: 2, event: (c) => planWith(c, false) },
      { day: 20, event: score(5) },
      { day: 40, event: score(7) },
      { day: 41, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
    ],
  },
  {
    description: 'nazorg, al 4 maanden stabiel en alle afspraken gedaan: kan worden afgesloten',
    daysAgo: 220,
    members: [
      { naam: 'Eva Visser', geboortedatum: '1979-07-07', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { naam: 'Tim Visser', geboortedatum: '2010-02-14', relatie: 'kind', betrokkenheid: ['getuige'] },
    ],
    steps: [
      { day: 1, event: (c) => planWith(c, true) },
      { day: 30, event: score(6) },
      { day: 31, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
      { day: 60, event: (c) => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(c), toelichting: 'Spanningen na baanverlies en oplopende schulden.', problemen: ['schulden', 'opvoedingsstress'] }) },
      { day: 61, event: (c) => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(c) }) },
      { day: 90, event: score(8) },
      { day: 100, event: (c) => ({ type: 'fase.naar-nazorg', ...envelope(c) }) },
    ],
  },
  {
    description: 'afgesloten, en na een nieuw incident heropend als herhaling',
    daysAgo: 400,
    members: [{ naam: 'Rob Bakker', geboortedatum: '1970-10-10', relatie: 'ouder', betrokkenheid: ['pleger'] }],
    steps: [
      { day: 1, event: (c) => planWith(c, true) },
      { day: 20, event: score(7) },
      { day: 21, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
      { day: 40, event: (c) => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(c), toelichting: 'Alcoholgebruik bij spanning.', problemen: ['verslaving'] }) },
      { day: 41, event: (c) => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(c) }) },
      { day: 60, event: (c) => ({ type: 'fase.naar-nazorg', ...envelope(c) }) },
      { day: 130, event: (c) => ({ type: 'casus.afgesloten', ...envelope(c), reden: 'Stabiel veilig, nazorg afgerond.' }) },
      { day: 380, event: async (c, region) => ({ type: 'casus.heropend', ...envelope(c), reden: 'Nieuwe melding via Veilig Thuis.', beleid: await policyFor(c.tx, region, c.now) }) },
    ],
  },
];

export async function seedDemoData(deps: CaseDeps): Promise<number> {
  const [existing] = await deps.db.select({ n: count() }).from(schema.cases);
  if ((existing?.n ?? 0) > 0) return 0;
  const now = deps.clock.now();
  for (const demo of DEMO_CASES) {
    const start = addDays(now, -demo.daysAgo);
    const clock = manualClock(start);
    const at = { ...deps, clock };
    // The clock stands at the case's start, so each case starts "today" for the use-case.
    const created = await createCase(at, DEMO_CASE_MANAGER, { gemeente: 'Nijmegen', leden: demo.members, bron: 'veilig-thuis' });
    let version = created.version;
    for (const step of demo.steps) {
      clock.set(addDays(start, step.day));
      const row = await runCaseCommand(at, DEMO_CASE_MANAGER, created.id, version, 'command', (context) => step.event(context, deps.region));
      version = row.version;
    }
  }
  return DEMO_CASES.length;
}
