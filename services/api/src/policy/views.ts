/** A policy version as the API shows it (packages/contracts, policyVersionResponse). */
import type { PolicyVersionRow } from '@veilig-samen/db';

export const policyVersionView = (row: PolicyVersionRow) => ({
  versie: row.version,
  drempel: row.safetyThreshold,
  vensterMaanden: row.escalationWindowMonths,
  stabiliteitMaanden: row.stabilityMonths,
  stabieleScoresMinimum: row.stabilityMinScores,
  laatsteScoreMaxMaanden: row.stabilityLatestScoreMonths,
  herinneringDagenVoorDeadline: row.reminderDaysBeforeDeadline,
  reikwijdte: row.scope,
  scoringIntervalWekenDirecteVeiligheid: row.scoringIntervalWeeksSafety,
  scoringIntervalWekenLatereFasen: row.scoringIntervalWeeksLater,
  werkvoorraadDagenVooruit: row.workListDaysAhead,
  mdaEvaluatieMaanden: row.mdaReviewMonths,
  geldigVanaf: row.validFrom.toISOString(),
  vastgesteldOp: row.createdAt.toISOString(),
  vastgesteldDoor: row.createdBy,
  reden: row.reason,
});
