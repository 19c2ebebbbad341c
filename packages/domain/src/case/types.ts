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

export const RELATIONS = ['ouder', 'kind', 'partner', 'ex-partner', 'overig'] as const;
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

/** Why a case went to the MDA++ expert meeting (seed 000). */
export const ESCALATION_REASONS = ['deadline', 'handmatig'] as const;
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
  readonly besluit: {
    readonly besluit: EscalationDecision;
    readonly motivering: string;
    readonly advies: string | null;
    readonly op: string;
    readonly door: string;
  } | null;
}

export interface Member {
  readonly id: string;
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
  veiligContact?: SafeContact | null;
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

/** Where an agreement was made: with the household by the regisseur, or in the MDA++ expert meeting (issue 16). */
export const AGREEMENT_SOURCES = ['regisseur', 'expertoverleg'] as const;
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
export interface SafetyScore {
  readonly score: number;
  readonly acties: readonly [string, string, string];
  readonly perspectieven: readonly Perspective[];
  readonly gescoordDoor: string;
  readonly gescoordOp: string;
}

/**
 * The current version of the explanatory analysis (verklarende analyse). Its
 * versions are read from the event log (history.ts, analysisVersionsOf), like
 * the plan's; the context keeps the current one only.
 */
export interface Analysis {
  readonly toelichting: string;
  readonly problemen: readonly UnderlyingProblem[];
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
  readonly voorgesteldOp: string;
  readonly voorgesteldDoor: string;
}

export interface Incident {
  readonly datum: string;
  readonly soort: IncidentKind;
  readonly omschrijving: string;
  readonly gemeldOp: string;
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
