/**
 * The pure command path of a case: restore the snapshot, let the machine
 * decide, persist the result. A refused event is explained by the first
 * requirement (named guard) that does not hold, or by the phase rule when
 * the current phase has no transition for the event at all.
 */
import { getNextTransitions, initialTransition, transition, type SnapshotFrom } from 'xstate';
import { upcastEvent } from './event-versions.js';
import type { CaseEvent, CaseOpened, StoredCaseEvent } from './events.js';
import { caseMachine } from './machine.js';
import { PATH_REQUIREMENTS, REQUIREMENTS, SHARED_CODES, type Refusal, type Requirement, type RequirementName } from './requirements.js';
import { MACHINE_VERSION, upgradeSnapshot, type CurrentSnapshot, type StoredSnapshot } from './snapshot-versions.js';
import { OPEN_PHASES, type MdaState, type Phase } from './types.js';

export type CaseSnapshot = SnapshotFrom<typeof caseMachine>;

/** What is stored in the case row: enough to restore the machine exactly, and the machine version that wrote it. */
export type PersistedCase = CurrentSnapshot;

export type Decision = { readonly ok: true; readonly snapshot: CaseSnapshot } | { readonly ok: false; readonly refusal: Refusal };

export function openCase(opened: CaseOpened): CaseSnapshot {
  const [snapshot] = initialTransition(caseMachine, opened);
  return snapshot;
}

/** Restores a stored snapshot, upgrading one an older machine wrote (snapshot-versions.ts). */
export function restoreCase(stored: StoredSnapshot): CaseSnapshot {
  const { value, context } = upgradeSnapshot(stored);
  return caseMachine.resolveState({ value, context });
}

export function persistCase(snapshot: CaseSnapshot): PersistedCase {
  return { value: snapshot.value, context: snapshot.context, machineVersion: MACHINE_VERSION };
}

export function phaseOf(snapshot: CaseSnapshot): Phase {
  const fase = (snapshot.value as { fase: string | { open: string } }).fase;
  return (typeof fase === 'string' ? fase : fase.open) as Phase;
}

export function mdaOf(snapshot: CaseSnapshot): MdaState {
  return (snapshot.value as { mda?: MdaState }).mda ?? 'geen';
}

export function decide(snapshot: CaseSnapshot, event: CaseEvent): Decision {
  if (snapshot.can(event)) {
    const [next] = transition(caseMachine, snapshot, event);
    return { ok: true, snapshot: next };
  }
  return { ok: false, refusal: explainRefusal(snapshot, event) };
}

/**
 * Rebuilds a case from its event log alone, calling `visit` after each event
 * (upcast: event-versions.ts); a log the machine refuses is corrupt.
 */
export function replay(stored: readonly StoredCaseEvent[], visit?: (snapshot: CaseSnapshot, event: StoredCaseEvent) => void): CaseSnapshot {
  // Events logged by an older release, in today's shape (event-versions.ts).
  const [first, ...rest] = stored.map(upcastEvent);
  if (first?.type !== 'casus.geopend') throw new Error('an event log starts with casus.geopend');
  let snapshot = openCase(first);
  visit?.(snapshot, first);
  for (const event of rest) {
    if (event.type === 'casus.geopend') throw new Error('casus.geopend can only be the first event');
    const decision = decide(snapshot, event);
    if (!decision.ok) throw new Error(`event log refused at ${event.type}: ${decision.refusal.code}`);
    snapshot = decision.snapshot;
    visit?.(snapshot, event);
  }
  return snapshot;
}

/** The named guards inside a transition's guard (a name, a `{ type }`, or `and([...])`). */
export function guardNames(guard: unknown): RequirementName[] {
  if (typeof guard === 'string') return [guard as RequirementName];
  if (typeof guard === 'function' && Array.isArray((guard as { guards?: unknown }).guards)) {
    return (guard as unknown as { guards: unknown[] }).guards.flatMap(guardNames);
  }
  if (guard && typeof guard === 'object' && 'type' in guard) return [(guard as { type: RequirementName }).type];
  return [];
}

const PHASE_TRANSITIONS: Partial<Record<CaseEvent['type'], Phase>> = {
  'fase.naar-oorzaken-onderzoeken': 'oorzaken-onderzoeken',
  'fase.naar-blijvend-voorkomen': 'blijvend-voorkomen',
  'fase.naar-nazorg': 'nazorg',
};

function explainRefusal(snapshot: CaseSnapshot, event: CaseEvent): Refusal {
  // What the path names must exist before any rule of the state is weighed (a 404 before a 409).
  for (const name of PATH_REQUIREMENTS) {
    const requirement: Requirement = REQUIREMENTS[name];
    if (!requirement.holds(snapshot.context, event)) return { ...requirement.refusal(snapshot.context, event), guard: name };
  }
  const candidates = getNextTransitions(snapshot).filter((t) => t.eventType === event.type);
  for (const candidate of candidates) {
    for (const name of guardNames(candidate.guard)) {
      const requirement: Requirement = REQUIREMENTS[name];
      if (!requirement.holds(snapshot.context, event)) return { ...requirement.refusal(snapshot.context, event), guard: name };
    }
  }
  return mdaRefusal(mdaOf(snapshot), event, snapshot.context) ?? phaseRefusal(phaseOf(snapshot), event);
}

/** The MDA++ track has no transition for the event in its current state. */
function mdaRefusal(mda: MdaState, event: CaseEvent, context: CaseSnapshot['context']): Refusal | undefined {
  switch (event.type) {
    case 'casus.opgeschaald': {
      // The perpetrator's side learns nothing of the track's state from its refused referral.
      const fromPerpetratorSide: Requirement = REQUIREMENTS.aanmeldingNietDoorPlegerzijde;
      if (!fromPerpetratorSide.holds(context, event)) return { ...fromPerpetratorSide.refusal(context, event), guard: 'aanmeldingNietDoorPlegerzijde' };
      return {
        code: SHARED_CODES.alreadyEscalated,
        guard: 'nietOpgeschaald',
        status: 409,
        message:
          mda === 'opgeschaald'
            ? 'De casus is al opgeschaald en wacht op het besluit van de MDA++-coördinator.'
            : 'De casus zit al in het MDA++-traject.',
      };
    }
    case 'opschaling.naar-mda-traject':
    case 'opschaling.terug-naar-lokaal-team':
      return { code: SHARED_CODES.alreadyDecided, guard: 'wachtOpBesluit', status: 409, message: 'Over deze opschaling is al besloten.' };
    case 'casus.afgeschaald':
    case 'mda.evaluatie-klaargezet':
    case 'mda.geevalueerd':
      return { code: 'casus.niet-in-mda-traject', guard: 'inMdaTraject', status: 409, message: 'Alleen een casus in het MDA++-traject kan worden afgeschaald of geëvalueerd.' };
    default:
      return undefined;
  }
}

/** The event has no transition in this phase: say which phase rule applies. */
function phaseRefusal(phase: Phase, event: CaseEvent): Refusal {
  if (event.type === 'casus.heropend') {
    return { code: 'casus.niet-afgesloten', guard: 'isAfgesloten', status: 409, message: 'Alleen een afgesloten casus kan worden heropend.' };
  }
  if (phase === 'afgesloten') {
    return {
      code: SHARED_CODES.closed,
      guard: 'isOpen',
      status: 409,
      message: 'De casus is afgesloten. Heropen de casus eerst (met een reden); dat telt als herhaling.',
    };
  }
  const target = PHASE_TRANSITIONS[event.type];
  if (target) {
    const index = OPEN_PHASES.indexOf(phase);
    const next = OPEN_PHASES[index + 1];
    return {
      code: 'casus.faseovergang-ongeldig',
      guard: 'volgendeFase',
      status: 409,
      message: next
        ? `Vanuit fase ${phase} kan de casus alleen naar ${next}, niet naar ${target}.`
        : `Vanuit fase ${phase} kan de casus alleen worden afgesloten.`,
    };
  }
  return { code: 'casus.niet-toegestaan-in-fase', guard: 'fase', status: 409, message: `Dit kan niet in fase ${phase}.` };
}

/**
 * The phases a case went through, from its event log: when each began. The
 * log holds accepted events only, so each phase change follows from the
 * event's type alone; no replay, so a log written under an earlier machine
 * version (whose rules differed, snapshot-versions.ts) still reads.
 */
export function phaseHistory(events: readonly StoredCaseEvent[]): { fase: Phase; op: string }[] {
  const history: { fase: Phase; op: string }[] = [];
  for (const event of events) {
    const fase = phaseAfter(history[history.length - 1]?.fase, event);
    if (fase !== undefined && fase !== history[history.length - 1]?.fase) history.push({ fase, op: event.op });
  }
  return history;
}

function phaseAfter(current: Phase | undefined, event: StoredCaseEvent): Phase | undefined {
  switch (event.type) {
    case 'casus.geopend':
    case 'casus.heropend':
      return 'directe-veiligheid';
    case 'incident.gemeld':
      // New violence puts safety first again in any open phase; a closed case takes no incident.
      return current === 'afgesloten' ? current : 'directe-veiligheid';
    case 'casus.afgesloten':
      return 'afgesloten';
    default:
      return PHASE_TRANSITIONS[event.type] ?? current;
  }
}
