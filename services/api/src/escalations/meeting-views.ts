/** An expert meeting and its agenda items as the API shows them (packages/contracts, meetingResponse). */
import type { ExpertMeetingExpertRow, ExpertMeetingItemRow } from '@veilig-samen/db';
import type { MeetingWithAgenda, OutcomeInput } from './meetings.js';

export function itemView(item: ExpertMeetingItemRow) {
  // Outcomes recorded before issue 18 point 3 (and items without an outcome) have no details.
  const details = item.outcomeDetails;
  return {
    id: item.id,
    opschalingId: item.escalationId,
    casusId: item.caseId,
    positie: item.position,
    deelnemers: item.participants ?? [],
    besluiten: item.decisions ?? [],
    afspraken: (item.agreements ?? []) as OutcomeInput['afspraken'][number][],
    uitkomstVastgelegdOp: item.outcomeRecordedAt?.toISOString() ?? null,
    huishoudenAanTafel: details?.huishoudenAanTafel ?? null,
    ervaringsdeskundigeAanwezig: details?.ervaringsdeskundigeAanwezig ?? null,
    mandaatGemeenteAanwezig: details?.mandaatGemeenteAanwezig ?? null,
    top3: details ? { score: details.top3.score, acties: [...details.top3.acties] } : null,
    leefdomeinen: [...(details?.leefdomeinen ?? [])],
    intensiteit: details?.intensiteit ?? null,
    regieMdaTraject: details?.regieMdaTraject ?? null,
    volgendeBespreking: details?.volgendeBespreking ?? null,
  };
}

export function expertView(expert: ExpertMeetingExpertRow) {
  return { id: expert.subject, organisatie: expert.organisation, naam: expert.name };
}

export function meetingView({ meeting, items, experts }: MeetingWithAgenda) {
  return {
    id: meeting.id,
    tijdstip: meeting.date.toISOString(),
    status: meeting.status,
    notulen: meeting.minutes,
    geslotenOp: meeting.closedAt?.toISOString() ?? null,
    gestartOp: meeting.startedAt?.toISOString() ?? null,
    experts: experts.map(expertView),
    agenda: items.map(itemView),
  };
}
