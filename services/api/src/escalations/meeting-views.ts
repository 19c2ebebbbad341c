/** An expert meeting and its agenda items as the API shows them (packages/contracts, meetingResponse). */
import type { ExpertMeetingItemRow } from '@veilig-samen/db';
import type { MeetingWithAgenda, OutcomeInput } from './meetings.js';

export function itemView(item: ExpertMeetingItemRow) {
  return {
    id: item.id,
    opschalingId: item.escalationId,
    casusId: item.caseId,
    positie: item.position,
    deelnemers: item.participants ?? [],
    besluiten: item.decisions ?? [],
    afspraken: (item.agreements ?? []) as OutcomeInput['afspraken'][number][],
    uitkomstVastgelegdOp: item.outcomeRecordedAt?.toISOString() ?? null,
  };
}

export function meetingView({ meeting, items }: MeetingWithAgenda) {
  return {
    id: meeting.id,
    tijdstip: meeting.date.toISOString(),
    status: meeting.status,
    notulen: meeting.minutes,
    geslotenOp: meeting.closedAt?.toISOString() ?? null,
    agenda: items.map(itemView),
  };
}
