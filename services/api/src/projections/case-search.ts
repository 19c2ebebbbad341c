/**
 * Search by name or birth date (issue 17 point 2): the case's members as
 * search rows, written in the transaction of the change that made or changed
 * them (the case's opening, a member added, corrected or split off), so a
 * search finds a household from the moment its case commits. With each
 * member, the partners their data is withheld from (a consent refused or
 * withdrawn, consent.ts), rewritten in the transaction of each consent
 * record: such a partner's next search no longer finds the household
 * through that member (review finding M3).
 */
import { replaceCaseSearch, type Transaction } from '@veilig-samen/db';
import { withholdingKeyTexts, type CaseEvent, type Member } from '@veilig-samen/domain';

/** The events that change who is in the household, how they are named, or whom their data is withheld from. */
const MEMBER_EVENTS: ReadonlySet<CaseEvent['type']> = new Set(['lid.toegevoegd', 'lid.gecorrigeerd', 'leden.afgesplitst', 'toestemming.vastgelegd']);

/** The search rows of a new case. */
export function projectNewCaseSearch(tx: Transaction, caseId: string, members: readonly Member[]): Promise<void> {
  return replaceCaseSearch(tx, caseId, members.map((m) => ({ memberId: m.id, name: m.naam, birthDate: m.geboortedatum, withheldFrom: withholdingKeyTexts(m) })));
}

/** After a change: the case's search rows are its members, when the change touched them. */
export async function projectCaseSearch(tx: Transaction, caseId: string, event: CaseEvent, members: readonly Member[]): Promise<void> {
  if (MEMBER_EVENTS.has(event.type)) await projectNewCaseSearch(tx, caseId, members);
}
