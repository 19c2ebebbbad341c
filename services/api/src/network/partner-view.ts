/**
 * What a network partner (police, youth care, shelter...) sees of a case:
 * the phase, the safety plan agreements it owns (personally or as an
 * organisation, by sub or OIN), its own latest perspective on safety, and,
 * only when the regisseur granted them in the network entry, the members
 * (never address or contact details; never the members who refused or
 * withdrew consent to share with this partner, issue 17 point 6) and the
 * explanatory analysis. The GET of the partner view and the answer to a
 * partner's own write (marking an agreement, a perspective) are this view.
 */
import type { CaseRow, Executor } from '@veilig-samen/db';
import { currentPlan, localDate, membersFor, restoreCase, type CaseSnapshot, type Caller, type NetworkPerspective } from '@veilig-samen/domain';
import { grantsOf, ownsAgreement, viewerOf, type Access } from '../cases/access.js';
import { agreementView, networkPerspectiveView } from '../cases/views.js';

/** Whether a perspective is the caller's own: personally by sub, or their organisation's by the OIN in the token. */
function isOwn(perspective: NetworkPerspective, caller: Caller): boolean {
  return perspective.van.soort === 'professional' ? perspective.van.id === caller.sub : caller.oin !== undefined && perspective.van.oin === caller.oin;
}

export async function partnerOverview(db: Executor, caller: Caller, row: CaseRow, access: Access, now: Date, snapshot: CaseSnapshot = restoreCase(row.state)) {
  const context = snapshot.context;
  const plan = currentPlan(context);
  const today = localDate(now);
  // Grants come from the partner's entries in the network (lokaal-team sees what it sees anyway elsewhere).
  const granted = await grantsOf(db, caller, row.id);
  const own = (context.netwerkPerspectieven ?? []).filter((p) => isOwn(p, caller)).at(-1);
  return {
    leden: granted.has('leden')
      ? membersFor(context.leden, viewerOf(caller, row, access)).map((l) => ({
          id: l.id,
          naam: l.naam,
          relatie: l.relatie,
          betrokkenheid: [...l.betrokkenheid],
          veiligContact: l.veiligContact ?? null,
        }))
      : null,
    verklarendeAnalyse: granted.has('verklarende-analyse') && context.analyse ? { toelichting: context.analyse.toelichting, problemen: [...context.analyse.problemen] } : null,
    casusId: row.id,
    gemeente: row.municipality,
    fase: row.phase,
    veiligheidsplanVersie: plan?.versie ?? null,
    afspraken: (plan?.afspraken ?? []).filter((a) => ownsAgreement(a, caller)).map((a) => agreementView(a, today)),
    perspectief: own ? networkPerspectiveView(own) : null,
  };
}
