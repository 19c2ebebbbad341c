/** Building blocks of the demo households' histories (seed.ts, region.ts). */
import { randomUUID } from 'node:crypto';
import { addDays, localDate, type Caller, type CaseEvent } from '@veilig-samen/domain';
import type { NewMember } from '../cases/commands.js';
import type { CommandContext } from '../cases/use-cases.js';
import type { DemoMunicipality } from '../config.js';

const ACTIONS = (a: string, b: string, c: string) => ({ acties: [a, b, c] as const, perspectieven: [] });

/** The demo case manager whose token `pnpm start` prints: the named households are theirs. */
export const DEMO_CASE_MANAGER: Caller = { sub: 'mw-001', role: 'lokaal-team', organisation: 'Sociaal Wijkteam Nijmegen', municipalities: ['Nijmegen'] };

/** A case manager of a municipality's local team, for the generated households (not mw-001, whose list stays short). */
export function caseManagerOf(municipality: string): Caller {
  return { sub: `wt-${municipality.toLowerCase().replace(/[^a-z]+/g, '-')}`, role: 'lokaal-team', organisation: `Sociaal Wijkteam ${municipality}`, municipalities: [municipality] };
}

export type DemoStep =
  | { readonly day: number; readonly event: (context: CommandContext, region: string) => CaseEvent | Promise<CaseEvent> }
  /** The coordinator's decision on the case's open escalation. */
  | { readonly day: number; readonly decide: 'mda-traject' | 'terug-naar-lokaal-team' };

export interface DemoCase {
  readonly description: string;
  /** One of the demo region's municipalities (config.ts), which demo mode always configures. */
  readonly municipality: DemoMunicipality;
  /** The regisseur, who records the steps. */
  readonly caseManager: Caller;
  readonly daysAgo: number;
  readonly members: readonly NewMember[];
  /** Steps: days after the start, and what happens then. */
  readonly steps: readonly DemoStep[];
}

export const envelope = ({ now, actor }: CommandContext) => ({ op: now.toISOString(), door: actor });

export function planWith(context: CommandContext, done: boolean): CaseEvent {
  const today = localDate(context.now);
  const first = context.snapshot.context.leden[0]?.id ?? '';
  return {
    type: 'veiligheidsplan.vastgesteld',
    ...envelope(context),
    afspraken: [
      { id: randomUUID(), omschrijving: 'Bij spanning belt moeder haar zus en gaat zij met de kinderen daarheen.', eigenaar: { soort: 'lid', lidId: first }, deadline: today, status: done ? 'gedaan' : 'open' },
      { id: randomUUID(), omschrijving: 'Wekelijks huisbezoek door de regisseur.', eigenaar: { soort: 'professional', id: context.actor.sub, organisatie: context.actor.organisatie }, deadline: localDate(addDays(context.now, 30)), status: done ? 'gedaan' : 'open' },
      { id: randomUUID(), omschrijving: 'Aanmelding schuldhulpverlening.', eigenaar: { soort: 'organisatie', naam: `Schuldhulp ${context.snapshot.context.gemeente}` }, deadline: localDate(addDays(context.now, 14)), status: done ? 'gedaan' : 'open' },
    ],
    akkoordHuishouden: { akkoord: 'ja', toelichting: null },
  };
}

export const score = (value: number) => (context: CommandContext): CaseEvent => ({
  type: 'veiligheidsscore.vastgelegd',
  ...envelope(context),
  score: value,
  ...ACTIONS('Veiligheidsplan doorlopen met het gezin', 'Contact met school over de kinderen', 'Afspraak bij de huisarts'),
});

