/**
 * Events of a case: what the machine receives and, once accepted, what the
 * event log stores. Each carries when it happened (`op`) and who did it
 * (`door`), so replaying the log rebuilds the case without a clock.
 */
import type { DirectoryStanding } from '../directory.js';
import type { Policy } from '../policy.js';
import type { Role } from '../roles.js';
import type { LinkReason } from './household.js';
import type { LetterKind, LetterMethod } from './letters.js';
import type { ActionOutcome, MeetingDecision, Referrer, Agreement, AgreementStatus, Analysis, Closure, Consent, EscalationReason, HandoverSignalLevel, IncidentKind, InformedStatus, LegalGround, Member, PartnerKey, Perspective, Professional, ReportBackReason, SafeContact, ScoreSource, SharingConsentStatus, Source, LifeDomain, TraumaScreening, ViolenceForm } from './types.js';

export interface Actor {
  readonly sub: string;
  /** `systeem` when the service itself acts, e.g. a deadline timer escalating a case. */
  readonly rol: Role | 'systeem';
  readonly organisatie: string;
  /**
   * On the perpetrator's side of this case when acting (the network entry's
   * `zijde`); recorded so that the machine, and a replay, judge sealed
   * details by who acted. Absent when not.
   */
  readonly plegerzijde?: true;
  /** Acting as the regisseur's substitute during their absence: the regisseur's sub (issue 16 point 14). */
  readonly vervangerVan?: string;
}

/**
 * Whether the actor has the regisseur's rights on this case: the regisseur, or
 * their substitute in the period of absence (the use-case sets `vervangerVan`
 * only then; issue 16 point 14). The one place the domain asks it.
 */
export function actsAsRegisseurOf(actor: Actor, regisseurId: string): boolean {
  return actor.sub === regisseurId || (actor.vervangerVan !== undefined && actor.vervangerVan === regisseurId);
}

/** The service acting on its own (durable timers). */
export const SYSTEM_ACTOR: Actor = { sub: 'systeem', rol: 'systeem', organisatie: 'Veilig Samen' };

interface Envelope {
  readonly op: string;
  readonly door: Actor;
}

/** Input of the machine: the facts the case is opened with (event `casus.geopend`). */
export interface CaseOpened extends Envelope {
  readonly type: 'casus.geopend';
  readonly id: string;
  readonly gemeente: string;
  readonly bron: Source;
  readonly leden: readonly Member[];
  readonly regisseur: Professional;
  /** Start of the first safety window; earlier than `op` for imported cases. */
  readonly startdatum: string;
  readonly beleid: Policy;
  readonly veiligheidsinschatting?: { readonly score: number | null; readonly toelichting: string } | null;
  /** Before issue 16: an earlier closed case of the household. New cases keep their links in `case_links` (event `casus.gekoppeld`). */
  readonly gekoppeldAan?: string | null;
  /** Marked as coordination on safety from the start (policy scope `coordinatie-op-veiligheid`). */
  readonly coordinatieOpVeiligheid?: boolean;
}

export type CaseEvent =
  | (Envelope & { readonly type: 'lid.toegevoegd'; readonly lid: Member })
  | (Envelope & { readonly type: 'lid.gecorrigeerd'; readonly lidId: string; readonly wijzigingen: Partial<Omit<Member, 'id'>> })
  | (Envelope & {
      readonly type: 'veiligheidsplan.vastgesteld';
      readonly afspraken: readonly Agreement[];
      readonly akkoordHuishouden: { readonly akkoord: Consent; readonly toelichting: string | null };
    })
  | (Envelope & {
      readonly type: 'afspraak.status-gewijzigd';
      readonly afspraakId: string;
      readonly status: AgreementStatus;
      /** A note with the change (issue 17 point 5); absent in older logs. */
      readonly toelichting?: string | null;
      /**
       * The change is made by the agreement's owner as a partner (issue 17
       * point 5): who, as the verified token identifies them (the sub of a
       * professional, the OIN of an organisation). The machine checks they own
       * it (guard eigenaarMeldtAf).
       */
      readonly alsEigenaar?: PartnerKey;
    })
  /** The regisseur records that the household agreed to an agreement (one from the expert meeting, issue 16). */
  | (Envelope & { readonly type: 'afspraak.akkoord-huishouden'; readonly afspraakId: string; readonly toelichting: string | null })
  | (Envelope & {
      readonly type: 'veiligheidsscore.vastgelegd';
      readonly score: number;
      readonly acties: readonly [string, string, string];
      readonly perspectieven: readonly Perspective[];
      /** Issue 17 point 5: the agreement each action names (an existing one, or one of `nieuweAfspraken`), null for text only. Absent in older logs. */
      readonly actieAfspraken?: readonly [string | null, string | null, string | null];
      /** Agreements the scoring makes for its actions: added to the current plan version (bron `top3`). */
      readonly nieuweAfspraken?: readonly Agreement[];
      /** How the previous scoring's three actions went at this moment (history.ts, previousActionsOutcome). */
      readonly vorigeActies?: readonly ActionOutcome[];
      /** `expertoverleg`: given at the MDA++ expert meeting (issue 18 point 3, guard scoreUitExpertoverleg); absent: the regisseur's. */
      readonly bron?: ScoreSource;
    })
  | (Envelope & {
      readonly type: 'verklarende-analyse.vastgelegd';
      readonly toelichting: string;
      readonly problemen: Analysis['problemen'];
      /** Absent in logs from before issue 16. */
      readonly akkoordHuishouden?: { readonly akkoord: Consent; readonly toelichting: string | null } | null;
      /** Adopting a proposal: its id (it must be the one waiting) and who proposed it; the content is the proposal's. */
      readonly voorstelId?: string;
      readonly voorgesteldDoor?: string;
      /** The life domains the analysis names (issue 17); absent in older logs: none. */
      readonly leefdomeinen?: readonly LifeDomain[];
    })
  | (Envelope & {
      readonly type: 'verklarende-analyse.voorgesteld';
      readonly voorstelId: string;
      readonly toelichting: string;
      readonly problemen: Analysis['problemen'];
      readonly leefdomeinen?: readonly LifeDomain[];
    })
  | (Envelope & {
      readonly type: 'incident.gemeld';
      readonly datum: string;
      readonly soort: IncidentKind;
      readonly omschrijving: string;
      /** Policy in force when reported: a new window starts under it. */
      readonly beleid: Policy;
      /** The form of violence (issue 17); absent: not recorded (older logs, systems that do not send it). */
      readonly vorm?: ViolenceForm;
      /** Who reported it; `politie` (every inbound police message): the children's schools get a Handle with Care signal. */
      readonly bron?: Source;
    })
  | (Envelope & { readonly type: 'fase.naar-oorzaken-onderzoeken' })
  | (Envelope & { readonly type: 'fase.naar-blijvend-voorkomen' })
  | (Envelope & { readonly type: 'fase.naar-nazorg' })
  /** `reden` is a ClosureReason, with what it needs (Closure); free text in logs from before issue 16. */
  | (Envelope & { readonly type: 'casus.afgesloten' } & Omit<Closure, 'op'>)
  /** A terugmelding to Veilig Thuis (issue 16): its own command, delivered to VT's subscription. */
  | (Envelope & { readonly type: 'terugmelding.vastgelegd'; readonly reden: ReportBackReason; readonly toelichting: string })
  | (Envelope & {
      readonly type: 'casus.heropend';
      readonly reden: string;
      readonly beleid: Policy;
      /**
       * A repeat starts fresh (issue 16): set on every reopening since; absent in
       * older logs, whose cases went on under the rule of their time (so they replay).
       */
      readonly nieuwBegin?: true;
    })
  | (Envelope & {
      readonly type: 'regisseur.overgedragen';
      readonly regisseur: Professional;
      readonly reden: string;
      /**
       * Set by the use-case when the new regisseur is or ever was in this
       * case's network on the perpetrator's side; the machine then refuses
       * (requirements.ts, regisseurNietAanPlegerzijde). Never stored: a
       * refused event is not appended.
       */
      readonly naarPlegerzijde?: true;
    })
  | (Envelope & { readonly type: 'veiligheidsdeadline.herinnerd'; readonly vensterNummer: number })
  | (Envelope & {
      readonly type: 'casus.opgeschaald';
      readonly opschalingId: string;
      readonly reden: EscalationReason;
      readonly toelichting: string | null;
      /** The window whose deadline passed (reason `deadline`). */
      readonly vensterNummer: number;
      /** A referral (`aanmelding-partner`, issue 18 point 1): who referred the case. */
      readonly aangemeldDoor?: Referrer;
    })
  | (Envelope & {
      /** The coordinator's decision: into MDA++, or back to the local team with advice. */
      readonly type: 'opschaling.naar-mda-traject' | 'opschaling.terug-naar-lokaal-team';
      readonly opschalingId: string;
      readonly motivering: string;
      readonly advies: string | null;
      /** Policy in force when decided: the window a hand-back opens starts under it (absent in older logs: the previous window's). */
      readonly beleid?: Policy;
      /** Decided in an expert meeting, on its agenda item, with who sat at the table (issue 18 point 2). Absent: by the coordinator alone. */
      readonly expertoverleg?: MeetingDecision;
    })
  /** De-escalation; `evaluatieId` when it is the outcome of a review of the MDA++ track (issue 18 point 4). */
  | (Envelope & { readonly type: 'casus.afgeschaald'; readonly reden: string; readonly beleid?: Policy; readonly evaluatieId?: string })
  /** A review of the MDA++ track is due: it reaches the coordinator's queue (a durable timer, issue 18 point 4). */
  | (Envelope & { readonly type: 'mda.evaluatie-klaargezet'; readonly evaluatieId: string; readonly nummer: number })
  /** The waiting review's outcome: the track goes on, with the next review date (ending it is `casus.afgeschaald`). */
  | (Envelope & { readonly type: 'mda.geevalueerd'; readonly evaluatieId: string; readonly volgendeEvaluatie: string; readonly toelichting: string })
  | (Envelope & { readonly type: 'casus.coordinatie-op-veiligheid-gewijzigd'; readonly coordinatieOpVeiligheid: boolean; readonly toelichting: string | null })
  /** The regisseur names the household for lists (issue 17 point 1); null: back to the default ("Huishouden <surname>"). */
  | (Envelope & { readonly type: 'casus.aanduiding-gewijzigd'; readonly aanduiding: string | null })
  | (Envelope & { readonly type: 'huisverbod.opgelegd'; readonly start: string; readonly einde: string })
  | (Envelope & { readonly type: 'huisverbod.verlengd'; readonly einde: string })
  | (Envelope & { readonly type: 'huisverbod.herinnerd'; readonly einde: string })
  /** Flag and tag (MARAC): this case is linked to another; its regisseur is whom to talk to. Changes no context: the link is kept beside the case. */
  | (Envelope & { readonly type: 'casus.gekoppeld'; readonly casusId: string; readonly reden: LinkReason; readonly regisseur: Professional })
  /**
   * A wrong merge undone: the members a message brought leave for their own
   * case. `samengevoegdOp` is when the merge was made: undoing is allowed
   * for UNDO_MERGE_DAYS after it (household.ts).
   */
  | (Envelope & { readonly type: 'leden.afgesplitst'; readonly lidIds: readonly string[]; readonly naarCasusId: string; readonly berichtId: string; readonly samengevoegdOp: string })
  /** The household moved: the case is offered to the new municipality's intake; the regisseur stays until someone there takes it. */
  | (Envelope & { readonly type: 'verhuizing.aangeboden'; readonly naarGemeente: string; readonly toelichting: string })
  /** The regisseur withdrew the waiting offer (a wrong municipality, a move that did not happen): the case stays where it is. */
  | (Envelope & { readonly type: 'verhuizing.ingetrokken'; readonly naarGemeente: string })
  /** Someone of the new municipality's intake took the moved case: municipality and regisseur change in one step (never zero or two regisseurs). */
  | (Envelope & {
      readonly type: 'verhuizing.overgenomen';
      readonly gemeente: string;
      readonly regisseur: Professional;
      /** As for a handover: set when the taker is or was on this case's perpetrator side; the machine refuses. Never stored. */
      readonly naarPlegerzijde?: true;
    })
  /**
   * The regisseur sent a letter to a member (issue 17 point 7): when (a
   * calendar date) and how. Changes no context: the letter is on record in
   * the log, the timeline and the member's inzage, and settles its
   * werkvoorraad item (`brief-versturen`).
   */
  | (Envelope & { readonly type: 'brief.verzonden'; readonly lidId: string; readonly brief: LetterKind; readonly verzondenOp: string; readonly wijze: LetterMethod; readonly toelichting: string | null })
  | HandoverProposalEvent
  | PartnerAndConsentEvent
  | ChildEvent;

/**
 * Issue 17 points 5 and 6: a partner's own perspective on safety, and what
 * the regisseur records per member: informing, safe contact, consent to share
 * with a partner.
 */
export type PartnerAndConsentEvent =
  /** A network partner's own perspective (0-10, with a reason): never the joint score. */
  | (Envelope & { readonly type: 'perspectief.vastgelegd'; readonly perspectiefId: string; readonly van: PartnerKey; readonly score: number; readonly toelichting: string })
  | (Envelope & { readonly type: 'lid.geinformeerd'; readonly lidId: string; readonly status: InformedStatus; readonly reden: string | null; readonly herzienOp: string | null })
  | (Envelope & { readonly type: 'lid.veilig-contact-vastgelegd'; readonly lidId: string; readonly veiligContact: SafeContact | null })
  | (Envelope & {
      readonly type: 'toestemming.vastgelegd';
      readonly lidId: string;
      /** The network entry, and the partner it names (by sub or OIN) with its organisation's name. */
      readonly betrokkeneId: string;
      readonly partner: PartnerKey;
      readonly organisatie: string;
      readonly status: SharingConsentStatus;
      /** YYYY-MM-DD: when given, refused or withdrawn. */
      readonly sinds: string;
      readonly toelichting: string | null;
      readonly andereGrondslag: LegalGround | null;
    });


/**
 * What is recorded about a child of the household (issue 17 point 8): spoken
 * to by a professional, trauma screening weighed, and the Handle with Care
 * signal to the school after a police-involved incident (when and to which
 * school only: never case content). The member must be a child (`relatie`
 * `kind`; guard lidIsKind).
 */
export type ChildEvent =
  | (Envelope & { readonly type: 'kind.gesprek-vastgelegd'; readonly lidId: string; readonly datum: string })
  | (Envelope & { readonly type: 'kind.traumascreening-gewogen'; readonly lidId: string; readonly screening: TraumaScreening })
  | (Envelope & {
      readonly type: 'kind.handle-with-care-vastgelegd';
      readonly lidId: string;
      readonly signaal: { readonly uitkomst: 'verstuurd'; readonly verstuurdOp: string; readonly school: string } | { readonly uitkomst: 'niet-van-toepassing'; readonly reden: string };
    });

/**
 * A handover is proposed, then accepted or declined by the proposed
 * regisseur (issue 16 point 11); until it is accepted the old regisseur stays
 * regisseur. The flags are set by the use-case from what only the database
 * knows (the directory, the case's network) and never stored: a refused
 * event is not appended.
 */
export type HandoverProposalEvent =
  | (Envelope & {
      readonly type: 'regiewissel.voorgesteld';
      readonly voorstelId: string;
      readonly regisseur: Professional;
      readonly reden: string;
      /** The proposed is or was in the network on the perpetrator's side (guard regiewisselNietAanPlegerzijde). */
      readonly naarPlegerzijde?: true;
      /** The proposed is not a known local-team professional of the case's municipality, or marked as gone (guard regiewisselAanBekende). */
      readonly naarOnbekend?: Exclude<DirectoryStanding, 'bekend'>;
    })
  | (Envelope & {
      readonly type: 'regiewissel.geaccepteerd';
      readonly voorstelId: string;
      readonly naarPlegerzijde?: true;
      /** The acceptor was marked as gone since the proposal (guard regiewisselAanBekende). */
      readonly naarOnbekend?: Exclude<DirectoryStanding, 'bekend'>;
    })
  | (Envelope & { readonly type: 'regiewissel.afgewezen'; readonly voorstelId: string; readonly reden: string | null })
  | (Envelope & { readonly type: 'regiewissel.ingetrokken'; readonly voorstelId: string })
  /** A durable timer: the proposal is unanswered after 2 working days (both regisseurs) or 5 (the beheerder). */
  | (Envelope & { readonly type: 'regiewissel.gesignaleerd'; readonly voorstelId: string; readonly niveau: HandoverSignalLevel });

export type CaseEventType = CaseEvent['type'];
/** Everything the event log holds: the opening fact, then the events. */
export type StoredCaseEvent = CaseOpened | CaseEvent;
