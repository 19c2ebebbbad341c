/**
 * What a case looks like from outside: the fields derived from its snapshot
 * that the API shows and the database indexes (phase, regisseur, latest
 * score, whether the threshold was reached in the current window, its
 * deadline, open agreements, days in phase).
 */
import { localDate, wholeDaysBetween } from '../time.js';
import { mdaOf, phaseOf, type CaseSnapshot } from './decide.js';
import { currentPlan, currentWindow, latestScore, openAgreements } from './requirements.js';
import type { Escalation, MdaState, Phase, Professional, SafetyWindow, WindowReason } from './types.js';

export interface CaseSummary {
  readonly fase: Phase;
  readonly regisseur: Professional;
  readonly laatsteVeiligheidsscore: number | null;
  /** The threshold (6 under the default policy) stands in the current window: its latest joint score is at or above it. */
  readonly drempelBereikt: boolean;
  readonly veiligheidsdeadline: string;
  readonly venster: SafetyWindow;
  readonly veiligheidsplanVersie: number | null;
  readonly openAfspraken: number;
  readonly afsprakenTeLaat: number;
  readonly dagenInFase: number;
  readonly faseSinds: string;
  readonly herhaling: boolean;
  /** The MDA++ track: not escalated, awaiting the coordinator, or in MDA++. */
  readonly mda: MdaState;
  readonly opgeschaald: boolean;
  readonly laatsteOpschaling: Escalation | null;
}

export function summarize(snapshot: CaseSnapshot, now: Date): CaseSummary {
  const context = snapshot.context;
  const window = currentWindow(context);
  const today = localDate(now);
  const open = openAgreements(context);
  return {
    fase: phaseOf(snapshot),
    regisseur: context.regisseur,
    laatsteVeiligheidsscore: latestScore(context),
    drempelBereikt: window.drempelBereiktOp !== null,
    veiligheidsdeadline: window.deadline,
    venster: window,
    veiligheidsplanVersie: currentPlan(context)?.versie ?? null,
    openAfspraken: open.length,
    afsprakenTeLaat: open.filter((a) => a.deadline < today).length,
    dagenInFase: Math.max(0, wholeDaysBetween(new Date(context.faseSinds), now)),
    faseSinds: context.faseSinds,
    herhaling: context.laatsteHeropening !== null,
    mda: mdaOf(snapshot),
    opgeschaald: mdaOf(snapshot) !== 'geen',
    laatsteOpschaling: context.laatsteOpschaling,
  };
}

const WINDOW_OPENED: Readonly<Record<WindowReason, string>> = {
  start: 'bij de start van de casus',
  incident: 'na een nieuw incident',
  heropening: 'bij de heropening',
  terugval: 'toen de score na een gehaalde deadline onder de drempel zakte',
  terugverwezen: 'bij de terugverwijzing door de MDA++-coördinator',
  afgeschaald: 'bij de afschaling uit het MDA++-traject',
};

/** What a list row or a case knows of its current window and latest score. */
export interface ThresholdFacts {
  readonly venster: Pick<SafetyWindow, 'start' | 'deadline' | 'reden' | 'drempelBereiktOp' | 'regelVanToepassing'> & { readonly beleid?: { readonly safetyThreshold: number } };
  readonly laatsteScore: { readonly score: number; readonly op: string } | null;
  /** Escalated or in the MDA++ traject (the deadline then does not escalate again). */
  readonly opgeschaald?: boolean;
}

/**
 * Why the threshold stands or not, in the words a regisseur uses: so a list
 * never shows "latest score 7, threshold not reached" without the reason
 * (the window it belongs to, the dates). Dates are local calendar dates.
 */
export function thresholdExplanation({ venster, laatsteScore, opgeschaald = false }: ThresholdFacts): string {
  const day = (iso: string) => localDate(new Date(iso));
  const opened = `Het huidige veiligheidsvenster begon op ${day(venster.start)} (${WINDOW_OPENED[venster.reden]})`;
  const rule = venster.regelVanToepassing === false
    ? '; de opschalingsregel geldt niet voor dit venster (het beleid beperkt haar tot casussen met coördinatie op veiligheid).'
    : `, met deadline ${day(venster.deadline)}.`;
  if (venster.drempelBereiktOp !== null) {
    return `De drempel staat sinds ${day(venster.drempelBereiktOp)}: de laatste gezamenlijke score is op of boven de drempel. ${opened}${rule}`;
  }
  const threshold = venster.beleid ? ` (${venster.beleid.safetyThreshold})` : '';
  let why: string;
  if (!laatsteScore || laatsteScore.op < venster.start) {
    why = laatsteScore
      ? `De laatste score (${laatsteScore.score}, op ${day(laatsteScore.op)}) is van vóór dit venster en telt daarom niet; alleen een score in dit venster telt.`
      : 'Er is nog geen gezamenlijke veiligheidsscore.';
  } else if (laatsteScore.op > venster.deadline) {
    why = `De laatste score (${laatsteScore.score}, op ${day(laatsteScore.op)}) kwam na de deadline; een score na de deadline haalt die niet meer.`;
  } else {
    why = `De laatste score (${laatsteScore.score}, op ${day(laatsteScore.op)}) ligt onder de drempel${threshold}.`;
  }
  const mda = opgeschaald
    ? ' De casus is opgeschaald naar MDA++ (wacht op besluit of zit in het MDA++-traject); bij terugverwijzing of afschaling begint een nieuw venster.'
    : '';
  return `De drempel staat niet. ${why} ${opened}${rule}${mda}`;
}
