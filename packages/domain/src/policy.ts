/**
 * Regional policy for the escalation rule. The Gelderland-Zuid agreement
 * (seed 000) is "a 6 for safety within 3 months, or the MDA++ expert
 * meeting"; other regions agree other numbers, so these are versioned data,
 * stored with every case, never constants in the rules.
 */
export interface Policy {
  readonly region: string;
  readonly version: number;
  /** Joint safety score (0-10) that counts as "safe enough for now". */
  readonly safetyThreshold: number;
  /** Calendar months (Europe/Amsterdam) a case has to reach the threshold. */
  readonly escalationWindowMonths: number;
  /** Months the score must stay at or above the threshold before closure. */
  readonly stabilityMonths: number;
  /**
   * Closing as `stabiel-veilig` needs at least this many joint scores at or
   * above the threshold in the run through the stability period (issue 16).
   * Absent in policy versions stored before it existed: the default (2).
   */
  readonly stabilityMinScores?: number;
  /** Months the latest of those scores may be old when the case is closed. Absent: the default (1). */
  readonly stabilityLatestScoreMonths?: number;
  /** Days before the deadline that the regisseur is reminded. */
  readonly reminderDaysBeforeDeadline: number;
  /**
   * Which cases the escalation rule applies to: every case (the default, as
   * the client asks), or only those the regisseur marked as coordination on
   * safety (Gooi en Vechtstreek's arrangement, seed 000). Absent in policy
   * versions stored before it existed: every case.
   */
  readonly scope?: PolicyScope;
  /**
   * Weeks between TOP3 scorings the werkvoorraad plans (issue 17 point 3): in
   * directe-veiligheid, and in the later phases. Absent in policy versions
   * stored before it existed: the defaults (WORK_LIST_DEFAULTS).
   */
  readonly scoringIntervalWeeksSafety?: number;
  readonly scoringIntervalWeeksLater?: number;
  /** How many days ahead the werkvoorraad shows an agreement's deadline or a scoring coming due. Absent: the default. */
  readonly workListDaysAhead?: number;
  /**
   * Calendar months between reviews of a case in the MDA++ track (issue 18
   * point 4: long-term case management). Absent in policy versions stored
   * before it existed: the default (MDA_REVIEW_DEFAULT_MONTHS).
   */
  readonly mdaReviewMonths?: number;
}

/** A case in the MDA++ track is reviewed every 3 months unless the region agrees otherwise. */
export const MDA_REVIEW_DEFAULT_MONTHS = 3;

/** The review rhythm of a policy version, with the default for versions stored before it existed. */
export function mdaReviewMonths(policy: Policy | undefined): number {
  return policy?.mdaReviewMonths ?? MDA_REVIEW_DEFAULT_MONTHS;
}

export const POLICY_SCOPES = ['alle-casussen', 'coordinatie-op-veiligheid'] as const;
export type PolicyScope = (typeof POLICY_SCOPES)[number];

/** The agreement in the source documents, used for a region that has not set its own. */
export function defaultPolicy(region: string): Policy {
  return {
    region,
    version: 1,
    safetyThreshold: 6,
    escalationWindowMonths: 3,
    stabilityMonths: 3,
    reminderDaysBeforeDeadline: 14,
    stabilityMinScores: STABILITY_EVIDENCE_DEFAULTS.minScores,
    stabilityLatestScoreMonths: STABILITY_EVIDENCE_DEFAULTS.latestScoreMonths,
    scope: 'alle-casussen',
    scoringIntervalWeeksSafety: WORK_LIST_DEFAULTS.scoringIntervalWeeksSafety,
    scoringIntervalWeeksLater: WORK_LIST_DEFAULTS.scoringIntervalWeeksLater,
    workListDaysAhead: WORK_LIST_DEFAULTS.daysAhead,
    mdaReviewMonths: MDA_REVIEW_DEFAULT_MONTHS,
  };
}

/**
 * The werkvoorraad's planning when a policy version does not set it (issue 17
 * point 3): a TOP3 scoring every 4 weeks while safety comes first, every 6
 * weeks after; agreements and scorings show from a week before they are due.
 */
export const WORK_LIST_DEFAULTS = { scoringIntervalWeeksSafety: 4, scoringIntervalWeeksLater: 6, daysAhead: 7 } as const;

/** The werkvoorraad's planning of a policy version, with the defaults for versions stored before it existed. */
export function workListPlanning(policy: Policy): { readonly scoringIntervalWeeksSafety: number; readonly scoringIntervalWeeksLater: number; readonly daysAhead: number } {
  return {
    scoringIntervalWeeksSafety: policy.scoringIntervalWeeksSafety ?? WORK_LIST_DEFAULTS.scoringIntervalWeeksSafety,
    scoringIntervalWeeksLater: policy.scoringIntervalWeeksLater ?? WORK_LIST_DEFAULTS.scoringIntervalWeeksLater,
    daysAhead: policy.workListDaysAhead ?? WORK_LIST_DEFAULTS.daysAhead,
  };
}

/** The evidence of stable safety closing needs, when a policy version does not set it (issue 16). */
export const STABILITY_EVIDENCE_DEFAULTS = { minScores: 2, latestScoreMonths: 1 } as const;

/** The evidence rule of a policy version, with the defaults for versions stored before it existed. */
export function stabilityEvidence(policy: Policy): { readonly minScores: number; readonly latestScoreMonths: number } {
  return {
    minScores: policy.stabilityMinScores ?? STABILITY_EVIDENCE_DEFAULTS.minScores,
    latestScoreMonths: policy.stabilityLatestScoreMonths ?? STABILITY_EVIDENCE_DEFAULTS.latestScoreMonths,
  };
}
