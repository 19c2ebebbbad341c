/**
 * The case machine: the phased safety vision (seed 001, Vogtländer & Van
 * Arum) as an XState v5 statechart.
 *
 *   directe-veiligheid -> oorzaken-onderzoeken -> blijvend-voorkomen -> nazorg -> afgesloten
 *
 * - Leaving directe-veiligheid needs a safety plan and a latest joint score
 *   at or above the window's threshold.
 * - Going on to blijvend-voorkomen needs an explanatory analysis.
 * - Closure only from nazorg, after the stability period and with no open
 *   agreement; a closed case can be reopened (recurrence).
 * - A new incident in any later phase puts safety first again: back to
 *   directe-veiligheid, with a new safety window.
 * Guards are the named requirements in requirements.ts; actions only assign
 * context. No `after` delays: deadlines are durable timers in the database.
 */
import { and, assign, setup } from 'xstate';
import type { Policy } from '../policy.js';
import { addCalendarMonths } from '../time.js';
import type { CaseEvent, CaseOpened } from './events.js';
import { currentWindow, REQUIREMENTS, type RequirementName } from './requirements.js';
import type { CaseContext, SafetyWindow } from './types.js';

type Guards = { [K in RequirementName]: (args: { context: CaseContext; event: CaseEvent }) => boolean };
const guards = Object.fromEntries(
  Object.entries(REQUIREMENTS).map(([name, requirement]) => [
    name,
    ({ context, event }: { context: CaseContext; event: CaseEvent }) => requirement.holds(context, event),
  ]),
) as Guards;

function newWindow(nummer: number, start: string, beleid: Policy, reden: SafetyWindow['reden']): SafetyWindow {
  return {
    nummer,
    start,
    deadline: addCalendarMonths(new Date(start), beleid.escalationWindowMonths).toISOString(),
    beleid,
    reden,
    drempelBereiktOp: null,
  };
}

/** The context of a case that has just been opened. */
export function openedContext(input: CaseOpened): CaseContext {
  return {
    id: input.id,
    gemeente: input.gemeente,
    bron: input.bron,
    geopendOp: input.op,
    leden: input.leden,
    regisseur: input.regisseur,
    veiligheidsplan: [],
    scores: [],
    analyse: null,
    incidenten: [],
    vensters: [newWindow(1, input.startdatum, input.beleid, 'start')],
    stabielSinds: null,
    faseSinds: input.op,
    afsluiting: null,
    heropeningen: [],
    opschalingen: [],
    herinneringen: [],
    afschalingen: [],
    huisverbod: null,
    veiligheidsinschatting: input.veiligheidsinschatting ?? null,
    gekoppeldAan: input.gekoppeldAan ?? null,
  };
}

export const caseMachine = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseOpened,
  },
  guards,
  actions: {
    faseSindsZetten: assign({
      faseSinds: ({ context, event }) => ('op' in event ? (event).op : context.faseSinds),
    }),
    lidToevoegen: assign({
      leden: ({ context, event }) => (event.type === 'lid.toegevoegd' ? [...context.leden, event.lid] : context.leden),
    }),
    lidCorrigeren: assign({
      leden: ({ context, event }) =>
        event.type === 'lid.gecorrigeerd'
          ? context.leden.map((lid) => (lid.id === event.lidId ? { ...lid, ...event.wijzigingen } : lid))
          : context.leden,
    }),
    veiligheidsplanVaststellen: assign({
      veiligheidsplan: ({ context, event }) =>
        event.type === 'veiligheidsplan.vastgesteld'
          ? [
              ...context.veiligheidsplan,
              {
                versie: context.veiligheidsplan.length + 1,
                afspraken: event.afspraken,
                akkoordHuishouden: event.akkoordHuishouden,
                vastgesteldOp: event.op,
                vastgesteldDoor: event.door.sub,
              },
            ]
          : context.veiligheidsplan,
    }),
    afspraakStatusWijzigen: assign({
      // The status changes in the current version; earlier versions stay as they were agreed.
      veiligheidsplan: ({ context, event }) => {
        if (event.type !== 'afspraak.status-gewijzigd') return context.veiligheidsplan;
        const versions = [...context.veiligheidsplan];
        const current = versions.pop();
        if (!current) return context.veiligheidsplan;
        const afspraken = current.afspraken.map((a) => (a.id === event.afspraakId ? { ...a, status: event.status } : a));
        return [...versions, { ...current, afspraken }];
      },
    }),
    veiligheidsscoreVastleggen: assign(({ context, event }) => {
      if (event.type !== 'veiligheidsscore.vastgelegd') return {};
      const window = currentWindow(context);
      const safe = event.score >= window.beleid.safetyThreshold;
      const reachedNow = safe && window.drempelBereiktOp === null && event.op <= window.deadline;
      return {
        scores: [
          ...context.scores,
          { score: event.score, acties: event.acties, perspectieven: event.perspectieven, gescoordDoor: event.door.sub, gescoordOp: event.op },
        ],
        stabielSinds: safe ? (context.stabielSinds ?? event.op) : null,
        vensters: reachedNow ? [...context.vensters.slice(0, -1), { ...window, drempelBereiktOp: event.op }] : context.vensters,
      };
    }),
    analyseVastleggen: assign({
      analyse: ({ context, event }) =>
        event.type === 'verklarende-analyse.vastgelegd'
          ? { toelichting: event.toelichting, problemen: event.problemen, vastgelegdOp: event.op, vastgelegdDoor: event.door.sub }
          : context.analyse,
    }),
    incidentVastleggen: assign(({ context, event }) => {
      if (event.type !== 'incident.gemeld') return {};
      return {
        incidenten: [
          ...context.incidenten,
          { datum: event.datum, soort: event.soort, omschrijving: event.omschrijving, gemeldOp: event.op },
        ],
        // New violence breaks any run of safe scores.
        stabielSinds: null,
      };
    }),
    nieuwVeiligheidsvensterOpenen: assign({
      vensters: ({ context, event }) => {
        if (event.type !== 'incident.gemeld' && event.type !== 'casus.heropend') return context.vensters;
        const reden = event.type === 'incident.gemeld' ? 'incident' : 'heropening';
        return [...context.vensters, newWindow(context.vensters.length + 1, event.op, event.beleid, reden)];
      },
    }),
    afsluitingVastleggen: assign({
      afsluiting: ({ context, event }) => (event.type === 'casus.afgesloten' ? { reden: event.reden, op: event.op } : context.afsluiting),
    }),
    heropeningVastleggen: assign(({ context, event }) => {
      if (event.type !== 'casus.heropend') return {};
      return { afsluiting: null, stabielSinds: null, heropeningen: [...context.heropeningen, { reden: event.reden, op: event.op }] };
    }),
    herinneringVastleggen: assign({
      herinneringen: ({ context, event }) =>
        event.type === 'veiligheidsdeadline.herinnerd' ? [...context.herinneringen, event.vensterNummer] : context.herinneringen,
    }),
    opschalingVastleggen: assign({
      opschalingen: ({ context, event }) =>
        event.type === 'casus.opgeschaald'
          ? [
              ...context.opschalingen,
              { id: event.opschalingId, reden: event.reden, toelichting: event.toelichting, vensterNummer: event.vensterNummer, op: event.op, door: event.door.sub, besluit: null },
            ]
          : context.opschalingen,
    }),
    besluitVastleggen: assign({
      opschalingen: ({ context, event }) => {
        if (event.type !== 'opschaling.naar-mda-traject' && event.type !== 'opschaling.terug-naar-lokaal-team') return context.opschalingen;
        const besluit = event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team';
        return context.opschalingen.map((o) =>
          o.id === event.opschalingId ? { ...o, besluit: { besluit, motivering: event.motivering, advies: event.advies, op: event.op, door: event.door.sub } } : o,
        );
      },
    }),
    afschalingVastleggen: assign({
      afschalingen: ({ context, event }) => (event.type === 'casus.afgeschaald' ? [...context.afschalingen, { reden: event.reden, op: event.op }] : context.afschalingen),
    }),
    huisverbodVastleggen: assign({
      huisverbod: ({ context, event }) => {
        if (event.type === 'huisverbod.opgelegd') return { start: event.start, einde: event.einde, verlengd: false, herinnerdVoorEinde: false };
        if (event.type === 'huisverbod.verlengd' && context.huisverbod) return { ...context.huisverbod, einde: event.einde, verlengd: true, herinnerdVoorEinde: false };
        if (event.type === 'huisverbod.herinnerd' && context.huisverbod) return { ...context.huisverbod, herinnerdVoorEinde: true };
        return context.huisverbod;
      },
    }),
    regisseurOverdragen: assign({
      regisseur: ({ context, event }) => (event.type === 'regisseur.overgedragen' ? event.regisseur : context.regisseur),
    }),
  },
}).createMachine({
  id: 'casus',
  // Parallel at the root: the MDA++ track (issue 4) runs beside the phase.
  type: 'parallel',
  context: ({ input }) => openedContext(input),
  states: {
    fase: {
      initial: 'open',
      states: {
        open: {
          initial: 'directe-veiligheid',
          on: {
            'lid.toegevoegd': { guard: 'afschermingGerespecteerd', actions: 'lidToevoegen' },
            'lid.gecorrigeerd': { guard: and(['lidBestaat', 'afschermingGerespecteerd']), actions: 'lidCorrigeren' },
            'veiligheidsplan.vastgesteld': { guard: 'eigenarenZijnLeden', actions: 'veiligheidsplanVaststellen' },
            'afspraak.status-gewijzigd': { guard: 'afspraakBestaat', actions: 'afspraakStatusWijzigen' },
            'veiligheidsscore.vastgelegd': { guard: 'perspectievenVanLeden', actions: 'veiligheidsscoreVastleggen' },
            'verklarende-analyse.vastgelegd': { actions: 'analyseVastleggen' },
            'regisseur.overgedragen': { guard: and(['andereRegisseur', 'nietAanZichzelf', 'regisseurNietAanPlegerzijde']), actions: 'regisseurOverdragen' },
            'veiligheidsdeadline.herinnerd': { guard: 'herinneringNodig', actions: 'herinneringVastleggen' },
            'huisverbod.opgelegd': { actions: 'huisverbodVastleggen' },
            'huisverbod.verlengd': { guard: 'huisverbodVerlengbaar', actions: 'huisverbodVastleggen' },
            'huisverbod.herinnerd': { guard: 'huisverbodHerinneringNodig', actions: 'huisverbodVastleggen' },
            // In a later phase: safety first again, with a new window.
            'incident.gemeld': { target: '.directe-veiligheid', actions: ['incidentVastleggen', 'nieuwVeiligheidsvensterOpenen'] },
          },
          states: {
            'directe-veiligheid': {
              entry: 'faseSindsZetten',
              on: {
                // Already in directe-veiligheid: the running window goes on.
                'incident.gemeld': { actions: 'incidentVastleggen' },
                'fase.naar-oorzaken-onderzoeken': {
                  guard: and(['heeftVeiligheidsplan', 'scoreOpDrempel']),
                  target: 'oorzaken-onderzoeken',
                },
              },
            },
            'oorzaken-onderzoeken': {
              entry: 'faseSindsZetten',
              on: {
                'fase.naar-blijvend-voorkomen': { guard: 'heeftVerklarendeAnalyse', target: 'blijvend-voorkomen' },
              },
            },
            'blijvend-voorkomen': {
              entry: 'faseSindsZetten',
              on: {
                'fase.naar-nazorg': { target: 'nazorg' },
              },
            },
            nazorg: {
              entry: 'faseSindsZetten',
              on: {
                'casus.afgesloten': {
                  guard: and(['nietInMdaSpoor', 'stabielVeiligGedurendeStabiliteitsperiode', 'geenOpenAfspraken']),
                  target: '#casus.fase.afgesloten',
                  actions: 'afsluitingVastleggen',
                },
              },
            },
          },
        },
        afgesloten: {
          entry: 'faseSindsZetten',
          on: {
            'casus.heropend': { target: 'open', actions: ['heropeningVastleggen', 'nieuwVeiligheidsvensterOpenen'] },
          },
        },
      },
    },
    // The MDA++ track (seed 000): escalated when no 6 within the window, or by
    // hand; the coordinator decides; the local team and regisseur stay on.
    mda: {
      initial: 'geen',
      states: {
        geen: {
          on: {
            'casus.opgeschaald': { guard: and(['casusNietAfgesloten', 'deadlineVerstreken']), target: 'opgeschaald', actions: 'opschalingVastleggen' },
          },
        },
        opgeschaald: {
          on: {
            'opschaling.naar-mda-traject': { guard: 'besluitOverWachtendeOpschaling', target: 'mda-traject', actions: 'besluitVastleggen' },
            'opschaling.terug-naar-lokaal-team': { guard: 'besluitOverWachtendeOpschaling', target: 'geen', actions: 'besluitVastleggen' },
          },
        },
        'mda-traject': {
          on: {
            'casus.afgeschaald': { guard: 'scoreOpDrempelNaOpschaling', target: 'geen', actions: 'afschalingVastleggen' },
          },
        },
      },
    },
  },
});
