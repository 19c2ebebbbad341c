/**
 * A handover is accepted, not imposed (issue 16 point 11): the proposal, its
 * answers and the waiting signals, every new guard passed and refused.
 */
import { describe, expect, it } from 'vitest';
import { decide, openCase, replay, type CaseSnapshot } from './decide.js';
import type { Actor, CaseEvent } from './events.js';
import { desiredTimers } from './timers.js';
import { ACTOR, COLLEAGUE, events, opened, refusal, run } from './testing.js';

const T0 = '2026-04-24T08:00:00.000Z'; // Friday 24 April 2026, 10:00 in Nijmegen
const LATER = '2026-04-24T09:00:00.000Z';
const BEHEER: Actor = { sub: 'beheer-1', rol: 'beheerder', organisatie: 'Gemeente' };

const propose = (to = COLLEAGUE.sub, extra: Partial<Extract<CaseEvent, { type: 'regiewissel.voorgesteld' }>> = {}, door: Actor = ACTOR): CaseEvent => ({
  type: 'regiewissel.voorgesteld',
  op: T0,
  door,
  voorstelId: 'v-1',
  regisseur: { id: to, organisatie: 'Wijkteam' },
  reden: 'verlof',
  ...extra,
});
const answer = (type: 'regiewissel.geaccepteerd' | 'regiewissel.afgewezen' | 'regiewissel.ingetrokken', door: Actor, voorstelId = 'v-1', extra: object = {}): CaseEvent =>
  (type === 'regiewissel.afgewezen'
    ? { type, op: LATER, door, voorstelId, reden: null, ...extra }
    : { type, op: LATER, door, voorstelId, ...extra });

function proposed(): CaseSnapshot {
  return run(openCase(opened(T0)), propose());
}

describe('handover proposal', () => {
  it('keeps the regisseur until the proposed accepts', () => {
    const snapshot = proposed();
    expect(snapshot.context.regisseur.id).toBe('mw-001');
    expect(snapshot.context.regiewissel).toMatchObject({ id: 'v-1', regisseur: { id: COLLEAGUE.sub }, voorgesteldDoor: 'mw-001', gesignaleerd: [] });
    const accepted = run(snapshot, answer('regiewissel.geaccepteerd', COLLEAGUE));
    expect(accepted.context.regisseur).toEqual({ id: COLLEAGUE.sub, organisatie: 'Wijkteam' });
    expect(accepted.context.regiewissel).toBeNull();
  });

  it('refuses a proposal to someone the directory does not know, or who is gone', () => {
    const start = openCase(opened(T0));
    expect(refusal(start, propose('mw-404', { naarOnbekend: 'onbekend' }))).toMatchObject({ guard: 'regiewisselAanBekende', code: 'medewerker.onbekend', status: 422 });
    expect(refusal(start, propose('mw-404', { naarOnbekend: 'vertrokken' }))).toMatchObject({ guard: 'regiewisselAanBekende', code: 'medewerker.vertrokken', status: 422 });
  });

  it('applies the handover rules at proposal: not the current regisseur, not oneself, not the perpetrator side', () => {
    const start = openCase(opened(T0));
    expect(refusal(start, propose('mw-001'))).toMatchObject({ guard: 'regiewisselAanAndere', code: 'casus.regisseur-ongewijzigd', status: 409 });
    expect(refusal(start, propose('BEHEER-1', {}, BEHEER))).toMatchObject({ guard: 'regiewisselNietAanZichzelf', code: 'casus.regisseur-zelf', status: 422 });
    expect(refusal(start, propose(COLLEAGUE.sub, { naarPlegerzijde: true }))).toMatchObject({ guard: 'regiewisselNietAanPlegerzijde', code: 'casus.regisseur-plegerzijde' });
    // A beheerder proposes to a colleague: passes.
    expect(decide(start, propose(COLLEAGUE.sub, {}, BEHEER)).ok).toBe(true);
  });

  it('allows one open proposal at a time', () => {
    expect(refusal(proposed(), propose('mw-007', { voorstelId: 'v-2' }))).toMatchObject({ guard: 'geenOpenRegiewissel', code: 'regiewissel.al-voorgesteld', status: 409 });
  });

  it('is accepted or declined by the proposed only, and judged again for the perpetrator side at acceptance', () => {
    const snapshot = proposed();
    expect(refusal(snapshot, answer('regiewissel.geaccepteerd', ACTOR))).toMatchObject({ guard: 'regiewisselAanDeVoorgestelde', code: 'regiewissel.niet-aan-u', status: 403 });
    expect(refusal(snapshot, answer('regiewissel.afgewezen', BEHEER))).toMatchObject({ guard: 'regiewisselAanDeVoorgestelde' });
    expect(refusal(snapshot, answer('regiewissel.geaccepteerd', COLLEAGUE, 'v-1', { naarPlegerzijde: true }))).toMatchObject({ guard: 'regiewisselNietAanPlegerzijde', code: 'casus.regisseur-plegerzijde' });
    expect(refusal(snapshot, answer('regiewissel.geaccepteerd', COLLEAGUE, 'v-other'))).toMatchObject({ guard: 'regiewisselOpen', code: 'regiewissel.geen-open-voorstel', status: 409 });
    // Marked as gone since the proposal: refused at acceptance.
    expect(refusal(snapshot, answer('regiewissel.geaccepteerd', COLLEAGUE, 'v-1', { naarOnbekend: 'vertrokken' }))).toMatchObject({ guard: 'regiewisselAanBekende', code: 'medewerker.vertrokken' });
    const declined = run(snapshot, answer('regiewissel.afgewezen', COLLEAGUE));
    expect(declined.context.regisseur.id).toBe('mw-001');
    expect(declined.context.regiewissel).toBeNull();
    expect(refusal(declined, answer('regiewissel.geaccepteerd', COLLEAGUE))).toMatchObject({ guard: 'regiewisselOpen' });
  });

  it('is withdrawn by who proposed it only', () => {
    const snapshot = proposed();
    expect(refusal(snapshot, answer('regiewissel.ingetrokken', BEHEER))).toMatchObject({ guard: 'regiewisselDoorVoorsteller', code: 'regiewissel.niet-uw-voorstel', status: 403 });
    const withdrawn = run(snapshot, answer('regiewissel.ingetrokken', ACTOR));
    expect(withdrawn.context.regiewissel).toBeNull();
    expect(withdrawn.context.regisseur.id).toBe('mw-001');
  });

  it('wants a waiting signal after 2 working days and one for the beheerder after 5, skipping Koningsdag', () => {
    const snapshot = proposed();
    const timers = desiredTimers(snapshot, new Date(T0)).filter((t) => t.kind.startsWith('regiewissel'));
    // Friday 24 April + 2 working days: Monday 27 April is Koningsdag, so Wednesday 29 April, 10:00.
    expect(timers).toEqual([
      { kind: 'regiewissel-wacht', dueAt: new Date('2026-04-29T08:00:00.000Z'), windowNumber: null },
      // + 5: 28, 29, 30 April, 1 May, 4 May.
      { kind: 'regiewissel-wacht-beheer', dueAt: new Date('2026-05-04T08:00:00.000Z'), windowNumber: null },
    ]);
    const signal = (niveau: 'regisseurs' | 'beheerder'): CaseEvent => ({ type: 'regiewissel.gesignaleerd', op: '2026-04-29T08:00:00.000Z', door: ACTOR, voorstelId: 'v-1', niveau });
    const signalled = run(snapshot, signal('regisseurs'));
    expect(signalled.context.regiewissel?.gesignaleerd).toEqual(['regisseurs']);
    expect(desiredTimers(signalled, new Date(T0)).map((t) => t.kind)).toContain('regiewissel-wacht-beheer');
    expect(desiredTimers(signalled, new Date(T0)).map((t) => t.kind)).not.toContain('regiewissel-wacht');
    expect(refusal(signalled, signal('regisseurs'))).toMatchObject({ guard: 'regiewisselSignaleringNodig', code: 'regiewissel.signalering-overbodig' });
    // Answered: no timers, and a late timer is refused.
    const accepted = run(snapshot, answer('regiewissel.geaccepteerd', COLLEAGUE));
    expect(desiredTimers(accepted, new Date(T0)).filter((t) => t.kind.startsWith('regiewissel'))).toEqual([]);
    expect(refusal(accepted, signal('beheerder'))).toMatchObject({ guard: 'regiewisselOpen' });
  });

  it('replays from the event log', () => {
    const log = [opened(T0), propose(), answer('regiewissel.afgewezen', COLLEAGUE), propose('mw-007', { voorstelId: 'v-2' }), answer('regiewissel.geaccepteerd', { ...COLLEAGUE, sub: 'mw-007' }, 'v-2')];
    expect(replay(log).context.regisseur.id).toBe('mw-007');
  });

  it('keeps the direct handover (reassignment by beheer), which ends an open proposal', () => {
    expect(run(openCase(opened(T0)), events.handover(T0, COLLEAGUE.sub)).context.regisseur.id).toBe(COLLEAGUE.sub);
    const reassigned = run(proposed(), events.handover(LATER, 'mw-007'));
    expect(reassigned.context.regisseur.id).toBe('mw-007');
    expect(reassigned.context.regiewissel).toBeNull();
    // The proposed can no longer take the case from the new regisseur.
    expect(refusal(reassigned, answer('regiewissel.geaccepteerd', COLLEAGUE))).toMatchObject({ guard: 'regiewisselOpen' });
  });

  it('ends an open proposal when the new municipality takes a moved case: the proposed in the old one cannot take it after', () => {
    const intake: Actor = { sub: 'intake-w01', rol: 'lokaal-team', organisatie: 'Intaketeam Wijchen' };
    const offered = run(proposed(), { type: 'verhuizing.aangeboden', op: LATER, door: ACTOR, naarGemeente: 'Wijchen', toelichting: 'verhuisd' });
    // Offered only: the proposal still stands (the regisseur keeps working, warm handover).
    expect(offered.context.regiewissel?.id).toBe('v-1');
    const taken = run(offered, { type: 'verhuizing.overgenomen', op: LATER, door: intake, gemeente: 'Wijchen', regisseur: { id: intake.sub, organisatie: intake.organisatie } });
    expect(taken.context.regisseur.id).toBe('intake-w01');
    expect(taken.context.regiewissel).toBeNull();
    expect(desiredTimers(taken, new Date(LATER)).filter((timer) => timer.kind.startsWith('regiewissel'))).toEqual([]);
    expect(refusal(taken, answer('regiewissel.geaccepteerd', COLLEAGUE))).toMatchObject({ guard: 'regiewisselOpen', code: 'regiewissel.geen-open-voorstel' });
  });
});
