/**
 * A meeting as it happens (issue 18 point 3): the sitting is opened on its
 * day, and only then are outcomes recorded; an outcome records, beyond its
 * participants, decisions and agreements, whether the household sat at the
 * table, an expert by experience, someone with the municipality's mandate,
 * the joint TOP3 score (the case's own joint score, bron `expertoverleg`,
 * judged by the case machine: guard scoreUitExpertoverleg, a closed case
 * refuses), the life domains discussed, the intensity of follow-up, who
 * leads the trajectory and the next review.
 */
import { startExpertMeeting, type CaseRow, type ExpertMeetingRow, type Transaction } from '@veilig-samen/db';
import {
  DomainError,
  localDate,
  meetingDayReached,
  type Caller,
  type CaseSnapshot,
  type MeetingOutcomeDetails,
} from '@veilig-samen/domain';
import { actorOf, applyCaseEvent, type CaseDeps } from '../cases/use-cases.js';

export const meetingOutcomeErrors = {
  notStarted: () =>
    new DomainError({
      status: 409,
      code: 'expertoverleg.niet-gestart',
      title: 'Het expertoverleg is nog niet gestart: een uitkomst of een besluit in het overleg wordt pas vastgelegd als het overleg aan tafel begonnen is.',
      detail: 'Start het overleg op de dag zelf (POST /v1/expertoverleggen/{id}/start) en leg daarna vast; een besluit kan ook buiten het overleg (POST /v1/opschalingen/{id}/besluit).',
    }),
  notYourDay: (day: string) =>
    new DomainError({
      status: 409,
      code: 'expertoverleg.nog-niet-de-dag',
      title: `Het expertoverleg is gepland op ${day}; het kan pas op die dag worden gestart.`,
      detail: 'Start het overleg op de dag zelf, of plan een nieuw expertoverleg op een eerdere datum.',
    }),
  alreadyStarted: () => new DomainError({ status: 409, code: 'expertoverleg.al-gestart', title: 'Dit expertoverleg is al gestart.' }),
  reviewBeforeMeeting: (day: string) =>
    new DomainError({
      status: 422,
      code: 'expertoverleg.volgende-bespreking-te-vroeg',
      title: `De volgende bespreking ligt vóór de dag van dit expertoverleg (${day}).`,
      detail: 'Kies voor volgendeBespreking een datum op of na de dag van het overleg.',
    }),
};

/** The meeting's day: its local calendar date (Europe/Amsterdam). */
export const meetingDay = (meeting: Pick<ExpertMeetingRow, 'date'>): string => localDate(meeting.date);

/** Opens the sitting on its day (or later, for a sitting recorded afterwards), once. The caller holds the meeting's lock. */
export async function openSitting(tx: Transaction, deps: CaseDeps, caller: Caller, meeting: ExpertMeetingRow): Promise<void> {
  if (meeting.startedAt) throw meetingOutcomeErrors.alreadyStarted();
  const now = deps.clock.now();
  if (!meetingDayReached(meetingDay(meeting), localDate(now))) throw meetingOutcomeErrors.notYourDay(meetingDay(meeting));
  await startExpertMeeting(tx, meeting.id, { startedAt: now, startedBy: caller.sub });
}

/** Outcomes only once the sitting has been opened; the next review not before its day. */
export function assertMayRecordOutcome(meeting: ExpertMeetingRow, details: MeetingOutcomeDetails): void {
  if (!meeting.startedAt) throw meetingOutcomeErrors.notStarted();
  if (details.volgendeBespreking < meetingDay(meeting)) throw meetingOutcomeErrors.reviewBeforeMeeting(meetingDay(meeting));
}

/**
 * The joint TOP3 score given at the table, as the case's joint score (bron
 * `expertoverleg`), by the coordinator who records the outcome, after the
 * meeting's agreements (if any) were adopted in the same transaction.
 */
export async function applyMeetingScore(
  tx: Transaction,
  caller: Caller,
  row: CaseRow,
  snapshot: CaseSnapshot,
  top3: MeetingOutcomeDetails['top3'],
  now: Date,
): Promise<CaseRow> {
  return applyCaseEvent(tx, row, snapshot, {
    type: 'veiligheidsscore.vastgelegd',
    op: now.toISOString(),
    door: actorOf(caller),
    score: top3.score,
    acties: [top3.acties[0] ?? '', top3.acties[1] ?? '', top3.acties[2] ?? ''],
    perspectieven: [],
    bron: 'expertoverleg',
  }, now);
}

/** The outcome's details as stored on the agenda item (and shown by itemView). */
export function outcomeDetailsOf(input: MeetingOutcomeDetails): MeetingOutcomeDetails {
  return {
    huishoudenAanTafel: input.huishoudenAanTafel,
    ervaringsdeskundigeAanwezig: input.ervaringsdeskundigeAanwezig,
    mandaatGemeenteAanwezig: input.mandaatGemeenteAanwezig,
    top3: { score: input.top3.score, acties: [...input.top3.acties] },
    leefdomeinen: [...input.leefdomeinen],
    intensiteit: input.intensiteit,
    regieMdaTraject: input.regieMdaTraject,
    volgendeBespreking: input.volgendeBespreking,
  };
}
