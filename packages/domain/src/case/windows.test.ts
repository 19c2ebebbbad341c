/**
 * Issue 16, points 1, 3 and 4: a 6 counts while it stands; an escalation by
 * hand does not use up the automatic one; a hand-back opens a new window;
 * the rule's scope is policy, the case's mark takes effect from the next window.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays } from '../time.js';
import { mdaOf, openCase, type CaseSnapshot } from './decide.js';
import { summarize } from './summary.js';
import { agreement, events, NARROW_POLICY, opened, refusal, run } from './testing.js';
import { desiredTimers } from './timers.js';

const T0 = '2026-01-15T09:00:00.000Z';
const DEADLINE = addCalendarMonths(new Date(T0), 3).toISOString();
const day = (n: number) => addDays(new Date(T0), n).toISOString();
const after = (iso: string, days: number) => addDays(new Date(iso), days).toISOString();
const kinds = (snapshot: CaseSnapshot, now: string) => desiredTimers(snapshot, new Date(now)).map((t) => `${t.kind}@${t.dueAt.toISOString()}`);
const window = (snapshot: CaseSnapshot) => snapshot.context.vensters.at(-1);

describe('a 6 counts while it stands (issue 16, point 1)', () => {
  const start = openCase(opened(T0));

  it('a 6 disarms the deadline and its reminder; a later 2 re-arms the same ones', () => {
    const six = run(start, events.score(day(30), 6));
    expect(summarize(six, new Date(day(30))).drempelBereikt).toBe(true);
    expect(kinds(six, day(30))).toEqual([]);
    const two = run(six, events.score(day(45), 2));
    expect(summarize(two, new Date(day(45)))).toMatchObject({ drempelBereikt: false, veiligheidsdeadline: DEADLINE });
    expect(window(two)).toMatchObject({ nummer: 1, drempelBereiktOp: null });
    expect(kinds(two, day(45))).toEqual([`veiligheidsdeadline@${DEADLINE}`, `herinnering-deadline@${addDays(new Date(DEADLINE), -14).toISOString()}`]);
    // And the deadline escalates, as if the 6 had never been given.
    expect(mdaOf(run(two, events.escalate(DEADLINE, 'deadline', 1)))).toBe('opgeschaald');
  });

  it('a 6 then a 2 after the reminder was sent: the reminder comes again', () => {
    const reminded = run(start, events.remind(after(DEADLINE, -14), 1), events.score(after(DEADLINE, -10), 7));
    expect(refusal(reminded, events.remind(after(DEADLINE, -9), 1))).toMatchObject({ guard: 'herinneringNodig' });
    const fell = run(reminded, events.score(after(DEADLINE, -5), 3));
    expect(fell.context.herinnerdVenster).toBeNull();
    expect(run(fell, events.remind(after(DEADLINE, -5), 1)).context.herinnerdVenster).toBe(1);
    // The reminder's due time has passed, so only the deadline is armed; the worker fires a past-due one at once.
    expect(kinds(fell, after(DEADLINE, -5))).toContain(`veiligheidsdeadline@${DEADLINE}`);
  });

  it('the 6 falls after the deadline passed without it: the deadline stands, due at once', () => {
    // Reached and taken back before the deadline, the deadline passes unnoticed (the timer is late), then another low score.
    const fell = run(start, events.score(day(30), 6), events.score(day(60), 2));
    const late = run(fell, events.score(after(DEADLINE, 3), 1));
    expect(late.context.vensters).toHaveLength(1);
    expect(kinds(late, after(DEADLINE, 3))).toEqual([`veiligheidsdeadline@${DEADLINE}`]);
    expect(mdaOf(run(late, events.escalate(after(DEADLINE, 3), 'deadline', 1)))).toBe('opgeschaald');
  });

  it('the threshold held at the deadline, then falls: a new window from that score', () => {
    const held = run(start, events.score(day(30), 8));
    const fallAt = after(DEADLINE, 20);
    // No deadline escalation: the window was met.
    expect(refusal(held, events.escalate(DEADLINE, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
    const fell = run(held, events.score(fallAt, 4));
    expect(fell.context.vensters[0]?.drempelBereiktOp).toBe(day(30));
    expect(window(fell)).toMatchObject({ nummer: 2, reden: 'terugval', start: fallAt, deadline: addCalendarMonths(new Date(fallAt), 3).toISOString(), drempelBereiktOp: null });
    expect(summarize(fell, new Date(fallAt))).toMatchObject({ drempelBereikt: false, laatsteVeiligheidsscore: 4 });
    expect(kinds(fell, fallAt)[0]).toBe(`veiligheidsdeadline@${window(fell)?.deadline}`);
    // The old window's deadline does not escalate; the new one's does.
    expect(refusal(fell, events.escalate(fallAt, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
    expect(mdaOf(run(fell, events.escalate(window(fell)?.deadline ?? '', 'deadline', 2)))).toBe('opgeschaald');
  });

  it('a 6 given after the deadline does not meet it; a 6 after a 6 keeps the run', () => {
    const late = run(start, events.score(after(DEADLINE, 1), 9));
    expect(window(late)?.drempelBereiktOp).toBeNull();
    expect(mdaOf(run(late, events.escalate(after(DEADLINE, 1), 'deadline', 1)))).toBe('opgeschaald');
    const run2 = run(start, events.score(day(10), 6), events.score(day(20), 9));
    expect(window(run2)?.drempelBereiktOp).toBe(day(10));
  });

  it('leaving directe-veiligheid needs the standing 6: refused after it fell', () => {
    const fell = run(start, events.plan(day(1), [agreement('a')]), events.score(day(10), 7), events.score(day(12), 3));
    expect(refusal(fell, events.toCauses(day(13)))).toMatchObject({ guard: 'scoreOpDrempel', code: 'casus.veiligheid-onder-drempel' });
  });
});

describe('escalation by hand and hand-back (issue 16, point 3)', () => {
  const start = openCase(opened(T0));

  it('the deadline passes while an escalation by hand waits: one escalation with both reasons', () => {
    const byHand = run(start, events.escalate(day(20), 'handmatig', 1, 'o-hand'));
    // The deadline timer stays armed while the escalation by hand waits; the reminder does not.
    expect(kinds(byHand, day(20))).toEqual([`veiligheidsdeadline@${DEADLINE}`]);
    const both = run(byHand, events.escalate(DEADLINE, 'deadline', 1, 'o-timer'));
    expect(both.context.laatsteOpschaling).toMatchObject({ id: 'o-hand', reden: 'handmatig', redenen: ['handmatig', 'deadline'] });
    expect(kinds(both, DEADLINE)).toEqual([]);
    // Only once.
    expect(refusal(both, events.escalate(DEADLINE, 'deadline', 1))).toMatchObject({ code: 'casus.al-opgeschaald' });
    // A second escalation by hand is refused while one waits.
    expect(refusal(byHand, events.escalate(day(21), 'handmatig', 1))).toMatchObject({ code: 'casus.al-opgeschaald', guard: 'eenOpschalingTegelijk' });
  });

  it('an escalation by hand that the coordinator sent back does not use up the automatic one', () => {
    const back = run(start, events.escalate(day(20), 'handmatig', 1, 'o-1'), events.decideEscalation(day(25), 'o-1', 'terug-naar-lokaal-team'));
    expect(mdaOf(back)).toBe('geen');
    expect(window(back)).toMatchObject({ nummer: 2, reden: 'terugverwezen', start: day(25), drempelBereiktOp: null });
    const newDeadline = window(back)?.deadline ?? '';
    expect(newDeadline).toBe(addCalendarMonths(new Date(day(25)), 3).toISOString());
    expect(kinds(back, day(25))[0]).toBe(`veiligheidsdeadline@${newDeadline}`);
    expect(mdaOf(run(back, events.escalate(newDeadline, 'deadline', 2)))).toBe('opgeschaald');
  });

  it('a hand-back while a 6 given in the window stands: the new window is met from its start', () => {
    const back = run(start, events.score(day(10), 7), events.escalate(day(20), 'handmatig', 1, 'o-1'), events.decideEscalation(day(25), 'o-1', 'terug-naar-lokaal-team'));
    expect(window(back)).toMatchObject({ reden: 'terugverwezen', drempelBereiktOp: day(25) });
    expect(kinds(back, day(25))).toEqual([]);
    // It counts while it stands: a 3 re-arms the new window's deadline.
    const fell = run(back, events.score(day(30), 3));
    expect(kinds(fell, day(30))[0]).toBe(`veiligheidsdeadline@${window(back)?.deadline}`);
  });

  it('a window that ran out while the case was in the MDA++ traject does not escalate again on hand-back', () => {
    const inMda = run(
      start,
      events.plan(day(1), [agreement('a')]),
      events.score(day(10), 7),
      events.toCauses(day(11)),
      events.escalate(day(20), 'handmatig', 1, 'o-1'),
      events.decideEscalation(day(21), 'o-1', 'mda-traject'),
    );
    // New violence while in MDA++ (in a later phase) opens window 2; its deadline passes while the case is still with MDA++.
    const incidentAt = day(30);
    const withIncident = run(inMda, events.incident(incidentAt), events.score(after(DEADLINE, 120), 7));
    expect(withIncident.context.vensters).toHaveLength(2);
    // Only the MDA++ track's own review is planned (issue 18 point 4), no deadline of the window.
    expect(kinds(withIncident, after(DEADLINE, 120)).map((k) => k.split('@')[0])).toEqual(['mda-evaluatie']);
    const down = run(withIncident, events.deescalate(after(DEADLINE, 121)));
    expect(mdaOf(down)).toBe('geen');
    expect(window(down)).toMatchObject({ nummer: 3, reden: 'afgeschaald', start: after(DEADLINE, 121), drempelBereiktOp: after(DEADLINE, 121) });
    expect(kinds(down, after(DEADLINE, 121))).toEqual([]);
    expect(refusal(down, events.escalate(after(DEADLINE, 121), 'deadline', 2))).toMatchObject({ guard: 'deadlineVerstreken' });
  });
});

describe('scope as policy (issue 16, point 4)', () => {
  it('under the default scope every case is under the rule', () => {
    expect(window(openCase(opened(T0)))?.regelVanToepassing).toBe(true);
  });

  it('a narrowed scope leaves an unmarked case without deadline or reminder', () => {
    const unmarked = openCase(opened(T0, { beleid: NARROW_POLICY }));
    expect(window(unmarked)?.regelVanToepassing).toBe(false);
    expect(kinds(unmarked, T0)).toEqual([]);
    expect(refusal(unmarked, events.escalate(DEADLINE, 'deadline', 1))).toMatchObject({ guard: 'deadlineVerstreken' });
    expect(refusal(unmarked, events.remind(after(DEADLINE, -14), 1))).toMatchObject({ guard: 'herinneringNodig' });
    // Escalating by hand stays possible.
    expect(mdaOf(run(unmarked, events.escalate(day(5), 'handmatig', 1)))).toBe('opgeschaald');
  });

  it('a case marked at opening is under the narrowed rule', () => {
    const marked = openCase(opened(T0, { beleid: NARROW_POLICY, coordinatieOpVeiligheid: true }));
    expect(window(marked)?.regelVanToepassing).toBe(true);
    expect(kinds(marked, T0)[0]).toBe(`veiligheidsdeadline@${DEADLINE}`);
  });

  it('the mark takes effect from the next window, and is refused when unchanged', () => {
    const unmarked = openCase(opened(T0, { beleid: NARROW_POLICY }));
    // In a later phase, so that new violence opens a new window.
    const marked = run(unmarked, events.plan(day(1), [agreement('a')]), events.score(day(2), 7), events.toCauses(day(2)), events.markSafetyCoordination(day(3), true));
    expect(marked.context.coordinatieOpVeiligheid).toBe(true);
    expect(window(marked)?.regelVanToepassing).toBe(false);
    expect(refusal(marked, events.markSafetyCoordination(day(4), true))).toMatchObject({ guard: 'markeringGewijzigd', code: 'casus.markering-ongewijzigd' });
    const incident = run(marked, events.incident(day(10), NARROW_POLICY));
    expect(window(incident)).toMatchObject({ nummer: 2, regelVanToepassing: true });
    // Cleared: the running window keeps the rule, the next does not.
    const cleared = run(incident, events.markSafetyCoordination(day(11), false));
    expect(window(cleared)?.regelVanToepassing).toBe(true);
    const again = run(cleared, events.score(day(12), 7), events.toCauses(day(12)), events.incident(day(13), NARROW_POLICY));
    expect(window(again)).toMatchObject({ nummer: 3, regelVanToepassing: false });
    expect(refusal(unmarked, events.markSafetyCoordination(day(4), false))).toMatchObject({ guard: 'markeringGewijzigd' });
  });
});
