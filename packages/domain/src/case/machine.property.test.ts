/**
 * Model-based tests of the case machine: random event sequences over random
 * time steps, checked against the domain's invariants after every step, and
 * a coverage check that every state is reached and every guarded transition
 * is both taken and refused by its own guard.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../time.js';
import { decide, mdaOf, openCase, phaseOf, type CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';
import { openAgreements } from './requirements.js';
import { describeStatechart } from './statechart.js';
import { ACTOR, agreement, COLLEAGUE, events, meetingAgreement, NARROW_POLICY, opened, PARTNER, partnerAgreement, PERPETRATOR_SIDE } from './testing.js';
import { MDA_STATES, PHASES } from './types.js';
import { workItemsOf } from './work-items.js';

const T0 = new Date('2026-01-15T09:00:00.000Z');

/** One step: how many days pass, then which event (its ids drawn from what the case may have). */
const stepArbitrary = fc.record({
  days: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10 }), fc.integer({ min: 20, max: 60 })),
  kind: fc.constantFrom(
    'score-high', 'score-high', 'score-high', 'score-low', 'score-bad-perspective', 'plan', 'plan-bad-owner', 'done', 'done-unknown', 'analysis',
    'toCauses', 'toCauses', 'toPrevention', 'toPrevention', 'toAftercare', 'toAftercare', 'close', 'close', 'close',
    'propose-analysis', 'adopt-analysis', 'adopt-analysis-stale', 'plan-from-meeting', 'agree', 'agree',
    'close-help-refused', 'close-moved', 'close-handed-over', 'close-deceased', 'close-deceased-unknown', 'report-back-help-refused', 'report-back-moved',
    'incident', 'reopen', 'handover', 'handover-same', 'handover-perpetrator-side', 'handover-self', 'addMember', 'correct', 'correct-unknown', 'seal', 'unseal', 'unseal-colleague', 'change-sealed-perpetrator',
    'remind', 'remind-stale', 'escalate-deadline', 'escalate-deadline', 'escalate-manual', 'decide-mda', 'decide-back', 'decide-back', 'decide-earlier', 'deescalate', 'deescalate',
    'order', 'order-extend', 'order-extend-too-long', 'order-remind', 'order-remind-wrong',
    'mark', 'unmark', 'incident-narrow',
    // The next step towards closure (or reopening, or out of MDA++), so that every phase is reached often.
    'progress', 'progress', 'progress', 'progress', 'progress', 'progress',
    'link', 'offer-move', 'withdraw-move', 'take-move', 'split', 'split-late', 'split-unknown',
    // A handover proposal and its answers (issue 16 point 11).
    'propose', 'propose', 'propose-unknown', 'propose-same', 'propose-self', 'propose-perpetrator-side', 'accept', 'accept', 'accept-other', 'accept-perpetrator-side',
    'decline', 'withdraw', 'withdraw-other', 'answer-stale', 'signal',
    // Issue 17: partners act on the plan, TOP3 actions are tracked, and what the regisseur records per member.
    'plan-partner', 'owner-done', 'owner-done', 'owner-not-owner', 'owner-not-open', 'score-tracked', 'score-tracked', 'score-unknown-action', 'score-new-bad-owner',
    'perspective', 'perspective-regisseur', 'inform', 'inform-safety', 'inform-colleague', 'inform-unknown', 'safe-contact',
    'consent-yes', 'consent-no', 'consent-withdraw', 'consent-withdraw', 'consent-withdraw-without', 'consent-colleague',
    // Issue 17: per child (lid-2 is the household's child), and an incident the police were involved in.
    'child-talk', 'child-talk-adult', 'child-talk-unknown', 'child-screening', 'child-screening-not-needed', 'hwc-sent', 'hwc-not-applicable', 'incident-police', 'incident-police',
    'decline', 'withdraw', 'withdraw-other', 'answer-stale', 'signal', 'signal',
    // Letters sent (issue 17 point 7): to an adult, a child, no member; the closing letter and the plan; post to a member who wants none.
    'letter', 'letter-child', 'letter-unknown', 'letter-closing', 'letter-plan', 'add-member-no-post', 'letter-post-no-post',
    // Issue 18 point 3: the joint score at the MDA++ expert meeting, by the coordinator (in or out of the track) or by someone else.
    'score-meeting', 'score-meeting', 'score-meeting-not-coordinator',
  ),
  agreements: fc.integer({ min: 0, max: 3 }),
  score: fc.integer({ min: 0, max: 10 }),
});
/**
 * The household's aanduiding (issue 17): set, unchanged, with a sealed address, from the perpetrator's side, back
 * to the default. Walked in a script of their own below, so the random steps (and what the fixed seed covers) stay as they were.
 */
type DesignationKind = 'designate' | 'designate-same' | 'designate-sealed' | 'designate-perpetrator' | 'designate-default';
/**
 * Issue 18: a partner's referral (and one from the perpetrator's side), the reviews of the MDA++ track (due, too
 * early, going on, a date in the past, a review that does not wait) and de-escalation as a review's outcome. Walked
 * in a script of their own below, like the aanduiding.
 */
type MdaKind = 'refer' | 'refer-perpetrator' | 'review-due' | 'reviewed' | 'reviewed-past' | 'reviewed-other' | 'deescalate-review';
type Step = Omit<typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never, 'kind'> & { readonly kind: (typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never)['kind'] | DesignationKind | MdaKind };

/** `escalations`: the ids of the case's accepted escalations, oldest first (the context keeps the latest only). */
/** The step `progress` stands for: what moves this case on towards closure now. */
function progressKind(snapshot: CaseSnapshot, previous: Step['kind'] | undefined): Step['kind'] {
  const context = snapshot.context;
  const mda = mdaOf(snapshot);
  if (mda === 'opgeschaald') return 'decide-back';
  if (mda === 'mda-traject') return previous === 'score-high' ? 'deescalate' : 'score-high';
  if (openAgreements(context).length > 0) return 'done';
  switch (phaseOf(snapshot)) {
    case 'afgesloten': return 'reopen';
    case 'directe-veiligheid': return context.huidigPlan === null ? 'plan' : previous === 'score-high' ? 'toCauses' : 'score-high';
    case 'oorzaken-onderzoeken': return context.analyse === null ? 'analysis' : 'toPrevention';
    case 'blijvend-voorkomen': return 'toAftercare';
    case 'nazorg': return previous === 'score-high' ? 'close' : 'score-high';
  }
}

function eventFor(step: Step, snapshot: CaseSnapshot, op: string, index: number, escalations: readonly string[]): CaseEvent {
  const context = snapshot.context;
  switch (step.kind) {
    case 'progress': throw new Error('progress is resolved by runSequence');
    case 'score-high': return events.score(op, 6 + (step.score % 5));
    case 'score-low': return events.score(op, step.score % 6);
    case 'score-bad-perspective': {
      const base = events.score(op, step.score);
      return { ...base, perspectieven: [{ van: { soort: 'lid', lidId: 'niemand' }, score: 3 }] } as CaseEvent;
    }
    case 'plan': return events.plan(op, Array.from({ length: step.agreements }, (_, i) => agreement(`a-${index}-${i}`)));
    case 'plan-bad-owner': return events.plan(op, [{ ...agreement(`a-${index}`), eigenaar: { soort: 'lid', lidId: 'niemand' } }]);
    case 'done': return events.agreementDone(op, openAgreements(context)[0]?.id ?? 'geen');
    case 'done-unknown': return events.agreementDone(op, 'bestaat-niet');
    case 'analysis': return events.analysis(op);
    case 'toCauses': return events.toCauses(op);
    case 'toPrevention': return events.toPrevention(op);
    case 'toAftercare': return events.toAftercare(op);
    case 'close': return events.close(op);
    case 'close-help-refused': return events.close(op, { reden: 'hulp-geweigerd' });
    case 'close-moved': return events.close(op, { reden: 'verhuisd-buiten-regio', gemeente: 'Utrecht' });
    case 'close-handed-over': return events.close(op, { reden: 'overgedragen', naar: { soort: 'veilig-thuis', naam: 'Veilig Thuis' } });
    case 'close-deceased': return events.close(op, { reden: 'overleden', lidId: context.leden[0]?.id ?? 'lid-1', toelichting: 'overleden' });
    case 'close-deceased-unknown': return events.close(op, { reden: 'overleden', lidId: 'niemand', toelichting: 'overleden' });
    case 'plan-from-meeting': return events.plan(op, [...(context.huidigPlan?.afspraken ?? []), meetingAgreement(`m-${index}`)]);
    case 'agree': return events.agreementAgreed(op, context.huidigPlan?.afspraken.find((a) => a.akkoordHuishouden === false)?.id ?? context.huidigPlan?.afspraken[0]?.id ?? 'geen');
    case 'propose-analysis': return events.proposeAnalysis(op, `v-${index}`);
    case 'adopt-analysis': return events.adoptAnalysis(op, context.analyseVoorstel?.id ?? 'geen');
    case 'adopt-analysis-stale': return events.adoptAnalysis(op, 'niet-meer');
    case 'report-back-help-refused': return events.reportBack(op, 'hulp-geweigerd');
    case 'report-back-moved': return events.reportBack(op, 'verhuisd-buiten-regio');
    case 'incident': return events.incident(op);
    case 'reopen': return events.reopen(op);
    case 'handover': return events.handover(op, `mw-${index}`);
    case 'handover-same': return events.handover(op, context.regisseur.id);
    case 'handover-self': return events.handover(op, 'beheer-001', { door: { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente' } });
    case 'handover-perpetrator-side': return events.handover(op, `mw-p${index}`, { naarPlegerzijde: true });
    case 'addMember': return events.addMember(op, `lid-x${index}`);
    case 'correct': return events.correctMember(op, context.leden[0]?.id ?? 'lid-1');
    case 'correct-unknown': return events.correctMember(op, 'bestaat-niet');
    case 'seal': return events.changeSealing(op, 'lid-1', { afgeschermd: true, adres: 'Schuilplek 1' }, COLLEAGUE);
    case 'unseal': return events.changeSealing(op, 'lid-1', { afgeschermd: false });
    // Refused while lid-1 is sealed (sealing.ts): only the regisseur unseals; the perpetrator side changes nothing of it.
    case 'unseal-colleague': return events.changeSealing(op, 'lid-1', { afgeschermd: false }, COLLEAGUE);
    case 'change-sealed-perpetrator': return events.changeSealing(op, 'lid-1', { geslachtsnaam: 'Anders' }, PERPETRATOR_SIDE);
    case 'designate': return events.designate(op, `Gezin ${index}`);
    case 'designate-same': return events.designate(op, context.aanduiding ?? null);
    // Refused while lid-1 is sealed with this address (the step 'seal').
    case 'designate-sealed': return events.designate(op, 'Gezin op de schuilplek 1');
    case 'designate-perpetrator': return events.designate(op, `Gezin ${index}`, PERPETRATOR_SIDE);
    case 'designate-default': return events.designate(op, null);
    case 'remind': return events.remind(op, context.vensters.length);
    case 'remind-stale': return events.remind(op, context.vensters.length + 1);
    case 'escalate-deadline': return events.escalate(op, 'deadline', context.vensters.length, `o-${index}`);
    case 'escalate-manual': return events.escalate(op, 'handmatig', context.vensters.length, `o-${index}`);
    case 'decide-mda': return events.decideEscalation(op, context.laatsteOpschaling?.id ?? 'geen', 'mda-traject');
    case 'decide-back': return events.decideEscalation(op, context.laatsteOpschaling?.id ?? 'geen', 'terug-naar-lokaal-team');
    // A decision naming an earlier escalation than the one waiting.
    case 'decide-earlier': return events.decideEscalation(op, escalations[0] ?? 'geen', 'terug-naar-lokaal-team');
    case 'deescalate': return events.deescalate(op);
    case 'refer': return events.refer(op, context.vensters.length, `a-${index}`);
    case 'refer-perpetrator': return events.refer(op, context.vensters.length, `a-${index}`, { ...PERPETRATOR_SIDE, rol: 'ketenpartner' });
    case 'review-due': return events.reviewDue(op, `e-${index}`, context.mdaEvaluatie?.nummer ?? 1);
    case 'reviewed': return events.reviewed(op, context.mdaEvaluatie?.evaluatieId ?? 'geen', new Date(new Date(op).getTime() + 90 * 86_400_000).toISOString());
    case 'reviewed-past': return events.reviewed(op, context.mdaEvaluatie?.evaluatieId ?? 'geen', new Date(new Date(op).getTime() - 86_400_000).toISOString());
    case 'reviewed-other': return events.reviewed(op, 'niet-deze', new Date(new Date(op).getTime() + 90 * 86_400_000).toISOString());
    case 'deescalate-review': return events.deescalate(op, undefined, context.mdaEvaluatie?.evaluatieId ?? 'geen');
    case 'order': return events.order(op);
    case 'order-extend': {
      const start = context.huisverbod?.start ?? op;
      return events.extendOrder(op, new Date(new Date(start).getTime() + 20 * 86_400_000).toISOString());
    }
    case 'order-extend-too-long': {
      const start = context.huisverbod?.start ?? op;
      return events.extendOrder(op, new Date(new Date(start).getTime() + 40 * 86_400_000).toISOString());
    }
    case 'order-remind': return events.remindOrder(op, context.huisverbod?.einde ?? op);
    case 'order-remind-wrong': return events.remindOrder(op, 'nooit');
    // A handover proposal and its answers (issue 16 point 11).
    case 'propose': return events.propose(op, `mw-v${index}`, `v-${index}`);
    case 'propose-unknown': return events.propose(op, `mw-v${index}`, `v-${index}`, { naarOnbekend: step.score % 2 === 0 ? 'onbekend' : 'vertrokken' });
    case 'propose-same': return events.propose(op, context.regisseur.id, `v-${index}`);
    case 'propose-self': return events.propose(op, 'beheer-001', `v-${index}`, { door: { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente' } });
    case 'propose-perpetrator-side': return events.propose(op, `mw-p${index}`, `v-${index}`, { naarPlegerzijde: true });
    case 'accept': return events.answerProposal(op, 'geaccepteerd', context.regiewissel?.regisseur.id ?? 'niemand', context.regiewissel?.id ?? 'geen');
    case 'accept-other': return events.answerProposal(op, 'geaccepteerd', 'mw-ander', context.regiewissel?.id ?? 'geen');
    case 'accept-perpetrator-side': return events.answerProposal(op, 'geaccepteerd', context.regiewissel?.regisseur.id ?? 'niemand', context.regiewissel?.id ?? 'geen', true);
    case 'decline': return events.answerProposal(op, 'afgewezen', context.regiewissel?.regisseur.id ?? 'niemand', context.regiewissel?.id ?? 'geen');
    case 'withdraw': return events.answerProposal(op, 'ingetrokken', context.regiewissel?.voorgesteldDoor ?? 'niemand', context.regiewissel?.id ?? 'geen');
    case 'withdraw-other': return events.answerProposal(op, 'ingetrokken', 'mw-ander', context.regiewissel?.id ?? 'geen');
    case 'answer-stale': return events.answerProposal(op, 'afgewezen', context.regiewissel?.regisseur.id ?? 'niemand', 'v-oud');
    case 'signal': return events.signalProposal(op, context.regiewissel?.id ?? 'geen', step.score % 2 === 0 ? 'regisseurs' : 'beheerder');
    case 'letter': return events.letter(op, 'lid-1');
    case 'letter-child': return events.letter(op, 'lid-2');
    case 'letter-unknown': return events.letter(op, 'niemand');
    case 'letter-closing': return events.letter(op, 'lid-1', 'afsluiting');
    case 'letter-plan': return events.letter(op, 'lid-1', 'veiligheidsplan');
    case 'add-member-no-post': return events.addMemberNoPost(op, `lid-np${index}`);
    case 'letter-post-no-post': return events.letter(op, context.leden.find((m) => m.veiligContact?.geenPostThuisadres)?.id ?? 'lid-1', 'start', 'post');
    case 'mark': return events.markSafetyCoordination(op, true);
    case 'unmark': return events.markSafetyCoordination(op, false);
    // New violence under a policy that narrows the rule to cases marked as coordination on safety.
    case 'incident-narrow': return events.incident(op, NARROW_POLICY);
    // Issue 16: links, moves and undone merges (household.test.ts has their rules one by one).
    case 'link': return { type: 'casus.gekoppeld', op, door: events.close(op).door, casusId: `c-${index}`, reden: 'gedeeld-lid', regisseur: { id: 'mw-002', organisatie: 'Wijkteam' } };
    case 'offer-move': return { type: 'verhuizing.aangeboden', op, door: events.close(op).door, naarGemeente: 'Wijchen', toelichting: 'verhuisd' };
    case 'withdraw-move': return { type: 'verhuizing.ingetrokken', op, door: events.close(op).door, naarGemeente: 'Wijchen' };
    case 'take-move': return { type: 'verhuizing.overgenomen', op, door: events.close(op).door, gemeente: 'Wijchen', regisseur: { id: `mw-${index}`, organisatie: 'Wijkteam Wijchen' } };
    case 'split': return { type: 'leden.afgesplitst', op, door: events.close(op).door, lidIds: context.leden.slice(1).map((lid) => lid.id), naarCasusId: `c-${index}`, berichtId: `b-${index}`, samengevoegdOp: op };
    case 'split-late': return { type: 'leden.afgesplitst', op, door: events.close(op).door, lidIds: context.leden.slice(1).map((lid) => lid.id), naarCasusId: `c-${index}`, berichtId: `b-${index}`, samengevoegdOp: T0.toISOString() };
    case 'plan-partner': return events.plan(op, [...(context.huidigPlan?.afspraken ?? []), partnerAgreement(`pa-${index}`)]);
    case 'owner-done': return events.ownerMarks(op, openAgreements(context).find((a) => a.eigenaar.soort === 'professional')?.id ?? 'geen', step.score % 2 === 0 ? 'gedaan' : 'vervallen');
    case 'owner-not-owner': return events.ownerMarks(op, context.huidigPlan?.afspraken[0]?.id ?? 'geen', 'gedaan', { soort: 'organisatie', oin: '00000001000000000009' });
    case 'owner-not-open': return events.ownerMarks(op, context.huidigPlan?.afspraken.find((a) => a.eigenaar.soort === 'professional' && a.status !== 'open')?.id ?? 'geen');
    case 'score-tracked': {
      const existing = context.huidigPlan?.afspraken[0]?.id ?? null;
      // A new agreement for the second action; without a plan the scoring is refused (planVoorNieuweActies).
      return events.scoreTracked(op, step.score, [existing, `n-${index}`, null], [{ ...agreement(`n-${index}`), bron: 'top3' }]);
    }
    case 'score-unknown-action': return events.scoreTracked(op, step.score, ['bestaat-niet', null, null]);
    case 'score-new-bad-owner': return events.scoreTracked(op, step.score, [`n-${index}`, null, null], [{ ...agreement(`n-${index}`), eigenaar: { soort: 'lid', lidId: 'niemand' } }]);
    case 'score-meeting': return events.meetingScore(op, step.score);
    case 'score-meeting-not-coordinator': return events.meetingScore(op, step.score, ACTOR);
    case 'perspective': return events.perspective(op, step.score);
    case 'perspective-regisseur': return events.perspective(op, step.score, { ...ACTOR, sub: context.regisseur.id }, { soort: 'professional', id: context.regisseur.id });
    case 'inform': return events.informed(op, context.leden[0]?.id ?? 'lid-1', step.score % 2 === 0 ? 'ja' : 'nee', { ...ACTOR, sub: context.regisseur.id });
    case 'inform-safety': return events.informed(op, context.leden[0]?.id ?? 'lid-1', 'niet-om-veiligheidsredenen', { ...ACTOR, sub: context.regisseur.id });
    case 'inform-colleague': return events.informed(op, context.leden[0]?.id ?? 'lid-1', 'ja', COLLEAGUE);
    case 'inform-unknown': return events.informed(op, 'niemand', 'ja', { ...ACTOR, sub: context.regisseur.id });
    case 'safe-contact': return events.safeContact(op, context.leden[0]?.id ?? 'lid-1', { ...ACTOR, sub: context.regisseur.id });
    case 'consent-yes': return events.consent(op, context.leden[0]?.id ?? 'lid-1', 'ja', undefined, { door: { ...ACTOR, sub: context.regisseur.id } });
    case 'consent-no': return events.consent(op, context.leden[0]?.id ?? 'lid-1', 'nee', undefined, { door: { ...ACTOR, sub: context.regisseur.id } });
    case 'consent-withdraw': return events.consent(op, context.leden[0]?.id ?? 'lid-1', 'ingetrokken', undefined, { door: { ...ACTOR, sub: context.regisseur.id } });
    // A withdrawal without consent given: refused (intrekkingNaToestemming) unless lid-1 gave it to this partner.
    case 'consent-withdraw-without': return events.consent(op, context.leden[0]?.id ?? 'lid-1', 'ingetrokken', { soort: 'organisatie', oin: '00000001000000000009' }, { door: { ...ACTOR, sub: context.regisseur.id } });
    case 'consent-colleague': return events.consent(op, context.leden[0]?.id ?? 'lid-1', 'ja', undefined, { door: COLLEAGUE });
    case 'child-talk': return { type: 'kind.gesprek-vastgelegd', op, door: events.close(op).door, lidId: 'lid-2', datum: op.slice(0, 10) };
    case 'child-talk-adult': return { type: 'kind.gesprek-vastgelegd', op, door: events.close(op).door, lidId: 'lid-1', datum: op.slice(0, 10) };
    case 'child-talk-unknown': return { type: 'kind.gesprek-vastgelegd', op, door: events.close(op).door, lidId: 'niemand', datum: op.slice(0, 10) };
    case 'child-screening': return { type: 'kind.traumascreening-gewogen', op, door: events.close(op).door, lidId: 'lid-2', screening: { uitkomst: 'gedaan', instrument: 'CRIES-13', datum: op.slice(0, 10) } };
    case 'child-screening-not-needed': return { type: 'kind.traumascreening-gewogen', op, door: events.close(op).door, lidId: 'lid-2', screening: { uitkomst: 'niet-nodig', reden: 'geen klachten' } };
    case 'hwc-sent': return { type: 'kind.handle-with-care-vastgelegd', op, door: events.close(op).door, lidId: 'lid-2', signaal: { uitkomst: 'verstuurd', verstuurdOp: op, school: 'De Klimop' } };
    case 'hwc-not-applicable': return { type: 'kind.handle-with-care-vastgelegd', op, door: events.close(op).door, lidId: 'lid-2', signaal: { uitkomst: 'niet-van-toepassing', reden: 'gaat niet naar school' } };
    case 'incident-police': return { ...events.incident(op), bron: 'politie', vorm: 'partnergeweld' } as CaseEvent;
    case 'split-unknown': return { type: 'leden.afgesplitst', op, door: events.close(op).door, lidIds: ['niemand'], naarCasusId: `c-${index}`, berichtId: `b-${index}`, samengevoegdOp: op };
  }
}

interface Coverage {
  states: Set<string>;
  taken: Set<string>;
  refusedBy: Set<string>;
}

/** Runs one sequence, asserting the invariants after every step. */
function runSequence(steps: readonly Step[], coverage?: Coverage): void {
  let snapshot = openCase(opened(T0.toISOString()));
  let now = T0;
  // Every escalation opened (the context keeps only the latest): id, reason, window; and every deadline that
  // escalated (opened one, or joined the one waiting), by window.
  const escalations: { id: string; reden: string; vensterNummer: number }[] = [];
  const deadlineEscalations: number[] = [];
  let previousKind: Step['kind'] | undefined;
  coverage?.states.add(phaseOf(snapshot));
  steps.forEach((step, index) => {
    now = new Date(now.getTime() + step.days * 86_400_000);
    const kind = step.kind === 'progress' ? progressKind(snapshot, previousKind) : step.kind;
    previousKind = kind;
    const event = eventFor({ ...step, kind }, snapshot, now.toISOString(), index, escalations.map((e) => e.id));
    const before = snapshot;
    const decision = decide(snapshot, event);
    if (decision.ok) {
      snapshot = decision.snapshot;
      if (event.type === 'casus.opgeschaald') {
        // While an escalation by hand waits, the deadline joins it: still one escalation.
        if (mdaOf(before) === 'geen') escalations.push({ id: event.opschalingId, reden: event.reden, vensterNummer: event.vensterNummer });
        else expect(snapshot.context.laatsteOpschaling?.redenen).toEqual(['handmatig', 'deadline']);
        if (event.reden === 'deadline') deadlineEscalations.push(event.vensterNummer);
      }
      // The context's latest escalation is the last one accepted.
      expect(snapshot.context.laatsteOpschaling?.id).toBe(escalations.at(-1)?.id);
      coverage?.taken.add(`${phaseOf(before)}|${event.type}`);
      coverage?.taken.add(`mda:${mdaOf(before)}|${event.type}`);
    } else {
      coverage?.refusedBy.add(decision.refusal.guard);
      expect(decision.refusal.code).toMatch(/^(casus|opschaling|regiewissel|medewerker|brief)\./);
      expect(decision.refusal.message.length).toBeGreaterThan(10);
    }
    const phase = phaseOf(snapshot);
    coverage?.states.add(phase);
    coverage?.states.add(`mda:${mdaOf(snapshot)}`);

    // 1 gezin, 1 plan, 1 regisseur: exactly one regisseur at every moment.
    expect(typeof snapshot.context.regisseur.id).toBe('string');
    expect(snapshot.context.regisseur.id.length).toBeGreaterThan(0);
    expect(PHASES).toContain(phase);

    // Nothing reaches afgesloten from the MDA++ track, and each reason only by its own rule.
    if (phase === 'afgesloten' && phaseOf(before) !== 'afgesloten' && event.type === 'casus.afgesloten') {
      expect(mdaOf(before)).toBe('geen');
      const window = before.context.vensters.at(-1);
      const since = before.context.stabielSinds;
      const trajectoryStart = before.context.laatsteHeropening?.op ?? before.context.geopendOp;
      switch (event.reden) {
        case 'stabiel-veilig':
          // Evidence: the run lasted the period, enough scores in it, the latest recent, no incident in it, no open agreement.
          expect(phaseOf(before)).toBe('nazorg');
          expect(since).not.toBeNull();
          expect(addCalendarMonths(new Date(since ?? ''), window?.beleid.stabilityMonths ?? 0).getTime()).toBeLessThanOrEqual(now.getTime());
          expect(before.context.stabieleScores).toBeGreaterThanOrEqual(window?.beleid.stabilityMinScores ?? 2);
          expect(addCalendarMonths(new Date(before.context.laatsteScore?.gescoordOp ?? 0), window?.beleid.stabilityLatestScoreMonths ?? 1).getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect((before.context.laatsteIncident?.datum ?? '') < addCalendarMonths(now, -(window?.beleid.stabilityMonths ?? 0)).toISOString()).toBe(true);
          expect(openAgreements(before.context)).toHaveLength(0);
          break;
        case 'hulp-geweigerd':
        case 'verhuisd-buiten-regio':
          expect((before.context.terugmeldingen[event.reden] ?? '') >= trajectoryStart).toBe(true);
          break;
        case 'overleden':
          expect(before.context.leden.map((m) => m.id)).toContain(event.lidId);
          break;
        default:
          break;
      }
    }

    // A window escalates for its deadline at most once, never before the deadline, never while a 6 stands,
    // never where the rule does not apply.
    expect(new Set(deadlineEscalations).size).toBe(deadlineEscalations.length);
    if (event.type === 'casus.opgeschaald' && event.reden === 'deadline' && decision.ok) {
      const window = before.context.vensters.at(-1);
      expect(window?.drempelBereiktOp).toBeNull();
      expect(window?.regelVanToepassing).not.toBe(false);
      expect(new Date(event.op).getTime()).toBeGreaterThanOrEqual(new Date(window?.deadline ?? 0).getTime());
    }
    // A 6 counts while it stands: a met window's latest joint score is at or above its threshold, and the run
    // began by the deadline.
    const current = snapshot.context.vensters.at(-1);
    if (current?.drempelBereiktOp) {
      expect(snapshot.context.laatsteScore?.score ?? -1).toBeGreaterThanOrEqual(current.beleid.safetyThreshold);
      expect(current.drempelBereiktOp <= current.deadline).toBe(true);
    }
    // A score below the threshold never leaves a 6 standing; after a met deadline it opens a new window from it.
    if (event.type === 'veiligheidsscore.vastgelegd' && decision.ok && event.score < (before.context.vensters.at(-1)?.beleid.safetyThreshold ?? 0)) {
      const was = before.context.vensters.at(-1);
      expect(current?.drempelBereiktOp).toBeNull();
      if (was?.drempelBereiktOp && event.op > was.deadline) expect(current).toMatchObject({ nummer: was.nummer + 1, reden: 'terugval', start: event.op });
      else expect(current?.nummer).toBe(was?.nummer);
    }
    // A hand-back from MDA++ opens a new window.
    if ((event.type === 'opschaling.terug-naar-lokaal-team' || event.type === 'casus.afgeschaald') && decision.ok) {
      expect(snapshot.context.vensters.length).toBe(before.context.vensters.length + 1);
      expect(current?.start).toBe(event.op);
    }
    // A closed case is never escalated.
    if (event.type === 'casus.opgeschaald' && decision.ok) expect(phaseOf(before)).not.toBe('afgesloten');

    // The regisseur changes only by a handover or an accepted proposal, to the one proposed.
    if (decision.ok && before.context.regisseur.id !== snapshot.context.regisseur.id) {
      expect(['regisseur.overgedragen', 'regiewissel.geaccepteerd', 'verhuizing.overgenomen']).toContain(event.type);
      if (event.type === 'regiewissel.geaccepteerd') expect(snapshot.context.regisseur.id).toBe(before.context.regiewissel?.regisseur.id);
    }

    // A partner's own perspective never counts as the joint score: no score, window or run changes (issue 17).
    if (event.type === 'perspectief.vastgelegd' && decision.ok) {
      for (const field of ['laatsteScore', 'vensters', 'stabielSinds', 'stabieleScores', 'herinnerdVenster'] as const) expect(snapshot.context[field]).toEqual(before.context[field]);
    }
    // A partner changes only an agreement it owns, and only from open.
    if (event.type === 'afspraak.status-gewijzigd' && event.alsEigenaar && decision.ok) {
      const was = before.context.huidigPlan?.afspraken.find((a) => a.id === event.afspraakId);
      expect(was?.status).toBe('open');
      expect(was?.eigenaar).toMatchObject({ soort: 'professional', id: PARTNER.sub });
    }
    // A withdrawal follows a consent given to that partner.
    if (event.type === 'toestemming.vastgelegd' && event.status === 'ingetrokken' && decision.ok) {
      // Only a consent given (or withdrawn before, recorded again: intrekkingNaToestemming) is withdrawn.
      expect(['ja', 'ingetrokken']).toContain(before.context.leden.find((m) => m.id === event.lidId)?.toestemmingen?.find((c) => c.partner.soort === event.partner.soort)?.status);
    }

    // An accepted incident always lands in directe-veiligheid.
    if (event.type === 'incident.gemeld' && decision.ok) expect(phase).toBe('directe-veiligheid');

    // Issue 17: after a police-involved incident every child has a Handle with Care signal due (a werkvoorraad
    // item of an open case), until one is recorded at or after it; a closed case implies no item.
    const children = snapshot.context.leden.filter((lid) => lid.relatie === 'kind');
    if (event.type === 'incident.gemeld' && event.bron === 'politie' && decision.ok) {
      for (const child of children) expect(snapshot.context.kinderen?.[child.id]?.handleWithCareNodigSinds).toBeTruthy();
    }
    if (event.type === 'kind.handle-with-care-vastgelegd' && decision.ok) expect(snapshot.context.kinderen?.[event.lidId]?.handleWithCareNodigSinds ?? null).toBeNull();
    // (In the invariant runs only: the coverage run's many long sequences need no second look at the same rule.)
    const items = coverage ? [] : workItemsOf(snapshot);
    if (coverage) {
      // Covered by the invariant runs above.
    } else if (phase === 'afgesloten') expect(items).toEqual([]);
    else {
      expect(items.filter((item) => item.kind === 'veiligheidsscore-gepland')).toHaveLength(1);
      expect(items.filter((item) => item.kind === 'handle-with-care').map((item) => item.ref).sort()).toEqual(
        children.filter((child) => snapshot.context.kinderen?.[child.id]?.handleWithCareNodigSinds).map((child) => child.id).sort(),
      );
      expect(items.filter((item) => item.kind === 'afspraak-deadline')).toHaveLength(openAgreements(snapshot.context).length);
    }

    // The case is never half-changed by a refusal.
    if (!decision.ok) expect(snapshot).toBe(before);
  });
}

describe('case machine properties', () => {
  it('holds its invariants over random event sequences', () => {
    fc.assert(fc.property(fc.array(stepArbitrary, { minLength: 1, maxLength: 60 }), (steps) => runSequence(steps)), { numRuns: 300 });
  });

  it('reaches every state and takes and refuses every guarded transition (fixed seed, so coverage is repeatable)', () => {
    const coverage: Coverage = { states: new Set(), taken: new Set(), refusedBy: new Set() };
    // One scripted walk besides the random ones: closing too soon, then back through the phases within weeks of
    // new violence, so a closure as stabiel-veilig meets an incident in its stability period (random sequences
    // hold so many incidents that a short run without one is rare, and this walk rarer still).
    const step = (kind: Step['kind'], days = 0): Step => ({ days, kind, agreements: 0, score: 9 });
    runSequence(
      [{ ...step('plan'), agreements: 1 }, step('score-high'), step('toCauses'), step('analysis'), step('toPrevention'), step('toAftercare'), step('close', 10), step('incident', 5), step('score-high', 1), step('toCauses'), step('toPrevention'), step('toAftercare'), step('close', 10),
       // One old safe score, then two with the latest too old, then a recent one; an agreement still open, then done.
       step('close', 100), step('score-high'), step('close', 40), step('score-high'), step('close'), step('done'), step('close'),
       // A repeat starts fresh: the old plan and analysis do not count after the reopening.
       step('reopen', 30), step('score-high'), step('toCauses'), step('plan'), step('toCauses'), step('toPrevention'), step('analysis'), step('toPrevention'),
       // An unanswered proposal signalled twice at one level (the second is refused), then issue 17's records and their refusals.
       step('propose'), step('signal', 3), step('signal'), step('withdraw'),
       step('plan-partner'), step('owner-done'), step('owner-not-open'), step('owner-not-owner'), step('score-tracked'), step('score-unknown-action'), step('score-new-bad-owner'),
       step('perspective'), step('perspective-regisseur'), step('inform-safety'), step('inform-colleague'), step('inform-unknown'), step('safe-contact'),
       step('consent-withdraw-without'), step('consent-yes'), step('consent-withdraw'), step('consent-colleague')],
      coverage,
    );
    // Out of MDA++ only with a score given since the escalation (scoreOpDrempelNaOpschaling refused, then taken).
    runSequence([step('score-high'), step('escalate-manual', 1), step('decide-mda', 1), step('deescalate', 1), step('score-high', 1), step('deescalate')], coverage);
    // Issue 18: referrals (the perpetrator's side refused in every track state), and the reviews of the MDA++ track.
    runSequence(
      [step('refer-perpetrator'), step('refer'), step('refer-perpetrator'), step('refer'), step('decide-mda', 1), step('refer-perpetrator'),
       step('review-due', 10), step('review-due', 90), step('review-due'), step('reviewed-other'), step('reviewed-past'), step('reviewed'), step('reviewed'),
       step('review-due', 91), step('deescalate-review'), step('score-high'), step('deescalate-review'), step('reviewed')],
      coverage,
    );
    runSequence(
      [step('designate-default'), step('designate'), step('designate-same'), step('seal'), step('designate-sealed'), step('designate-perpetrator'), step('designate-default'), step('close-help-refused'), step('designate')],
      coverage,
    );
    fc.assert(
      fc.property(fc.array(stepArbitrary, { minLength: 40, maxLength: 120 }), (steps) => runSequence(steps, coverage)),
      { numRuns: 600, seed: 20261204 },
    );
    expect([...coverage.states].sort()).toEqual([...PHASES, ...MDA_STATES.map((m) => `mda:${m}`)].sort());

    const chart = describeStatechart();
    const guards = new Set(chart.overgangen.flatMap((t) => t.voorwaarden));
    for (const guard of guards) expect(coverage.refusedBy, `guard ${guard} never refused`).toContain(guard);

    // Every transition of the chart was taken at least once from some phase it applies to.
    const phaseOfPath = (path: string) => (path.startsWith('mda.') ? `mda:${path.slice(4)}` : (path.split('.').at(-1) ?? path));
    for (const t of chart.overgangen) {
      const from = phaseOfPath(t.van);
      // A transition of the root (issue 16: links, moves, undone merges) applies in every phase.
      const fromPhases = from === 'open' ? ['directe-veiligheid', 'oorzaken-onderzoeken', 'blijvend-voorkomen', 'nazorg'] : from === 'casus' ? [...PHASES] : [from];
      const taken = fromPhases.some((phase) => coverage.taken.has(`${phase}|${t.gebeurtenis}`));
      expect(taken, `transition ${t.van} --${t.gebeurtenis}--> ${t.naar ?? '(self)'} never taken`).toBe(true);
    }
    // And the phase rules that are not guards: skipping, closing early, acting on a closed case.
    for (const rule of ['volgendeFase', 'isOpen', 'isAfgesloten', 'nietOpgeschaald', 'wachtOpBesluit', 'inMdaTraject']) {
      expect(coverage.refusedBy).toContain(rule);
    }
  });
});
