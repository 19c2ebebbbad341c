/**
 * The case machine: the phased safety vision (seed 001, Vogtländer & Van
 * Arum) as an XState v5 statechart.
 *
 *   directe-veiligheid -> oorzaken-onderzoeken -> blijvend-voorkomen -> nazorg -> afgesloten
 *
 * - Leaving directe-veiligheid needs a safety plan and a latest joint score
 *   at or above the window's threshold.
 * - Going on to blijvend-voorkomen needs an explanatory analysis.
 * - A repeat starts fresh: after a reopening, leaving directe-veiligheid needs
 *   a plan version adopted since, and leaving oorzaken-onderzoeken an analysis
 *   version recorded since.
 * - Closure as stabiel-veilig only from nazorg, on evidence (enough recent
 *   joint scores through the stability period, no incident in it, no open
 *   agreement); the real ends (moved, handed over, help refused, deceased)
 *   close from any open phase, each with its own rule. A closed case can be
 *   reopened (recurrence).
 * - A new incident in any later phase puts safety first again: back to
 *   directe-veiligheid, with a new safety window.
 * Guards are the named requirements in requirements.ts; actions only assign
 * context. No `after` delays: deadlines are durable timers in the database.
 */
import { and, assign, setup } from 'xstate';
import type { CaseEvent, CaseOpened } from './events.js';
import { consentsAfter, samePartner } from './consent.js';
import { adoptedPlan, incidentOf, perspectiveOf, recordedAnalysis, scoreOf, withAgreementStatus, withScoreAgreements } from './history.js';
import { childrenAfter } from './children.js';
import { REQUIREMENTS, type RequirementName } from './requirements.js';
import { namePartsOfChange, withDisplayName, withNameParts } from './names.js';
import type { CaseContext } from './types.js';
import { addCalendarMonths } from '../time.js';
import { mdaReviewMonths } from '../policy.js';
import { currentWindow, newWindow, windowsAfterHandBack, windowsAfterScore, withNewWindow } from './windows.js';

type Guards = { [K in RequirementName]: (args: { context: CaseContext; event: CaseEvent }) => boolean };
const guards = Object.fromEntries(
  Object.entries(REQUIREMENTS).map(([name, requirement]) => [
    name,
    ({ context, event }: { context: CaseContext; event: CaseEvent }) => requirement.holds(context, event),
  ]),
) as Guards;

/** The context of a case that has just been opened. */
export function openedContext(input: CaseOpened): CaseContext {
  return {
    id: input.id,
    gemeente: input.gemeente,
    bron: input.bron,
    geopendOp: input.op,
    // A log from before issue 17 named members with one string: split here as on replay (event-versions.ts).
    leden: input.leden.map((lid) => withDisplayName(withNameParts(lid))),
    regisseur: input.regisseur,
    huidigPlan: null,
    laatsteScore: null,
    analyse: null,
    analyseVoorstel: null,
    laatsteIncident: null,
    vensters: [newWindow(1, input.startdatum, input.beleid, 'start', input.coordinatieOpVeiligheid ?? false)],
    stabielSinds: null,
    stabieleScores: 0,
    terugmeldingen: {},
    faseSinds: input.op,
    afsluiting: null,
    laatsteHeropening: null,
    laatsteOpschaling: null,
    herinnerdVenster: null,
    laatsteAfschaling: null,
    mdaEvaluatie: null,
    huisverbod: null,
    veiligheidsinschatting: input.veiligheidsinschatting ?? null,
    gekoppeldAan: input.gekoppeldAan ?? null,
    coordinatieOpVeiligheid: input.coordinatieOpVeiligheid ?? false,
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
      leden: ({ context, event }) => (event.type === 'lid.toegevoegd' ? [...context.leden, withDisplayName(withNameParts(event.lid))] : context.leden),
    }),
    // The display name follows the parts: a correction of any part makes it anew (names.ts).
    lidCorrigeren: assign({
      leden: ({ context, event }) =>
        event.type === 'lid.gecorrigeerd'
          ? context.leden.map((lid) => (lid.id === event.lidId ? withDisplayName({ ...lid, ...namePartsOfChange(event.wijzigingen) }) : lid))
          : context.leden,
    }),
    aanduidingZetten: assign({
      aanduiding: ({ context, event }) => (event.type === 'casus.aanduiding-gewijzigd' ? event.aanduiding : (context.aanduiding ?? null)),
    }),
    // The context keeps the current version only; earlier ones are read from the event log (history.ts).
    veiligheidsplanVaststellen: assign({
      huidigPlan: ({ context, event }) =>
        event.type === 'veiligheidsplan.vastgesteld' ? adoptedPlan((context.huidigPlan?.versie ?? 0) + 1, event) : context.huidigPlan,
    }),
    afspraakStatusWijzigen: assign({
      // The status changes in the current version; earlier versions stay as they were agreed.
      huidigPlan: ({ context, event }) =>
        (event.type === 'afspraak.status-gewijzigd' || event.type === 'afspraak.akkoord-huishouden') && context.huidigPlan
          ? withAgreementStatus(context.huidigPlan, event)
          : context.huidigPlan,
    }),
    veiligheidsscoreVastleggen: assign(({ context, event }) => {
      if (event.type !== 'veiligheidsscore.vastgelegd') return {};
      const window = currentWindow(context);
      const safe = event.score >= window.beleid.safetyThreshold;
      const vensters = windowsAfterScore(context, scoreOf(event));
      // A 6 taken back before the deadline re-arms the same deadline and its reminder (windows.ts).
      const takenBack = vensters.length === context.vensters.length && window.drempelBereiktOp !== null && currentWindow({ ...context, vensters }).drempelBereiktOp === null;
      return {
        laatsteScore: scoreOf(event),
        // The agreements the scoring made for its actions join the current plan version (issue 17).
        huidigPlan: withScoreAgreements(context.huidigPlan, event),
        stabielSinds: safe ? (context.stabielSinds ?? event.op) : null,
        stabieleScores: safe ? context.stabieleScores + 1 : 0,
        vensters,
        herinnerdVenster: takenBack && context.herinnerdVenster === window.nummer ? null : context.herinnerdVenster,
      };
    }),
    // A new version; adopting the waiting proposal also clears it.
    analyseVastleggen: assign(({ context, event }) => {
      if (event.type !== 'verklarende-analyse.vastgelegd') return {};
      return { analyse: recordedAnalysis(event), analyseVoorstel: event.voorstelId !== undefined ? null : context.analyseVoorstel };
    }),
    analyseVoorstellen: assign({
      analyseVoorstel: ({ context, event }) =>
        event.type === 'verklarende-analyse.voorgesteld'
          ? { id: event.voorstelId, toelichting: event.toelichting, problemen: event.problemen, leefdomeinen: event.leefdomeinen ?? [], voorgesteldOp: event.op, voorgesteldDoor: event.door.sub }
          : context.analyseVoorstel,
    }),
    incidentVastleggen: assign(({ event }) => {
      if (event.type !== 'incident.gemeld') return {};
      return {
        laatsteIncident: incidentOf(event),
        // New violence breaks any run of safe scores.
        stabielSinds: null,
        stabieleScores: 0,
      };
    }),
    nieuwVeiligheidsvensterOpenen: assign({
      vensters: ({ context, event }) => {
        if (event.type !== 'incident.gemeld' && event.type !== 'casus.heropend') return context.vensters;
        return withNewWindow(context, event.op, event.type === 'incident.gemeld' ? 'incident' : 'heropening', event.beleid);
      },
    }),
    // The coordinator's hand-back, or the end of the traject: a new window with the advice (windows.ts).
    vensterNaTerugverwijzing: assign({
      vensters: ({ context, event }) => {
        if (event.type === 'opschaling.terug-naar-lokaal-team') return windowsAfterHandBack(context, event.op, 'terugverwezen', event.beleid);
        if (event.type === 'casus.afgeschaald') return windowsAfterHandBack(context, event.op, 'afgeschaald', event.beleid);
        return context.vensters;
      },
    }),
    coordinatieOpVeiligheidZetten: assign({
      coordinatieOpVeiligheid: ({ context, event }) =>
        event.type === 'casus.coordinatie-op-veiligheid-gewijzigd' ? event.coordinatieOpVeiligheid : context.coordinatieOpVeiligheid,
    }),
    afsluitingVastleggen: assign({
      afsluiting: ({ context, event }) => {
        if (event.type !== 'casus.afgesloten') return context.afsluiting;
        const { type: _type, door: _door, ...closure } = event;
        return closure;
      },
    }),
    terugmeldingVastleggen: assign({
      terugmeldingen: ({ context, event }) => (event.type === 'terugmelding.vastgelegd' ? { ...context.terugmeldingen, [event.reden]: event.op } : context.terugmeldingen),
    }),
    // A repeat starts fresh: no run of safe scores, no terugmelding and no waiting analysis proposal carries over
    // from before the closure (adopted after, a stale proposal would count as an analysis reviewed since the reopening).
    heropeningVastleggen: assign(({ event }) => {
      if (event.type !== 'casus.heropend') return {};
      return { afsluiting: null, stabielSinds: null, stabieleScores: 0, terugmeldingen: {}, analyseVoorstel: null, laatsteHeropening: { reden: event.reden, op: event.op, ...(event.nieuwBegin ? { nieuwBegin: true as const } : {}) } };
    }),
    herinneringVastleggen: assign({
      herinnerdVenster: ({ context, event }) => (event.type === 'veiligheidsdeadline.herinnerd' ? event.vensterNummer : context.herinnerdVenster),
    }),
    opschalingVastleggen: assign({
      laatsteOpschaling: ({ context, event }) =>
        event.type === 'casus.opgeschaald'
          ? {
              id: event.opschalingId,
              reden: event.reden,
              redenen: [event.reden],
              toelichting: event.toelichting,
              vensterNummer: event.vensterNummer,
              op: event.op,
              door: event.door.sub,
              ...(event.aangemeldDoor ? { aangemeldDoor: event.aangemeldDoor } : {}),
              besluit: null,
            }
          : context.laatsteOpschaling,
    }),
    // The deadline passed while an escalation by hand waits: the one escalation carries both reasons.
    deadlineAanOpschalingToevoegen: assign({
      laatsteOpschaling: ({ context, event }) => {
        const open = context.laatsteOpschaling;
        return event.type === 'casus.opgeschaald' && open ? { ...open, redenen: [...open.redenen, event.reden] } : open;
      },
    }),
    besluitVastleggen: assign({
      // The guard (besluitOverWachtendeOpschaling) lets a decision through for the latest escalation only.
      laatsteOpschaling: ({ context, event }) => {
        if (event.type !== 'opschaling.naar-mda-traject' && event.type !== 'opschaling.terug-naar-lokaal-team') return context.laatsteOpschaling;
        const besluit = event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team';
        const latest = context.laatsteOpschaling;
        return latest && latest.id === event.opschalingId
          ? { ...latest, besluit: { besluit, motivering: event.motivering, advies: event.advies, op: event.op, door: event.door.sub, ...(event.expertoverleg ? { expertoverleg: event.expertoverleg } : {}) } }
          : latest;
      },
    }),
    afschalingVastleggen: assign({
      laatsteAfschaling: ({ context, event }) => (event.type === 'casus.afgeschaald' ? { reden: event.reden, op: event.op } : context.laatsteAfschaling),
      // Out of the track: no more reviews.
      mdaEvaluatie: () => null,
    }),
    // Issue 18 point 4: taken into MDA++, the track is reviewed on the rhythm of the policy in force at the decision.
    evaluatiePlannen: assign({
      mdaEvaluatie: ({ context, event }) =>
        event.type === 'opschaling.naar-mda-traject'
          ? { nummer: 1, volgendeOp: addCalendarMonths(new Date(event.op), mdaReviewMonths(event.beleid)).toISOString(), evaluatieId: null }
          : (context.mdaEvaluatie ?? null),
    }),
    evaluatieKlaarzetten: assign({
      mdaEvaluatie: ({ context, event }) =>
        event.type === 'mda.evaluatie-klaargezet' && context.mdaEvaluatie ? { ...context.mdaEvaluatie, evaluatieId: event.evaluatieId } : (context.mdaEvaluatie ?? null),
    }),
    evaluatieVastleggen: assign({
      mdaEvaluatie: ({ context, event }) =>
        event.type === 'mda.geevalueerd' && context.mdaEvaluatie
          ? { nummer: context.mdaEvaluatie.nummer + 1, volgendeOp: event.volgendeEvaluatie, evaluatieId: null }
          : (context.mdaEvaluatie ?? null),
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
    // A handover proposal (issue 16 point 11): the regisseur changes only when the proposed accepts.
    regiewisselVoorstellen: assign({
      regiewissel: ({ context, event }) =>
        event.type === 'regiewissel.voorgesteld'
          ? { id: event.voorstelId, regisseur: event.regisseur, reden: event.reden, voorgesteldOp: event.op, voorgesteldDoor: event.door.sub, gesignaleerd: [] }
          : (context.regiewissel ?? null),
    }),
    // The new regisseur's organisation as their own token says it at acceptance, not as the proposer typed it.
    regiewisselAccepteren: assign(({ context, event }) =>
      event.type === 'regiewissel.geaccepteerd' && context.regiewissel
        ? { regisseur: { id: context.regiewissel.regisseur.id, organisatie: event.door.organisatie }, regiewissel: null }
        : {},
    ),
    regiewisselBeeindigen: assign({ regiewissel: () => null }),
    regiewisselSignaleren: assign({
      regiewissel: ({ context, event }) =>
        event.type === 'regiewissel.gesignaleerd' && context.regiewissel
          ? { ...context.regiewissel, gesignaleerd: [...context.regiewissel.gesignaleerd, event.niveau] }
          : (context.regiewissel ?? null),
    }),
    ledenAfsplitsen: assign({
      leden: ({ context, event }) => (event.type === 'leden.afgesplitst' ? context.leden.filter((lid) => !event.lidIds.includes(lid.id)) : context.leden),
    }),
    // Issue 17 point 5: a partner's own perspective, the latest per partner; it touches no score, window or run.
    perspectiefVastleggen: assign({
      netwerkPerspectieven: ({ context, event }) =>
        event.type === 'perspectief.vastgelegd'
          ? [
              ...(context.netwerkPerspectieven ?? []).filter((p) => !samePartner(p.van, event.van)),
              perspectiveOf(event),
            ]
          : context.netwerkPerspectieven,
    }),
    // Issue 17 point 6: what the regisseur records per member.
    lidVastleggen: assign({
      leden: ({ context, event }) =>
        context.leden.map((lid) => {
          if (!('lidId' in event) || lid.id !== event.lidId) return lid;
          switch (event.type) {
            case 'lid.geinformeerd':
              return { ...lid, geinformeerd: { status: event.status, reden: event.reden, herzienOp: event.herzienOp, op: event.op } };
            case 'lid.veilig-contact-vastgelegd':
              return { ...lid, veiligContact: event.veiligContact };
            case 'toestemming.vastgelegd':
              return { ...lid, toestemmingen: consentsAfter(lid, event) };
            default:
              return lid;
          }
        }),
    }),
    // A fact on record only (a link, an offer kept beside the case): the context does not change. XState counts a
    // transition without target or action as none (snapshot.can), so the event gets this action.
    alleenVastleggen: assign(() => ({})),
    // Issue 17: a child's records, and a Handle with Care signal due for each child after a police-involved incident (children.ts).
    kinderenVastleggen: assign(({ context, event }) => {
      const kinderen = childrenAfter(context, event);
      return kinderen ? { kinderen } : {};
    }),
    verhuizingOvernemen: assign(({ event }) => (event.type === 'verhuizing.overgenomen' ? { gemeente: event.gemeente, regisseur: event.regisseur } : {})),
  },
}).createMachine({
  id: 'casus',
  // Parallel at the root: the MDA++ track (issue 4) runs beside the phase.
  type: 'parallel',
  context: ({ input }) => openedContext(input),
  // Issue 16: links, moves and undone merges, in any phase of either track.
  on: {
    'casus.gekoppeld': { actions: 'alleenVastleggen' },
    'verhuizing.aangeboden': { guard: 'casusOpen', actions: 'alleenVastleggen' },
    'verhuizing.ingetrokken': { guard: 'casusOpen', actions: 'alleenVastleggen' },
    'verhuizing.overgenomen': { guard: and(['casusOpen', 'regisseurNietAanPlegerzijde']), actions: ['verhuizingOvernemen', 'regiewisselBeeindigen'] },
    'leden.afgesplitst': { guard: and(['casusOpen', 'afsplitsingBinnenTermijn', 'afgesplitsteLedenBestaan']), actions: 'ledenAfsplitsen' },
    // Issue 17 point 6, in any phase: a member withdraws consent, or is informed, after the closure too.
    'lid.geinformeerd': { guard: and(['lidBestaat', 'doorRegisseur']), actions: 'lidVastleggen' },
    'lid.veilig-contact-vastgelegd': { guard: and(['lidBestaat', 'doorRegisseur']), actions: 'lidVastleggen' },
    'toestemming.vastgelegd': { guard: and(['lidBestaat', 'doorRegisseur', 'intrekkingNaToestemming']), actions: 'lidVastleggen' },
    // Issue 17: a letter sent, in any phase (the closing letter goes out after closure).
    'brief.verzonden': { guard: and(['briefOntvangerBestaat', 'briefPastBijCasus', 'briefVerzendwijzeVeilig']), actions: 'alleenVastleggen' },
  },
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
            // Issue 17: the owner (a partner) marks its own open agreement done or lapsed.
            'afspraak.status-gewijzigd': { guard: and(['afspraakBestaat', 'eigenaarMeldtAf', 'afspraakOpenVoorEigenaar']), actions: 'afspraakStatusWijzigen' },
            'afspraak.akkoord-huishouden': { guard: and(['afspraakBestaat', 'akkoordNogNietVastgelegd']), actions: 'afspraakStatusWijzigen' },
            'veiligheidsscore.vastgelegd': {
              guard: and(['scoreUitExpertoverleg', 'perspectievenVanLeden', 'actieAfsprakenBestaan', 'planVoorNieuweActies', 'eigenarenZijnLeden']),
              actions: 'veiligheidsscoreVastleggen',
            },
            'perspectief.vastgelegd': { guard: 'perspectiefNietVanRegisseur', actions: 'perspectiefVastleggen' },
            'verklarende-analyse.vastgelegd': { guard: 'analysevoorstelWacht', actions: 'analyseVastleggen' },
            'verklarende-analyse.voorgesteld': { actions: 'analyseVoorstellen' },
            // A direct handover (beheer reassigning a gone regisseur's cases) ends an open proposal: the new regisseur decides anew.
            'regisseur.overgedragen': { guard: and(['andereRegisseur', 'nietAanZichzelf', 'regisseurNietAanPlegerzijde']), actions: ['regisseurOverdragen', 'regiewisselBeeindigen'] },
            'regiewissel.voorgesteld': {
              // The handover's own rules first: a refusal names the rule that matters most (the perpetrator side before "not known").
              guard: and(['geenOpenRegiewissel', 'regiewisselAanAndere', 'regiewisselNietAanZichzelf', 'regiewisselNietAanPlegerzijde', 'regiewisselAanBekende']),
              actions: 'regiewisselVoorstellen',
            },
            'regiewissel.geaccepteerd': {
              guard: and(['regiewisselOpen', 'regiewisselAanDeVoorgestelde', 'regiewisselNietAanPlegerzijde', 'regiewisselAanBekende']),
              actions: 'regiewisselAccepteren',
            },
            'regiewissel.afgewezen': { guard: and(['regiewisselOpen', 'regiewisselAanDeVoorgestelde']), actions: 'regiewisselBeeindigen' },
            'regiewissel.ingetrokken': { guard: and(['regiewisselOpen', 'regiewisselDoorVoorsteller']), actions: 'regiewisselBeeindigen' },
            'regiewissel.gesignaleerd': { guard: and(['regiewisselOpen', 'regiewisselSignaleringNodig']), actions: 'regiewisselSignaleren' },
            'veiligheidsdeadline.herinnerd': { guard: 'herinneringNodig', actions: 'herinneringVastleggen' },
            'huisverbod.opgelegd': { actions: 'huisverbodVastleggen' },
            'huisverbod.verlengd': { guard: 'huisverbodVerlengbaar', actions: 'huisverbodVastleggen' },
            'huisverbod.herinnerd': { guard: 'huisverbodHerinneringNodig', actions: 'huisverbodVastleggen' },
            'casus.coordinatie-op-veiligheid-gewijzigd': { guard: 'markeringGewijzigd', actions: 'coordinatieOpVeiligheidZetten' },
            'casus.aanduiding-gewijzigd': { guard: and(['aanduidingNietDoorPlegerzijde', 'aanduidingGewijzigd', 'aanduidingZonderAfgeschermd']), actions: 'aanduidingZetten' },
            'terugmelding.vastgelegd': { actions: 'terugmeldingVastleggen' },
            'kind.gesprek-vastgelegd': { guard: and(['lidBestaat', 'lidIsKind']), actions: 'kinderenVastleggen' },
            'kind.traumascreening-gewogen': { guard: and(['lidBestaat', 'lidIsKind']), actions: 'kinderenVastleggen' },
            'kind.handle-with-care-vastgelegd': { guard: and(['lidBestaat', 'lidIsKind']), actions: 'kinderenVastleggen' },
            // The real ends close a case in any open phase (nazorg judges stable safety first, below).
            'casus.afgesloten': {
              guard: and(['eindeBuitenNazorg', 'nietInMdaSpoor', 'terugmeldingVastgelegd', 'overledenLidBestaat']),
              target: '#casus.fase.afgesloten',
              // Closing ends an open handover proposal: a repeat starts with the regisseur it has.
              actions: ['afsluitingVastleggen', 'regiewisselBeeindigen'],
            },
            // In a later phase: safety first again, with a new window.
            'incident.gemeld': { target: '.directe-veiligheid', actions: ['incidentVastleggen', 'nieuwVeiligheidsvensterOpenen', 'kinderenVastleggen'] },
          },
          states: {
            'directe-veiligheid': {
              entry: 'faseSindsZetten',
              on: {
                // Already in directe-veiligheid: the running window goes on.
                'incident.gemeld': { actions: ['incidentVastleggen', 'kinderenVastleggen'] },
                'fase.naar-oorzaken-onderzoeken': {
                  guard: and(['heeftVeiligheidsplan', 'planNaHeropening', 'scoreOpDrempel']),
                  target: 'oorzaken-onderzoeken',
                },
              },
            },
            'oorzaken-onderzoeken': {
              entry: 'faseSindsZetten',
              on: {
                'fase.naar-blijvend-voorkomen': { guard: and(['heeftVerklarendeAnalyse', 'analyseNaHeropening']), target: 'blijvend-voorkomen' },
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
                // Every reason; the stability rules apply to stabiel-veilig (and to free-text reasons of old logs).
                'casus.afgesloten': {
                  guard: and([
                    'nietInMdaSpoor',
                    'geenIncidentInStabiliteitsperiode',
                    'stabielVeiligGedurendeStabiliteitsperiode',
                    'genoegStabieleScores',
                    'recenteStabieleScore',
                    'geenOpenAfspraken',
                    'terugmeldingVastgelegd',
                    'overledenLidBestaat',
                  ]),
                  target: '#casus.fase.afgesloten',
                  // Closing ends an open handover proposal: a repeat starts with the regisseur it has.
              actions: ['afsluitingVastleggen', 'regiewisselBeeindigen'],
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
            'casus.opgeschaald': { guard: and(['aanmeldingNietDoorPlegerzijde', 'casusNietAfgesloten', 'deadlineVerstreken']), target: 'opgeschaald', actions: 'opschalingVastleggen' },
          },
        },
        opgeschaald: {
          on: {
            // An escalation by hand does not use up the automatic one: the deadline joins it.
            'casus.opgeschaald': { guard: and(['aanmeldingNietDoorPlegerzijde', 'eenOpschalingTegelijk', 'deadlineVerstreken']), actions: 'deadlineAanOpschalingToevoegen' },
            'opschaling.naar-mda-traject': { guard: 'besluitOverWachtendeOpschaling', target: 'mda-traject', actions: ['besluitVastleggen', 'evaluatiePlannen'] },
            'opschaling.terug-naar-lokaal-team': {
              guard: 'besluitOverWachtendeOpschaling',
              target: 'geen',
              actions: ['besluitVastleggen', 'vensterNaTerugverwijzing'],
            },
          },
        },
        'mda-traject': {
          on: {
            // Long-term case management (issue 18 point 4): the track ends only by this decision, with its reason.
            'casus.afgeschaald': { guard: and(['evaluatieWacht', 'scoreOpDrempelNaOpschaling']), target: 'geen', actions: ['afschalingVastleggen', 'vensterNaTerugverwijzing'] },
            'mda.evaluatie-klaargezet': { guard: 'evaluatieNodig', actions: 'evaluatieKlaarzetten' },
            'mda.geevalueerd': { guard: and(['evaluatieWacht', 'volgendeEvaluatieInToekomst']), actions: 'evaluatieVastleggen' },
          },
        },
      },
    },
  },
});
