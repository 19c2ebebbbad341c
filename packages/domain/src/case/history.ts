/**
 * The case's series as its events record them. The machine keeps only the
 * latest score, incident and plan version (types.ts, CaseContext); readers of
 * the history (the score series, the plan's versions, the incidents, the
 * inzage) rebuild the rest from the event log with the same functions the
 * machine's actions use, so an entry in a series is exactly what the machine
 * held when it was the latest.
 */
import type { CaseEvent, StoredCaseEvent } from './events.js';
import type { ActionOutcome, Analysis, CaseContext, Incident, NetworkPerspective, PlanVersion, SafetyScore } from './types.js';

type EventOf<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>;

/**
 * The events the plan's versions are made of: adoptions, status changes of the
 * current version's agreements, and the agreements a TOP3 scoring adds to it
 * (issue 17 point 5).
 */
export const PLAN_EVENT_TYPES = ['veiligheidsplan.vastgesteld', 'afspraak.status-gewijzigd', 'afspraak.akkoord-huishouden', 'veiligheidsscore.vastgelegd'] as const;

export function scoreOf(event: EventOf<'veiligheidsscore.vastgelegd'>): SafetyScore {
  return {
    score: event.score,
    acties: event.acties,
    perspectieven: event.perspectieven,
    gescoordDoor: event.door.sub,
    gescoordOp: event.op,
    // Scorings from before issue 17 name no agreements: three strings, read as they were.
    ...(event.actieAfspraken ? { actieAfspraken: event.actieAfspraken } : {}),
    ...(event.vorigeActies ? { vorigeActies: event.vorigeActies } : {}),
    ...(event.bron ? { bron: event.bron } : {}),
  };
}

/**
 * The three actions of a scoring and how they stand in `plan`: each action's
 * agreement's status there, `niet-meer-in-plan` when a later version dropped
 * it, null for an action given as text only.
 */
export function actionsOutcome(score: SafetyScore, plan: PlanVersion | null): ActionOutcome[] {
  return score.acties.map((omschrijving, index) => {
    const afspraakId = score.actieAfspraken?.[index] ?? null;
    if (afspraakId === null) return { omschrijving, afspraakId, status: null };
    const agreement = plan?.afspraken.find((a) => a.id === afspraakId);
    return { omschrijving, afspraakId, status: agreement ? agreement.status : 'niet-meer-in-plan' };
  });
}

/** How the latest scoring's three actions went, now: what the next scoring records (`vorigeActies`); null before the first. */
export function previousActionsOutcome(context: CaseContext): ActionOutcome[] | null {
  return context.laatsteScore ? actionsOutcome(context.laatsteScore, context.huidigPlan) : null;
}

/** The current plan with the agreements a scoring made for its actions (issue 17 point 5): added to it, not a new version. */
export function withScoreAgreements(plan: PlanVersion | null, event: EventOf<'veiligheidsscore.vastgelegd'>): PlanVersion | null {
  if (!plan || !event.nieuweAfspraken?.length) return plan;
  return { ...plan, afspraken: [...plan.afspraken, ...event.nieuweAfspraken] };
}

/** A network partner's own perspective as its event records it (issue 17 point 5). */
export function perspectiveOf(event: EventOf<'perspectief.vastgelegd'>): NetworkPerspective {
  return { id: event.perspectiefId, van: event.van, organisatie: event.door.organisatie, score: event.score, toelichting: event.toelichting, vastgelegdOp: event.op, vastgelegdDoor: event.door.sub };
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
  const change =
    event.type === 'afspraak.status-gewijzigd'
      ? {
          status: event.status,
          // Only a change with a note (or by the owner, issue 17) records one: older logs replay to what they stored.
          ...(event.toelichting !== undefined || event.alsEigenaar !== undefined
            ? { statuswijziging: { vastgelegdOp: event.op, vastgelegdDoor: event.door.sub, toelichting: event.toelichting ?? null } }
            : {}),
        }
      : { akkoordHuishouden: true };
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
    } else if (event.type === 'veiligheidsscore.vastgelegd' && event.nieuweAfspraken?.length) {
      const current = versions.pop();
      const next = withScoreAgreements(current ?? null, event);
      if (next) versions.push(next);
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

