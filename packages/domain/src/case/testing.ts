/**
 * Builders of case events for the domain's own tests. Not exported from the
 * package: production events are built by the use-cases from requests.
 */
import { defaultPolicy, type Policy } from '../policy.js';
import { decide, type CaseSnapshot } from './decide.js';
import type { Actor, CaseEvent, CaseOpened } from './events.js';
import type { Agreement, Closure, InformedStatus, LegalGround, Member, PartnerKey, ReportBackReason, SharingConsentStatus } from './types.js';
import type { LetterKind, LetterMethod } from './letters.js';

export const POLICY: Policy = defaultPolicy('Test');
/** The rule narrowed to cases marked as coordination on safety. */
export const NARROW_POLICY: Policy = { ...POLICY, version: 2, scope: 'coordinatie-op-veiligheid' };
export const ACTOR: Actor = { sub: 'mw-001', rol: 'lokaal-team', organisatie: 'Wijkteam' };
/** A professional in the network on the perpetrator's side, and a colleague who is not the regisseur. */
export const PERPETRATOR_SIDE: Actor = { sub: 'mw-009', rol: 'lokaal-team', organisatie: 'Reclassering', plegerzijde: true };
export const COLLEAGUE: Actor = { sub: 'mw-008', rol: 'lokaal-team', organisatie: 'Wijkteam' };
/** A network partner granted the explanatory analysis. */
/** The MDA++ coordinator, who records the expert meeting's outcome. */
export const COORDINATOR: Actor = { sub: 'mda-001', rol: 'mda-coordinator', organisatie: 'ZVH' };
export const PARTNER: Actor = { sub: 'ggz-1', rol: 'ketenpartner', organisatie: 'GGZ' };

export const MEMBERS: readonly Member[] = [
  { id: 'lid-1', voornamen: 'Ouder', voorvoegsel: null, geslachtsnaam: 'A', naam: 'Ouder A', geboortedatum: '1985-02-01', relatie: 'ouder', betrokkenheid: ['slachtoffer', 'pleger'] },
  { id: 'lid-2', voornamen: 'Kind', voorvoegsel: null, geslachtsnaam: 'B', naam: 'Kind B', geboortedatum: '2016-06-15', relatie: 'kind', betrokkenheid: ['getuige'] },
];

export function opened(op: string, overrides: Partial<CaseOpened> = {}): CaseOpened {
  return {
    type: 'casus.geopend',
    op,
    door: ACTOR,
    id: 'casus-1',
    gemeente: 'Nijmegen',
    bron: 'veilig-thuis',
    leden: MEMBERS,
    regisseur: { id: 'mw-001', organisatie: 'Wijkteam' },
    startdatum: op,
    beleid: POLICY,
    ...overrides,
  };
}

const envelope = (op: string) => ({ op, door: ACTOR });

/** An agreement made in the MDA++ expert meeting: not agreed by the household yet. */
export const meetingAgreement = (id: string): Agreement => ({ ...agreement(id), bron: 'expertoverleg', akkoordHuishouden: false });

export const agreement = (id: string, status: Agreement['status'] = 'open'): Agreement => ({
  id,
  omschrijving: `afspraak ${id}`,
  eigenaar: { soort: 'lid', lidId: 'lid-1' },
  deadline: '2026-03-01',
  status,
});

/** The partner's key as the network knows it (issue 17), and an agreement it owns. */
export const PARTNER_KEY: PartnerKey = { soort: 'professional', id: PARTNER.sub };
export const partnerAgreement = (id: string): Agreement => ({ ...agreement(id), eigenaar: { soort: 'professional', id: PARTNER.sub, organisatie: PARTNER.organisatie } });

export const events = {
  score: (op: string, score: number): CaseEvent => ({
    type: 'veiligheidsscore.vastgelegd',
    ...envelope(op),
    score,
    acties: ['actie 1', 'actie 2', 'actie 3'],
    perspectieven: [],
  }),
  /** The joint TOP3 score given at the MDA++ expert meeting (issue 18 point 3), by the coordinator unless `door` says otherwise. */
  meetingScore: (op: string, score: number, door: Actor = COORDINATOR): CaseEvent => ({
    type: 'veiligheidsscore.vastgelegd',
    op,
    door,
    score,
    acties: ['Huisbezoek samen met politie', 'Traumabehandeling moeder', 'Schuldhulp met voorrang'],
    perspectieven: [],
    bron: 'expertoverleg',
  }),
  plan: (op: string, afspraken: readonly Agreement[] = [agreement('a-1')]): CaseEvent => ({
    type: 'veiligheidsplan.vastgesteld',
    ...envelope(op),
    afspraken,
    akkoordHuishouden: { akkoord: 'ja', toelichting: null },
  }),
  agreementDone: (op: string, afspraakId: string): CaseEvent => ({ type: 'afspraak.status-gewijzigd', ...envelope(op), afspraakId, status: 'gedaan' }),
  agreementAgreed: (op: string, afspraakId: string): CaseEvent => ({ type: 'afspraak.akkoord-huishouden', ...envelope(op), afspraakId, toelichting: null }),
  analysis: (op: string): CaseEvent => ({ type: 'verklarende-analyse.vastgelegd', ...envelope(op), toelichting: 'analyse', problemen: ['schulden'] }),
  incident: (op: string, beleid: Policy = POLICY): CaseEvent => ({ type: 'incident.gemeld', ...envelope(op), datum: op, soort: 'fysiek', omschrijving: 'incident', beleid }),
  toCauses: (op: string): CaseEvent => ({ type: 'fase.naar-oorzaken-onderzoeken', ...envelope(op) }),
  toPrevention: (op: string): CaseEvent => ({ type: 'fase.naar-blijvend-voorkomen', ...envelope(op) }),
  toAftercare: (op: string): CaseEvent => ({ type: 'fase.naar-nazorg', ...envelope(op) }),
  close: (op: string, closure: Partial<Omit<Closure, 'op'>> = {}): CaseEvent => ({ type: 'casus.afgesloten', ...envelope(op), reden: 'stabiel-veilig', ...closure }),
  /** A closure as logs from before issue 16 hold it: free text, judged by the rule of its time. */
  closeLegacy: (op: string): CaseEvent => ({ type: 'casus.afgesloten', ...envelope(op), reden: 'stabiel veilig' }),
  proposeAnalysis: (op: string, voorstelId: string, door: Actor = PARTNER): CaseEvent => ({
    type: 'verklarende-analyse.voorgesteld',
    op,
    door,
    voorstelId,
    toelichting: 'Voorstel: schulden en trauma',
    problemen: ['schulden', 'trauma'],
  }),
  adoptAnalysis: (op: string, voorstelId: string): CaseEvent => ({
    type: 'verklarende-analyse.vastgelegd',
    ...envelope(op),
    toelichting: 'Voorstel: schulden en trauma',
    problemen: ['schulden', 'trauma'],
    akkoordHuishouden: { akkoord: 'gedeeltelijk', toelichting: null },
    voorstelId,
    voorgesteldDoor: PARTNER.sub,
  }),
  reportBack: (op: string, reden: ReportBackReason): CaseEvent => ({ type: 'terugmelding.vastgelegd', ...envelope(op), reden, toelichting: 'Teruggemeld aan Veilig Thuis.' }),
  markSafetyCoordination: (op: string, coordinatieOpVeiligheid: boolean): CaseEvent => ({
    type: 'casus.coordinatie-op-veiligheid-gewijzigd',
    ...envelope(op),
    coordinatieOpVeiligheid,
    toelichting: null,
  }),
  reopen: (op: string, beleid: Policy = POLICY): CaseEvent => ({ type: 'casus.heropend', ...envelope(op), reden: 'nieuwe melding', beleid, nieuwBegin: true }),
  /** A reopening as logs from before issue 16 hold it: the case went on under the rule of its time. */
  reopenLegacy: (op: string, beleid: Policy = POLICY): CaseEvent => ({ type: 'casus.heropend', ...envelope(op), reden: 'nieuwe melding', beleid }),
  handover: (op: string, to: string, extra: { door?: Actor; naarPlegerzijde?: true } = {}): CaseEvent => ({
    type: 'regisseur.overgedragen',
    ...envelope(op),
    regisseur: { id: to, organisatie: 'Wijkteam' },
    reden: 'verlof',
    ...extra,
  }),
  addMember: (op: string, id: string): CaseEvent => ({
    type: 'lid.toegevoegd',
    ...envelope(op),
    lid: { id, voornamen: 'Lid', voorvoegsel: null, geslachtsnaam: id, naam: `Lid ${id}`, geboortedatum: null, relatie: 'overig', betrokkenheid: [] },
  }),
  /** A letter sent (issue 17 point 7), on the day of `op`. */
  letter: (op: string, lidId: string, brief: LetterKind = 'start', wijze: LetterMethod = 'email'): CaseEvent => ({
    type: 'brief.verzonden',
    ...envelope(op),
    lidId,
    brief,
    verzondenOp: op.slice(0, 10),
    wijze,
    toelichting: null,
  }),
  /** An adult member who asked for no post at the home address (safe contact, issue 17 point 6). */
  addMemberNoPost: (op: string, id: string): CaseEvent => ({
    type: 'lid.toegevoegd',
    ...envelope(op),
    lid: { id, voornamen: null, voorvoegsel: null, geslachtsnaam: `Lid ${id}`, naam: `Lid ${id}`, geboortedatum: '1980-01-01', relatie: 'overig', betrokkenheid: [], veiligContact: { geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: null, toelichting: null } },
  }),
  correctMember: (op: string, lidId: string): CaseEvent => ({ type: 'lid.gecorrigeerd', ...envelope(op), lidId, wijzigingen: { geslachtsnaam: 'Gecorrigeerd' } }),
  /** A change to a member's sealing, by `door` (default the regisseur). */
  changeSealing: (op: string, lidId: string, wijzigingen: Partial<Omit<Member, 'id'>>, door: Actor = ACTOR): CaseEvent => ({ type: 'lid.gecorrigeerd', op, door, lidId, wijzigingen }),
  /** The regisseur (or `door`) names the household; null: back to the default. */
  designate: (op: string, aanduiding: string | null, door: Actor = ACTOR): CaseEvent => ({ type: 'casus.aanduiding-gewijzigd', op, door, aanduiding }),
  remind: (op: string, vensterNummer: number): CaseEvent => ({ type: 'veiligheidsdeadline.herinnerd', ...envelope(op), vensterNummer }),
  escalate: (op: string, reden: 'deadline' | 'handmatig', vensterNummer: number, opschalingId = `o-${op}`): CaseEvent => ({
    type: 'casus.opgeschaald',
    ...envelope(op),
    opschalingId,
    reden,
    toelichting: reden === 'handmatig' ? 'zorgen over veiligheid' : null,
    vensterNummer,
  }),
  decideEscalation: (op: string, opschalingId: string, besluit: 'mda-traject' | 'terug-naar-lokaal-team', beleid?: Policy): CaseEvent => ({
    type: besluit === 'mda-traject' ? 'opschaling.naar-mda-traject' : 'opschaling.terug-naar-lokaal-team',
    ...envelope(op),
    opschalingId,
    motivering: 'besproken',
    advies: besluit === 'terug-naar-lokaal-team' ? 'inzet huisarts' : null,
    ...(beleid ? { beleid } : {}),
  }),
  order: (op: string, days = 10): CaseEvent => ({ type: 'huisverbod.opgelegd', ...envelope(op), start: op, einde: new Date(new Date(op).getTime() + days * 86_400_000).toISOString() }),
  extendOrder: (op: string, einde: string): CaseEvent => ({ type: 'huisverbod.verlengd', ...envelope(op), einde }),
  remindOrder: (op: string, einde: string): CaseEvent => ({ type: 'huisverbod.herinnerd', ...envelope(op), einde }),
  deescalate: (op: string, beleid?: Policy, evaluatieId?: string): CaseEvent => ({
    type: 'casus.afgeschaald',
    ...envelope(op),
    reden: 'score weer op drempel',
    ...(beleid ? { beleid } : {}),
    ...(evaluatieId ? { evaluatieId } : {}),
  }),
  /** A referral for MDA++ by a partner (issue 18 point 1), by `door` (default a police officer in the network). */
  refer: (op: string, vensterNummer: number, opschalingId = `a-${op}`, door: Actor = { sub: 'pol-7', rol: 'ketenpartner', organisatie: 'Politie' }): CaseEvent => ({
    type: 'casus.opgeschaald',
    op,
    door,
    opschalingId,
    reden: 'aanmelding-partner',
    toelichting: 'structureel onveilig',
    vensterNummer,
    aangemeldDoor: { organisatie: door.organisatie, persoon: door.sub },
  }),
  /** The durable timer puts review `nummer` of the MDA++ track in the coordinator's queue (issue 18 point 4). */
  reviewDue: (op: string, evaluatieId: string, nummer: number): CaseEvent => ({ type: 'mda.evaluatie-klaargezet', ...envelope(op), evaluatieId, nummer }),
  reviewed: (op: string, evaluatieId: string, volgendeEvaluatie: string): CaseEvent => ({ type: 'mda.geevalueerd', ...envelope(op), evaluatieId, volgendeEvaluatie, toelichting: 'traject loopt' }),
  /** A handover proposal (issue 16 point 11) by `door` (default the regisseur). */
  propose: (op: string, to: string, voorstelId: string, extra: { door?: Actor; naarPlegerzijde?: true; naarOnbekend?: 'onbekend' | 'vertrokken' } = {}): CaseEvent => ({
    type: 'regiewissel.voorgesteld',
    ...envelope(op),
    voorstelId,
    regisseur: { id: to, organisatie: 'Wijkteam' },
    reden: 'verlof',
    ...extra,
  }),
  /** An answer to the open proposal by `sub` (a local-team professional). */
  answerProposal: (op: string, answer: 'geaccepteerd' | 'afgewezen' | 'ingetrokken', sub: string, voorstelId: string, naarPlegerzijde = false): CaseEvent => {
    const door: Actor = { sub, rol: 'lokaal-team', organisatie: 'Wijkteam' };
    if (answer === 'afgewezen') return { type: 'regiewissel.afgewezen', op, door, voorstelId, reden: null };
    if (answer === 'ingetrokken') return { type: 'regiewissel.ingetrokken', op, door, voorstelId };
    return { type: 'regiewissel.geaccepteerd', op, door, voorstelId, ...(naarPlegerzijde ? { naarPlegerzijde: true as const } : {}) };
  },
  signalProposal: (op: string, voorstelId: string, niveau: 'regisseurs' | 'beheerder'): CaseEvent => ({ type: 'regiewissel.gesignaleerd', ...envelope(op), voorstelId, niveau }),
  // Issue 17 points 5 and 6.
  /** The owner (`als`, by default the partner) marks an agreement done or lapsed, with a note. */
  ownerMarks: (op: string, afspraakId: string, status: 'gedaan' | 'vervallen' = 'gedaan', als: PartnerKey = PARTNER_KEY, door: Actor = PARTNER): CaseEvent => ({
    type: 'afspraak.status-gewijzigd',
    op,
    door,
    afspraakId,
    status,
    toelichting: 'Afgerond met het gezin',
    alsEigenaar: als,
  }),
  /** A scoring whose actions name agreements (`actieAfspraken`) and make new ones. */
  scoreTracked: (op: string, score: number, actieAfspraken: readonly [string | null, string | null, string | null], nieuweAfspraken: readonly Agreement[] = []): CaseEvent => ({
    type: 'veiligheidsscore.vastgelegd',
    ...envelope(op),
    score,
    acties: ['actie 1', 'actie 2', 'actie 3'],
    perspectieven: [],
    actieAfspraken,
    ...(nieuweAfspraken.length > 0 ? { nieuweAfspraken } : {}),
  }),
  perspective: (op: string, score: number, door: Actor = PARTNER, van: PartnerKey = PARTNER_KEY): CaseEvent => ({
    type: 'perspectief.vastgelegd',
    op,
    door,
    perspectiefId: `p-${op}`,
    van,
    score,
    toelichting: 'Ons beeld van de veiligheid',
  }),
  informed: (op: string, lidId: string, status: InformedStatus = 'ja', door: Actor = ACTOR): CaseEvent => ({
    type: 'lid.geinformeerd',
    op,
    door,
    lidId,
    status,
    reden: status === 'niet-om-veiligheidsredenen' ? 'De pleger mag niet weten dat er hulp is' : null,
    herzienOp: status === 'niet-om-veiligheidsredenen' ? '2026-06-01' : null,
  }),
  safeContact: (op: string, lidId: string, door: Actor = ACTOR): CaseEvent => ({
    type: 'lid.veilig-contact-vastgelegd',
    op,
    door,
    lidId,
    veiligContact: { geenPostThuisadres: true, kanaal: 'telefoon', veiligMoment: 'dinsdagochtend', toelichting: null },
  }),
  consent: (op: string, lidId: string, status: SharingConsentStatus, partner: PartnerKey = PARTNER_KEY, extra: { door?: Actor; andereGrondslag?: LegalGround } = {}): CaseEvent => ({
    type: 'toestemming.vastgelegd',
    op,
    door: extra.door ?? ACTOR,
    lidId,
    betrokkeneId: 'betrokkene-1',
    partner,
    organisatie: PARTNER.organisatie,
    status,
    sinds: op.slice(0, 10),
    toelichting: null,
    andereGrondslag: extra.andereGrondslag ?? null,
  }),
};

/** Applies events that must all be accepted. */
export function run(snapshot: CaseSnapshot, ...list: CaseEvent[]): CaseSnapshot {
  return list.reduce((s, event) => {
    const decision = decide(s, event);
    if (!decision.ok) throw new Error(`${event.type} refused: ${decision.refusal.code}`);
    return decision.snapshot;
  }, snapshot);
}

/** The refusal of an event that must be refused. */
export function refusal(snapshot: CaseSnapshot, event: CaseEvent) {
  const decision = decide(snapshot, event);
  if (decision.ok) throw new Error(`${event.type} was accepted`);
  return decision.refusal;
}
