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
import type { CaseContext } from './types.js';

export const MACHINE_VERSION = 4;

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
