/**
 * The region's escalation policy, versioned: the history with the version in
 * force, and the adoption of a new version (never with retroactive effect).
 */
import type { policyRequest } from '@veilig-samen/contracts';
import { addPolicyVersion, listPolicyVersions, policyInForce, type Page, type Transaction } from '@veilig-samen/db';
import { DomainError, type Caller } from '@veilig-samen/domain';
import type { z } from 'zod';
import type { CaseDeps } from '../cases/use-cases.js';

export const policyErrors = {
  validFromInPast: () =>
    new DomainError({
      status: 422,
      code: 'beleid.geldig-vanaf-in-verleden',
      title: 'Een beleidsversie kan niet met terugwerkende kracht gelden.',
      invalidParams: [{ name: 'geldigVanaf', code: 'too_small', reason: 'niet in het verleden' }],
    }),
};

/** The region's versions, newest first, and the number of the one in force now. */
export async function policyHistory(deps: CaseDeps, page: Page) {
  const current = await policyInForce(deps.db, deps.region, deps.clock.now());
  const { rows, total } = await listPolicyVersions(deps.db, deps.region, page);
  return { inForce: current?.version ?? null, rows, total };
}

/** Adopts a new version; `audit` appends the access-log row in the same transaction (no case: the row chains by the adopter). */
export async function adoptPolicy(deps: CaseDeps, caller: Caller, body: z.output<typeof policyRequest>, audit: (tx: Transaction) => Promise<void>) {
  const now = deps.clock.now();
  const validFrom = body.geldigVanaf ?? now;
  // A minute's grace for clocks; anything older would rewrite the past.
  if (validFrom.getTime() < now.getTime() - 60_000) throw policyErrors.validFromInPast();
  return addPolicyVersion(
    deps.db,
    {
      region: deps.region,
      safetyThreshold: body.drempel,
      escalationWindowMonths: body.vensterMaanden,
      stabilityMonths: body.stabiliteitMaanden,
      stabilityMinScores: body.stabieleScoresMinimum,
      stabilityLatestScoreMonths: body.laatsteScoreMaxMaanden,
      reminderDaysBeforeDeadline: body.herinneringDagenVoorDeadline,
      scope: body.reikwijdte,
      scoringIntervalWeeksSafety: body.scoringIntervalWekenDirecteVeiligheid,
      scoringIntervalWeeksLater: body.scoringIntervalWekenLatereFasen,
      workListDaysAhead: body.werkvoorraadDagenVooruit,
      mdaReviewMonths: body.mdaEvaluatieMaanden,
    },
    { validFrom, now, createdBy: caller.sub, reason: body.reden },
    audit,
  );
}
