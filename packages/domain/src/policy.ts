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
  /** Days before the deadline that the regisseur is reminded. */
  readonly reminderDaysBeforeDeadline: number;
  /**
   * Which cases the escalation rule applies to: every case (the default, as
   * the client asks), or only those the regisseur marked as coordination on
   * safety (Gooi en Vechtstreek's arrangement, seed 000). Absent in policy
   * versions stored before it existed: every case.
   */
  readonly scope?: PolicyScope;
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
    scope: 'alle-casussen',
  };
}
