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
  closeRequest,
  handoverDeclineRequest,
  handoverRequest,
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
} from '@veilig-samen/contracts';
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
  type Actor,
  type Agreement,
  type CaseEvent,
  type CaseOpened,
  type CaseSnapshot,
  type DirectoryStanding,
  type EscalationDecision,
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

export interface NewMember {
  readonly naam: string;
  readonly geboortedatum?: string | undefined;
  readonly relatie: Member['relatie'];
  readonly betrokkenheid: Member['betrokkenheid'];
  readonly adres?: string | undefined;
  readonly contact?: string | undefined;
  readonly afgeschermd?: boolean | undefined;
  readonly inzageAfgeschermd?: readonly string[] | undefined;
}

/** A member as stored, from a request or a message; `field` names the birth date in a refusal. */
export function newMember(input: NewMember, today: string, field: string, newId: NewId = randomUUID): Member {
  if (input.geboortedatum && input.geboortedatum > today) throw caseErrors.birthDateInFuture(field);
  return {
    id: newId(),
    naam: input.naam,
    geboortedatum: input.geboortedatum ?? null,
    relatie: input.relatie,
    betrokkenheid: input.betrokkenheid,
    adres: input.adres ?? null,
    contact: input.contact ?? null,
    afgeschermd: input.afgeschermd ?? false,
    inzageAfgeschermd: input.inzageAfgeschermd ?? [],
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
  const { geboortedatum, ...rest } = input.body;
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
  return { type: 'afspraak.status-gewijzigd', ...envelope(input), afspraakId: input.afspraakId, status: input.body.status };
}

export function scoreRecorded(input: CommandInput<z.output<typeof scoreRequest>>): CaseEvent {
  const [a = '', b = '', c = ''] = input.body.acties;
  return { type: 'veiligheidsscore.vastgelegd', ...envelope(input), score: input.body.score, acties: [a, b, c], perspectieven: input.body.perspectieven };
}

/** A new version of the analysis, recorded directly; with the household's agreement when given. */
export function analysisRecorded(input: CommandInput<z.output<typeof analysisRequest>>): CaseEvent {
  const { toelichting, problemen, akkoordHuishouden } = input.body;
  return {
    type: 'verklarende-analyse.vastgelegd',
    ...envelope(input),
    toelichting,
    problemen,
    ...(akkoordHuishouden ? { akkoordHuishouden: { akkoord: akkoordHuishouden.akkoord, toelichting: akkoordHuishouden.toelichting ?? null } } : {}),
  };
}

/** A proposal for a new version, by someone with the grant (`mayPropose`, looked up by the use-case: access.ts). */
export function analysisProposed(input: CommandInput<z.output<typeof analysisProposalRequest>> & { readonly mayPropose: boolean }, newId: NewId = randomUUID): CaseEvent {
  if (!input.mayPropose) throw caseErrors.analysisProposalNotGranted();
  return { type: 'verklarende-analyse.voorgesteld', ...envelope(input), voorstelId: newId(), toelichting: input.body.toelichting, problemen: input.body.problemen };
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
    ...(proposal ? { voorgesteldDoor: proposal.voorgesteldDoor } : {}),
  };
}

/** An incident, from a professional or a system's message; `beleid` is the policy in force now (a new window starts under it). */
export function incidentReported(input: CommandInput<z.output<typeof incidentRequest>> & { readonly beleid: Policy }): CaseEvent {
  if (input.body.tijdstip.getTime() > input.now.getTime()) throw caseErrors.incidentInFuture();
  return {
    type: 'incident.gemeld',
    ...envelope(input),
    datum: input.body.tijdstip.toISOString(),
    soort: input.body.soort,
    omschrijving: input.body.omschrijving,
    beleid: input.beleid,
  };
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
  return {
    type: 'casus.opgeschaald',
    ...envelope(input),
    opschalingId: newId(),
    reden: 'handmatig',
    toelichting: input.body.reden,
    vensterNummer: currentWindow(input.snapshot.context).nummer,
  };
}

/** Out of the MDA++ traject; `beleid` is the policy in force now: the new window starts under it. */
export function deEscalated(input: CommandInput<z.output<typeof reasonRequest>> & { readonly beleid: Policy }): CaseEvent {
  return { type: 'casus.afgeschaald', ...envelope(input), reden: input.body.reden, beleid: input.beleid };
}

/** The coordinator's decision on the waiting escalation; back to the local team opens a new window under `beleid`. */
export function escalationDecided(
  input: CommandInput<{ readonly opschalingId: string; readonly besluit: EscalationDecision; readonly motivering: string; readonly advies?: string | undefined }> & {
    readonly beleid: Policy;
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
  };
}

/** The regisseur marks the case as coordination on safety, or clears the mark (from the next window). */
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
