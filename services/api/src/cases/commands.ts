/**
 * Request → case event: one pure function per command (body + snapshot, now
 * and actor → event, or a refusal thrown as a DomainError). No database and
 * no clock: what a builder needs from the database (the policy in force,
 * whether someone was ever on the perpetrator's side) is looked up by the
 * use-case and passed in, so every builder is unit-tested on its own
 * (commands.test.ts).
 *
 * A builder refuses only what the machine cannot see in the event: input
 * that is wrong on its face (a birth date or incident date after today) or a
 * reference that is gone once the event is built (a plan agreement id that
 * is not in the previous version; a new agreement gets a fresh id). Every
 * rule on the case's state, and every check of what the path names (member,
 * agreement), is a guard of the machine (packages/domain/src/case/requirements.ts).
 */
import { randomUUID } from 'node:crypto';
import type {
  agreementConsentRequest,
  agreementPatch,
  analysisAdoptionRequest,
  analysisProposalRequest,
  analysisRequest,
  childConversationRequest,
  closeRequest,
  designationRequest,
  consentRequest,
  handoverDeclineRequest,
  informingRequest,
  ownerMarkRequest,
  perspectiveRequest,
  safeContactRequest,
  handoverRequest,
  handleWithCareRequest,
  incidentRequest,
  letterSentRequest,
  manualEscalationRequest,
  memberPatch,
  phaseRequest,
  planRequest,
  reasonRequest,
  reportBackRequest,
  safetyCoordinationRequest,
  scoreRequest,
  traumaScreeningRequest,
} from '@veilig-samen/contracts';
import { incidentMessage, restrainingOrderMessage } from '@veilig-samen/contracts';
import {
  agreementConsent,
  actsAsRegisseurOf,
  caseErrors,
  currentPlan,
  findMunicipality,
  currentWindow,
  HANDOVER_TIMER_LEVEL,
  letterErrors,
  localDate,
  namePartsOf,
  namePartsOfChange,
  withDisplayName,
  previousActionsOutcome,
  type Actor,
  type Agreement,
  type Caller,
  type PartnerKey,
  type CaseEvent,
  type CaseOpened,
  type CaseSnapshot,
  type DirectoryStanding,
  type EscalationDecision,
  type MeetingDecision,
  type Referrer,
  type GivenName,
  type LetterKind,
  type LinkReason,
  type Member,
  type Municipality,
  type Policy,
  type Professional,
  type RestrainingOrder,
  type Source,
  type TimerKind,
} from '@veilig-samen/domain';
import type { z } from 'zod';

/** Who acts and when: the envelope of every event. */
export interface CommandInput<B> {
  readonly body: B;
  readonly now: Date;
  readonly actor: Actor;
}

/** A fresh id per call; a test passes its own to get a stable event. */
export type NewId = () => string;

const envelope = (input: CommandInput<unknown>) => ({ op: input.now.toISOString(), door: input.actor });

/**
 * A member as a request, a message or the service itself names them: the
 * name in parts, or as one string (a system's message, or the deprecated
 * field of a request), split by the domain (names.ts).
 */
export interface NewMember extends GivenName {
  readonly geboortedatum?: string | undefined;
  readonly relatie: Member['relatie'];
  readonly betrokkenheid: Member['betrokkenheid'];
  readonly woontElders?: boolean | undefined;
  readonly adres?: string | undefined;
  readonly contact?: string | undefined;
  readonly afgeschermd?: boolean | undefined;
  readonly inzageAfgeschermd?: readonly string[] | undefined;
}

/** Who only a BSN names: recorded so the household is complete, until a name is known. */
export const UNNAMED_MEMBER = 'Onbekend (alleen BSN bekend)';

/** A member as stored, from a request or a message; `field` names the birth date in a refusal. */
export function newMember(input: NewMember, today: string, field: string, newId: NewId = randomUUID): Member {
  if (input.geboortedatum && input.geboortedatum > today) throw caseErrors.birthDateInFuture(field);
  // The contracts require a name; only a message's person named by a BSN alone has none.
  const parts = namePartsOf(input) ?? { voornamen: null, voorvoegsel: null, geslachtsnaam: UNNAMED_MEMBER };
  return withDisplayName({
    id: newId(),
    ...parts,
    geboortedatum: input.geboortedatum ?? null,
    relatie: input.relatie,
    betrokkenheid: input.betrokkenheid,
    ...(input.woontElders ? { woontElders: true } : {}),
    adres: input.adres ?? null,
    contact: input.contact ?? null,
    afgeschermd: input.afgeschermd ?? false,
    inzageAfgeschermd: input.inzageAfgeschermd ?? [],
  });
}

/** A member of a case as a member of another (a repeat, a merge undone): who they are and their part, not sealed details. */
export function asNewMember(lid: Member): NewMember {
  return {
    voornamen: lid.voornamen,
    voorvoegsel: lid.voorvoegsel,
    geslachtsnaam: lid.geslachtsnaam,
    ...(lid.geboortedatum ? { geboortedatum: lid.geboortedatum } : {}),
    relatie: lid.relatie,
    betrokkenheid: [...lid.betrokkenheid],
    ...(lid.woontElders ? { woontElders: true } : {}),
  };
}

/** A member joins the case; `field` names the birth date in a refusal (a message's `leden[2].geboortedatum`). */
export function memberAdded(input: CommandInput<NewMember>, newId: NewId = randomUUID, field = 'geboortedatum'): CaseEvent {
  return { type: 'lid.toegevoegd', ...envelope(input), lid: newMember(input.body, localDate(input.now), field, newId) };
}

/** What a new case starts from: validated members, the regisseur, the first window's start, the policy in force. */
export interface NewCase {
  readonly gemeente: string;
  readonly bron: Source;
  readonly leden: readonly Member[];
  readonly regisseur: Professional;
  readonly start: Date;
  readonly veiligheidsinschatting?: CaseOpened['veiligheidsinschatting'] | undefined;
  readonly coordinatieOpVeiligheid?: boolean | undefined;
}

/** The opening fact of a case (`casus.geopend`); the machine starts from it. */
export function caseOpened(input: CommandInput<NewCase> & { readonly beleid: Policy }, newId: NewId = randomUUID): CaseOpened {
  const { body } = input;
  return {
    type: 'casus.geopend',
    ...envelope(input),
    id: newId(),
    gemeente: body.gemeente,
    bron: body.bron,
    leden: [...body.leden],
    regisseur: body.regisseur,
    startdatum: body.start.toISOString(),
    beleid: input.beleid,
    ...(body.veiligheidsinschatting ? { veiligheidsinschatting: body.veiligheidsinschatting } : {}),
    ...(body.coordinatieOpVeiligheid ? { coordinatieOpVeiligheid: true } : {}),
  };
}

/** A JSON merge patch of a member; whether the member exists is the machine's guard `lidBestaat` (404). */
export function memberCorrected(input: CommandInput<z.output<typeof memberPatch>> & { readonly lidId: string }): CaseEvent {
  // The deprecated single name replaces all three parts (names.ts); the machine derives the display name.
  const { geboortedatum, naam: _naam, ...rest } = namePartsOfChange(input.body);
  if (geboortedatum && geboortedatum > localDate(input.now)) throw caseErrors.birthDateInFuture('geboortedatum');
  const wijzigingen: Partial<Omit<Member, 'id'>> = { ...rest, ...(geboortedatum === undefined ? {} : { geboortedatum }) };
  return { type: 'lid.gecorrigeerd', ...envelope(input), lidId: input.lidId, wijzigingen };
}

/**
 * A new version of the safety plan. An agreement with an id continues one
 * of the current version (422 `casus.afspraak-onbekend` otherwise: the event
 * cannot tell a continued id from a new one, so this is checked here); one
 * without gets a fresh id.
 */
export function planAdopted(input: CommandInput<z.output<typeof planRequest>> & { readonly snapshot: CaseSnapshot }, newId: NewId = randomUUID): CaseEvent {
  const known = new Set(currentPlan(input.snapshot.context)?.afspraken.map((a) => a.id) ?? []);
  // A continued agreement keeps where it was made and whether the household agreed; a new one is the regisseur's, made with the household.
  const current = new Map(currentPlan(input.snapshot.context)?.afspraken.map((a) => [a.id, agreementConsent(a)]) ?? []);
  const afspraken: Agreement[] = input.body.afspraken.map((a) => {
    if (a.id !== undefined && !known.has(a.id)) throw caseErrors.unknownAgreementId(a.id);
    const consent = (a.id !== undefined ? current.get(a.id) : undefined) ?? { bron: 'regisseur', akkoordHuishouden: true };
    return { id: a.id ?? newId(), omschrijving: a.omschrijving, eigenaar: a.eigenaar, deadline: a.deadline, status: a.status, ...consent };
  });
  const { akkoord, toelichting } = input.body.akkoordHuishouden;
  return { type: 'veiligheidsplan.vastgesteld', ...envelope(input), afspraken, akkoordHuishouden: { akkoord, toelichting: toelichting ?? null } };
}

/** Whether the agreement is in the current plan is the machine's guard `afspraakBestaat` (404). */
export function agreementStatusChanged(input: CommandInput<z.output<typeof agreementPatch>> & { readonly afspraakId: string }): CaseEvent {
  const { status, toelichting } = input.body;
  return { type: 'afspraak.status-gewijzigd', ...envelope(input), afspraakId: input.afspraakId, status, ...(toelichting === undefined ? {} : { toelichting }) };
}

/**
 * The owner of an agreement (a partner) marks it done or lapsed, with a note
 * (issue 17 point 5). As whom: the organisation by the OIN in the caller's
 * token where the agreement is an organisation's, else the caller personally;
 * whether that owns it is the machine's guard `eigenaarMeldtAf` (403).
 */
export function agreementMarkedByOwner(
  input: CommandInput<z.output<typeof ownerMarkRequest>> & { readonly snapshot: CaseSnapshot; readonly afspraakId: string; readonly caller: Pick<Caller, 'sub' | 'oin'> },
): CaseEvent {
  const owner = currentPlan(input.snapshot.context)?.afspraken.find((a) => a.id === input.afspraakId)?.eigenaar;
  const alsEigenaar: PartnerKey = owner?.soort === 'organisatie' && input.caller.oin !== undefined ? { soort: 'organisatie', oin: input.caller.oin } : { soort: 'professional', id: input.caller.sub };
  return { type: 'afspraak.status-gewijzigd', ...envelope(input), afspraakId: input.afspraakId, status: input.body.status, toelichting: input.body.toelichting, alsEigenaar };
}

/** A network partner's own perspective (issue 17 point 5); `van`: how the network knows the caller (commandLookups.partnerKey). */
export function perspectiveRecorded(input: CommandInput<z.output<typeof perspectiveRequest>> & { readonly van: PartnerKey }, newId: NewId = randomUUID): CaseEvent {
  return { type: 'perspectief.vastgelegd', ...envelope(input), perspectiefId: newId(), van: input.van, score: input.body.score, toelichting: input.body.toelichting };
}

/**
 * A TOP3 scoring. An action is text only (as before), names an agreement of
 * the current plan, or brings a new agreement with owner and date, which the
 * scoring adds to the current plan (issue 17 point 5; the machine checks the
 * named agreements exist and a plan does). The event records how the
 * previous scoring's three actions went at this moment.
 */
export function scoreRecorded(input: CommandInput<z.output<typeof scoreRequest>> & { readonly snapshot?: CaseSnapshot }, newId: NewId = randomUUID): CaseEvent {
  const nieuweAfspraken: Agreement[] = [];
  const tracked = input.body.acties.map((action) => {
    if (typeof action === 'string') return { omschrijving: action, afspraakId: null };
    if ('afspraakId' in action) return { omschrijving: action.omschrijving, afspraakId: action.afspraakId };
    const id = newId();
    // Named at the table with the household (TOP3): agreed by it, like the regisseur's own agreements.
    nieuweAfspraken.push({ id, omschrijving: action.omschrijving, eigenaar: action.nieuweAfspraak.eigenaar, deadline: action.nieuweAfspraak.deadline, status: 'open', bron: 'top3', akkoordHuishouden: true });
    return { omschrijving: action.omschrijving, afspraakId: id };
  });
  const [a, b, c] = tracked;
  const acties = [a?.omschrijving ?? '', b?.omschrijving ?? '', c?.omschrijving ?? ''] as const;
  const actieAfspraken = [a?.afspraakId ?? null, b?.afspraakId ?? null, c?.afspraakId ?? null] as const;
  const vorigeActies = input.snapshot ? previousActionsOutcome(input.snapshot.context) : null;
  return {
    type: 'veiligheidsscore.vastgelegd',
    ...envelope(input),
    score: input.body.score,
    acties,
    perspectieven: input.body.perspectieven,
    // Text-only actions keep the event as it was before issue 17.
    ...(actieAfspraken.some((id) => id !== null) ? { actieAfspraken } : {}),
    ...(nieuweAfspraken.length > 0 ? { nieuweAfspraken } : {}),
    ...(vorigeActies && vorigeActies.some((o) => o.afspraakId !== null) ? { vorigeActies } : {}),
  };
}

/** Whether a member was informed about the case (issue 17 point 6); a review date in the past is wrong on its face. */
export function memberInformed(input: CommandInput<z.output<typeof informingRequest>> & { readonly lidId: string }): CaseEvent {
  const { body } = input;
  const herzienOp = body.status === 'niet-om-veiligheidsredenen' ? body.herzienOp : null;
  if (herzienOp !== null && herzienOp < localDate(input.now)) throw caseErrors.reviewDateInPast();
  return { type: 'lid.geinformeerd', ...envelope(input), lidId: input.lidId, status: body.status, reden: body.reden ?? null, herzienOp };
}

/** How the member may safely be contacted (issue 17 point 6); null clears it. */
export function memberSafeContactRecorded(input: CommandInput<z.output<typeof safeContactRequest>> & { readonly lidId: string }): CaseEvent {
  return { type: 'lid.veilig-contact-vastgelegd', ...envelope(input), lidId: input.lidId, veiligContact: input.body.veiligContact };
}

/** The network entry a consent names, as the use-case found it among the case's active entries. */
export interface ConsentPartner {
  readonly id: string;
  readonly kind: 'professional' | 'organisatie';
  readonly subject: string;
  readonly organisation: string;
}

/**
 * A member's consent to share with a partner of the network (issue 17 point
 * 6). The entry must be in the case's active network (404, looked up by the
 * use-case: the network lives beside the case); the partner is kept by the
 * identity the service recognises it by (sub or OIN).
 */
export function consentRecorded(input: CommandInput<z.output<typeof consentRequest>> & { readonly lidId: string; readonly entry: ConsentPartner | undefined }): CaseEvent {
  const { body, entry } = input;
  if (!entry) throw caseErrors.involvementNotFound();
  if (body.sinds > localDate(input.now)) throw caseErrors.consentDateInFuture();
  const partner: PartnerKey = entry.kind === 'professional' ? { soort: 'professional', id: entry.subject } : { soort: 'organisatie', oin: entry.subject };
  return {
    type: 'toestemming.vastgelegd',
    ...envelope(input),
    lidId: input.lidId,
    betrokkeneId: entry.id,
    partner,
    organisatie: entry.organisation,
    status: body.status,
    sinds: body.sinds,
    toelichting: body.toelichting ?? null,
    andereGrondslag: body.andereGrondslag ? { soort: body.andereGrondslag.soort, referentie: body.andereGrondslag.referentie ?? null } : null,
  };
}

/** A new version of the analysis, recorded directly; with the household's agreement when given. */
export function analysisRecorded(input: CommandInput<z.output<typeof analysisRequest>>): CaseEvent {
  const { toelichting, problemen, akkoordHuishouden, leefdomeinen } = input.body;
  return {
    type: 'verklarende-analyse.vastgelegd',
    ...envelope(input),
    toelichting,
    problemen,
    leefdomeinen,
    ...(akkoordHuishouden ? { akkoordHuishouden: { akkoord: akkoordHuishouden.akkoord, toelichting: akkoordHuishouden.toelichting ?? null } } : {}),
  };
}

/** A proposal for a new version, by someone with the grant (`mayPropose`, looked up by the use-case: access.ts). */
export function analysisProposed(input: CommandInput<z.output<typeof analysisProposalRequest>> & { readonly mayPropose: boolean }, newId: NewId = randomUUID): CaseEvent {
  if (!input.mayPropose) throw caseErrors.analysisProposalNotGranted();
  return {
    type: 'verklarende-analyse.voorgesteld',
    ...envelope(input),
    voorstelId: newId(),
    toelichting: input.body.toelichting,
    problemen: input.body.problemen,
    leefdomeinen: input.body.leefdomeinen,
  };
}

/**
 * The regisseur adopts the waiting proposal as the new version, with the
 * household's agreement: the event carries the proposal's content, so the log
 * alone says what was adopted. Whether it waits is the machine's guard
 * `analysevoorstelWacht` (404).
 */
export function analysisProposalAdopted(
  input: CommandInput<z.output<typeof analysisAdoptionRequest>> & { readonly snapshot: CaseSnapshot; readonly voorstelId: string },
): CaseEvent {
  // The regisseur directs the one plan and the one analysis (1G1P1R); a colleague in the team proposes or records, not adopts.
  if (!actsAsRegisseurOf(input.actor, input.snapshot.context.regisseur.id)) throw caseErrors.onlyRegisseurAdoptsAnalysis();
  const waiting = input.snapshot.context.analyseVoorstel;
  const proposal = waiting?.id === input.voorstelId ? waiting : undefined;
  const { akkoord, toelichting } = input.body.akkoordHuishouden;
  return {
    type: 'verklarende-analyse.vastgelegd',
    ...envelope(input),
    toelichting: proposal?.toelichting ?? '',
    problemen: proposal?.problemen ?? [],
    akkoordHuishouden: { akkoord, toelichting: toelichting ?? null },
    voorstelId: input.voorstelId,
    ...(proposal ? { voorgesteldDoor: proposal.voorgesteldDoor, leefdomeinen: proposal.leefdomeinen ?? [] } : {}),
  };
}

/**
 * An incident, from a professional or a system's message; `beleid` is the policy in force now (a new window starts under it).
 * The form of violence and the source are kept only when given (absent: not recorded; a police message says `politie`).
 */
export function incidentReported(input: CommandInput<z.output<typeof incidentRequest>> & { readonly beleid: Policy }): CaseEvent {
  if (input.body.tijdstip.getTime() > input.now.getTime()) throw caseErrors.incidentInFuture();
  return {
    type: 'incident.gemeld',
    ...envelope(input),
    datum: input.body.tijdstip.toISOString(),
    soort: input.body.soort,
    omschrijving: input.body.omschrijving,
    beleid: input.beleid,
    ...(input.body.vorm ? { vorm: input.body.vorm } : {}),
    ...(input.body.bron ? { bron: input.body.bron } : {}),
  };
}

/** A professional spoke with a child (issue 17); whether the member is a child of the household is the machine's (lidBestaat, lidIsKind). */
export function childConversationRecorded(input: CommandInput<z.output<typeof childConversationRequest>> & { readonly lidId: string }): CaseEvent {
  if (input.body.gesprekdatum > localDate(input.now)) throw caseErrors.childRecordInFuture('gesprekdatum');
  return { type: 'kind.gesprek-vastgelegd', ...envelope(input), lidId: input.lidId, datum: input.body.gesprekdatum };
}

/** A child's trauma screening weighed: done (instrument, date) or not needed (reason). */
export function traumaScreeningWeighed(input: CommandInput<z.output<typeof traumaScreeningRequest>> & { readonly lidId: string }): CaseEvent {
  const { body } = input;
  if (body.uitkomst === 'gedaan' && body.screeningsdatum > localDate(input.now)) throw caseErrors.childRecordInFuture('screeningsdatum');
  const screening = body.uitkomst === 'gedaan' ? { uitkomst: body.uitkomst, instrument: body.instrument, datum: body.screeningsdatum } : { uitkomst: body.uitkomst, reden: body.reden };
  return { type: 'kind.traumascreening-gewogen', ...envelope(input), lidId: input.lidId, screening };
}

/**
 * The Handle with Care signal to a child's school: when and to which school
 * (its name only: the body admits no other field, so no case content can
 * travel with it), or that none applies with the reason.
 */
export function handleWithCareRecorded(input: CommandInput<z.output<typeof handleWithCareRequest>> & { readonly lidId: string }): CaseEvent {
  const { body } = input;
  if (body.uitkomst === 'verstuurd' && body.verstuurdOp.getTime() > input.now.getTime()) throw caseErrors.childRecordInFuture('verstuurdOp');
  const signaal =
    body.uitkomst === 'verstuurd' ? { uitkomst: body.uitkomst, verstuurdOp: body.verstuurdOp.toISOString(), school: body.school } : { uitkomst: body.uitkomst, reden: body.reden };
  return { type: 'kind.handle-with-care-vastgelegd', ...envelope(input), lidId: input.lidId, signaal };
}

export function phaseAdvanced(input: CommandInput<z.output<typeof phaseRequest>>): CaseEvent {
  return { type: `fase.naar-${input.body.naar}`, ...envelope(input) };
}

/**
 * The end of a case, for the reason given (the machine judges each reason's
 * rule). Moving within the region is no end: the case goes with the household
 * (a municipality of the region is refused here, since the event cannot tell).
 */
export function caseClosed(input: CommandInput<z.output<typeof closeRequest>> & { readonly municipalities: readonly Municipality[] }): CaseEvent {
  const { body } = input;
  if (body.reden === 'verhuisd-buiten-regio' && findMunicipality(input.municipalities, body.gemeente)) throw caseErrors.movedWithinRegion(body.gemeente);
  return { type: 'casus.afgesloten', ...envelope(input), ...body, toelichting: body.toelichting ?? null };
}

/** The regisseur records that the household agreed to an agreement (one from the expert meeting); the machine checks it exists and was not agreed yet. */
export function agreementConsentRecorded(
  input: CommandInput<z.output<typeof agreementConsentRequest>> & { readonly snapshot: CaseSnapshot; readonly afspraakId: string },
): CaseEvent {
  if (!actsAsRegisseurOf(input.actor, input.snapshot.context.regisseur.id)) throw caseErrors.onlyRegisseurRecordsConsent();
  return { type: 'afspraak.akkoord-huishouden', ...envelope(input), afspraakId: input.afspraakId, toelichting: input.body.toelichting ?? null };
}

/**
 * The regisseur sent a letter to a member (issue 17 point 7): whether the
 * member and the letter fit the case, and whether the way of sending is safe,
 * is the machine's to judge (briefOntvangerBestaat, briefPastBijCasus,
 * briefVerzendwijzeVeilig); a date after today the event cannot show.
 */
export function letterSent(input: CommandInput<z.output<typeof letterSentRequest>> & { readonly brief: LetterKind }): CaseEvent {
  if (input.body.verzondenOp > localDate(input.now)) throw letterErrors.sentInFuture();
  return { type: 'brief.verzonden', ...envelope(input), lidId: input.body.lid, brief: input.brief, verzondenOp: input.body.verzondenOp, wijze: input.body.wijze, toelichting: input.body.toelichting ?? null };
}

/** A terugmelding to Veilig Thuis. */
export function reportedBack(input: CommandInput<z.output<typeof reportBackRequest>>): CaseEvent {
  return { type: 'terugmelding.vastgelegd', ...envelope(input), reden: input.body.reden, toelichting: input.body.toelichting };
}

export function caseReopened(input: CommandInput<z.output<typeof reasonRequest>> & { readonly beleid: Policy }): CaseEvent {
  // A repeat starts fresh: a new plan version and a reviewed analysis before the case moves on (requirements.ts).
  return { type: 'casus.heropend', ...envelope(input), reden: input.body.reden, beleid: input.beleid, nieuwBegin: true };
}

/** The regisseur brings the case to the MDA++ expert meeting, for the current window. */
export function escalatedByRegisseur(
  input: CommandInput<z.output<typeof manualEscalationRequest>> & { readonly snapshot: CaseSnapshot },
  newId: NewId = randomUUID,
): CaseEvent {
  return escalationOpened(input, 'handmatig', newId);
}

/** An escalation opened by a person or system (not the deadline): in the current window, with the reason given as its explanation. */
function escalationOpened(
  input: CommandInput<{ readonly reden: string }> & { readonly snapshot: CaseSnapshot },
  reden: 'handmatig' | 'aanmelding-partner',
  newId: NewId,
  aangemeldDoor?: Referrer,
): CaseEvent {
  return {
    type: 'casus.opgeschaald',
    ...envelope(input),
    opschalingId: newId(),
    reden,
    toelichting: input.body.reden,
    vensterNummer: currentWindow(input.snapshot.context).nummer,
    ...(aangemeldDoor ? { aangemeldDoor } : {}),
  };
}

/** Out of the MDA++ traject; `beleid` is the policy in force now: the new window starts under it. `evaluatieId`: as a review's outcome. */
export function deEscalated(input: CommandInput<z.output<typeof reasonRequest>> & { readonly beleid: Policy; readonly evaluatieId?: string }): CaseEvent {
  return { type: 'casus.afgeschaald', ...envelope(input), reden: input.body.reden, beleid: input.beleid, ...(input.evaluatieId ? { evaluatieId: input.evaluatieId } : {}) };
}

/**
 * A partner in the case's network (or the regisseur) refers the case for MDA++ (issue 18 point 1): an escalation
 * with reason `aanmelding-partner`, naming who referred it. The person is null when a system sent the referral.
 */
export function referredForMda(
  input: CommandInput<{ readonly reden: string }> & { readonly snapshot: CaseSnapshot; readonly persoon: string | null },
  newId: NewId = randomUUID,
): CaseEvent {
  return escalationOpened(input, 'aanmelding-partner', newId, { organisatie: input.actor.organisatie, persoon: input.persoon });
}

/** A waiting review of the MDA++ track: the track goes on, reviewed again on `volgendeEvaluatie` (issue 18 point 4). */
export function mdaReviewed(input: CommandInput<{ readonly evaluatieId: string; readonly volgendeEvaluatie: Date; readonly toelichting: string }>): CaseEvent {
  const { body } = input;
  return { type: 'mda.geevalueerd', ...envelope(input), evaluatieId: body.evaluatieId, volgendeEvaluatie: body.volgendeEvaluatie.toISOString(), toelichting: body.toelichting };
}

/** The coordinator's decision on the waiting escalation; back to the local team opens a new window under `beleid`. */
export function escalationDecided(
  input: CommandInput<{ readonly opschalingId: string; readonly besluit: EscalationDecision; readonly motivering: string; readonly advies?: string | undefined }> & {
    readonly beleid: Policy;
    /** Taken in an expert meeting, on its agenda item (issue 18 point 2). */
    readonly expertoverleg?: MeetingDecision | undefined;
  },
): CaseEvent {
  const { body } = input;
  return {
    type: body.besluit === 'mda-traject' ? 'opschaling.naar-mda-traject' : 'opschaling.terug-naar-lokaal-team',
    ...envelope(input),
    opschalingId: body.opschalingId,
    motivering: body.motivering,
    advies: body.advies ?? null,
    beleid: input.beleid,
    ...(input.expertoverleg ? { expertoverleg: { ...input.expertoverleg, deelnemers: [...input.expertoverleg.deelnemers] } } : {}),
  };
}

/** The regisseur marks the case as coordination on safety, or clears the mark (from the next window). */
/** The regisseur names the household (or puts the default back); what it may not hold is the machine's guards. */
export function designationChanged(input: CommandInput<z.output<typeof designationRequest>>): CaseEvent {
  return { type: 'casus.aanduiding-gewijzigd', ...envelope(input), aanduiding: input.body.aanduiding };
}

export function safetyCoordinationMarked(input: CommandInput<z.output<typeof safetyCoordinationRequest>>): CaseEvent {
  return {
    type: 'casus.coordinatie-op-veiligheid-gewijzigd',
    ...envelope(input),
    coordinatieOpVeiligheid: input.body.coordinatieOpVeiligheid,
    toelichting: input.body.toelichting ?? null,
  };
}

/**
 * A handover of the regisseur role. `perpetratorSide`: the new regisseur is
 * or was in the network on the perpetrator's side; the machine's guard
 * `regisseurNietAanPlegerzijde` refuses that.
 */
export function regisseurHandedOver(input: CommandInput<z.output<typeof handoverRequest>> & { readonly perpetratorSide: boolean }): CaseEvent {
  return {
    type: 'regisseur.overgedragen',
    ...envelope(input),
    regisseur: input.body.regisseur,
    reden: input.body.reden,
    ...(input.perpetratorSide ? { naarPlegerzijde: true as const } : {}),
  };
}

/**
 * A proposal to hand the regisseur role over (issue 16 point 11): the
 * proposed accepts or declines it. `standing`: what the directory says of the
 * proposed (guard regiewisselAanBekende); `perpetratorSide` as for a handover.
 */
export function handoverProposed(
  input: CommandInput<z.output<typeof handoverRequest>> & { readonly perpetratorSide: boolean; readonly standing: DirectoryStanding },
  newId: NewId = randomUUID,
): CaseEvent {
  return {
    type: 'regiewissel.voorgesteld',
    ...envelope(input),
    voorstelId: newId(),
    regisseur: input.body.regisseur,
    reden: input.body.reden,
    ...(input.perpetratorSide ? { naarPlegerzijde: true as const } : {}),
    ...(input.standing === 'bekend' ? {} : { naarOnbekend: input.standing }),
  };
}

/**
 * An answer to the open proposal: accepted (the perpetrator-side rule is
 * judged again, on the network as it is now), declined, or withdrawn by who
 * proposed it. No open proposal is the machine's refusal regiewisselOpen.
 */
export function handoverAnswered(
  input: CommandInput<z.output<typeof handoverDeclineRequest>> & {
    readonly snapshot: CaseSnapshot;
    readonly answer: 'geaccepteerd' | 'afgewezen' | 'ingetrokken';
    readonly perpetratorSide?: boolean;
    /** What the directory says of the acceptor now (gone since the proposal: refused). */
    readonly standing?: DirectoryStanding;
  },
): CaseEvent {
  const voorstelId = input.snapshot.context.regiewissel?.id ?? '';
  switch (input.answer) {
    case 'geaccepteerd':
      return {
        type: 'regiewissel.geaccepteerd',
        ...envelope(input),
        voorstelId,
        ...(input.perpetratorSide ? { naarPlegerzijde: true as const } : {}),
        ...(input.standing === undefined || input.standing === 'bekend' ? {} : { naarOnbekend: input.standing }),
      };
    case 'afgewezen':
      return { type: 'regiewissel.afgewezen', ...envelope(input), voorstelId, reden: input.body.reden ?? null };
    case 'ingetrokken':
      return { type: 'regiewissel.ingetrokken', ...envelope(input), voorstelId };
  }
}

/** A temporary restraining order as a system reports it: imposed (its start and end) or extended (the new end). */
export function restrainingOrderReported(
  input: CommandInput<{ readonly actie: 'opgelegd'; readonly startdatum: Date; readonly einddatum: Date } | { readonly actie: 'verlengd'; readonly einddatum: Date }>,
): CaseEvent {
  const { body } = input;
  return body.actie === 'opgelegd'
    ? { type: 'huisverbod.opgelegd', ...envelope(input), start: body.startdatum.toISOString(), einde: body.einddatum.toISOString() }
    : { type: 'huisverbod.verlengd', ...envelope(input), einde: body.einddatum.toISOString() };
}

/**
 * A restraining order message as it lands on a case. An extension of an order
 * the case does not know (none, or one that had ended before this order
 * started) is recorded as the order imposed (the message's start, the
 * extension's end): a refusal would lose the signal, and the police's
 * extension proves the order exists.
 */
export function restrainingOrderOnCase(
  input: CommandInput<{ readonly actie: 'opgelegd' | 'verlengd'; readonly startdatum: Date; readonly einddatum: Date }>,
  known: RestrainingOrder | null,
): CaseEvent {
  const { body } = input;
  const extendsKnown = known !== null && new Date(known.einde).getTime() >= body.startdatum.getTime();
  return restrainingOrderReported({ ...input, body: { ...body, actie: extendsKnown ? body.actie : 'opgelegd' } });
}

/**
 * What a due deadline timer asks of the case, by the system actor: the
 * escalation at the deadline, the reminder before it, the reminder that a
 * restraining order ends. Whether the case still needs it is the machine's
 * to say (a refusal is the timer's outcome); a follow-up timer is no case event.
 */
export function deadlineTimerFired(
  input: CommandInput<{ readonly kind: Exclude<TimerKind, 'opvolging'>; readonly vensterNummer: number }> & { readonly snapshot: CaseSnapshot },
  newId: NewId = randomUUID,
): CaseEvent {
  const { kind, vensterNummer } = input.body;
  switch (kind) {
    case 'veiligheidsdeadline':
      return { type: 'casus.opgeschaald', ...envelope(input), opschalingId: newId(), reden: 'deadline', toelichting: null, vensterNummer };
    case 'herinnering-deadline':
      return { type: 'veiligheidsdeadline.herinnerd', ...envelope(input), vensterNummer };
    case 'huisverbod-einde':
      return { type: 'huisverbod.herinnerd', ...envelope(input), einde: input.snapshot.context.huisverbod?.einde ?? '' };
    case 'mda-evaluatie':
      // A review of the MDA++ track is due (issue 18 point 4): it reaches the coordinator's queue under a new id.
      return { type: 'mda.evaluatie-klaargezet', ...envelope(input), evaluatieId: newId(), nummer: vensterNummer };
    case 'regiewissel-wacht':
    case 'regiewissel-wacht-beheer':
      // The open proposal as it is now; none (answered meanwhile) is the machine's refusal regiewisselOpen.
      return { type: 'regiewissel.gesignaleerd', ...envelope(input), voorstelId: input.snapshot.context.regiewissel?.id ?? '', niveau: HANDOVER_TIMER_LEVEL[kind] };
  }
}

/** Flag and tag: this case is linked to `other`, whose regisseur is whom to talk to (issue 16, point 8). */
export function caseLinked(input: CommandInput<{ readonly casusId: string; readonly reden: LinkReason; readonly regisseur: Professional }>): CaseEvent {
  return { type: 'casus.gekoppeld', ...envelope(input), casusId: input.body.casusId, reden: input.body.reden, regisseur: { ...input.body.regisseur } };
}

/** A wrong merge undone: the members the message brought leave for `naarCasusId`; the machine judges the 30 days from `samengevoegdOp`. */
export function membersSplit(input: CommandInput<{ readonly lidIds: readonly string[]; readonly naarCasusId: string; readonly berichtId: string; readonly samengevoegdOp: Date }>): CaseEvent {
  const { body } = input;
  return { type: 'leden.afgesplitst', ...envelope(input), lidIds: [...body.lidIds], naarCasusId: body.naarCasusId, berichtId: body.berichtId, samengevoegdOp: body.samengevoegdOp.toISOString() };
}

/** The regisseur withdraws the case's waiting move offer. */
export function moveWithdrawn(input: CommandInput<{ readonly gemeente: string }>): CaseEvent {
  return { type: 'verhuizing.ingetrokken', ...envelope(input), naarGemeente: input.body.gemeente };
}

/** The household moved: the case is offered to the new municipality's intake (issue 16, point 9). */
export function moveOffered(input: CommandInput<{ readonly gemeente: string; readonly toelichting: string }>): CaseEvent {
  return { type: 'verhuizing.aangeboden', ...envelope(input), naarGemeente: input.body.gemeente, toelichting: input.body.toelichting };
}

/** Someone of the new municipality's intake takes the moved case: the municipality and the regisseur change at once. */
export function moveTaken(input: CommandInput<{ readonly gemeente: string; readonly regisseur: Professional }> & { readonly perpetratorSide: boolean }): CaseEvent {
  return {
    type: 'verhuizing.overgenomen',
    ...envelope(input),
    gemeente: input.body.gemeente,
    regisseur: { ...input.body.regisseur },
    ...(input.perpetratorSide ? { naarPlegerzijde: true as const } : {}),
  };
}

/** A system's message as an intake item keeps it (packages/db IntakeMessage): its sender and the message as JSON. */
export interface KeptMessage {
  readonly afzender: { readonly sub: string; readonly organisatie: string };
  readonly bericht: { readonly type?: unknown } & Readonly<Record<string, unknown>>;
}

/** The case event a kept message (an incident or a restraining order) brings, by its sender, on the case as it stands. */
export function keptMessageEvent(kept: KeptMessage, snapshot: CaseSnapshot, now: Date, beleid: Policy): CaseEvent {
  const actor: Actor = { sub: kept.afzender.sub, rol: 'integratie', organisatie: kept.afzender.organisatie };
  if (kept.bericht.type === 'incident') {
    const body = incidentMessage.pick({ tijdstip: true, soort: true, vorm: true, omschrijving: true }).parse(kept.bericht);
    // A kept message's incident is the police's (issue 17: the children's schools get a Handle with Care signal).
    return incidentReported({ body: { ...body, bron: 'politie' }, now, actor, beleid });
  }
  const body = restrainingOrderMessage.pick({ actie: true, startdatum: true, einddatum: true }).parse(kept.bericht);
  return restrainingOrderOnCase({ body, now, actor }, snapshot.context.huisverbod);
}
