/**
 * What a case looks like from outside: the fields derived from its snapshot
 * that the API shows and the database indexes (phase, regisseur, latest
 * score, whether the threshold was reached in the current window, its
 * deadline, open agreements, days in phase).
 */
import { localDate, wholeDaysBetween } from '../time.js';
import { mdaOf, phaseOf, type CaseSnapshot } from './decide.js';
import { currentPlan, currentWindow, latestScore, openAgreements } from './requirements.js';
import type { Escalation, MdaState, Phase, Professional, SafetyWindow } from './types.js';

export interface CaseSummary {
  readonly fase: Phase;
  readonly regisseur: Professional;
  readonly laatsteVeiligheidsscore: number | null;
  /** The threshold (6 under the default policy) was reached within the current window. */
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
