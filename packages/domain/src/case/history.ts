/**
 * The case's series as its events record them. The machine keeps only the
 * latest score, incident and plan version (types.ts, CaseContext); readers of
 * the history (the score series, the plan's versions, the incidents, the
 * inzage) rebuild the rest from the event log with the same functions the
 * machine's actions use, so an entry in a series is exactly what the machine
 * held when it was the latest.
 */
import type { CaseEvent, StoredCaseEvent } from './events.js';
import type { Incident, PlanVersion, SafetyScore } from './types.js';

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

/** The events the plan's versions are made of: adoptions, and status changes of the current version's agreements. */
export const PLAN_EVENT_TYPES = ['veiligheidsplan.vastgesteld', 'afspraak.status-gewijzigd'] as const;

export function scoreOf(event: EventOf<'veiligheidsscore.vastgelegd'>): SafetyScore {
  return { score: event.score, acties: event.acties, perspectieven: event.perspectieven, gescoordDoor: event.door.sub, gescoordOp: event.op };
}

export function incidentOf(event: EventOf<'incident.gemeld'>): Incident {
  return { datum: event.datum, soort: event.soort, omschrijving: event.omschrijving, gemeldOp: event.op };
}

/** The version an adoption makes, numbered `versie` (the one after the current version). */
export function adoptedPlan(versie: number, event: EventOf<'veiligheidsplan.vastgesteld'>): PlanVersion {
  return {
    versie,
    afspraken: event.afspraken,
    akkoordHuishouden: event.akkoordHuishouden,
    vastgesteldOp: event.op,
    vastgesteldDoor: event.door.sub,
  };
}

/** A status change applies to the current version; earlier versions stay as they were when the next was adopted. */
export function withAgreementStatus(plan: PlanVersion, event: EventOf<'afspraak.status-gewijzigd'>): PlanVersion {
  return { ...plan, afspraken: plan.afspraken.map((a) => (a.id === event.afspraakId ? { ...a, status: event.status } : a)) };
}

/**
 * The versions of the plan, oldest first, from the case's plan events in log
 * order (PLAN_EVENT_TYPES; other events are passed over), starting after
 * `adoptedBefore` earlier adoptions (a slice of the log starting at a later
 * version). The log holds accepted events only, so each status change names
 * an agreement of the version current at the time.
 */
export function planVersionsOf(events: readonly StoredCaseEvent[], adoptedBefore = 0): PlanVersion[] {
  const versions: PlanVersion[] = [];
  for (const event of events) {
    if (event.type === 'veiligheidsplan.vastgesteld') {
      versions.push(adoptedPlan(adoptedBefore + versions.length + 1, event));
    } else if (event.type === 'afspraak.status-gewijzigd') {
      const current = versions.pop();
      if (current) versions.push(withAgreementStatus(current, event));
    }
  }
  return versions;
}
