/**
 * The conditions of the case machine's guarded transitions. Each is a named
 * guard of the machine and carries the refusal that names it: a stable code
 * and a Dutch explanation. When an event is refused, decide.ts finds the
 * first requirement that does not hold and reports exactly that one.
 */
import { stabilityEvidence } from '../policy.js';
import { DIRECTORY_CODES } from '../directory.js';
import { addCalendarMonths, addDays } from '../time.js';
import { UNDO_MERGE_DAYS } from './household.js';
import { isChild, isChildEvent } from './children.js';
import { LETTER_REFUSALS, letterRefusal, sendingRefusal, type LetterRefusal } from './letters.js';
import { sealingActor, sealingRefusal } from './sealing.js';
import { actsAsRegisseurOf, type CaseEvent, type HandoverProposalEvent } from './events.js';
import { consentWith } from './consent.js';
import { agreementConsent, isClosureReason, RESTRAINING_ORDER_MAX_DAYS, type Agreement, type CaseContext, type PartnerKey, type ReportBackReason } from './types.js';
import { currentWindow, ruleApplies, windowMet } from './windows.js';

export { currentWindow } from './windows.js';

export interface Refusal {
  readonly code: string;
  /** The guard (requirement) that refused, or the rule when no transition exists. */
  readonly guard: string;
  readonly message: string;
  /**
   * 409 when the case's state refuses; 422 when the body names something the case does not have;
   * 404 when the path does (a member or agreement); 403 when this actor may not.
   */
  readonly status: 403 | 404 | 409 | 422;
}

/**
 * Codes that more than one rule gives, with one meaning: defined here once,
 * each rule adds its own explanation (tests/code/refusal-codes.test.ts fails
 * on a second literal definition of any code).
 */
export const SHARED_CODES = {
  /** The case has no safety plan yet: 409 for a transition that needs one, 404 for a read of it. */
  noPlan: 'casus.geen-veiligheidsplan',
  /** The member in the path is not in the household: the guard below, and the member's inzage read. */
  memberNotFound: 'casus.lid-niet-gevonden',
  /** The latest score that counts is below the window's threshold. */
  belowThreshold: 'casus.veiligheid-onder-drempel',
  /** The case is closed. */
  closed: 'casus.afgesloten',
  /** The escalation was decided already. */
  alreadyDecided: 'opschaling.al-besloten',
  /** An escalation waits for the coordinator, or the case is in the MDA++ traject. */
  alreadyEscalated: 'casus.al-opgeschaald',
} as const;

/**
 * Guards on what the request's path names (a member, an agreement). When the
 * event is refused, these are asked first, whatever the phase: a path that
 * names nothing is a 404 before any rule of the case's state applies.
 */
export const PATH_REQUIREMENTS = ['lidBestaat', 'afspraakBestaat', 'analysevoorstelWacht'] as const;

export interface Requirement {
  holds(context: CaseContext, event: CaseEvent): boolean;
  refusal(context: CaseContext, event: CaseEvent): Omit<Refusal, 'guard'>;
}

export function latestScore(context: CaseContext): number | null {
  return context.laatsteScore?.score ?? null;
}

/** The latest score, if it was given at or after `since`: an older score says nothing about safety now. */
function scoreSince(context: CaseContext, since: string): number | null {
  const latest = context.laatsteScore;
  return latest && latest.gescoordOp >= since ? latest.score : null;
}

/** Escalated and awaiting the coordinator, or taken into the MDA++ traject and not handed back. */
export function inMdaTrack(context: CaseContext): boolean {
  const last = context.laatsteOpschaling;
  if (!last) return false;
  if (!last.besluit) return true;
  if (last.besluit.besluit === 'terug-naar-lokaal-team') return false;
  const handedBack = context.laatsteAfschaling;
  return !(handedBack && handedBack.op >= last.besluit.op);
}

export function currentPlan(context: CaseContext) {
  return context.huidigPlan;
}

/**
 * Whether the current window's deadline has escalated the case already: the
 * latest escalation carries the reason `deadline` and names this window (an
 * escalation names the window current when it was made and windows only
 * grow, so the latest is the only one that can). An escalation by hand does
 * not count: it does not use up the automatic one.
 */
export function deadlineEscalatedInCurrentWindow(context: CaseContext): boolean {
  const last = context.laatsteOpschaling;
  return last !== null && last.vensterNummer === currentWindow(context).nummer && (last.redenen ?? [last.reden]).includes('deadline');
}

/** The escalation waiting for the coordinator, if any. */
function waitingEscalation(context: CaseContext) {
  const last = context.laatsteOpschaling;
  return last && last.besluit === null ? last : null;
}

export function openAgreements(context: CaseContext) {
  return currentPlan(context)?.afspraken.filter((a) => a.status === 'open') ?? [];
}

/** When the current run of safe scores will have lasted the stability period. */
export function stableEnoughFrom(context: CaseContext): Date | null {
  if (!context.stabielSinds) return null;
  return addCalendarMonths(new Date(context.stabielSinds), currentWindow(context).beleid.stabilityMonths);
}

/**
 * The closure reason of a `casus.afgesloten` event, or null for other events.
 * Free text (logs from before issue 16) is `legacy`: judged by the rule of its
 * time (stability period, no open agreements, from nazorg), so old logs replay.
 */
function closureReason(event: CaseEvent) {
  if (event.type !== 'casus.afgesloten') return null;
  return isClosureReason(event.reden) ? event.reden : 'legacy';
}
/** Stable safety is the reason: the stability rules apply (legacy closures had only these). */
const closesAsStable = (event: CaseEvent) => closureReason(event) === 'stabiel-veilig' || closureReason(event) === 'legacy';
/** The evidence rules of issue 16 apply to `stabiel-veilig` only. */
const closesOnEvidence = (event: CaseEvent) => closureReason(event) === 'stabiel-veilig';

/** Since when a terugmelding counts: the latest (re)opening; one made before it belongs to the earlier trajectory. */
const trajectoryStart = (context: CaseContext) => context.laatsteHeropening?.op ?? context.geopendOp;

/** The terugmelding a closure reason needs, if any. */
const REPORT_BACK_NEEDED: Partial<Record<string, ReportBackReason>> = { 'hulp-geweigerd': 'hulp-geweigerd', 'verhuisd-buiten-regio': 'verhuisd-buiten-regio' };

/** Evidence of stable safety, by the policy of the current window. */
const evidenceOf = (context: CaseContext) => stabilityEvidence(currentWindow(context).beleid);

/** The start of the stability period that ends at `op`. */
const stabilityPeriodStart = (context: CaseContext, op: string) => addCalendarMonths(new Date(op), -currentWindow(context).beleid.stabilityMonths).toISOString();

const memberIds = (context: CaseContext) => new Set(context.leden.map((m) => m.id));

/** Lower case with spacing collapsed: how a text is compared with a sealed detail. */
const comparable = (text: string) => text.toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim();
/** Whether the text holds a sealed member's address or contact details (issue 17 point 1: the aanduiding never does). */
function namesSealedDetail(context: CaseContext, text: string): boolean {
  const haystack = comparable(text);
  return context.leden.some(
    (member) => member.afgeschermd === true && [member.adres, member.contact].some((detail) => typeof detail === 'string' && comparable(detail) !== '' && haystack.includes(comparable(detail))),
  );
}

/** Events whose path names a member (PATCH .../leden/{lidId}, and issue 17's records per member). */
const MEMBER_PATH_EVENTS: ReadonlySet<CaseEvent['type']> = new Set(['lid.gecorrigeerd', 'lid.geinformeerd', 'lid.veilig-contact-vastgelegd', 'toestemming.vastgelegd']);
/** What the regisseur records per member (issue 17 point 6): only the regisseur (or their substitute). */
const REGISSEUR_RECORDS: ReadonlySet<CaseEvent['type']> = new Set(['lid.geinformeerd', 'lid.veilig-contact-vastgelegd', 'toestemming.vastgelegd']);

/** The agreement a partner marks as its owner (issue 17 point 5), or undefined for any other event. */
function agreementMarkedByOwner(context: CaseContext, event: CaseEvent) {
  if (event.type !== 'afspraak.status-gewijzigd' || event.alsEigenaar === undefined) return undefined;
  return { owner: event.alsEigenaar, agreement: currentPlan(context)?.afspraken.find((a) => a.id === event.afspraakId) };
}

/** Whether the partner owns the agreement: a professional by sub, an organisation by OIN (never by name). */
function ownedBy(owner: Agreement['eigenaar'], partner: PartnerKey): boolean {
  if (owner.soort === 'professional') return partner.soort === 'professional' && owner.id === partner.id;
  return owner.soort === 'organisatie' && partner.soort === 'organisatie' && owner.oin !== undefined && owner.oin === partner.oin;
}

/** The agreement ids a scoring's actions name that are in neither the current plan nor the agreements it makes. */
function unknownActionAgreements(context: CaseContext, event: CaseEvent): string[] {
  if (event.type !== 'veiligheidsscore.vastgelegd' || !event.actieAfspraken) return [];
  const known = new Set([...(currentPlan(context)?.afspraken ?? []), ...(event.nieuweAfspraken ?? [])].map((a) => a.id));
  return event.actieAfspraken.filter((id): id is string => id !== null && !known.has(id));
}

/** A member event's sealing refusal (sealing.ts), if any. */
function memberSealingRefusal(context: CaseContext, event: CaseEvent) {
  if (event.type === 'lid.toegevoegd') {
    const { id: _id, ...fields } = event.lid;
    return sealingRefusal(undefined, fields, sealingActor(context, event.door));
  }
  if (event.type === 'lid.gecorrigeerd') {
    return sealingRefusal(context.leden.find((m) => m.id === event.lidId), event.wijzigingen, sealingActor(context, event.door));
  }
  return undefined;
}

export const REQUIREMENTS = {
  heeftVeiligheidsplan: {
    holds: (context) => context.huidigPlan !== null,
    refusal: () => ({
      code: SHARED_CODES.noPlan,
      message: 'Er is nog geen veiligheidsplan. Maak eerst samen met het huishouden een veiligheidsplan.',
      status: 409,
    }),
  },
  scoreOpDrempel: {
    // Only a score given in the current window counts: after new violence an old 8 says nothing. A window
    // opened by a hand-back from MDA++ is met from its start when the 6 given before it still stands (windows.ts).
    holds: (context) =>
      windowMet(currentWindow(context)) || (scoreSince(context, currentWindow(context).start) ?? -1) >= currentWindow(context).beleid.safetyThreshold,
    refusal: (context) => {
      const score = scoreSince(context, currentWindow(context).start);
      const threshold = currentWindow(context).beleid.safetyThreshold;
      return {
        code: SHARED_CODES.belowThreshold,
        message:
          score === null
            ? `Er is in dit veiligheidsvenster nog geen veiligheidsscore; de casus verlaat directe veiligheid pas bij een score van minstens ${threshold}.`
            : `De laatste veiligheidsscore is ${score}; de casus verlaat directe veiligheid pas bij een score van minstens ${threshold}.`,
        status: 409,
      };
    },
  },
  scoreOpDrempelNaOpschaling: {
    // Handing back from MDA++ needs a score given since the case was escalated.
    holds: (context) => {
      const escalatedAt = context.laatsteOpschaling?.op ?? context.geopendOp;
      return (scoreSince(context, escalatedAt) ?? -1) >= currentWindow(context).beleid.safetyThreshold;
    },
    refusal: (context) => ({
      code: SHARED_CODES.belowThreshold,
      message: `Afschalen kan pas als een veiligheidsscore sinds de opschaling de drempel ${currentWindow(context).beleid.safetyThreshold} haalt.`,
      status: 409,
    }),
  },
  nietInMdaSpoor: {
    holds: (context) => !inMdaTrack(context),
    refusal: () => ({
      code: 'casus.nog-opgeschaald',
      message: 'De casus is opgeschaald of zit in het MDA++-traject; schaal eerst af (of laat de coördinator terugverwijzen) voordat de casus wordt afgesloten.',
      status: 409,
    }),
  },
  planNaHeropening: {
    // A repeat starts fresh (issue 16): the plan that held before the closure is no plan for the new situation.
    holds: (context) => !context.laatsteHeropening?.nieuwBegin || (context.huidigPlan !== null && context.huidigPlan.vastgesteldOp >= context.laatsteHeropening.op),
    refusal: (context) => ({
      code: 'casus.plan-van-voor-heropening',
      message: `De casus is op ${context.laatsteHeropening?.op ?? '?'} heropend; stel samen met het huishouden een nieuwe versie van het veiligheidsplan vast voordat de casus directe veiligheid verlaat.`,
      status: 409,
    }),
  },
  analyseNaHeropening: {
    holds: (context) => !context.laatsteHeropening?.nieuwBegin || (context.analyse !== null && context.analyse.vastgelegdOp >= context.laatsteHeropening.op),
    refusal: (context) => ({
      code: 'casus.analyse-van-voor-heropening',
      message: `De casus is op ${context.laatsteHeropening?.op ?? '?'} heropend; herzie de verklarende analyse (een nieuwe versie, of stel een voorstel vast) voordat de casus naar blijvend voorkomen gaat.`,
      status: 409,
    }),
  },
  analysevoorstelWacht: {
    // Adopting names the proposal that waits (the path's voorstelId); an adopted or replaced one is no longer there.
    holds: (context, event) => event.type !== 'verklarende-analyse.vastgelegd' || event.voorstelId === undefined || context.analyseVoorstel?.id === event.voorstelId,
    refusal: () => ({
      code: 'casus.analysevoorstel-niet-gevonden',
      message: 'Dit voorstel voor de verklarende analyse wacht niet (meer) op vaststelling: het is al vastgesteld of door een nieuwer voorstel vervangen.',
      status: 404,
    }),
  },
  heeftVerklarendeAnalyse: {
    holds: (context) => context.analyse !== null,
    refusal: () => ({
      code: 'casus.geen-verklarende-analyse',
      message: 'Er is nog geen verklarende analyse vastgelegd; die is nodig voordat de casus naar blijvend voorkomen gaat.',
      status: 409,
    }),
  },
  stabielVeiligGedurendeStabiliteitsperiode: {
    holds: (context, event) => {
      if (!closesAsStable(event)) return true;
      const from = stableEnoughFrom(context);
      return from !== null && from.getTime() <= new Date(event.op).getTime();
    },
    refusal: (context) => {
      const from = stableEnoughFrom(context);
      const months = currentWindow(context).beleid.stabilityMonths;
      const threshold = currentWindow(context).beleid.safetyThreshold;
      return {
        code: 'casus.niet-stabiel-veilig',
        message: from
          ? `De veiligheid is nog niet lang genoeg stabiel: de score moet ${months} maanden op of boven ${threshold} blijven, dus tot ${from.toISOString()}.`
          : `De laatste veiligheidsscore is lager dan ${threshold}; afsluiten kan pas als de score ${months} maanden op of boven ${threshold} is gebleven.`,
        status: 409,
      };
    },
  },
  geenIncidentInStabiliteitsperiode: {
    // New violence in the period is the "closed too soon" of seed 003: the incident's own date counts, not when it was reported.
    holds: (context, event) => !closesAsStable(event) || context.laatsteIncident === null || context.laatsteIncident.datum < stabilityPeriodStart(context, event.op),
    refusal: (context) => ({
      code: 'casus.incident-in-stabiliteitsperiode',
      message: `Er was op ${context.laatsteIncident?.datum ?? '?'} een incident, binnen de stabiliteitsperiode van ${currentWindow(context).beleid.stabilityMonths} maanden; afsluiten als stabiel veilig kan pas als de periode na het laatste incident zonder nieuw geweld is verstreken.`,
      status: 409,
    }),
  },
  genoegStabieleScores: {
    holds: (context, event) => !closesOnEvidence(event) || context.stabieleScores >= evidenceOf(context).minScores,
    refusal: (context) => ({
      code: 'casus.te-weinig-stabiele-scores',
      message: `Stabiel veilig vraagt minstens ${evidenceOf(context).minScores} gezamenlijke veiligheidsscores op of boven ${currentWindow(context).beleid.safetyThreshold} door de stabiliteitsperiode heen; er ${context.stabieleScores === 1 ? 'is er' : 'zijn er'} ${context.stabieleScores}. Scoor opnieuw samen met het huishouden.`,
      status: 409,
    }),
  },
  recenteStabieleScore: {
    holds: (context, event) => {
      if (!closesOnEvidence(event)) return true;
      const latest = context.laatsteScore;
      return latest !== null && addCalendarMonths(new Date(latest.gescoordOp), evidenceOf(context).latestScoreMonths).getTime() >= new Date(event.op).getTime();
    },
    refusal: (context) => ({
      code: 'casus.laatste-score-te-oud',
      message: `De laatste veiligheidsscore (${context.laatsteScore?.gescoordOp ?? 'geen'}) is ouder dan ${evidenceOf(context).latestScoreMonths} maand(en); stabiel veilig vraagt een recente gezamenlijke score. Scoor opnieuw samen met het huishouden.`,
      status: 409,
    }),
  },
  geenOpenAfspraken: {
    holds: (context, event) => !closesAsStable(event) || openAgreements(context).length === 0,
    refusal: (context) => ({
      code: 'casus.open-afspraken',
      message: `Er staan nog ${openAgreements(context).length} afspraken open in het veiligheidsplan; zet ze op gedaan of vervallen voordat de casus wordt afgesloten.`,
      status: 409,
    }),
  },
  eindeBuitenNazorg: {
    // Outside nazorg only the real ends close a case; stable safety is judged in nazorg (machine.ts).
    holds: (_context, event) => !closesAsStable(event),
    refusal: () => ({
      code: 'casus.afsluiten-alleen-vanuit-nazorg',
      message:
        'Afsluiten als stabiel veilig kan alleen vanuit de fase nazorg. Eerder afsluiten kan alleen om een echt einde: verhuisd buiten de regio, overgedragen, hulp geweigerd of overleden.',
      status: 409,
    }),
  },
  terugmeldingVastgelegd: {
    holds: (context, event) => {
      const needed = REPORT_BACK_NEEDED[closureReason(event) ?? ''];
      const recorded = needed ? context.terugmeldingen[needed] : undefined;
      return needed === undefined || (recorded !== undefined && recorded >= trajectoryStart(context));
    },
    refusal: (_context, event) => ({
      code: 'casus.terugmelding-ontbreekt',
      message: `Afsluiten om ${closureReason(event) ?? ''} kan pas als de terugmelding aan Veilig Thuis is vastgelegd (POST /v1/casussen/{id}/terugmeldingen met reden ${closureReason(event) ?? ''}).`,
      status: 409,
    }),
  },
  overledenLidBestaat: {
    holds: (context, event) => closureReason(event) !== 'overleden' || (event.type === 'casus.afgesloten' && event.lidId !== undefined && memberIds(context).has(event.lidId)),
    refusal: () => ({ code: 'casus.overleden-lid-onbekend', message: 'Het overleden lid hoort niet bij het huishouden van deze casus; noem het lid met zijn id (lidId).', status: 422 }),
  },
  andereRegisseur: {
    holds: (context, event) => event.type !== 'regisseur.overgedragen' || event.regisseur.id !== context.regisseur.id,
    refusal: () => ({
      code: 'casus.regisseur-ongewijzigd',
      message: 'De nieuwe regisseur is dezelfde als de huidige; een overdracht heeft een andere regisseur nodig.',
      status: 409,
    }),
  },
  nietAanZichzelf: {
    // Only the regisseur or a beheerder hands over; the regisseur handing to
    // themselves is refused above. A beheerder manages cases but does not
    // direct them, and taking a case through their own handover would let
    // them read what only a regisseur sees.
    holds: (_context, event) => event.type !== 'regisseur.overgedragen' || event.regisseur.id.toLowerCase() !== event.door.sub.toLowerCase(),
    refusal: () => ({
      code: 'casus.regisseur-zelf',
      message: 'Wie de regie overdraagt, kan die niet aan zichzelf overdragen; draag de regie over aan een casusregisseur van het lokale team.',
      status: 422,
    }),
  },
  regisseurNietAanPlegerzijde: {
    // The regisseur directs the whole household, the victim's safety plan
    // included; someone who works (or worked) for the perpetrator's side of
    // this case may not see sealed details or manage the network, so they
    // cannot direct it either (security review of issue 14).
    holds: (_context, event) => (event.type !== 'regisseur.overgedragen' && event.type !== 'verhuizing.overgenomen') || event.naarPlegerzijde !== true,
    refusal: () => ({
      code: 'casus.regisseur-plegerzijde',
      message:
        'De nieuwe regisseur staat (of stond) in het netwerk van deze casus aan de kant van de pleger en kan daarom geen regisseur worden; kies een casusregisseur die niet aan de plegerzijde betrokken is.',
      status: 422,
    }),
  },
  lidBestaat: {
    holds: (context, event) => {
      const lidId = memberInPath(event);
      return lidId === undefined || memberIds(context).has(lidId);
    },
    // The member named in the path (PATCH .../leden/{lidId}): the answer clients had before the machine judged it.
    refusal: () => ({ code: SHARED_CODES.memberNotFound, message: 'Dit lid hoort niet bij het huishouden van deze casus.', status: 404 }),
  },
  lidIsKind: {
    // Issue 17: what is recorded per child (a conversation, trauma screening, Handle with Care) is for a child of the household.
    holds: (context, event) => !isChildEvent(event) || context.leden.some((lid) => lid.id === event.lidId && isChild(lid)),
    refusal: () => ({
      code: 'casus.lid-geen-kind',
      message: 'Dit lid is geen kind van het huishouden (relatie kind): een gesprek, traumascreening of Handle with Care-signaal wordt per kind vastgelegd. Corrigeer zo nodig eerst de relatie van het lid.',
      status: 422,
    }),
  },
  afschermingGerespecteerd: {
    holds: (context, event) => memberSealingRefusal(context, event) === undefined,
    refusal: (context, event) =>
      memberSealingRefusal(context, event) === 'plegerzijde'
        ? {
            code: 'casus.afscherming-plegerzijde',
            message:
              'Wie aan de kant van de pleger betrokken is, wijzigt niets aan een afgeschermd lid en kan niet afschermen of inzage in afgeschermde gegevens geven. Vraag de regisseur om deze wijziging.',
            status: 403,
          }
        : {
            code: 'casus.afscherming-alleen-regisseur',
            message:
              'Alleen de regisseur kan een afscherming opheffen, inzage in afgeschermde gegevens geven of het adres en de contactgegevens van een afgeschermd lid wijzigen. Vraag de regisseur om deze wijziging.',
            status: 403,
          },
  },
  afspraakBestaat: {
    holds: (context, event) =>
      (event.type !== 'afspraak.status-gewijzigd' && event.type !== 'afspraak.akkoord-huishouden') || (currentPlan(context)?.afspraken.some((a) => a.id === event.afspraakId) ?? false),
    // The agreement named in the path (PATCH .../afspraken/{afspraakId}).
    refusal: () => ({ code: 'casus.afspraak-niet-gevonden', message: 'Deze afspraak staat niet in de huidige versie van het veiligheidsplan.', status: 404 }),
  },
  akkoordNogNietVastgelegd: {
    holds: (context, event) => {
      if (event.type !== 'afspraak.akkoord-huishouden') return true;
      const agreement = currentPlan(context)?.afspraken.find((a) => a.id === event.afspraakId);
      return agreement !== undefined && !agreementConsent(agreement).akkoordHuishouden;
    },
    refusal: () => ({
      code: 'casus.afspraak-al-akkoord',
      message: 'Het huishouden is al akkoord met deze afspraak (een afspraak van de regisseur is met het huishouden gemaakt); er is niets vast te leggen.',
      status: 409,
    }),
  },
  eigenarenZijnLeden: {
    holds: (context, event) => {
      // A plan's agreements, and those a TOP3 scoring makes for its actions (issue 17).
      const agreements = event.type === 'veiligheidsplan.vastgesteld' ? event.afspraken : event.type === 'veiligheidsscore.vastgelegd' ? (event.nieuweAfspraken ?? []) : [];
      const ids = memberIds(context);
      return agreements.every((a) => a.eigenaar.soort !== 'lid' || ids.has(a.eigenaar.lidId));
    },
    refusal: () => ({
      code: 'casus.eigenaar-onbekend',
      message: 'Een afspraak heeft als eigenaar een lid dat niet bij het huishouden hoort.',
      status: 422,
    }),
  },
  perspectievenVanLeden: {
    holds: (context, event) => {
      if (event.type !== 'veiligheidsscore.vastgelegd') return true;
      const ids = memberIds(context);
      return event.perspectieven.every((p) => p.van.soort !== 'lid' || ids.has(p.van.lidId));
    },
    refusal: () => ({
      code: 'casus.perspectief-lid-onbekend',
      message: 'Een perspectief komt van een lid dat niet bij het huishouden hoort.',
      status: 422,
    }),
  },
  besluitOverWachtendeOpschaling: {
    // A decision names the escalation that waits for one; an earlier, decided one stays as it was decided.
    holds: (context, event) => {
      if (event.type !== 'opschaling.naar-mda-traject' && event.type !== 'opschaling.terug-naar-lokaal-team') return true;
      const waiting = context.laatsteOpschaling;
      return waiting !== null && waiting.besluit === null && waiting.id === event.opschalingId;
    },
    refusal: () => ({ code: SHARED_CODES.alreadyDecided, message: 'Over deze opschaling is al besloten; alleen de laatste opschaling wacht op een besluit.', status: 409 }),
  },
  aanmeldingNietDoorPlegerzijde: {
    // A referral from the perpetrator's side would put the household before the experts on that side's word (issue 18 point 1).
    holds: (_context, event) => event.type !== 'casus.opgeschaald' || event.reden !== 'aanmelding-partner' || event.door.plegerzijde !== true,
    refusal: () => ({
      code: 'casus.aanmelding-plegerzijde',
      message: 'Wie in het netwerk van deze casus aan de kant van de pleger staat, meldt de casus niet aan voor MDA++. Bespreek uw zorgen met de regisseur.',
      status: 403,
    }),
  },
  evaluatieNodig: {
    // The durable timer asks for the review the plan names, once it is due, and only while none waits (issue 18 point 4).
    holds: (context, event) => {
      if (event.type !== 'mda.evaluatie-klaargezet') return true;
      const plan = context.mdaEvaluatie ?? null;
      return plan !== null && plan.evaluatieId === null && plan.nummer === event.nummer && event.op >= plan.volgendeOp;
    },
    refusal: () => ({
      code: 'casus.mda-evaluatie-niet-nodig',
      message: 'Er is nu geen evaluatie van het MDA++-traject nodig: ze is nog niet aan de beurt of wacht al in de wachtrij.',
      status: 409,
    }),
  },
  evaluatieWacht: {
    // A review's outcome settles the review that waits, once (afschalen may also come without one).
    holds: (context, event) => {
      const evaluatieId = event.type === 'mda.geevalueerd' || event.type === 'casus.afgeschaald' ? event.evaluatieId : undefined;
      return evaluatieId === undefined || (context.mdaEvaluatie?.evaluatieId ?? null) === evaluatieId;
    },
    refusal: () => ({
      code: 'casus.mda-evaluatie-niet-open',
      message: 'Deze evaluatie van het MDA++-traject wacht niet (meer) op een uitkomst; de uitkomst is al vastgelegd.',
      status: 409,
    }),
  },
  volgendeEvaluatieInToekomst: {
    holds: (_context, event) => event.type !== 'mda.geevalueerd' || event.volgendeEvaluatie > event.op,
    refusal: () => ({
      code: 'casus.mda-volgende-evaluatie-in-verleden',
      message: 'De volgende evaluatie van het MDA++-traject moet na vandaag liggen. Kies een datum in de toekomst.',
      status: 422,
    }),
  },
  casusNietAfgesloten: {
    holds: (context) => context.afsluiting === null,
    refusal: () => ({ code: SHARED_CODES.closed, message: 'De casus is afgesloten; een afgesloten casus wordt niet opgeschaald. Heropen de casus eerst.', status: 409 }),
  },
  deadlineVerstreken: {
    holds: (context, event) => {
      if (event.type !== 'casus.opgeschaald' || event.reden !== 'deadline') return true;
      const window = currentWindow(context);
      // A window's deadline escalates once; a hand-back from MDA++ opens a new window (windows.ts).
      return (
        window.nummer === event.vensterNummer &&
        ruleApplies(window) &&
        !windowMet(window) &&
        event.op >= window.deadline &&
        !deadlineEscalatedInCurrentWindow(context)
      );
    },
    refusal: (context) => ({
      code: 'casus.deadline-niet-verstreken',
      message: `Opschalen om de deadline kan niet: venster ${currentWindow(context).nummer} loopt nog, de drempel staat, de regel geldt niet voor dit venster, of dit venster is al om de deadline opgeschaald.`,
      status: 409,
    }),
  },
  eenOpschalingTegelijk: {
    // While an escalation waits, only the deadline may join it, and once: one escalation carrying both reasons.
    holds: (context, event) => {
      if (event.type !== 'casus.opgeschaald') return true;
      const waiting = waitingEscalation(context);
      return event.reden === 'deadline' && waiting !== null && !(waiting.redenen ?? [waiting.reden]).includes('deadline');
    },
    refusal: () => ({
      code: SHARED_CODES.alreadyEscalated,
      message: 'De casus is al opgeschaald en wacht op het besluit van de MDA++-coördinator; een tweede opschaling is niet nodig. Verstrijkt intussen de deadline, dan komt die reden bij deze opschaling.',
      status: 409,
    }),
  },
  markeringGewijzigd: {
    holds: (context, event) =>
      event.type !== 'casus.coordinatie-op-veiligheid-gewijzigd' || event.coordinatieOpVeiligheid !== (context.coordinatieOpVeiligheid ?? false),
    refusal: (context) => ({
      code: 'casus.markering-ongewijzigd',
      message: context.coordinatieOpVeiligheid
        ? 'De casus is al gemarkeerd als coördinatie op veiligheid.'
        : 'De casus is niet gemarkeerd als coördinatie op veiligheid; er is niets op te heffen.',
      status: 409,
    }),
  },
  aanduidingNietDoorPlegerzijde: {
    // The check below compares with sealed details: from the perpetrator's side it would tell whether a guess of the victim's address is right.
    holds: (_context, event) => event.type !== 'casus.aanduiding-gewijzigd' || event.door.plegerzijde !== true,
    refusal: () => ({
      code: 'casus.aanduiding-plegerzijde',
      message: 'Wie in het netwerk van deze casus aan de kant van de pleger staat, wijzigt de aanduiding van het huishouden niet. Vraag een andere regisseur of beheer.',
      status: 403,
    }),
  },
  aanduidingGewijzigd: {
    holds: (context, event) => event.type !== 'casus.aanduiding-gewijzigd' || event.aanduiding !== (context.aanduiding ?? null),
    refusal: (context) => ({
      code: 'casus.aanduiding-ongewijzigd',
      message: context.aanduiding
        ? 'Het huishouden heeft deze aanduiding al.'
        : 'Het huishouden heeft al de standaardaanduiding; er is niets terug te zetten.',
      status: 409,
    }),
  },
  aanduidingZonderAfgeschermd: {
    // The aanduiding is shown in every list of everyone who may read the case, the perpetrator's side included.
    holds: (context, event) => event.type !== 'casus.aanduiding-gewijzigd' || event.aanduiding === null || !namesSealedDetail(context, event.aanduiding),
    refusal: () => ({
      code: 'casus.aanduiding-afgeschermd',
      message:
        'De aanduiding bevat een afgeschermd adres of afgeschermde contactgegevens van een lid. De aanduiding staat in de lijst van iedereen die de casus mag lezen, ook aan de kant van de pleger: kies een aanduiding zonder die gegevens.',
      status: 422,
    }),
  },
  herinneringNodig: {
    holds: (context, event) => {
      if (event.type !== 'veiligheidsdeadline.herinnerd') return true;
      const window = currentWindow(context);
      return window.nummer === event.vensterNummer && ruleApplies(window) && !windowMet(window) && context.herinnerdVenster !== event.vensterNummer;
    },
    refusal: () => ({
      code: 'casus.herinnering-overbodig',
      message: 'Geen herinnering nodig: het venster is voorbij, de drempel staat, de regel geldt niet voor dit venster of de herinnering is al gegeven.',
      status: 409,
    }),
  },
  huisverbodVerlengbaar: {
    holds: (context, event) => {
      if (event.type !== 'huisverbod.verlengd') return true;
      const order = context.huisverbod;
      if (!order) return false;
      const maxEnd = new Date(order.start).getTime() + RESTRAINING_ORDER_MAX_DAYS * 86_400_000;
      return event.einde > order.einde && new Date(event.einde).getTime() <= maxEnd;
    },
    refusal: (context) => ({
      code: 'casus.huisverbod-niet-verlengbaar',
      message: context.huisverbod
        ? `Een huisverbod duurt in totaal hoogstens ${RESTRAINING_ORDER_MAX_DAYS} dagen en een verlenging moet na het huidige einde (${context.huisverbod.einde}) liggen.`
        : 'Er is geen huisverbod om te verlengen.',
      status: 422,
    }),
  },
  huisverbodHerinneringNodig: {
    holds: (context, event) =>
      event.type !== 'huisverbod.herinnerd' || (context.huisverbod !== null && context.huisverbod.einde === event.einde && !context.huisverbod.herinnerdVoorEinde),
    refusal: () => ({ code: 'casus.huisverbod-herinnering-overbodig', message: 'Geen herinnering nodig voor dit huisverbod.', status: 409 }),
  },
  // A handover proposal (issue 16 point 11): the handover's own rules apply
  // when it is proposed and again when it is accepted, with their refusals.
  geenOpenRegiewissel: {
    holds: (context, event) => event.type !== 'regiewissel.voorgesteld' || !context.regiewissel,
    refusal: (context) => ({
      code: 'regiewissel.al-voorgesteld',
      message: `Er staat al een voorstel om de regie over te dragen aan ${context.regiewissel?.regisseur.id ?? 'een ander'}; wacht op het antwoord of trek het voorstel eerst in.`,
      status: 409,
    }),
  },
  regiewisselAanBekende: {
    holds: (_context, event) => (event.type !== 'regiewissel.voorgesteld' && event.type !== 'regiewissel.geaccepteerd') || event.naarOnbekend === undefined,
    refusal: (context, event) =>
      (event.type === 'regiewissel.voorgesteld' || event.type === 'regiewissel.geaccepteerd') && event.naarOnbekend === 'vertrokken'
        ? {
            code: DIRECTORY_CODES.gone,
            message: `${event.type === 'regiewissel.voorgesteld' ? event.regisseur.id : event.door.sub} is door beheer als vertrokken gemarkeerd en kan geen regisseur worden; kies een collega uit GET /v1/medewerkers?gemeente=${context.gemeente}.`,
            status: 422,
          }
        : {
            code: DIRECTORY_CODES.unknown,
            message: `Veilig Samen kent ${event.type === 'regiewissel.voorgesteld' ? event.regisseur.id : 'deze medewerker'} niet als medewerker van een lokaal team van ${context.gemeente}. Alleen wie zich met een geldig token bij Veilig Samen heeft gemeld, staat in GET /v1/medewerkers?gemeente=${context.gemeente}&rol=lokaal-team; kies daaruit (let op de schrijfwijze van het id).`,
            status: 422,
          },
  },
  regiewisselAanAndere: {
    holds: (context, event) => event.type !== 'regiewissel.voorgesteld' || event.regisseur.id !== context.regisseur.id,
    refusal: (context, event) => handoverRefusal('andereRegisseur', context, event),
  },
  regiewisselNietAanZichzelf: {
    holds: (_context, event) => event.type !== 'regiewissel.voorgesteld' || event.regisseur.id.toLowerCase() !== event.door.sub.toLowerCase(),
    refusal: (context, event) => handoverRefusal('nietAanZichzelf', context, event),
  },
  regiewisselNietAanPlegerzijde: {
    holds: (_context, event) => (event.type !== 'regiewissel.voorgesteld' && event.type !== 'regiewissel.geaccepteerd') || event.naarPlegerzijde !== true,
    refusal: (context, event) => handoverRefusal('regisseurNietAanPlegerzijde', context, event),
  },
  regiewisselOpen: {
    holds: (context, event) => !isProposalAnswer(event) || (context.regiewissel?.id !== undefined && context.regiewissel.id === event.voorstelId),
    refusal: () => ({
      code: 'regiewissel.geen-open-voorstel',
      message: 'Er staat geen (of een ander) voorstel open om de regie van deze casus over te dragen; haal de casus opnieuw op.',
      status: 409,
    }),
  },
  regiewisselAanDeVoorgestelde: {
    // Only the proposed regisseur accepts or declines: a handover is accepted, not imposed.
    holds: (context, event) =>
      (event.type !== 'regiewissel.geaccepteerd' && event.type !== 'regiewissel.afgewezen') || context.regiewissel?.regisseur.id === event.door.sub,
    refusal: (context) => ({
      code: 'regiewissel.niet-aan-u',
      message: `Alleen ${context.regiewissel?.regisseur.id ?? 'de voorgestelde regisseur'}, aan wie de regie is voorgesteld, kan het voorstel accepteren of afwijzen.`,
      status: 403,
    }),
  },
  regiewisselDoorVoorsteller: {
    holds: (context, event) => event.type !== 'regiewissel.ingetrokken' || context.regiewissel?.voorgesteldDoor === event.door.sub,
    refusal: (context) => ({
      code: 'regiewissel.niet-uw-voorstel',
      message: `Alleen wie het voorstel deed (${context.regiewissel?.voorgesteldDoor ?? 'onbekend'}) kan het intrekken.`,
      status: 403,
    }),
  },
  regiewisselSignaleringNodig: {
    holds: (context, event) => event.type !== 'regiewissel.gesignaleerd' || !(context.regiewissel?.gesignaleerd ?? []).includes(event.niveau),
    refusal: () => ({ code: 'regiewissel.signalering-overbodig', message: 'Dit voorstel is al gesignaleerd.', status: 409 }),
  },
  casusOpen: {
    holds: (context) => context.afsluiting === null,
    refusal: () => ({ code: SHARED_CODES.closed, message: 'De casus is afgesloten: verhuizen of leden afsplitsen kan alleen bij een lopende casus. Heropen de casus eerst.', status: 409 }),
  },
  afsplitsingBinnenTermijn: {
    holds: (_context, event) => event.type !== 'leden.afgesplitst' || addDays(new Date(event.samengevoegdOp), UNDO_MERGE_DAYS).getTime() >= new Date(event.op).getTime(),
    refusal: () => ({
      code: 'casus.samenvoeging-te-oud',
      message: `Een samenvoeging kan tot ${UNDO_MERGE_DAYS} dagen na het bericht ongedaan worden gemaakt; daarna niet meer. Draag leden zo nodig over via een nieuwe casus.`,
      status: 409,
    }),
  },
  afgesplitsteLedenBestaan: {
    holds: (context, event) => event.type !== 'leden.afgesplitst' || (event.lidIds.length > 0 && event.lidIds.length < context.leden.length && event.lidIds.every((id) => memberIds(context).has(id))),
    refusal: () => ({
      code: 'casus.niets-af-te-splitsen',
      message: 'Het bericht bracht geen leden die nog in de casus zijn (of alle leden kwamen ermee): er is niets af te splitsen.',
      status: 409,
    }),
  },
  // Issue 17 point 5: partners act on the plan; the TOP3 actions become trackable.
  eigenaarMeldtAf: {
    holds: (context, event) => {
      const marked = agreementMarkedByOwner(context, event);
      return marked === undefined || (marked.agreement !== undefined && ownedBy(marked.agreement.eigenaar, marked.owner));
    },
    refusal: () => ({
      code: 'casus.afspraak-niet-van-u',
      message:
        'Deze afspraak hoort niet bij u of uw organisatie: alleen de eigenaar (een professional op zijn sub, een organisatie op het OIN in het token) meldt een afspraak af. Vraag de regisseur de status te wijzigen.',
      status: 403,
    }),
  },
  afspraakOpenVoorEigenaar: {
    holds: (context, event) => {
      const marked = agreementMarkedByOwner(context, event);
      return marked === undefined || marked.agreement?.status === 'open';
    },
    refusal: (context, event) => ({
      code: 'casus.afspraak-niet-open',
      message: `Deze afspraak staat al op ${agreementMarkedByOwner(context, event)?.agreement?.status ?? 'een andere status'}; alleen een open afspraak meldt u af als gedaan of vervallen. Is dat onjuist, vraag dan de regisseur het te herstellen.`,
      status: 409,
    }),
  },
  scoreUitExpertoverleg: {
    // Issue 18 point 3: a joint score from the MDA++ expert meeting is recorded by its coordinator, for a case the meeting may discuss.
    holds: (context, event) => event.type !== 'veiligheidsscore.vastgelegd' || event.bron !== 'expertoverleg' || (event.door.rol === 'mda-coordinator' && inMdaTrack(context)),
    refusal: (_context, event) =>
      event.door.rol === 'mda-coordinator'
        ? {
            code: 'casus.expertoverleg-score-buiten-mda',
            message: 'Een gezamenlijke score uit het expertoverleg kan alleen voor een casus die is opgeschaald of in het MDA++-traject zit. Laat de regisseur de score met het huishouden vastleggen.',
            status: 409,
          }
        : {
            code: 'casus.expertoverleg-score-alleen-coordinator',
            message: 'Een gezamenlijke score met bron expertoverleg legt de MDA++-coördinator vast bij de uitkomst van een agendapunt (POST /v1/expertoverleggen/{id}/agendapunten/{puntId}/uitkomst).',
            status: 403,
          },
  },
  actieAfsprakenBestaan: {
    holds: (context, event) => unknownActionAgreements(context, event).length === 0,
    refusal: (context, event) => ({
      code: 'casus.actie-afspraak-onbekend',
      message: `Een actie noemt een afspraak die niet in de huidige versie van het veiligheidsplan staat (${unknownActionAgreements(context, event).join(', ')}). Noem een bestaande afspraak, of maak er een met eigenaar en datum.`,
      status: 422,
    }),
  },
  planVoorNieuweActies: {
    holds: (context, event) => event.type !== 'veiligheidsscore.vastgelegd' || !event.nieuweAfspraken?.length || context.huidigPlan !== null,
    refusal: () => ({
      code: SHARED_CODES.noPlan,
      message: 'Er is nog geen veiligheidsplan om de afspraken van deze acties in op te nemen. Stel eerst samen met het huishouden een veiligheidsplan vast, of noem de acties als tekst.',
      status: 409,
    }),
  },
  perspectiefNietVanRegisseur: {
    // The regisseur's view is the joint score, given with the household; a partner's own perspective never stands in for it.
    holds: (context, event) => event.type !== 'perspectief.vastgelegd' || !actsAsRegisseurOf(event.door, context.regisseur.id),
    refusal: () => ({
      code: 'casus.perspectief-van-regisseur',
      message: 'De regisseur legt de gezamenlijke veiligheidsscore vast (POST .../veiligheidsscores); een eigen perspectief is voor de partners in het netwerk.',
      status: 403,
    }),
  },
  // Issue 17 point 6: informing, safe contact and consent per member are the regisseur's to record.
  doorRegisseur: {
    // Not from the perpetrator's side either: these records decide what is shared and point to who hides (sealing.ts).
    holds: (context, event) => !REGISSEUR_RECORDS.has(event.type) || (actsAsRegisseurOf(event.door, context.regisseur.id) && event.door.plegerzijde !== true),
    refusal: () => ({
      code: 'casus.alleen-regisseur-legt-vast',
      message:
        'Alleen de regisseur (of diens vervanger), en niet vanaf de kant van de pleger, legt vast of een lid is geïnformeerd, hoe het veilig te bereiken is en of het toestemming geeft om te delen. Vraag de regisseur dit vast te leggen.',
      status: 403,
    }),
  },
  intrekkingNaToestemming: {
    holds: (context, event) => {
      if (event.type !== 'toestemming.vastgelegd' || event.status !== 'ingetrokken') return true;
      const member = context.leden.find((m) => m.id === event.lidId);
      // Given, or withdrawn before (recorded again, e.g. with another ground for sharing).
      const status = member && consentWith(member, event.partner)?.status;
      return status === 'ja' || status === 'ingetrokken';
    },
    refusal: () => ({
      code: 'casus.toestemming-niet-gegeven',
      message: 'Intrekken kan alleen een gegeven toestemming: voor dit lid en deze betrokkene staat geen toestemming (ja). Leg een weigering vast met status nee.',
      status: 409,
    }),
  },
  // Letters (issue 17 point 7): the member must be in the household, receive letters, and the letter must fit the case;
  // post never goes to a member who asked for none at home.
  briefOntvangerBestaat: {
    holds: (context, event) => event.type !== 'brief.verzonden' || memberIds(context).has(event.lidId),
    refusal: () => letterProblem('lid-onbekend'),
  },
  briefPastBijCasus: {
    holds: (context, event) => letterSentRefusal(context, event) === undefined,
    refusal: (context, event) => letterProblem(letterSentRefusal(context, event) ?? 'lid-onbekend'),
  },
  briefVerzendwijzeVeilig: {
    holds: (context, event) => sendingRefusalOf(context, event) === undefined,
    refusal: (context, event) => letterProblem(sendingRefusalOf(context, event) ?? 'geen-post-thuisadres'),
  },
} satisfies Record<string, Requirement>;

/** The member a request's path names (PATCH .../leden/{lidId}, a child's records), or undefined. */
function memberInPath(event: CaseEvent): string | undefined {
  if (isChildEvent(event)) return event.lidId;
  if (MEMBER_PATH_EVENTS.has(event.type) && 'lidId' in event && typeof event.lidId === 'string') return event.lidId;
  return undefined;
}


/** Why a recorded letter does not fit the member or the case (judged on the day it was sent). */
function letterSentRefusal(context: CaseContext, event: CaseEvent): LetterRefusal | undefined {
  if (event.type !== 'brief.verzonden') return undefined;
  const member = context.leden.find((m) => m.id === event.lidId);
  return member && letterRefusal(event.brief, member, context, event.verzondenOp);
}

/** Why a recorded letter's way of sending does not honour the member's safe-contact preference. */
function sendingRefusalOf(context: CaseContext, event: CaseEvent): ReturnType<typeof sendingRefusal> {
  if (event.type !== 'brief.verzonden') return undefined;
  const member = context.leden.find((m) => m.id === event.lidId);
  return member && sendingRefusal(event.wijze, member);
}

function letterProblem(name: keyof typeof LETTER_REFUSALS): Omit<Refusal, 'guard'> {
  const { code, status, message } = LETTER_REFUSALS[name];
  return { code, status, message };
}

/** Events that answer an open proposal: they name it by id. */
function isProposalAnswer(event: CaseEvent): event is Extract<CaseEvent, { voorstelId: string }> & { type: Exclude<HandoverProposalEvent['type'], 'regiewissel.voorgesteld'> } {
  return event.type === 'regiewissel.geaccepteerd' || event.type === 'regiewissel.afgewezen' || event.type === 'regiewissel.ingetrokken' || event.type === 'regiewissel.gesignaleerd';
}

/**
 * The refusal of a handover rule for a proposal or its acceptance: the same
 * rule, so the same code and explanation as a direct handover
 * (`regisseur.overgedragen`) gets.
 */
function handoverRefusal(name: 'andereRegisseur' | 'nietAanZichzelf' | 'regisseurNietAanPlegerzijde', context: CaseContext, event: CaseEvent): Omit<Refusal, 'guard'> {
  const as: CaseEvent =
    event.type === 'regiewissel.voorgesteld'
      ? { type: 'regisseur.overgedragen', op: event.op, door: event.door, regisseur: event.regisseur, reden: event.reden }
      : event;
  const rule: Requirement = REQUIREMENTS[name];
  return rule.refusal(context, as);
}

export type RequirementName = keyof typeof REQUIREMENTS;
