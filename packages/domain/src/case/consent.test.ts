/**
 * Issue 17 points 5 and 6 in the domain: consent per member and partner,
 * the legal ground read from old free text, the owner marking its agreement,
 * a partner's perspective that never counts, TOP3 actions that are tracked.
 */
import { describe, expect, it } from 'vitest';
import { legalGroundFromText, withheldMembers } from './consent.js';
import { openCase } from './decide.js';
import { actionsOutcome, planVersionsOf, previousActionsOutcome } from './history.js';
import { membersFor } from './sealing.js';
import { signalsFor } from './signals.js';
import { ACTOR, agreement, COLLEAGUE, events, opened, PARTNER, PARTNER_KEY, partnerAgreement, refusal, run } from './testing.js';
import type { CaseEvent } from './events.js';

const T0 = '2026-01-15T09:00:00.000Z';
const at = (days: number) => new Date(new Date(T0).getTime() + days * 86_400_000).toISOString();
const POLICE = { soort: 'organisatie', oin: '00000001003214345000' } as const;

describe('consent to share, per member and partner (issue 17 point 6)', () => {
  it('a refusal or withdrawal withholds that member from that partner only, unless another ground is recorded', () => {
    let s = run(openCase(opened(T0)), events.consent(at(1), 'lid-1', 'ja'), events.consent(at(1), 'lid-2', 'ja'));
    expect(withheldMembers(s.context.leden, { sub: PARTNER.sub })).toEqual(new Set());
    s = run(s, events.consent(at(2), 'lid-1', 'ingetrokken'));
    expect(withheldMembers(s.context.leden, { sub: PARTNER.sub })).toEqual(new Set(['lid-1']));
    // Not the other members, not another partner, not someone who merely shares a name.
    expect(withheldMembers(s.context.leden, { sub: 'mw-002' })).toEqual(new Set());
    // The date consent was last given is kept through the withdrawal.
    expect(s.context.leden[0]?.toestemmingen?.[0]).toMatchObject({ status: 'ingetrokken', gegevenOp: at(1).slice(0, 10), sinds: at(2).slice(0, 10) });
    // Another ground for this member with this partner: shared again.
    s = run(s, events.consent(at(3), 'lid-1', 'ingetrokken', PARTNER_KEY, { andereGrondslag: { soort: 'meldcode', referentie: 'Stap 5 meldcode' } }));
    expect(withheldMembers(s.context.leden, { sub: PARTNER.sub })).toEqual(new Set());
  });

  it('an organisation is matched on the OIN in the token, never on a name; the stricter of personal and organisation records holds', () => {
    const s = run(openCase(opened(T0)), events.consent(at(1), 'lid-2', 'nee', POLICE));
    expect(withheldMembers(s.context.leden, { sub: 'agent-1', oin: POLICE.oin })).toEqual(new Set(['lid-2']));
    expect(withheldMembers(s.context.leden, { sub: 'agent-1' })).toEqual(new Set());
    expect(withheldMembers(s.context.leden, { sub: 'agent-1', oin: '00000001000000000009' })).toEqual(new Set());
    // The household as a withheld viewer sees it: without that member.
    expect(membersFor(s.context.leden, { sub: 'agent-1', caseManager: false, isRegisseur: false, perpetratorSide: false, withheld: new Set(['lid-2']) }).map((m) => m.id)).toEqual(['lid-1']);
  });

  it('only the regisseur records, a withdrawal needs consent given, and a closed case still takes a withdrawal', () => {
    const s = openCase(opened(T0));
    expect(refusal(s, events.consent(at(1), 'lid-1', 'ja', PARTNER_KEY, { door: COLLEAGUE }))).toMatchObject({ code: 'casus.alleen-regisseur-legt-vast', status: 403, guard: 'doorRegisseur' });
    // A regisseur on the perpetrator's side records none of it.
    expect(refusal(s, events.consent(at(1), 'lid-1', 'ja', PARTNER_KEY, { door: { ...ACTOR, plegerzijde: true } }))).toMatchObject({ code: 'casus.alleen-regisseur-legt-vast' });
    expect(refusal(s, events.consent(at(1), 'lid-1', 'ingetrokken'))).toMatchObject({ code: 'casus.toestemming-niet-gegeven', status: 409 });
    expect(refusal(s, events.consent(at(1), 'niemand', 'ja'))).toMatchObject({ code: 'casus.lid-niet-gevonden', status: 404 });
    const closed = run(s, events.consent(at(1), 'lid-1', 'ja'), events.close(at(2), { reden: 'overgedragen', naar: { soort: 'veilig-thuis', naam: 'VT' } }));
    expect(run(closed, events.consent(at(3), 'lid-1', 'ingetrokken')).context.leden[0]?.toestemmingen?.[0]?.status).toBe('ingetrokken');
  });

  it('reads the kind of an old free-text ground from its words, keeping the text as the reference', () => {
    expect(legalGroundFromText('Wmo 2015')).toEqual({ soort: 'wettelijke-taak', referentie: 'Wmo 2015' });
    expect(legalGroundFromText('Toestemming moeder')).toEqual({ soort: 'toestemming', referentie: 'Toestemming moeder' });
    expect(legalGroundFromText('Meldcode stap 3')).toMatchObject({ soort: 'meldcode' });
    expect(legalGroundFromText('vitaal belang kind')).toMatchObject({ soort: 'vitaal-belang' });
  });

  it('informing for safety reasons puts a review in the werkvoorraad on its date', () => {
    const s = openCase(opened(T0));
    const event = events.informed(at(1), 'lid-1', 'niet-om-veiligheidsredenen');
    const after = run(s, event);
    expect(after.context.leden[0]?.geinformeerd).toMatchObject({ status: 'niet-om-veiligheidsredenen', herzienOp: '2026-06-01' });
    expect(signalsFor(s, after, event)).toEqual([{ kind: 'informering-herzien', addressee: 'regisseur', dueAt: '2026-05-31T22:00:00.000Z', data: { lidId: 'lid-1' } }]);
    expect(signalsFor(s, run(s, events.informed(at(1), 'lid-1', 'ja')), events.informed(at(1), 'lid-1', 'ja'))).toEqual([]);
  });
});

describe('partners act on the plan; TOP3 actions are tracked (issue 17 point 5)', () => {
  const withPlan = () => run(openCase(opened(T0)), events.plan(at(1), [agreement('a-1'), partnerAgreement('p-1')]));

  it('the owner marks its own open agreement done or lapsed, with its note; nobody else does through this path', () => {
    const s = withPlan();
    const done = run(s, events.ownerMarks(at(2), 'p-1', 'vervallen'));
    expect(done.context.huidigPlan?.afspraken[1]).toMatchObject({ status: 'vervallen', statuswijziging: { vastgelegdDoor: PARTNER.sub, toelichting: 'Afgerond met het gezin' } });
    expect(refusal(s, events.ownerMarks(at(2), 'a-1'))).toMatchObject({ code: 'casus.afspraak-niet-van-u', status: 403 });
    expect(refusal(s, events.ownerMarks(at(2), 'p-1', 'gedaan', POLICE))).toMatchObject({ code: 'casus.afspraak-niet-van-u' });
    expect(refusal(done, events.ownerMarks(at(3), 'p-1'))).toMatchObject({ code: 'casus.afspraak-niet-open', status: 409 });
    expect(refusal(s, events.ownerMarks(at(2), 'bestaat-niet'))).toMatchObject({ code: 'casus.afspraak-niet-gevonden', status: 404 });
    // A status change without a note, as logs before issue 17 hold it, records none.
    expect(run(s, events.agreementDone(at(2), 'a-1')).context.huidigPlan?.afspraken[0]?.statuswijziging).toBeUndefined();
  });

  it("a partner's perspective is kept per partner and never becomes the joint score", () => {
    let s = run(withPlan(), events.score(at(2), 4));
    s = run(s, events.perspective(at(3), 9), events.perspective(at(4), 8));
    expect(s.context.laatsteScore?.score).toBe(4);
    expect(s.context.vensters[0]?.drempelBereiktOp).toBeNull();
    expect(s.context.netwerkPerspectieven).toEqual([expect.objectContaining({ score: 8, van: PARTNER_KEY, organisatie: 'GGZ' })]);
    expect(refusal(s, events.perspective(at(5), 7, ACTOR, { soort: 'professional', id: ACTOR.sub }))).toMatchObject({ code: 'casus.perspectief-van-regisseur', status: 403 });
  });

  it('each action names an agreement or makes one; the next scoring records how the previous three went', () => {
    let s = withPlan();
    const made = { ...agreement('n-1'), omschrijving: 'actie 2', eigenaar: { soort: 'professional', id: PARTNER.sub, organisatie: 'GGZ' }, bron: 'top3' } as const;
    const first = events.scoreTracked(at(2), 5, ['a-1', 'n-1', null], [made]);
    s = run(s, first);
    expect(s.context.huidigPlan?.afspraken.map((a) => a.id)).toEqual(['a-1', 'p-1', 'n-1']);
    s = run(s, events.ownerMarks(at(3), 'n-1', 'gedaan'));
    expect(previousActionsOutcome(s.context)).toEqual([
      { omschrijving: 'actie 1', afspraakId: 'a-1', status: 'open' },
      { omschrijving: 'actie 2', afspraakId: 'n-1', status: 'gedaan' },
      { omschrijving: 'actie 3', afspraakId: null, status: null },
    ]);
    // A later plan version that drops an action's agreement: the action reads as no longer in the plan.
    s = run(s, events.plan(at(4), [agreement('a-1')]));
    expect(actionsOutcome(s.context.laatsteScore ?? (() => { throw new Error('no score'); })(), s.context.huidigPlan).map((o) => o.status)).toEqual(['open', 'niet-meer-in-plan', null]);
    // The plan's version history folds the scoring's agreement into the version it was added to.
    const log: CaseEvent[] = [events.plan(at(1), [agreement('a-1'), partnerAgreement('p-1')]), first, events.ownerMarks(at(3), 'n-1', 'gedaan')];
    expect(planVersionsOf(log)[0]?.afspraken.find((a) => a.id === 'n-1')).toMatchObject({ status: 'gedaan', bron: 'top3' });
  });

  it('refuses an action naming an agreement not in the plan, and new agreements without a plan', () => {
    expect(refusal(withPlan(), events.scoreTracked(at(2), 5, ['bestaat-niet', null, null]))).toMatchObject({ code: 'casus.actie-afspraak-onbekend', status: 422 });
    expect(refusal(openCase(opened(T0)), events.scoreTracked(at(2), 5, ['n-1', null, null], [agreement('n-1')]))).toMatchObject({ code: 'casus.geen-veiligheidsplan', status: 409 });
  });
});
