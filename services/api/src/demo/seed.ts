/**
 * Demo households, loaded on the first start in demo mode, so a new user
 * sees cases in every phase at once, including one past its 3-month
 * deadline without a 6 waiting for the coordinator, and (demo/region.ts) a
 * few dozen generated households across the region's municipalities, so the
 * insights page has figures above its suppression limit. All names are
 * invented. The cases are made through the real use-cases, and their time
 * is simulated: a clock set back in time walks day by day to now, firing the
 * durable timers on the way, so deadlines escalate when they pass and every
 * history is an ordinary event log.
 */
import { anyCaseStored, caseVersion, openEscalationOfCase } from '@veilig-samen/db';
import { addDays, manualClock, type Caller } from '@veilig-samen/domain';
import { createCase, policyFor, runCaseCommand, type CaseDeps } from '../cases/use-cases.js';
import { decideEscalation } from '../escalations/use-cases.js';
import { fireDueTimers } from '../timers/worker.js';
import { regionHouseholds } from './region.js';
import { DEMO_CASE_MANAGER, envelope, planWith, score, type DemoCase } from './steps.js';

const DEMO_COORDINATOR: Caller = { sub: 'mda-001', role: 'mda-coordinator', organisation: 'Zorg- en Veiligheidshuis Gelderland-Zuid', municipalities: [] };
const DEMO_CASES: readonly DemoCase[] = [
  {
    description: 'directe veiligheid, 4 maanden oud, nooit een 6: over de deadline',
    municipality: 'Nijmegen',
    caseManager: DEMO_CASE_MANAGER,
    daysAgo: 125,
    members: [
      { voornamen: 'Sanne', geslachtsnaam: 'Jansen', geboortedatum: '1990-04-11', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { voornamen: 'Mark', geslachtsnaam: 'Jansen', geboortedatum: '1988-09-02', relatie: 'ouder', betrokkenheid: ['pleger'] },
      { voornamen: 'Lotte', geslachtsnaam: 'Jansen', geboortedatum: '2015-06-20', relatie: 'kind', betrokkenheid: ['getuige'] },
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
    municipality: 'Nijmegen',
    caseManager: DEMO_CASE_MANAGER,
    daysAgo: 9,
    members: [
      { voornamen: 'Ayla', geslachtsnaam: 'Yılmaz', geboortedatum: '1994-01-15', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { voornamen: 'Deniz', geslachtsnaam: 'Yılmaz', geboortedatum: '2019-11-30', relatie: 'kind', betrokkenheid: ['getuige'] },
      // Part of the household, living elsewhere (issue 17 point 9).
      { voornamen: 'Emine', geslachtsnaam: 'Yılmaz', geboortedatum: '1961-05-03', relatie: 'grootouder', betrokkenheid: [], woontElders: true },
    ],
    steps: [{ day: 2, event: (c) => planWith(c, false) }, { day: 5, event: score(3) }],
  },
  {
    description: 'oorzaken onderzoeken',
    municipality: 'Nijmegen',
    caseManager: DEMO_CASE_MANAGER,
    daysAgo: 60,
    members: [
      { voornamen: 'Nadia', voorvoegsel: 'el', geslachtsnaam: 'Amrani', geboortedatum: '1985-03-08', relatie: 'partner', betrokkenheid: ['slachtoffer', 'pleger'] },
      { voornamen: 'Youssef', voorvoegsel: 'el', geslachtsnaam: 'Amrani', geboortedatum: '1983-12-01', relatie: 'partner', betrokkenheid: ['slachtoffer', 'pleger'] },
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
    municipality: 'Nijmegen',
    caseManager: DEMO_CASE_MANAGER,
    daysAgo: 220,
    members: [
      { voornamen: 'Eva', voorvoegsel: 'de', geslachtsnaam: 'Visser', geboortedatum: '1979-07-07', relatie: 'ouder', betrokkenheid: ['slachtoffer'] },
      { voornamen: 'Tim', voorvoegsel: 'de', geslachtsnaam: 'Visser', geboortedatum: '2010-02-14', relatie: 'kind', betrokkenheid: ['getuige'] },
    ],
    steps: [
      { day: 1, event: (c) => planWith(c, true) },
      { day: 30, event: score(6) },
      { day: 31, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
      { day: 60, event: (c) => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(c), toelichting: 'Spanningen na baanverlies en oplopende schulden.', problemen: ['schulden', 'opvoedingsstress'], leefdomeinen: ['werk-en-dagbesteding', 'financien', 'opvoeding'] }) },
      { day: 61, event: (c) => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(c) }) },
      { day: 90, event: score(8) },
      { day: 100, event: (c) => ({ type: 'fase.naar-nazorg', ...envelope(c) }) },
      // A recent joint score: the evidence closing as stabiel-veilig needs (README step 7).
      { day: 210, event: score(8) },
    ],
  },
  {
    description: 'afgesloten, en na een nieuw incident heropend als herhaling',
    municipality: 'Nijmegen',
    caseManager: DEMO_CASE_MANAGER,
    daysAgo: 400,
    members: [{ voornamen: 'Rob', geslachtsnaam: 'Bakker', geboortedatum: '1970-10-10', relatie: 'ouder', betrokkenheid: ['pleger'] }],
    steps: [
      { day: 1, event: (c) => planWith(c, true) },
      { day: 20, event: score(7) },
      { day: 21, event: (c) => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(c) }) },
      { day: 40, event: (c) => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(c), toelichting: 'Alcoholgebruik bij spanning.', problemen: ['verslaving'], leefdomeinen: ['gezondheid', 'sociaal-netwerk'] }) },
      { day: 41, event: (c) => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(c) }) },
      { day: 60, event: (c) => ({ type: 'fase.naar-nazorg', ...envelope(c) }) },
      { day: 125, event: score(8) },
      { day: 130, event: (c) => ({ type: 'casus.afgesloten', ...envelope(c), reden: 'stabiel-veilig', toelichting: 'Nazorg afgerond.' }) },
      { day: 380, event: async (c, region) => ({ type: 'casus.heropend', ...envelope(c), reden: 'Nieuwe melding via Veilig Thuis.', beleid: await policyFor(c.tx, region, c.now), nieuwBegin: true }) },
    ],
  },
];

/** Something that happens at a moment of the simulated past. */
interface Happening {
  readonly at: Date;
  /** Order among happenings at the same moment: a case's own steps stay in order. */
  readonly order: number;
  run(): Promise<void>;
}

/**
 * Loads the demo households into an empty database. Not one transaction (the
 * use-cases and the timer worker open their own), so a first start that is
 * killed halfway leaves part of the demo: remove DATA_DIR to start afresh.
 */
export async function seedDemoData(deps: CaseDeps, starting: (households: number) => void = () => undefined): Promise<number> {
  if (await anyCaseStored(deps.db)) return 0;
  const now = deps.clock.now();
  const clock = manualClock(now);
  const at = { ...deps, clock };
  const households = [...DEMO_CASES, ...regionHouseholds()];
  starting(households.length);

  const happenings: Happening[] = [];
  households.forEach((demo, index) => {
    const start = addDays(now, -demo.daysAgo);
    const caller = demo.caseManager;
    let caseId = '';
    happenings.push({
      at: start,
      order: index * 100,
      run: async () => {
        caseId = (await createCase(at, caller, { gemeente: demo.municipality, leden: demo.members, bron: 'veilig-thuis' })).id;
      },
    });
    demo.steps.forEach((step, position) => {
      const when = addDays(start, step.day);
      if (when.getTime() > now.getTime()) return;
      happenings.push({
        at: when,
        order: index * 100 + position + 1,
        run: async () => {
          if ('decide' in step) {
            const open = await openEscalationOfCase(deps.db, caseId);
            if (!open) return;
            const back = step.decide === 'terug-naar-lokaal-team';
            await decideEscalation(at, DEMO_COORDINATOR, open.id, {
              besluit: step.decide,
              motivering: back ? 'De veiligheid neemt toe; het lokale team kan verder.' : 'Structurele onveiligheid op meerdere leefdomeinen.',
              ...(back ? { advies: 'Betrek de huisarts en plan een netwerkberaad.' } : {}),
            });
          } else {
            // Timers (escalation, reminder) add events too: the command goes on from the version as it stands.
            await runCaseCommand(at, caller, caseId, (await caseVersion(deps.db, caseId)) ?? 0, 'command', (context) => step.event(context, deps.region));
          }
        },
      });
    });
  });
  happenings.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order);

  // Walk the past a day at a time, firing the timers that fall due on the way.
  let next = 0;
  for (let day = new Date(happenings[0]?.at ?? now); day.getTime() <= now.getTime(); day = addDays(day, 1)) {
    while (next < happenings.length && (happenings[next]?.at.getTime() ?? Infinity) <= day.getTime()) {
      const happening = happenings[next++];
      if (!happening) break;
      clock.set(happening.at);
      await fireDueTimers({ db: deps.db, clock });
      await happening.run();
    }
    clock.set(day);
    await fireDueTimers({ db: deps.db, clock });
  }
  clock.set(now);
  await fireDueTimers({ db: deps.db, clock });
  return households.length;
}
