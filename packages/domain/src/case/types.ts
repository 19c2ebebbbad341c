/**
 * The case aggregate as the machine holds it in its context. Every instant
 * is an ISO 8601 string in UTC, so the context survives JSON round trips
 * (it is persisted as the snapshot) unchanged.
 */
import type { Policy } from '../policy.js';

export const PHASES = ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg', 'afgesloten'] as const;
export type Phase = (typeof PHASES)[number];
/** The phases a case works through before closure, in order. */
export const OPEN_PHASES = ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg'] as const;
export type OpenPhase = (typeof OPEN_PHASES)[number];

/**
 * A member's place in the household (issue 17 point 9 added stiefouder,
 * grootouder, pleegouder and broer-zus). No rule of the case or of household
 * recognition depends on it: it describes, the involvement (betrokkenheid) decides.
 */
export const RELATIONS = ['ouder', 'kind', 'partner', 'ex-partner', 'stiefouder', 'grootouder', 'pleegouder', 'broer-zus', 'overig'] as const;
export type Relation = (typeof RELATIONS)[number];

/** Involvement in the violence: a set, since victim and perpetrator roles overlap (seed 001). */
export const INVOLVEMENTS = ['slachtoffer', 'pleger', 'getuige'] as const;
export type Involvement = (typeof INVOLVEMENTS)[number];

export const SOURCES = ['veilig-thuis', 'politie', 'lokaal-team', 'zorg-en-veiligheidshuis', 'overig'] as const;
export type Source = (typeof SOURCES)[number];

/** Underlying problems named in an explanatory analysis (seed 003). */
export const UNDERLYING_PROBLEMS = ['trauma', 'psychiatrie', 'verslaving', 'schulden', 'opvoedingsstress', 'afhankelijkheid', 'overig'] as const;
export type UnderlyingProblem = (typeof UNDERLYING_PROBLEMS)[number];

export const AGREEMENT_STATUSES = ['open', 'gedaan', 'vervallen'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const CONSENT = ['ja', 'nee', 'gedeeltelijk'] as const;
export type Consent = (typeof CONSENT)[number];

export const INCIDENT_KINDS = ['fysiek', 'psychisch', 'seksueel', 'verwaarlozing', 'financieel', 'overig'] as const;
export type IncidentKind = (typeof INCIDENT_KINDS)[number];

/**
 * What the violence is (issue 17 point 8), beside the kind of act (`soort`):
 * the forms the regional plans report on [001, 003]. An incident recorded
 * without one (before it existed, or from a system that does not send it) has
 * none: `null`, "niet vastgelegd" in the reports, never guessed as `overig`.
 */
export const VIOLENCE_FORMS = ['partnergeweld', 'kindermishandeling', 'ouderenmishandeling', 'eergerelateerd', 'intieme-terreur', 'complexe-scheiding', 'overig'] as const;
export type ViolenceForm = (typeof VIOLENCE_FORMS)[number];

/** The life domains (leefdomeinen) an explanatory analysis names (issue 17 point 8; seed 001: "all life domains in view"). */
export const LIFE_DOMAINS = ['wonen', 'financien', 'werk-en-dagbesteding', 'gezondheid', 'opvoeding', 'sociaal-netwerk', 'justitie'] as const;
export type LifeDomain = (typeof LIFE_DOMAINS)[number];

/**
 * Why a case went to the MDA++ expert meeting (seed 000): the deadline, the
 * regisseur by hand, or a referral by a partner in the case's network
 * (issue 18 point 1; MARAC lets any agency refer).
 */
export const ESCALATION_REASONS = ['deadline', 'handmatig', 'aanmelding-partner'] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

/**
 * Why a case ends (issue 16, seed 003 "closed too soon"): each with its own
 * rule (requirements.ts). `stabiel-veilig` only from nazorg, on evidence of
 * stable safety; the others are real ends in any open phase.
 */
export const CLOSURE_REASONS = ['stabiel-veilig', 'verhuisd-buiten-regio', 'overgedragen', 'hulp-geweigerd', 'overleden'] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];
/** Whether a stored closure reason is one of today's; logs from before issue 16 hold free text. */
export function isClosureReason(reden: string): reden is ClosureReason {
  return (CLOSURE_REASONS as readonly string[]).includes(reden);
}
/** To whom a case is handed over when it ends as `overgedragen`. */
export const HANDOVER_TARGETS = ['gecertificeerde-instelling', 'veilig-thuis'] as const;
export type HandoverTarget = (typeof HANDOVER_TARGETS)[number];
/** Why the regisseur reports a household back to Veilig Thuis (terugmelding). */
export const REPORT_BACK_REASONS = ['hulp-geweigerd', 'verhuisd-buiten-regio', 'zorgen-over-veiligheid', 'overig'] as const;
export type ReportBackReason = (typeof REPORT_BACK_REASONS)[number];

/** How a case ended: the reason and what that reason needs named. */
export interface Closure {
  /** A ClosureReason; free text in cases closed before issue 16. */
  readonly reden: string;
  readonly op: string;
  /** `overgedragen`: the certified institution or Veilig Thuis. */
  readonly naar?: { readonly soort: HandoverTarget; readonly naam: string };
  /** `verhuisd-buiten-regio`: the new municipality (outside the region). */
  readonly gemeente?: string;
  /** `overleden`: the member who died. */
  readonly lidId?: string;
  readonly toelichting?: string | null;
}

/** The coordinator's decision on an escalation. */
export const ESCALATION_DECISIONS = ['mda-traject', 'terug-naar-lokaal-team'] as const;

/** A network entry: a professional (known by the token's sub) or an organisation (by its OIN), working for one side or neither. */
export const INVOLVEMENT_KINDS = ['professional', 'organisatie'] as const;
export type InvolvementKind = (typeof INVOLVEMENT_KINDS)[number];
export const INVOLVEMENT_SIDES = ['slachtoffer', 'pleger', 'neutraal'] as const;
export type InvolvementSide = (typeof INVOLVEMENT_SIDES)[number];

/** Where an escalation stands in the coordinator's queue: waiting, decided either way, or ended by de-escalation. */
export const ESCALATION_STATUSES = ['open', ...ESCALATION_DECISIONS, 'afgeschaald'] as const;
export type EscalationStatus = (typeof ESCALATION_STATUSES)[number];
export type EscalationDecision = (typeof ESCALATION_DECISIONS)[number];

/** A decision on an escalation taken in an expert meeting, on its agenda item (issue 18 point 2). */
export interface MeetingDecision {
  readonly expertoverlegId: string;
  readonly agendapuntId: string;
  /** The organisations (and people) at the table. */
  readonly deelnemers: readonly string[];
}

/** Who referred a case for MDA++ (issue 18 point 1): their organisation, and the person (null when a system sent it). */
export interface Referrer {
  readonly organisatie: string;
  readonly persoon: string | null;
}

/**
 * Long-term case management in the MDA++ track (issue 18 point 4): the track
 * is reviewed on the region's rhythm. `volgendeOp` is when the next review is
 * due; `evaluatieId` names the review that waits in the coordinator's queue
 * (null while none waits).
 */
export interface MdaReviewPlan {
  readonly nummer: number;
  readonly volgendeOp: string;
  readonly evaluatieId: string | null;
}

/** A review's outcome when the track goes on; ending it is de-escalation (`casus.afgeschaald`). */
export const MDA_REVIEW_OUTCOMES = ['voortzetten', 'afschalen'] as const;
export type MdaReviewOutcome = (typeof MDA_REVIEW_OUTCOMES)[number];

/** The MDA++ track that runs beside the phase. */
export const MDA_STATES = ['geen', 'opgeschaald', 'mda-traject'] as const;
export type MdaState = (typeof MDA_STATES)[number];

export interface Escalation {
  readonly id: string;
  /** Why it was opened. */
  readonly reden: EscalationReason;
  /**
   * Every reason it carries: the one it was opened for, and `deadline` when the
   * window's deadline passed while an escalation by hand still waited (one
   * escalation, both reasons: issue 16).
   */
  readonly redenen: readonly EscalationReason[];
  readonly toelichting: string | null;
  readonly vensterNummer: number;
  readonly op: string;
  readonly door: string;
  /** A referral (`aanmelding-partner`): the organisation and person who referred it. */
  readonly aangemeldDoor?: Referrer;
  readonly besluit: {
    readonly besluit: EscalationDecision;
    readonly motivering: string;
    readonly advies: string | null;
    readonly op: string;
    readonly door: string;
    readonly expertoverleg?: MeetingDecision;
  } | null;
}

export interface Member {
  readonly id: string;
  /** First names as in the BRP; null when unknown (or when a single name from before issue 17 could not be split). */
  readonly voornamen: string | null;
  /** The tussenvoegsel ("de", "van der"); null when the name has none. */
  readonly voorvoegsel: string | null;
  /** The surname without its voorvoegsel; a single name that could not be split is kept here whole (names.ts). */
  readonly geslachtsnaam: string;
  /** The display name, derived from the parts when the member is recorded (names.ts, displayName): "Jan van der Berg". */
  readonly naam: string;
  readonly geboortedatum: string | null;
  readonly relatie: Relation;
  readonly betrokkenheid: readonly Involvement[];
  /** Address and contact details: absent in cases made before they existed. */
  readonly adres?: string | null;
  readonly contact?: string | null;
  /** Sealed (afgeschermd), e.g. a victim's new address: only the regisseur and those granted see it. */
  readonly afgeschermd?: boolean;
  /** Professionals (token `sub`) granted to see the sealed details. */
  readonly inzageAfgeschermd?: readonly string[];
  /** Belongs to the household but lives elsewhere (a father after a separation, a child in foster care). Absent: lives at home. */
  readonly woontElders?: boolean;
  /** How the member may safely be contacted (issue 17 point 6), recorded by the regisseur; absent or null: no preference. */
  readonly veiligContact?: SafeContact | null;
  /** Whether the member was informed about the case (issue 17 point 6); absent or null: not recorded. */
  readonly geinformeerd?: { status: 'ja' | 'nee' | 'niet-om-veiligheidsredenen'; reden: string | null; herzienOp: string | null; op: string } | null;
  /**
   * The member's consent to share their data with a partner of the network,
   * the latest record per partner (issue 17 point 6; consent.ts). Absent: none recorded.
   */
  readonly toestemmingen?: readonly SharingConsent[];
}

/** How a member may safely be contacted (issue 17 point 6): every letter and contact suggestion honours it. */
export const CONTACT_CHANNELS = ['post', 'telefoon', 'email', 'persoonlijk'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
export interface SafeContact {
  /** No post to the home address (e.g. the perpetrator reads it). */
  readonly geenPostThuisadres: boolean;
  readonly kanaal: ContactChannel | null;
  /** A safe time, in words ("dinsdagochtend"). */
  readonly veiligMoment: string | null;
  readonly toelichting: string | null;
}

/** Whether a member was informed about the case (issue 17 point 6). */
export const INFORMED_STATUSES = ['ja', 'nee', 'niet-om-veiligheidsredenen'] as const;
export type InformedStatus = (typeof INFORMED_STATUSES)[number];
export type MemberInformed = NonNullable<Member['geinformeerd']>;

/**
 * The legal ground for sharing data with a network entry (issue 17 point 6),
 * chosen from a list, with a free reference (the article, the decision).
 */
export const LEGAL_GROUNDS = ['toestemming', 'wettelijke-taak', 'meldcode', 'vitaal-belang'] as const;
export type LegalGroundKind = (typeof LEGAL_GROUNDS)[number];
export interface LegalGround {
  readonly soort: LegalGroundKind;
  readonly referentie: string | null;
}

/** A member's consent to share with one partner: given, refused, or withdrawn. */
export const SHARING_CONSENT_STATUSES = ['ja', 'nee', 'ingetrokken'] as const;
export type SharingConsentStatus = (typeof SHARING_CONSENT_STATUSES)[number];

/**
 * The partner a consent is about, as the service recognises it: a
 * professional by the token's sub, an organisation by its OIN (never by a
 * name). Kept by identity, not by network entry, so removing and re-adding
 * the entry (to change its grants, say) does not lift a withdrawal.
 */
export type PartnerKey = { readonly soort: 'professional'; readonly id: string } | { readonly soort: 'organisatie'; readonly oin: string };

export interface SharingConsent {
  /** The network entry the consent was recorded against. */
  readonly betrokkeneId: string;
  readonly partner: PartnerKey;
  /** The partner's organisation, for display. */
  readonly organisatie: string;
  readonly status: SharingConsentStatus;
  /** The calendar date (YYYY-MM-DD) the consent was given, refused or withdrawn: the status holds since then. */
  readonly sinds: string;
  /** When it was last given (`ja`), kept through a withdrawal; null if never. */
  readonly gegevenOp: string | null;
  readonly toelichting: string | null;
  /**
   * Another ground for sharing this member's data with this partner than
   * consent (the meldcode, a legal task, a vital interest): with it, a
   * refusal or withdrawal does not stop the sharing (consent.ts).
   */
  readonly andereGrondslag: LegalGround | null;
  readonly vastgelegdOp: string;
  readonly vastgelegdDoor: string;
}

/** Who hears of an unanswered handover proposal: both regisseurs after 2 working days, the beheerder after 5. */
export const HANDOVER_SIGNAL_LEVELS = ['regisseurs', 'beheerder'] as const;
export type HandoverSignalLevel = (typeof HANDOVER_SIGNAL_LEVELS)[number];

/** An open proposal to hand the case over (issue 16 point 11): the regisseur stays until the proposed accepts. */
export interface HandoverProposal {
  readonly id: string;
  /** The proposed regisseur. */
  readonly regisseur: Professional;
  readonly reden: string;
  readonly voorgesteldOp: string;
  /** The sub of who proposed: only they withdraw it. */
  readonly voorgesteldDoor: string;
  /** The waiting signals already given. */
  readonly gesignaleerd: readonly HandoverSignalLevel[];
}

/** A professional acting on the case, as the token identifies them. */
export interface Professional {
  readonly id: string;
  readonly organisatie: string;
}

export type Owner =
  | { readonly soort: 'lid'; readonly lidId: string }
  | { readonly soort: 'professional'; readonly id: string; readonly organisatie: string }
  /** An organisation is recognised by its OIN (from the owner's token); without one, no partner sees the agreement as theirs. */
  | { readonly soort: 'organisatie'; readonly naam: string; readonly oin?: string };

/** Where an agreement was made: with the household by the regisseur, in the MDA++ expert meeting (issue 16), or as a TOP3 action of a scoring (issue 17). */
export const AGREEMENT_SOURCES = ['regisseur', 'expertoverleg', 'top3'] as const;
export type AgreementSource = (typeof AGREEMENT_SOURCES)[number];

export interface Agreement {
  readonly id: string;
  readonly omschrijving: string;
  readonly eigenaar: Owner;
  /** Calendar date YYYY-MM-DD. */
  readonly deadline: string;
  readonly status: AgreementStatus;
  /** Absent in agreements made before issue 16: `regisseur`. */
  readonly bron?: AgreementSource;
  /**
   * Whether the household agreed to it: an agreement from the expert meeting
   * is not, until the regisseur records that it is. Absent (before issue 16): agreed.
   */
  readonly akkoordHuishouden?: boolean;
  /**
   * The latest status change that came with a note (issue 17 point 5: the
   * owner, a partner, marks it done or lapsed with a note): when, by whom,
   * and the note. Absent when no change came with one.
   */
  readonly statuswijziging?: { readonly vastgelegdOp: string; readonly vastgelegdDoor: string; readonly toelichting: string | null };
}

/** An agreement's source and the household's agreement, with the defaults for agreements made before they existed. */
export function agreementConsent(agreement: Agreement): { readonly bron: AgreementSource; readonly akkoordHuishouden: boolean } {
  return { bron: agreement.bron ?? 'regisseur', akkoordHuishouden: agreement.akkoordHuishouden ?? true };
}

export interface PlanVersion {
  readonly versie: number;
  readonly afspraken: readonly Agreement[];
  readonly akkoordHuishouden: { readonly akkoord: Consent; readonly toelichting: string | null };
  readonly vastgesteldOp: string;
  readonly vastgesteldDoor: string;
}

export interface Perspective {
  readonly van: { readonly soort: 'lid'; readonly lidId: string } | { readonly soort: 'professional'; readonly id: string; readonly organisatie: string };
  readonly score: number;
}

/** A TOP3 scoring: the joint score and the three actions named with it. */
/**
 * Where a joint score was given: with the household by the regisseur (the
 * default, absent in the event), or at the MDA++ expert meeting, where the
 * regisseur sits at the table with the household (issue 18 point 3): both
 * count for the window and for closing alike.
 */
export const SCORE_SOURCES = ['regisseur', 'expertoverleg'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

export interface SafetyScore {
  readonly score: number;
  /** Absent: the regisseur's scoring (every score from before issue 18). */
  readonly bron?: ScoreSource;
  readonly acties: readonly [string, string, string];
  readonly perspectieven: readonly Perspective[];
  readonly gescoordDoor: string;
  readonly gescoordOp: string;
  /**
   * The agreement each action names (issue 17 point 5), in the order of
   * `acties`: an existing one or one the scoring made; null for an action
   * given as text only. Absent in scorings from before.
   */
  readonly actieAfspraken?: readonly (string | null)[];
  /** How the previous scoring's three actions went when this one was given; absent before issue 17 or for the first scoring. */
  readonly vorigeActies?: readonly ActionOutcome[];
}

/** A TOP3 action and how it went: the status of its agreement (`null`: text only; `niet-meer-in-plan`: dropped from the plan). */
export interface ActionOutcome {
  readonly omschrijving: string;
  readonly afspraakId: string | null;
  readonly status: AgreementStatus | 'niet-meer-in-plan' | null;
}

/**
 * A network partner's own perspective on safety (issue 17 point 5): 0-10
 * with a reason. Never the joint score: it counts for no window and no closing.
 */
export interface NetworkPerspective {
  readonly id: string;
  readonly van: PartnerKey;
  readonly organisatie: string;
  readonly score: number;
  readonly toelichting: string;
  readonly vastgelegdOp: string;
  readonly vastgelegdDoor: string;
}

/**
 * The current version of the explanatory analysis (verklarende analyse). Its
 * versions are read from the event log (history.ts, analysisVersionsOf), like
 * the plan's; the context keeps the current one only.
 */
export interface Analysis {
  readonly toelichting: string;
  readonly problemen: readonly UnderlyingProblem[];
  /** The life domains the analysis names (issue 17); absent in versions recorded before: none named. */
  readonly leefdomeinen?: readonly LifeDomain[];
  readonly vastgelegdOp: string;
  readonly vastgelegdDoor: string;
  /** The household's agreement with this version; absent in versions recorded before issue 16 (not recorded). */
  readonly akkoordHuishouden?: { readonly akkoord: Consent; readonly toelichting: string | null } | null;
  /** The network professional whose proposal this version adopts, if any. */
  readonly voorgesteldDoor?: string | null;
}

/** A proposed new version of the analysis, by a network professional with the grant, waiting for the regisseur. */
export interface AnalysisProposal {
  readonly id: string;
  readonly toelichting: string;
  readonly problemen: readonly UnderlyingProblem[];
  readonly leefdomeinen?: readonly LifeDomain[];
  readonly voorgesteldOp: string;
  readonly voorgesteldDoor: string;
}

export interface Incident {
  readonly datum: string;
  readonly soort: IncidentKind;
  readonly omschrijving: string;
  readonly gemeldOp: string;
  /** The form of violence (issue 17); absent or null: not recorded. */
  readonly vorm?: ViolenceForm | null;
  /** Who the report came from; `politie`: the police were involved (a Handle with Care signal is due). Absent: not said. */
  readonly bron?: Source | null;
}

/**
 * Why a safety window opened: the case's start; new violence; a reopening;
 * a joint score below the threshold after the threshold had held at the
 * previous window's deadline (`terugval`); the coordinator's hand-back to
 * the local team (`terugverwezen`); the end of the MDA++ traject (`afgeschaald`).
 */
export const WINDOW_REASONS = ['start', 'incident', 'heropening', 'terugval', 'terugverwezen', 'afgeschaald'] as const;
export type WindowReason = (typeof WINDOW_REASONS)[number];

/**
 * A period in which the case must reach the threshold: from the start, and
 * anew after each incident, reopening, fall back after a met deadline, or
 * hand-back from MDA++. It keeps the policy version it started under, so a
 * later policy change never moves a running deadline.
 */
export interface SafetyWindow {
  readonly nummer: number;
  readonly start: string;
  readonly deadline: string;
  readonly beleid: Policy;
  readonly reden: WindowReason;
  /**
   * A 6 counts while it stands: since when the latest joint score of this
   * window has been at or above the threshold (the start of the standing
   * run), or null while it is below or there is none. A later score below
   * the threshold sets it back to null, which re-arms the deadline; only a
   * run that began by the deadline counts.
   */
  readonly drempelBereiktOp: string | null;
  /**
   * Whether the escalation rule applies in this window: always under the
   * policy's default scope, else only when the case was marked as
   * coordination on safety when the window opened (policy `reikwijdte`).
   * Absent in windows stored before the scope existed: the rule applied.
   */
  readonly regelVanToepassing?: boolean;
}

/**
 * What the machine holds: what its rules need, and no more (machine version
 * 5). A command's cost must not grow with the case's history, so the series
 * (every score, every plan version, every incident, escalation, reminder,
 * reopening and hand-back) stay in the event log, where readers of the
 * history find them (packages/db: case-history.ts); the context keeps the
 * latest of each, and the current plan version with its number.
 */
export interface CaseContext {
  readonly id: string;
  readonly gemeente: string;
  readonly bron: Source;
  readonly geopendOp: string;
  readonly leden: readonly Member[];
  readonly regisseur: Professional;
  /** The current version of the safety plan (its `versie` counts the versions), with its agreements' statuses; null before the first. */
  readonly huidigPlan: PlanVersion | null;
  /** The latest joint score: the threshold rules look at the latest score only. */
  readonly laatsteScore: SafetyScore | null;
  readonly analyse: Analysis | null;
  /** The proposal for a new version that waits for the regisseur (the latest; a newer one replaces it). */
  readonly analyseVoorstel: AnalysisProposal | null;
  /** The latest incident reported, if any. */
  readonly laatsteIncident: Incident | null;
  /**
   * All windows, the current one last. Kept whole: the insights reports read
   * every window of every case from the snapshot (reports.ts). They grow only
   * with an incident after directe-veiligheid and with a reopening, never
   * with scores, plans or agreements.
   */
  readonly vensters: readonly SafetyWindow[];
  /** Start of the current unbroken run of scores at or above the threshold. */
  readonly stabielSinds: string | null;
  /**
   * How many joint scores the current run holds (0 when there is none): the
   * evidence `stabiel-veilig` needs (at least the policy's minimum; the latest
   * is `laatsteScore`). A count, not the scores: the context stays bounded.
   */
  readonly stabieleScores: number;
  /**
   * The latest terugmelding to Veilig Thuis per reason since the case was
   * (re)opened: when it was recorded. Closing for `hulp-geweigerd` or
   * `verhuisd-buiten-regio` needs one with that reason.
   */
  readonly terugmeldingen: Partial<Record<ReportBackReason, string>>;
  readonly faseSinds: string;
  readonly afsluiting: Closure | null;
  /** The latest reopening of a closed case: recurrence (seed 003: "closed too soon"). */
  readonly laatsteHeropening: { readonly reden: string; readonly op: string; readonly nieuwBegin?: true } | null;
  /**
   * The latest escalation to the MDA++ expert meeting (all of them are in the
   * escalations table). Escalations name the window they were made in, and
   * windows only grow, so the latest one tells whether the current window was escalated.
   */
  readonly laatsteOpschaling: Escalation | null;
  /** The number of the latest window whose reminder was sent; reminders go to the current window only. */
  readonly herinnerdVenster: number | null;
  /** The latest hand-back from MDA++ to the local team. */
  readonly laatsteAfschaling: { readonly reden: string; readonly op: string } | null;
  /** In the MDA++ track: when the track is next reviewed (issue 18 point 4); null outside it. */
  readonly mdaEvaluatie: MdaReviewPlan | null;
  /** The temporary restraining order (tijdelijk huisverbod), if one was imposed. */
  readonly huisverbod: RestrainingOrder | null;
  /** The reporter's safety assessment at handover (Veilig Thuis, ZVH). */
  readonly veiligheidsinschatting: { readonly score: number | null; readonly toelichting: string } | null;
  /**
   * Kept for cases stored before issue 16 (it named an earlier, closed case of
   * the same household); links are now kept beside the case (case_links:
   * `gekoppeldeCasussen` in the view) and no new case sets this.
   */
  readonly gekoppeldAan: string | null;
  /** The open handover proposal; absent or null when there is none (absent in snapshots made before proposals existed). */
  readonly regiewissel?: HandoverProposal | null;
  /**
   * Marked by the regisseur as coordination on safety (coördinatie op
   * veiligheid): where the region's policy narrows the escalation rule to such
   * cases, a window opened while it is set falls under the rule. Absent: not marked.
   */
  readonly coordinatieOpVeiligheid?: boolean;
  /**
   * The household's display name for lists as the regisseur set it (issue 17
   * point 1). Absent or null: the default, "Huishouden <surname of the first
   * member>" (names.ts, defaultDesignation), which follows the members.
   */
  readonly aanduiding?: string | null;
  /**
   * The latest perspective of each network partner (issue 17 point 5), one
   * per partner (a newer one replaces it), so the context stays bounded by
   * the network; every one is in the event log. Absent: none given.
   */
  readonly netwerkPerspectieven?: readonly NetworkPerspective[];
  /**
   * What is recorded about each child of the household (members with relatie
   * `kind`), by member id (issue 17 point 8; children.ts). Absent: nothing yet.
   */
  readonly kinderen?: Readonly<Record<string, ChildFacts>>;
}

/** Whether a child's trauma screening was done (with the instrument, e.g. CRIES-13) or weighed and found not needed (with the reason). */
export const TRAUMA_SCREENING_OUTCOMES = ['gedaan', 'niet-nodig'] as const;
export type TraumaScreeningOutcome = (typeof TRAUMA_SCREENING_OUTCOMES)[number];
export type TraumaScreening =
  | { readonly uitkomst: 'gedaan'; readonly instrument: string; readonly datum: string }
  | { readonly uitkomst: 'niet-nodig'; readonly reden: string };

/**
 * A Handle with Care signal to a child's school (seeds 000, 002, 004): after a
 * police-involved incident the school hears within 24 hours that the child
 * may need support. The signal never carries case content, so the record
 * holds when and to which school (its name) only; or, for a child who goes to
 * no school or day care, that none applies (with the reason, which stays in the case).
 */
export type HandleWithCareRecord =
  | { readonly uitkomst: 'verstuurd'; readonly verstuurdOp: string; readonly school: string; readonly vastgelegdOp: string; readonly door: string }
  | { readonly uitkomst: 'niet-van-toepassing'; readonly reden: string; readonly vastgelegdOp: string; readonly door: string };

/** What is recorded about one child (children.ts). */
export interface ChildFacts {
  /** Spoken to by a professional: the date (YYYY-MM-DD), and who recorded it. */
  readonly gesprek?: { readonly datum: string; readonly vastgelegdOp: string; readonly door: string } | null;
  readonly traumascreening?: (TraumaScreening & { readonly vastgelegdOp: string; readonly door: string }) | null;
  /**
   * The moment of the earliest police-involved incident since the last Handle
   * with Care record: a signal is due 24 hours after it. Null: none due.
   */
  readonly handleWithCareNodigSinds?: string | null;
  /** The latest Handle with Care record. */
  readonly handleWithCare?: HandleWithCareRecord | null;
}

/**
 * A temporary restraining order (seed 001): imposed by the mayor for 10 days,
 * extendable to at most 4 weeks in total.
 */
export interface RestrainingOrder {
  readonly start: string;
  readonly einde: string;
  readonly verlengd: boolean;
  readonly herinnerdVoorEinde: boolean;
}

export const RESTRAINING_ORDER_DAYS = 10;
export const RESTRAINING_ORDER_MAX_DAYS = 28;
