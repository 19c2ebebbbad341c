/**
 * What an MDA++ expert meeting records of an agenda item beyond its
 * participants, decisions and agreements (issue 18 point 3), after the
 * working elements of MDA++ in the seeds [001]: the household at the table,
 * experts by experience, someone with the municipality's mandate, all life
 * domains, and long-term case management (the intensity of follow-up, who
 * leads the trajectory, the next review). The joint TOP3 score given at the
 * table is the case's own (event `veiligheidsscore.vastgelegd`, bron
 * `expertoverleg`), judged by the case machine.
 */
import type { LifeDomain } from './case/types.js';

/** Whether the household sat at the table: wholly, not, or some of its members. */
export const HOUSEHOLD_AT_TABLE = ['ja', 'nee', 'deels'] as const;
export type HouseholdAtTable = (typeof HOUSEHOLD_AT_TABLE)[number];

/** How intensively the case is followed up after the meeting. */
export const FOLLOW_UP_INTENSITIES = ['licht', 'midden', 'intensief'] as const;
export type FollowUpIntensity = (typeof FOLLOW_UP_INTENSITIES)[number];

/** Who leads the MDA++ trajectory: the case's regisseur, a named professional, or an organisation. */
export type TrajectoryLead =
  | { readonly soort: 'regisseur' }
  | { readonly soort: 'professional'; readonly id: string; readonly organisatie: string }
  | { readonly soort: 'organisatie'; readonly naam: string };

/** The joint TOP3 score given at the table: also stored in the case (bron expertoverleg). */
export interface MeetingScore {
  readonly score: number;
  /** Three actions (the contract holds them to exactly three). */
  readonly acties: readonly string[];
}

/** An agenda item's outcome beyond participants, decisions and agreements. */
export interface MeetingOutcomeDetails {
  readonly huishoudenAanTafel: HouseholdAtTable;
  readonly ervaringsdeskundigeAanwezig: boolean;
  readonly mandaatGemeenteAanwezig: boolean;
  readonly top3: MeetingScore;
  readonly leefdomeinen: readonly LifeDomain[];
  readonly intensiteit: FollowUpIntensity;
  readonly regieMdaTraject: TrajectoryLead;
  /** The next review of the case in MDA++ (local calendar date). */
  readonly volgendeBespreking: string;
}

/**
 * Whether a meeting's day has come: its local calendar date (Europe/Amsterdam)
 * is today or earlier. A meeting is opened on its day, not before; the experts
 * registered for it read its cases on that day only (expertReadingDay).
 */
export function meetingDayReached(meetingLocalDate: string, todayLocal: string): boolean {
  return meetingLocalDate <= todayLocal;
}
