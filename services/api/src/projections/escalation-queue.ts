/**
 * Keeps the escalations table (the coordinator's queue) in line with the
 * case's events, in the same transaction as the event.
 */
import { addEscalationReasons, endMdaTrajectory, insertEscalation, recordEscalationDecision, type CaseRow, type Transaction } from '@veilig-samen/db';
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
      });
      return;
    case 'casus.afgeschaald':
      // The MDA++ traject ended: the escalation leaves the coordinator's work.
      await endMdaTrajectory(tx, row.id);
      return;
    default:
      return;
  }
}
