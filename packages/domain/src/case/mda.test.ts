/**
 * The escalation rule (seed 000): no 6 within 3 months -> MDA++ expert
 * meeting; and the coordinator's decisions on the MDA++ track.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../time.js';
import { mdaOf, openCase } from './decide.js';
import { summarize } from './summary.js';
import { agreement, ACTOR, events, opened, refusal, run } from './testing.js';
import { signalsFor } from './signals.js';
import { desiredTimers } from './timers.js';
import { defaultPolicy } from '../policy.js';
import type { CaseEvent } from './events.js';

const minus = (iso: string, ms: number) => new Date(new Date(iso).getTime() - ms).toISOString();

describe('deadline escalation', () => {
  const T0 = '2026-01-15T09:00:00.000Z';
  const deadline = addCalendarMonths(new Date(T0), 3).toISOString();

  it('a 6 on the last day of the window: no escalation', () => {
    const six = run(openCase(opened(T0)), events.score(minus(deadline, 60_000), 6));
    expect(summarize(six, new Date(deadline)).drempelBereikt).toBe(true);
    expect(refusal(six, events.escalate(deadline, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken', code: 'casus.deadline-niet-verstreken' });
  });

  it('a 5, then the deadline: escalation, once', () => {
    const five = run(openCase(opened(T0)), events.score(minus(deadline, 60_000), 5));
    expect(refusal(five, events.escalate(minus(deadline, 1), 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
    const escalated = run(five, events.escalate(deadline, 'deadline', 1, 'o-1'));
    expect(mdaOf(escalated)).toBe('opgeschaald');
    expect(summarize(escalated, new Date(deadline))).toMatchObject({ opgeschaald: true, mda: 'opgeschaald' });
    expect(refusal(escalated, events.escalate(deadline, 'deadline', 1))).toMatchObject({ code: 'casus.al-opgeschaald', guard: 'eenOpschalingTegelijk' });
    expect(refusal(escalated, events.escalate(deadline, 'handmatig', 1))).toMatchObject({ code: 'casus.al-opgeschaald', guard: 'eenOpschalingTegelijk' });
    // Back to the local team: a new window with the advice; the old window does not escalate again.
    const back = run(escalated, events.decideEscalation(deadline, 'o-1', 'terug-naar-lokaal-team'));
    expect(mdaOf(back)).toBe('geen');
    expect(back.context.vensters.at(-1)).toMatchObject({ nummer: 2, reden: 'terugverwezen', start: deadline, drempelBereiktOp: null });
    expect(refusal(back, events.escalate(deadline, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
  });

  it('6 reached, then an incident, then no 6 in the new window: escalation on the new deadline', () => {
    const reached = run(openCase(opened(T0)), events.plan(minus(deadline, 80 * 86_400_000), [agreement('a')]), events.score(minus(deadline, 80 * 86_400_000), 7), events.toCauses(minus(deadline, 79 * 86_400_000)));
    const incidentAt = minus(deadline, 10 * 86_400_000);
    const afterIncident = run(reached, events.incident(incidentAt));
    const newDeadline = addCalendarMonths(new Date(incidentAt), 3).toISOString();
    expect(summarize(afterIncident, new Date(incidentAt)).veiligheidsdeadline).toBe(newDeadline);
    // The old window's deadline passing does nothing now.
    expect(refusal(afterIncident, events.escalate(deadline, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
    expect(mdaOf(run(afterIncident, events.escalate(newDeadline, 'deadline', 2)))).toBe('opgeschaald');
  });

  it('windows end on month ends and across daylight saving', () => {
    expect(summarize(openCase(opened('2027-01-31T10:00:00.000Z')), new Date()).veiligheidsdeadline).toBe('2027-04-30T09:00:00.000Z');
    expect(summarize(openCase(opened('2026-08-20T10:00:00.000Z')), new Date()).veiligheidsdeadline).toBe('2026-11-20T11:00:00.000Z');
  });

  it('a closed case is never escalated', () => {
    const closed = run(
      openCase(opened(T0)),
      events.plan(minus(deadline, 85 * 86_400_000), []),
      events.score(minus(deadline, 85 * 86_400_000), 8),
      events.toCauses(minus(deadline, 84 * 86_400_000)),
      events.analysis(minus(deadline, 84 * 86_400_000)),
      events.toPrevention(minus(deadline, 84 * 86_400_000)),
      events.toAftercare(minus(deadline, 84 * 86_400_000)),
      events.score(addCalendarMonths(new Date(deadline), 1).toISOString(), 8),
      events.close(addCalendarMonths(new Date(deadline), 1).toISOString()),
    );
    expect(refusal(closed, events.escalate(addCalendarMonths(new Date(deadline), 2).toISOString(), 'handmatig', 1))).toMatchObject({ guard: 'casusNietAfgesloten' });
  });
});

describe('the MDA++ track', () => {
  const T0 = '2026-01-15T09:00:00.000Z';

  it('manual escalation, MDA++ traject, then de-escalation once the score is at the threshold', () => {
    const escalated = run(openCase(opened(T0)), events.score(T0, 3), events.escalate(T0, 'handmatig', 1, 'o-1'));
    expect(refusal(escalated, events.deescalate(T0))).toMatchObject({ code: 'casus.niet-in-mda-traject' });
    const traject = run(escalated, events.decideEscalation(T0, 'o-1', 'mda-traject'));
    expect(mdaOf(traject)).toBe('mda-traject');
    expect(traject.context.regisseur.id).toBe('mw-001');
    expect(traject.context.laatsteOpschaling?.besluit?.besluit).toBe('mda-traject');
    expect(refusal(traject, events.decideEscalation(T0, 'o-1', 'terug-naar-lokaal-team'))).toMatchObject({ code: 'opschaling.al-besloten' });
    expect(refusal(traject, events.deescalate(T0))).toMatchObject({ guard: 'scoreOpDrempelNaOpschaling' });
    const back = run(traject, events.score(T0, 6), events.deescalate(T0));
    expect(mdaOf(back)).toBe('geen');
    expect(back.context.laatsteAfschaling).toEqual({ reden: 'score weer op drempel', op: T0 });
  });

  it('a decision must name the escalation that waits: an earlier, decided one is not decided again', () => {
    const back = run(openCase(opened(T0)), events.score(T0, 3), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation(T0, 'o-1', 'terug-naar-lokaal-team'));
    const again = run(back, events.escalate(T0, 'handmatig', 1, 'o-2'));
    expect(refusal(again, events.decideEscalation(T0, 'o-1', 'terug-naar-lokaal-team'))).toMatchObject({ guard: 'besluitOverWachtendeOpschaling', code: 'opschaling.al-besloten' });
    expect(refusal(again, events.decideEscalation(T0, 'o-9', 'mda-traject'))).toMatchObject({ guard: 'besluitOverWachtendeOpschaling' });
    const decided = run(again, events.decideEscalation(T0, 'o-2', 'mda-traject'));
    // The context keeps the latest escalation (the escalations table keeps them all): the earlier decision stands in its event.
    expect(again.context.laatsteOpschaling).toMatchObject({ id: 'o-2', besluit: null });
    expect(decided.context.laatsteOpschaling).toMatchObject({ id: 'o-2', besluit: { besluit: 'mda-traject' } });
  });

  it('reminds once per window, only while the threshold is not reached', () => {
    const reminded = run(openCase(opened(T0)), events.remind(T0, 1));
    expect(refusal(reminded, events.remind(T0, 1))).toMatchObject({ guard: 'herinneringNodig' });
    expect(refusal(run(openCase(opened(T0)), events.score(T0, 6)), events.remind(T0, 1))).toMatchObject({ guard: 'herinneringNodig' });
  });

  it('a score from before the escalation does not count for de-escalation', () => {
    const traject = run(openCase(opened(T0)), events.score(T0, 8), events.escalate('2026-01-16T09:00:00.000Z', 'handmatig', 1, 'o-1'), events.decideEscalation('2026-01-17T09:00:00.000Z', 'o-1', 'mda-traject'));
    expect(refusal(traject, events.deescalate('2026-01-18T09:00:00.000Z'))).toMatchObject({ guard: 'scoreOpDrempelNaOpschaling' });
  });

  it('a case in the MDA++ track is not closed', () => {
    const aftercare = run(
      openCase(opened(T0)),
      events.plan(T0, []),
      events.score(T0, 8),
      events.toCauses(T0),
      events.analysis(T0),
      events.toPrevention(T0),
      events.toAftercare(T0),
      events.escalate('2026-01-16T09:00:00.000Z', 'handmatig', 1, 'o-1'),
    );
    expect(refusal(aftercare, events.close('2026-06-01T09:00:00.000Z'))).toMatchObject({ guard: 'nietInMdaSpoor', code: 'casus.nog-opgeschaald' });
    // Nor for a real end: the expert meeting decides first.
    expect(refusal(aftercare, events.close('2026-06-01T09:00:00.000Z', { reden: 'overgedragen', naar: { soort: 'veilig-thuis', naam: 'VT' } }))).toMatchObject({ guard: 'nietInMdaSpoor' });
    const back = run(aftercare, events.decideEscalation('2026-01-17T09:00:00.000Z', 'o-1', 'terug-naar-lokaal-team'), events.score('2026-05-20T09:00:00.000Z', 8));
    expect(run(back, events.close('2026-06-01T09:00:00.000Z')).context.afsluiting).not.toBeNull();
  });

  it('a window escalated by hand and sent back does not escalate again at its deadline', () => {
    const deadline = addCalendarMonths(new Date(T0), 3).toISOString();
    const back = run(openCase(opened(T0)), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation(T0, 'o-1', 'terug-naar-lokaal-team'));
    expect(refusal(back, events.escalate(deadline, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
  });
});


describe('referral by partners (issue 18 point 1)', () => {
  const T0 = '2026-01-15T09:00:00.000Z';
  const T1 = '2026-02-01T09:00:00.000Z';

  it('a partner refers: an escalation with reason aanmelding-partner, naming who referred, and a signal for the regisseur', () => {
    const before = openCase(opened(T0));
    const referred = run(before, events.refer(T1, 1, 'a-1'));
    expect(mdaOf(referred)).toBe('opgeschaald');
    expect(referred.context.laatsteOpschaling).toMatchObject({ id: 'a-1', reden: 'aanmelding-partner', redenen: ['aanmelding-partner'], aangemeldDoor: { organisatie: 'Politie', persoon: 'pol-7' }, besluit: null });
    expect(signalsFor(before, referred, events.refer(T1, 1, 'a-1'))).toEqual([
      { kind: 'mda-aanmelding', addressee: 'regisseur', dueAt: T1, data: { opschalingId: 'a-1', organisatie: 'Politie' } },
    ]);
    // The coordinator decides on it as on any escalation.
    expect(mdaOf(run(referred, events.decideEscalation(T1, 'a-1', 'mda-traject')))).toBe('mda-traject');
  });

  it('the regisseur may refer too, and gets no signal about their own referral', () => {
    const before = openCase(opened(T0));
    const own = events.refer(T1, 1, 'a-1', ACTOR);
    expect(mdaOf(run(before, own))).toBe('opgeschaald');
    expect(signalsFor(before, run(before, own), own)).toEqual([]);
  });

  it('a case already escalated, referred or in the track: 409 al-opgeschaald; the deadline still joins a waiting referral', () => {
    const referred = run(openCase(opened(T0)), events.refer(T1, 1, 'a-1'));
    expect(refusal(referred, events.refer(T1, 1, 'a-2'))).toMatchObject({ code: 'casus.al-opgeschaald', status: 409 });
    const escalated = run(openCase(opened(T0)), events.escalate(T1, 'handmatig', 1, 'o-1'));
    expect(refusal(escalated, events.refer(T1, 1, 'a-2'))).toMatchObject({ code: 'casus.al-opgeschaald' });
    const traject = run(referred, events.decideEscalation(T1, 'a-1', 'mda-traject'));
    expect(refusal(traject, events.refer(T1, 1, 'a-3'))).toMatchObject({ code: 'casus.al-opgeschaald', message: 'De casus zit al in het MDA++-traject.' });
    const deadline = addCalendarMonths(new Date(T0), 3).toISOString();
    expect(run(referred, events.escalate(deadline, 'deadline', 1)).context.laatsteOpschaling?.redenen).toEqual(['aanmelding-partner', 'deadline']);
  });

  it('the perpetrator side may not refer, whatever the track says (403 before 409)', () => {
    const fromPerpetrator = (op: string, id: string) => events.refer(op, 1, id, { sub: 'pol-9', rol: 'ketenpartner', organisatie: 'Politie', plegerzijde: true });
    expect(refusal(openCase(opened(T0)), fromPerpetrator(T1, 'a-1'))).toMatchObject({ code: 'casus.aanmelding-plegerzijde', status: 403, guard: 'aanmeldingNietDoorPlegerzijde' });
    const escalated = run(openCase(opened(T0)), events.escalate(T1, 'handmatig', 1, 'o-1'));
    expect(refusal(escalated, fromPerpetrator(T1, 'a-2'))).toMatchObject({ code: 'casus.aanmelding-plegerzijde' });
    const traject = run(escalated, events.decideEscalation(T1, 'o-1', 'mda-traject'));
    expect(refusal(traject, fromPerpetrator(T1, 'a-3'))).toMatchObject({ code: 'casus.aanmelding-plegerzijde' });
  });

  it('a closed case is not referred', () => {
    const closed = run(openCase(opened(T0)), events.plan(T0, []), events.score(T0, 8), events.close(T0, { reden: 'overgedragen', naar: { soort: 'veilig-thuis', naam: 'VT' } }));
    expect(refusal(closed, events.refer(T1, 1, 'a-1'))).toMatchObject({ guard: 'casusNietAfgesloten' });
  });
});

describe('decision in the expert meeting (issue 18 point 2)', () => {
  const T0 = '2026-01-15T09:00:00.000Z';
  it('the decision names the meeting, its agenda item and who sat at the table', () => {
    const referred = run(openCase(opened(T0)), events.refer(T0, 1, 'a-1'));
    const meeting = { expertoverlegId: 'm-1', agendapuntId: 'p-1', deelnemers: ['Politie', 'Veilig Thuis'] };
    const decided = run(referred, { ...events.decideEscalation(T0, 'a-1', 'mda-traject'), expertoverleg: meeting } as CaseEvent);
    expect(decided.context.laatsteOpschaling?.besluit).toMatchObject({ besluit: 'mda-traject', expertoverleg: meeting });
  });
});

describe('long-term case management: reviews of the MDA++ track (issue 18 point 4)', () => {
  const T0 = '2026-01-15T09:00:00.000Z';
  const decidedAt = '2026-02-01T09:00:00.000Z';
  const traject = () => run(openCase(opened(T0)), events.score(T0, 3), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation(decidedAt, 'o-1', 'mda-traject'));
  const firstDue = addCalendarMonths(new Date(decidedAt), 3).toISOString();

  it('the decision plans the first review on the policy rhythm (default 3 months; the policy may say otherwise)', () => {
    expect(traject().context.mdaEvaluatie).toEqual({ nummer: 1, volgendeOp: firstDue, evaluatieId: null });
    expect(desiredTimers(traject(), new Date(decidedAt))).toContainEqual({ kind: 'mda-evaluatie', dueAt: new Date(firstDue), windowNumber: 1 });
    const monthly = run(openCase(opened(T0)), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation(decidedAt, 'o-1', 'mda-traject', { ...defaultPolicy('r'), mdaReviewMonths: 1 }));
    expect(monthly.context.mdaEvaluatie?.volgendeOp).toBe(addCalendarMonths(new Date(decidedAt), 1).toISOString());
    // Back to the local team: no review.
    const back = run(openCase(opened(T0)), events.escalate(T0, 'handmatig', 1, 'o-1'), events.decideEscalation(decidedAt, 'o-1', 'terug-naar-lokaal-team'));
    expect(back.context.mdaEvaluatie).toBeNull();
    expect(desiredTimers(back, new Date(decidedAt)).some((t) => t.kind === 'mda-evaluatie')).toBe(false);
  });

  it('the due review waits in the queue once; its timer is gone while it waits', () => {
    expect(refusal(traject(), events.reviewDue(minus(firstDue, 1), 'e-1', 1))).toMatchObject({ code: 'casus.mda-evaluatie-niet-nodig' });
    expect(refusal(traject(), events.reviewDue(firstDue, 'e-1', 2))).toMatchObject({ code: 'casus.mda-evaluatie-niet-nodig' });
    const due = run(traject(), events.reviewDue(firstDue, 'e-1', 1));
    expect(due.context.mdaEvaluatie).toEqual({ nummer: 1, volgendeOp: firstDue, evaluatieId: 'e-1' });
    expect(desiredTimers(due, new Date(firstDue)).some((t) => t.kind === 'mda-evaluatie')).toBe(false);
    expect(refusal(due, events.reviewDue(firstDue, 'e-2', 1))).toMatchObject({ code: 'casus.mda-evaluatie-niet-nodig' });
  });

  it('continue: the next review on the date given, which must be in the future; settled once', () => {
    const due = run(traject(), events.reviewDue(firstDue, 'e-1', 1));
    const next = '2026-07-01T09:00:00.000Z';
    expect(refusal(due, events.reviewed(firstDue, 'e-1', minus(firstDue, 1)))).toMatchObject({ code: 'casus.mda-volgende-evaluatie-in-verleden', status: 422 });
    expect(refusal(due, events.reviewed(firstDue, 'e-9', next))).toMatchObject({ code: 'casus.mda-evaluatie-niet-open' });
    const continued = run(due, events.reviewed(firstDue, 'e-1', next));
    expect(mdaOf(continued)).toBe('mda-traject');
    expect(continued.context.mdaEvaluatie).toEqual({ nummer: 2, volgendeOp: next, evaluatieId: null });
    expect(desiredTimers(continued, new Date(firstDue))).toContainEqual({ kind: 'mda-evaluatie', dueAt: new Date(next), windowNumber: 2 });
    expect(refusal(continued, events.reviewed(firstDue, 'e-1', next))).toMatchObject({ code: 'casus.mda-evaluatie-niet-open' });
  });

  it('the track ends only by de-escalation with its reason: as the review outcome, under the threshold rule', () => {
    const due = run(traject(), events.reviewDue(firstDue, 'e-1', 1));
    expect(refusal(due, events.deescalate(firstDue, undefined, 'e-1'))).toMatchObject({ guard: 'scoreOpDrempelNaOpschaling' });
    const ended = run(due, events.score(firstDue, 7), events.deescalate(firstDue, undefined, 'e-1'));
    expect(mdaOf(ended)).toBe('geen');
    expect(ended.context.mdaEvaluatie).toBeNull();
    expect(ended.context.laatsteAfschaling).toEqual({ reden: 'score weer op drempel', op: firstDue });
    expect(refusal(run(due, events.score(firstDue, 7)), events.deescalate(firstDue, undefined, 'e-9'))).toMatchObject({ code: 'casus.mda-evaluatie-niet-open' });
    // Outside the track nothing is reviewed.
    expect(refusal(ended, events.reviewed(firstDue, 'e-1', '2026-07-01T09:00:00.000Z'))).toMatchObject({ code: 'casus.niet-in-mda-traject' });
  });
});
