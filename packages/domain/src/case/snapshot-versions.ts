/**
 * Stored snapshots carry the version of the machine that wrote them. A case
 * stored under an older machine is brought up to date on load, one step per
 * version, before XState restores it, so a new release reads every case ever
 * stored without a data migration. Rules for a change of the machine:
 *   - a change in the shape of the state value or the context raises
 *     MACHINE_VERSION and adds the step from the previous version;
 *   - a released step is never edited: stored cases depend on it;
 *   - a snapshot newer than this code is refused (503), never guessed at: during
 *     a rolling upgrade an instance of the old release must not rewrite a case
 *     the new release has already stored.
 */
import type { StateValue } from 'xstate';
import { DomainError } from '../errors.js';
import { addCalendarMonths } from '../time.js';
import { MDA_REVIEW_DEFAULT_MONTHS } from '../policy.js';
import { withNameParts } from './names.js';
import type { CaseContext } from './types.js';

export const MACHINE_VERSION = 7;

/** A snapshot as stored by some version of the machine (version 1 stored none). */
export interface StoredSnapshot {
  readonly value: StateValue;
  readonly context: object;
  readonly machineVersion?: number;
}

/** A snapshot in the current machine's shape. */
export interface CurrentSnapshot {
  readonly value: StateValue;
  readonly context: CaseContext;
  readonly machineVersion: typeof MACHINE_VERSION;
}

type Step = (stored: StoredSnapshot) => StoredSnapshot;

const STEPS: Readonly<Record<number, Step>> = {
  // 1 -> 2: the MDA++ track. Cases stored before it have no `mda` region and no
  // escalation, reminder, de-escalation or restraining-order fields: they were never escalated.
  1: (stored) => {
    const value = stored.value as Record<string, StateValue>;
    return {
      machineVersion: 2,
      value: 'mda' in value ? value : { ...value, mda: 'geen' },
      context: {
        opschalingen: [],
        herinneringen: [],
        afschalingen: [],
        huisverbod: null,
        veiligheidsinschatting: null,
        gekoppeldAan: null,
        ...stored.context,
      },
    };
  },
  // 2 -> 3: the context keeps what the rules need, not the history (a command's cost must not grow with it):
  // the latest score, incident, escalation, hand-back and reopening, the current plan version, and the number
  // of the latest window reminded. Each is the last element of the version-2 list, which is what the machine
  // of version 3 would have kept from the same events, so a replay of the log still equals the stored case.
  // The windows stay (reports read them).
  2: (stored) => {
    const { veiligheidsplan, scores, incidenten, heropeningen, opschalingen, herinneringen, afschalingen, ...rest } = stored.context as Record<string, unknown>;
    const last = (list: unknown) => (Array.isArray(list) && list.length > 0 ? (list[list.length - 1] as unknown) : null);
    return {
      machineVersion: 3,
      value: stored.value,
      context: {
        ...rest,
        huidigPlan: last(veiligheidsplan),
        laatsteScore: last(scores),
        laatsteIncident: last(incidenten),
        laatsteHeropening: last(heropeningen),
        laatsteOpschaling: last(opschalingen),
        herinnerdVenster: last(herinneringen),
        laatsteAfschaling: last(afschalingen),
      },
    };
  },
  // 3 -> 4: a 6 counts while it stands (issue 16). An escalation lists its reasons (`redenen`). In version 3
  // a window kept the first time its threshold was reached; version 4 keeps the standing run only: where the
  // latest joint score of the current window is below the threshold, the 6 was taken back (before the
  // deadline: the same deadline stands again) or fell after a met deadline (a new window from that score), as
  // the machine of version 4 would have done on that last score. Windows and cases without a scope are under
  // the rule and unmarked, as before.
  3: (stored) => {
    const context = stored.context as Record<string, unknown> & { vensters: Record<string, unknown>[] };
    const escalation = context.laatsteOpschaling as Record<string, unknown> | null | undefined;
    const score = context.laatsteScore as { score: number; gescoordOp: string } | null | undefined;
    const vensters = [...context.vensters];
    const window = vensters[vensters.length - 1] as { nummer: number; start: string; deadline: string; drempelBereiktOp: string | null; beleid: { safetyThreshold: number; escalationWindowMonths: number } } | undefined;
    if (window && score && window.drempelBereiktOp !== null && score.gescoordOp >= window.start && score.score < window.beleid.safetyThreshold) {
      if (score.gescoordOp > window.deadline) {
        const deadline = addCalendarMonths(new Date(score.gescoordOp), window.beleid.escalationWindowMonths).toISOString();
        vensters.push({ nummer: window.nummer + 1, start: score.gescoordOp, deadline, beleid: window.beleid, reden: 'terugval', drempelBereiktOp: null, regelVanToepassing: true });
      } else {
        vensters[vensters.length - 1] = { ...window, drempelBereiktOp: null };
      }
    }
    return {
      machineVersion: 4,
      value: stored.value,
      context: {
        ...context,
        vensters,
        laatsteOpschaling: escalation ? { ...escalation, redenen: [escalation.reden] } : null,
        coordinatieOpVeiligheid: false,
      },
    };
  },
  // 4 -> 5: closing on evidence (issue 16). The context counts the joint scores of the current run of safe
  // scores (`stabieleScores`) and keeps the latest terugmelding to Veilig Thuis per reason. A snapshot stored
  // before knows the run's start, not how many scores it holds: migration 0024 counted them from the event log
  // into the stored snapshot; one it did not reach (none should exist) counts a standing run as one score, the
  // safe side (the case may need one more joint score before it closes as stabiel-veilig). No terugmelding existed before version 5, nor a proposal for the analysis (issue 16: versioned, proposed
  // by a partner with the grant, adopted by the regisseur).
  4: (stored) => {
    const context = stored.context as Record<string, unknown>;
    return {
      machineVersion: 5,
      value: stored.value,
      context: { ...context, stabieleScores: context.stabieleScores ?? (context.stabielSinds ? 1 : 0), terugmeldingen: context.terugmeldingen ?? {}, analyseVoorstel: context.analyseVoorstel ?? null },
    };
  },
  // 5 -> 6: names in Dutch parts (issue 17 point 1). A member stored with one name gets voornamen, voorvoegsel and
  // geslachtsnaam, split where that is unambiguous and else kept whole in geslachtsnaam (names.ts, splitName); its
  // `naam` stays exactly as entered, so the display name, and the household keys made from it, do not change. The
  // household's aanduiding is absent: the default. Events logged before keep `naam` and are upcast on replay the same
  // way (event-versions.ts), so a replay of the log still equals the stored case.
  5: (stored) => {
    const context = stored.context as Record<string, unknown> & { leden: { naam: string }[] };
    return { machineVersion: 6, value: stored.value, context: { ...context, leden: context.leden.map((lid) => withNameParts(lid)) } };
  },
  // 6 -> 7: long-term case management (issue 18 point 4). A case in the MDA++ track is reviewed on the policy's
  // rhythm from the decision that took it in: a case stored in the track gets its first review 3 months (the default;
  // no policy version before 7 set another) after that decision, as the machine of version 7 would have planned it on
  // replay of the same log. Outside the track: none.
  6: (stored) => {
    const context = stored.context as Record<string, unknown> & { laatsteOpschaling?: { besluit?: { besluit: string; op: string } | null } | null };
    const mda = (stored.value as { mda?: string }).mda;
    const decided = context.laatsteOpschaling?.besluit;
    const mdaEvaluatie =
      mda === 'mda-traject' && decided?.besluit === 'mda-traject'
        ? { nummer: 1, volgendeOp: addCalendarMonths(new Date(decided.op), MDA_REVIEW_DEFAULT_MONTHS).toISOString(), evaluatieId: null }
        : null;
    return { machineVersion: 7, value: stored.value, context: { ...context, mdaEvaluatie } };
  },
};

export function upgradeSnapshot(stored: StoredSnapshot): CurrentSnapshot {
  let snapshot = stored;
  let version = stored.machineVersion ?? 1;
  if (version > MACHINE_VERSION) {
    throw new DomainError({
      status: 503,
      code: 'casus.nieuwere-machineversie',
      title: 'Deze casus is opgeslagen door een nieuwere versie van de dienst.',
      detail: `Machineversie ${version}; deze instantie kent versie ${MACHINE_VERSION}. Probeer het opnieuw zodra de upgrade klaar is.`,
      headers: { 'retry-after': '30' },
    });
  }
  while (version < MACHINE_VERSION) {
    const step = STEPS[version];
    if (!step) throw new Error(`no upgrade step from machine version ${version}`);
    snapshot = step(snapshot);
    version = snapshot.machineVersion ?? version + 1;
  }
  return { value: snapshot.value, context: snapshot.context as CaseContext, machineVersion: MACHINE_VERSION };
}
