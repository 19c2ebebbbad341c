/**
 * Long-term case management in the MDA++ track (issue 18 point 4): a case in
 * the track is reviewed on the region's rhythm. A durable timer puts a review
 * in the coordinator's queue when due (the case event `mda.evaluatie-klaargezet`,
 * projections/escalation-queue.ts); its outcome is a case event too: the track
 * goes on with the next review date (`mda.geevalueerd`), or it ends by
 * de-escalation with its reason (`casus.afgeschaald`). The machine judges both.
 */
import { findMdaReview, listMdaReviews, lockCase, lockMdaReview, type MdaReviewRow, type MdaReviewStatus, type Page, type Transaction } from '@veilig-samen/db';
import { DomainError, restoreCase, type Caller } from '@veilig-samen/domain';
import { deEscalated, mdaReviewed } from '../cases/commands.js';
import { actorOf, applyCaseEvent, policyFor, type CaseDeps } from '../cases/use-cases.js';

export const reviewErrors = {
  notFound: () => new DomainError({ status: 404, code: 'mda-evaluatie.niet-gevonden', title: 'Evaluatie van het MDA++-traject niet gevonden.' }),
};

export type ReviewOutcome =
  | { readonly uitkomst: 'voortzetten'; readonly volgendeEvaluatie: Date; readonly toelichting: string }
  | { readonly uitkomst: 'afschalen'; readonly reden: string };

export const listReviews = (deps: CaseDeps, status: MdaReviewStatus, page: Page) => listMdaReviews(deps.db, { region: deps.region, status }, page);

export async function readReview(deps: CaseDeps, id: string): Promise<MdaReviewRow> {
  const row = await findMdaReview(deps.db, id);
  if (!row || row.region !== deps.region) throw reviewErrors.notFound();
  return row;
}

/** Records a waiting review's outcome, in one transaction with its case event; answers with the review as it now stands. */
export async function recordReview(
  deps: CaseDeps,
  caller: Caller,
  id: string,
  outcome: ReviewOutcome,
  audit?: (tx: Transaction, caseId: string) => Promise<void>,
): Promise<MdaReviewRow> {
  await readReview(deps, id);
  await deps.db.transaction(async (tx) => {
    const review = await lockMdaReview(tx, id);
    if (!review) throw reviewErrors.notFound();
    const row = await lockCase(tx, review.caseId);
    if (!row) throw reviewErrors.notFound();
    const now = deps.clock.now();
    const actor = actorOf(caller);
    // A review already settled no longer waits: the machine's guard evaluatieWacht refuses it (409 casus.mda-evaluatie-niet-open).
    const event =
      outcome.uitkomst === 'voortzetten'
        ? mdaReviewed({ body: { evaluatieId: id, volgendeEvaluatie: outcome.volgendeEvaluatie, toelichting: outcome.toelichting }, now, actor })
        : deEscalated({ body: { reden: outcome.reden }, now, actor, beleid: await policyFor(tx, deps.region, now), evaluatieId: id });
    await applyCaseEvent(tx, row, restoreCase(row.state), event, now);
    await audit?.(tx, row.id);
  });
  return readReview(deps, id);
}

/** A review as the API shows it (packages/contracts, reviewResponse). */
export function reviewView(row: MdaReviewRow) {
  return {
    id: row.id,
    casusId: row.caseId,
    opschalingId: row.escalationId,
    gemeente: row.municipality,
    nummer: row.number,
    vervaldatum: row.dueAt.toISOString(),
    status: row.status,
    uitkomst:
      row.recordedAt && row.recordedBy
        ? { op: row.recordedAt.toISOString(), door: row.recordedBy, toelichting: row.explanation ?? '', volgendeEvaluatie: row.nextReviewAt?.toISOString() ?? null }
        : null,
  };
}
