/**
 * Issue 18 point 3: the joint TOP3 score given at the MDA++ expert meeting
 * (bron `expertoverleg`). The regisseur sits at the table with the household,
 * so it counts for the window, for de-escalation and for closing like any
 * joint score; the machine judges who may give it and when.
 */
import { describe, expect, it } from 'vitest';
import { mdaOf, openCase } from './decide.js';
import { summarize } from './summary.js';
import { ACTOR, events, opened, PARTNER, refusal, run } from './testing.js';

const T0 = '2026-01-15T09:00:00.000Z';
const day = (n: number) => new Date(new Date(T0).getTime() + n * 86_400_000).toISOString();
const meetingScore = events.meetingScore;

/** A case with a low score, escalated by hand and taken into the MDA++ traject. */
const inTraject = () =>
  run(openCase(opened(T0)), events.plan(T0, []), events.score(T0, 3), events.escalate(day(1), 'handmatig', 1, 'o-1'), events.decideEscalation(day(2), 'o-1', 'mda-traject'));

describe('a joint score from the expert meeting', () => {
  it('counts for the window: the threshold is reached, and the phase may move on', () => {
    const before = inTraject();
    expect(summarize(before, new Date(day(10))).drempelBereikt).toBe(false);
    expect(refusal(before, events.toCauses(day(10)))).toMatchObject({ code: 'casus.veiligheid-onder-drempel' });
    const scored = run(before, meetingScore(day(10), 7));
    expect(scored.context.laatsteScore).toMatchObject({ score: 7, bron: 'expertoverleg', gescoordDoor: 'mda-001' });
    expect(scored.context.vensters.at(-1)?.drempelBereiktOp).toBe(day(10));
    expect(summarize(scored, new Date(day(10))).drempelBereikt).toBe(true);
    expect(run(scored, events.toCauses(day(11))).context.faseSinds).toBe(day(11));
  });

  it('counts for de-escalation and, after it, for closing as stable-safe', () => {
    // Below the threshold the meeting's score does not let the case leave MDA++.
    expect(refusal(run(inTraject(), meetingScore(day(10), 5)), events.deescalate(day(11)))).toMatchObject({ guard: 'scoreOpDrempelNaOpschaling' });
    const stable = run(
      inTraject(),
      meetingScore(day(10), 7),
      events.toCauses(day(11)),
      events.analysis(day(12)),
      events.toPrevention(day(13)),
      events.toAftercare(day(14)),
      meetingScore(day(120), 8),
      events.deescalate(day(121)),
    );
    expect(mdaOf(stable)).toBe('geen');
    // Two joint scores at or above the threshold through the stability period, both from the meeting: enough to close.
    expect(stable.context.stabieleScores).toBe(2);
    expect(stable.context.stabielSinds).toBe(day(10));
    expect(run(stable, events.close(day(122))).context.afsluiting).toMatchObject({ reden: 'stabiel-veilig' });
  });

  it('a low score from the meeting breaks the stability like any joint score', () => {
    const dropped = run(inTraject(), meetingScore(day(10), 8), meetingScore(day(40), 4));
    expect(dropped.context).toMatchObject({ stabielSinds: null, stabieleScores: 0 });
  });

  it('is given by the coordinator only, for a case in the MDA++ track, never on a closed case', () => {
    expect(refusal(inTraject(), meetingScore(day(10), 7, ACTOR))).toMatchObject({ guard: 'scoreUitExpertoverleg', code: 'casus.expertoverleg-score-alleen-coordinator', status: 403 });
    expect(refusal(inTraject(), meetingScore(day(10), 7, PARTNER))).toMatchObject({ code: 'casus.expertoverleg-score-alleen-coordinator' });
    // Not escalated, or handed back: the meeting does not discuss the case.
    const notEscalated = run(openCase(opened(T0)), events.plan(T0));
    expect(refusal(notEscalated, meetingScore(day(10), 7))).toMatchObject({ code: 'casus.expertoverleg-score-buiten-mda', status: 409 });
    const handedBack = run(openCase(opened(T0)), events.score(T0, 3), events.escalate(day(1), 'handmatig', 1, 'o-1'), events.decideEscalation(day(2), 'o-1', 'terug-naar-lokaal-team'));
    expect(refusal(handedBack, meetingScore(day(10), 7))).toMatchObject({ code: 'casus.expertoverleg-score-buiten-mda' });
    // Escalated and still awaiting the decision: the meeting may discuss and score it.
    const waiting = run(openCase(opened(T0)), events.score(T0, 3), events.escalate(day(1), 'handmatig', 1, 'o-1'));
    expect(run(waiting, meetingScore(day(10), 6)).context.laatsteScore).toMatchObject({ bron: 'expertoverleg' });
    // The regisseur's own scoring keeps no source (as before issue 18).
    expect(run(inTraject(), events.score(day(10), 6)).context.laatsteScore?.bron).toBeUndefined();
  });

  it('a closed case refuses it', () => {
    const closed = run(
      openCase(opened(T0)),
      events.plan(T0, []),
      events.score(T0, 8),
      events.toCauses(T0),
      events.analysis(T0),
      events.toPrevention(T0),
      events.toAftercare(T0),
      events.score(day(100), 8),
      events.close(day(100)),
    );
    expect(refusal(closed, meetingScore(day(101), 8))).toMatchObject({ code: 'casus.afgesloten' });
  });
});
