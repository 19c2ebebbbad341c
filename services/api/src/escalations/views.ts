/**
 * Escalations as the coordinator sees them: the escalation with a summary of
 * its case while the case is escalated. The coordinator's rights end when the
 * case goes back to the local team (handed back or de-escalated): from then on
 * the escalation shows only its own record (why it was escalated, the
 * decision, the follow-up), never the case's phase, regisseur, scores or plan.
 */
import { restoreCase, summarize, wholeDaysBetween } from '@veilig-samen/domain';
import { currentPlan } from '@veilig-samen/domain';
import { planVersionView, scoreView } from '../cases/views.js';
import type { EscalationWithCase } from './use-cases.js';

export function escalationView({ escalation, caseRow, scores }: EscalationWithCase, now: Date) {
  const decided = escalation.decidedAt;
  return {
    id: escalation.id,
    casusId: escalation.caseId,
    gemeente: escalation.municipality,
    reden: escalation.reason,
    redenen: [...escalation.reasons],
    toelichting: escalation.explanation,
    vensterNummer: escalation.windowNumber,
    status: escalation.status,
    opgeschaaldOp: escalation.createdAt.toISOString(),
    opgeschaaldDoor: escalation.createdBy,
    dagenWachtend: Math.max(0, wholeDaysBetween(escalation.createdAt, decided ?? now)),
    aangemeldDoor: escalation.referrerOrganisation !== null ? { organisatie: escalation.referrerOrganisation, persoon: escalation.referrerPerson } : null,
    besluit:
      decided && escalation.reasoning !== null
        ? {
            // An escalation that ended in de-escalation was taken into MDA++ first.
            besluit: escalation.status === 'terug-naar-lokaal-team' ? ('terug-naar-lokaal-team' as const) : ('mda-traject' as const),
            motivering: escalation.reasoning,
            advies: escalation.advice,
            op: decided.toISOString(),
            door: escalation.decidedBy ?? '',
            expertoverleg:
              escalation.decisionMeetingId && escalation.decisionItemId
                ? { id: escalation.decisionMeetingId, agendapuntId: escalation.decisionItemId, deelnemers: escalation.decisionParticipants ?? [] }
                : null,
          }
        : null,
    opvolging: escalation.followUpAt
      ? { tijdstip: escalation.followUpAt.toISOString(), notitie: escalation.followUpNote, verlopen: escalation.followUpDueSince !== null }
      : null,
    // The case's content only while the case is escalated (the same rule as reading the case itself).
    casus: caseRow.escalated ? caseSummary(caseRow, scores, now) : null,
  };
}

function caseSummary(caseRow: EscalationWithCase['caseRow'], scores: EscalationWithCase['scores'], now: Date) {
  const snapshot = restoreCase(caseRow.state);
  const context = snapshot.context;
  const summary = summarize(snapshot, now);
  const plan = currentPlan(context);
  const organisations = new Set<string>([context.regisseur.organisatie]);
  for (const agreement of plan?.afspraken ?? []) {
    if (agreement.eigenaar.soort === 'organisatie') organisations.add(agreement.eigenaar.naam);
    if (agreement.eigenaar.soort === 'professional') organisations.add(agreement.eigenaar.organisatie);
  }
  return {
    fase: summary.fase,
    mda: summary.mda,
    dagenSindsStart: Math.max(0, wholeDaysBetween(new Date(context.vensters[0]?.start ?? context.geopendOp), now)),
    regisseur: { ...context.regisseur },
    drempel: summary.venster.beleid.safetyThreshold,
    veiligheidsdeadline: summary.veiligheidsdeadline,
    veiligheidsscores: scores.map((s) => scoreView(s)),
    veiligheidsplan: plan ? planVersionView(plan, now) : null,
    betrokkenOrganisaties: [...organisations].sort(),
    versie: caseRow.version,
  };
}
