/**
 * Keeps the escalations table (the coordinator's queue) in line with the
 * case's events, in the same transaction as the event.
 */
import { addEscalationReasons, endMdaTrajectory, insertEscalation, insertMdaReview, recordEscalationDecision, settleOpenMdaReview, type CaseRow, type Transaction } from '@veilig-samen/db';
import type { CaseSnapshot, StoredCaseEvent } from '@veilig-samen/domain';

/** `after`: the case as the event leaves it (a deadline that joins a waiting escalation opens none). */
export async function projectEscalation(tx: Transaction, row: CaseRow, event: StoredCaseEvent, after: CaseSnapshot): Promise<void> {
  switch (event.type) {
    case 'casus.opgeschaald': {
      const escalation = after.context.laatsteOpschaling;
      if (escalation && escalation.id !== event.opschalingId) {
        // The deadline passed while an escalation by hand waited: one escalation, both reasons.
        await addEscalationReasons(tx, escalation.id, escalation.redenen);
        return;
      }
      await insertEscalation(tx, {
        id: event.opschalingId,
        caseId: row.id,
        region: row.region,
        municipality: row.municipality,
        reason: event.reden,
        reasons: [event.reden],
        explanation: event.toelichting,
        windowNumber: event.vensterNummer,
        status: 'open',
        createdAt: new Date(event.op),
        createdBy: event.door.sub,
        referrerOrganisation: event.aangemeldDoor?.organisatie ?? null,
        referrerPerson: event.aangemeldDoor?.persoon ?? null,
      });
      return;
    }
    case 'opschaling.naar-mda-traject':
    case 'opschaling.terug-naar-lokaal-team':
      await recordEscalationDecision(tx, event.opschalingId, {
        status: event.type === 'opschaling.naar-mda-traject' ? 'mda-traject' : 'terug-naar-lokaal-team',
        decidedAt: new Date(event.op),
        decidedBy: event.door.sub,
        reasoning: event.motivering,
        advice: event.advies,
        decisionMeetingId: event.expertoverleg?.expertoverlegId ?? null,
        decisionItemId: event.expertoverleg?.agendapuntId ?? null,
        decisionParticipants: event.expertoverleg ? [...event.expertoverleg.deelnemers] : null,
      });
      return;
    case 'casus.afgeschaald':
      // The MDA++ traject ended: the escalation leaves the coordinator's work, and so does a waiting review.
      await endMdaTrajectory(tx, row.id);
      await settleOpenMdaReview(tx, row.id, { status: 'afgeschaald', recordedAt: new Date(event.op), recordedBy: event.door.sub, explanation: event.reden, nextReviewAt: null });
      return;
    case 'mda.evaluatie-klaargezet': {
      // A review is due (issue 18 point 4): it joins the coordinator's queue of reviews.
      const decided = after.context.laatsteOpschaling;
      await insertMdaReview(tx, {
        id: event.evaluatieId,
        caseId: row.id,
        escalationId: decided?.besluit?.besluit === 'mda-traject' ? decided.id : null,
        region: row.region,
        municipality: row.municipality,
        number: event.nummer,
        dueAt: new Date(after.context.mdaEvaluatie?.volgendeOp ?? event.op),
        status: 'open',
        createdAt: new Date(event.op),
      });
      return;
    }
    case 'mda.geevalueerd':
      await settleOpenMdaReview(tx, row.id, {
        status: 'voortgezet',
        recordedAt: new Date(event.op),
        recordedBy: event.door.sub,
        explanation: event.toelichting,
        nextReviewAt: new Date(event.volgendeEvaluatie),
      });
      return;
    default:
      return;
  }
}
