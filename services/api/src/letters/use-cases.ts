/**
 * A letter to a member of the household, as PDF (issue 17 point 7). This
 * decides what the letter may hold; documents/letters.ts words it and
 * documents/pdf.ts lays it out. The read is logged like any read of the case
 * (the route's `config.audit`, naming the member).
 *
 * - Only the regisseur (or their substitute) makes letters; a regisseur on
 *   the perpetrator's side only for members on that side.
 * - The address block shows the member's own address only when it is not
 *   sealed and the member did not ask for no post at home; no letter shows
 *   anyone else's address or contact details.
 * - A member on the perpetrator's side reads in the safety plan only the
 *   agreements they own (planAgreementsFor); no letter names another member
 *   except as an agreement's owner to a member entitled to the whole plan.
 */
import { findProfessional } from '@veilig-samen/db';
import {
  aged,
  letterErrors,
  letterRefusal,
  letterRefused,
  localDate,
  memberOnPerpetratorSide,
  noPostAtHome,
  planAgreementsFor,
  restoreCase,
  type Agreement,
  type CaseContext,
  type Caller,
  type LetterKind,
  type Member,
} from '@veilig-samen/domain';
import { assertMayWriteLetters } from '../cases/access.js';
import { readCase, type CaseDeps, type CaseRead } from '../cases/use-cases.js';
import { letterDocument, type LetterFacts, type NoAddressReason } from '../documents/letters.js';
import { renderPdf } from '../documents/pdf.js';

function addressOf(member: Member): { readonly adres: string | null; readonly geenAdres: NoAddressReason | null } {
  if (noPostAtHome(member)) return { adres: null, geenAdres: 'geen-post-thuisadres' };
  // A sealed address is not printed even on the member's own letter: paper travels, and the regisseur hands it over.
  if (member.afgeschermd) return { adres: null, geenAdres: 'afgeschermd' };
  return member.adres ? { adres: member.adres, geenAdres: null } : { adres: null, geenAdres: 'onbekend' };
}

/** An agreement's owner in words for this recipient: "u", another member's name, or the organisation (never an internal id). */
function ownerWords(agreement: Agreement, recipient: Member, context: CaseContext): string {
  const owner = agreement.eigenaar;
  if (owner.soort === 'lid') return owner.lidId === recipient.id ? 'U zelf' : (context.leden.find((m) => m.id === owner.lidId)?.naam ?? 'een lid van het huishouden');
  return owner.soort === 'organisatie' ? owner.naam : owner.organisatie;
}

/** What the letter says, decided for this member. */
export function letterFacts(kind: LetterKind, member: Member, context: CaseContext, regisseurName: string | null, today: string): LetterFacts {
  const plan = context.huidigPlan;
  return {
    soort: kind,
    aan: { naam: member.naam, ...addressOf(member), veiligContact: member.veiligContact ?? null },
    regisseur: { naam: regisseurName, organisatie: context.regisseur.organisatie },
    gemeente: context.gemeente,
    datum: today,
    // Under 18, or recorded as a child without a birth date.
    kinderenInHuis: context.leden.some((m) => !aged(m, 18, today)),
    afsluiting: context.afsluiting ? { reden: context.afsluiting.reden, op: context.afsluiting.op, naar: context.afsluiting.naar?.soort ?? null } : null,
    plan: plan
      ? {
          versie: plan.versie,
          vastgesteldOp: plan.vastgesteldOp,
          alleenEigen: memberOnPerpetratorSide(member),
          afspraken: planAgreementsFor(member, plan).map((a) => ({ wat: a.omschrijving, wie: ownerWords(a, member, context), uiterlijk: a.deadline, klaar: a.status === 'gedaan' })),
        }
      : null,
  };
}

/** The letter `kind` for member `memberId` of the case, as PDF, for the regisseur. */
export async function letterPdf(deps: CaseDeps, caller: Caller, caseId: string, kind: LetterKind, memberId: string): Promise<CaseRead & { readonly pdf: Buffer }> {
  const read = await readCase(deps, caller, caseId);
  const { row, access } = read;
  assertMayWriteLetters(caller, row, access);
  const context = restoreCase(row.state).context;
  const member = context.leden.find((m) => m.id === memberId);
  if (!member) throw letterRefused('lid-onbekend');
  if (access.perpetratorSide && !memberOnPerpetratorSide(member)) throw letterErrors.perpetratorSide();
  const now = deps.clock.now();
  const today = localDate(now);
  const refusal = letterRefusal(kind, member, context, today);
  if (refusal) throw letterRefused(refusal);
  const regisseur = await findProfessional(deps.db, context.regisseur.id);
  const pdf = await renderPdf(letterDocument(letterFacts(kind, member, context, regisseur?.name ?? null, today)), now);
  return { ...read, pdf };
}
