/**
 * Inzage (AVG art. 15): everything recorded about one member of a case,
 * and who looked at it: the member's details, the agreements they own, the
 * scores, the case's timeline (sealed details hidden as for the reader),
 * the whole log of accesses to this member's data, and the notes about them
 * (inzage/notes.ts).
 */
import type { Inzage } from '@veilig-samen/contracts';
import { listCaseEvents, listMemberAccesses } from '@veilig-samen/db';
import { caseErrors, planVersionsOf, restoreCase, sealedFrom, type Caller } from '@veilig-samen/domain';
import { viewerOf } from '../cases/access.js';
import { scoresOf } from '../cases/history.js';
import { describeEventFor } from '../cases/views.js';
import type { CaseDeps, CaseRead } from '../cases/use-cases.js';
import { notesForMemberInzage } from './notes.js';

/** The inzage of member `memberId` of a case the caller has read (readCase); 404 when the case has no such member. */
export async function memberInzage(deps: CaseDeps, caller: Caller, { row, access }: CaseRead, memberId: string): Promise<Inzage> {
  const context = restoreCase(row.state).context;
  const viewer = viewerOf(caller, row, access);
  const lid = context.leden.find((l) => l.id === memberId);
  // A member who refused or withdrew consent to share with the caller is not theirs to read (issue 17 point 6).
  if (!lid || viewer.withheld?.has(lid.id)) throw caseErrors.memberNotFound();
  const events = await listCaseEvents(deps.db, row.id);
  // The whole history, never cut off (AVG art. 15): the series come from the log read for the timeline anyway.
  const history = events.map((e) => e.payload);
  const hidden = sealedFrom(history, context, viewer);
  // The whole log of this member's data, however much other activity the case has (never cut off).
  const accesses = await listMemberAccesses(deps.db, row.id, lid.id);
  return {
    opgesteldOp: deps.clock.now().toISOString(),
    lid: { id: lid.id, naam: lid.naam, geboortedatum: lid.geboortedatum, relatie: lid.relatie, betrokkenheid: [...lid.betrokkenheid] },
    casus: { id: row.id, gemeente: context.gemeente, fase: row.phase, regisseur: { ...context.regisseur }, geopendOp: context.geopendOp },
    afspraken: planVersionsOf(history).flatMap((version) =>
      version.afspraken
        .filter((a) => a.eigenaar.soort === 'lid' && a.eigenaar.lidId === lid.id)
        .map((a) => ({ omschrijving: a.omschrijving, deadline: a.deadline, status: a.status, versie: version.versie })),
    ),
    veiligheidsscores: scoresOf(history).map((s) => ({
      op: s.gescoordOp,
      gezamenlijkeScore: s.score,
      eigenScore: s.perspectieven.find((p) => p.van.soort === 'lid' && p.van.lidId === lid.id)?.score ?? null,
    })),
    tijdlijn: events.map((e) => ({ op: e.occurredAt.toISOString(), omschrijving: describeEventFor(e.payload, context, viewer, hidden) })),
    inzagen: accesses.map((entry) => ({ op: entry.at.toISOString(), medewerker: entry.actorSub, organisatie: entry.actorOrganisation, actie: entry.action, doel: entry.purpose })),
    notities: await notesForMemberInzage(deps, caller, { row, access }, lid.id),
  } satisfies Inzage;
}
