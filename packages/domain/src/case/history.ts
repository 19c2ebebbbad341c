/**
 * The case's series as its events record them. The machine keeps only the
 * latest score, incident and plan version (types.ts, CaseContext); readers of
 * the history (the score series, the plan's versions, the incidents, the
 * inzage) rebuild the rest from the event log with the same functions the
 * machine's actions use, so an entry in a series is exactly what the machine
 * held when it was the latest.
 */
import type { CaseEvent, StoredCaseEvent } from './events.js';
import type { Analysis, Incident, PlanVersion, SafetyScore } from './types.js';

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

/** The events the plan's versions are made of: adoptions, and status changes of the current version's agreements. */
export const PLAN_EVENT_TYPES = ['veiligheidsplan.vastgesteld', 'afspraak.status-gewijzigd', 'afspraak.akkoord-huishouden'] as const;

export function scoreOf(event: EventOf<'veiligheidsscore.vastgelegd'>): SafetyScore {
  return { score: event.score, acties: event.acties, perspectieven: event.perspectieven, gescoordDoor: event.door.sub, gescoordOp: event.op };
}

export function incidentOf(event: EventOf<'incident.gemeld'>): Incident {
  return { datum: event.datum, soort: event.soort, omschrijving: event.omschrijving, gemeldOp: event.op, vorm: event.vorm ?? null, bron: event.bron ?? null };
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

/**
 * A status change, or the household's agreement, applies to the current
 * version; earlier versions stay as they were when the next was adopted.
 */
export function withAgreementStatus(plan: PlanVersion, event: EventOf<'afspraak.status-gewijzigd'> | EventOf<'afspraak.akkoord-huishouden'>): PlanVersion {
  const change = event.type === 'afspraak.status-gewijzigd' ? { status: event.status } : { akkoordHuishouden: true };
  return { ...plan, afspraken: plan.afspraken.map((a) => (a.id === event.afspraakId ? { ...a, ...change } : a)) };
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
    } else if (event.type === 'afspraak.status-gewijzigd' || event.type === 'afspraak.akkoord-huishouden') {
      const current = versions.pop();
      if (current) versions.push(withAgreementStatus(current, event));
    }
  }
  return versions;
}

/** The version an analysis event records (a new one, or an adopted proposal). */
export function recordedAnalysis(event: EventOf<'verklarende-analyse.vastgelegd'>): Analysis {
  return {
    toelichting: event.toelichting,
    problemen: event.problemen,
    vastgelegdOp: event.op,
    vastgelegdDoor: event.door.sub,
    akkoordHuishouden: event.akkoordHuishouden ?? null,
    voorgesteldDoor: event.voorgesteldDoor ?? null,
    leefdomeinen: event.leefdomeinen ?? [],
  };
}

