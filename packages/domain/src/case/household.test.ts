/**
 * Issue 16: the household rule (same household / linked / none), the 12
 * months of a repeat, and the machine's new facts: links, undone merges,
 * moves, in any phase they are allowed in and refused where not.
 */
import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../time.js';
import { openCase, phaseOf, replay } from './decide.js';
import type { CaseEvent } from './events.js';
import { closedCaseAction, judgeHousehold, RECURRENCE_MONTHS, UNDO_MERGE_DAYS } from './household.js';
import { summarize } from './summary.js';
import { ACTOR, agreement, events, opened, refusal, run } from './testing.js';

// Opaque identity keys as the API makes them: one from a BSN, one from name and birth date.
const EVA = { keys: ['bsn:111', 'ng:eva smit|1990-03-04'], pleger: false };
const NOOR = { keys: ['ng:noor smit|2018-07-01'], pleger: false };
const PIET_AS_PERPETRATOR = { keys: ['bsn:222'], pleger: true };
const STRANGER = { keys: ['ng:nieuwe partner|1995-01-01'], pleger: false };
const BABY = { keys: ['ng:baby|2026-01-01'], pleger: false };
const CASE_KEYS = new Set(['bsn:111', 'ng:eva smit|1990-03-04', 'ng:noor smit|2018-07-01', 'bsn:222']);

describe('judgeHousehold: one household, one case, but not someone else\'s', () => {
  it('is the same household when every member the message names matches', () => {
    expect(judgeHousehold([EVA], CASE_KEYS)).toEqual({ soort: 'zelfde-huishouden', matched: 1 });
    expect(judgeHousehold([EVA, NOOR], CASE_KEYS)).toEqual({ soort: 'zelfde-huishouden', matched: 2 });
  });

  it('is the same household when at least two members match, even with new ones beside them', () => {
    expect(judgeHousehold([EVA, NOOR, BABY], CASE_KEYS)).toEqual({ soort: 'zelfde-huishouden', matched: 2 });
  });

  it('is another household, linked, when a single member matches among members who do not', () => {
    expect(judgeHousehold([PIET_AS_PERPETRATOR, STRANGER, BABY], CASE_KEYS)).toEqual({ soort: 'gekoppeld', reden: 'gedeelde-pleger', matched: 1 });
    expect(judgeHousehold([NOOR, STRANGER], CASE_KEYS)).toEqual({ soort: 'gekoppeld', reden: 'gedeeld-lid', matched: 1 });
  });

  it('matches by BSN alone or by name and birth date alone', () => {
    const byBsn = { keys: ['bsn:111'], pleger: false };
    const byNameAndBirthDate = { keys: ['ng:eva smit|1990-03-04'], pleger: false };
    const otherBsnSameName = { keys: ['bsn:999', 'ng:noor smit|2018-07-02'], pleger: false };
    expect(judgeHousehold([byBsn], CASE_KEYS).soort).toBe('zelfde-huishouden');
    expect(judgeHousehold([byNameAndBirthDate], CASE_KEYS).soort).toBe('zelfde-huishouden');
    // Another birth date is another person, whatever the name.
    expect(judgeHousehold([otherBsnSameName], CASE_KEYS)).toEqual({ soort: 'geen', matched: 0 });
  });

  it('is nothing when no member matches', () => {
    expect(judgeHousehold([STRANGER, BABY], CASE_KEYS)).toEqual({ soort: 'geen', matched: 0 });
    expect(judgeHousehold([], CASE_KEYS)).toEqual({ soort: 'geen', matched: 0 });
  });
});

describe('a signal about a closed household', () => {
  const closedAt = new Date('2026-03-10T12:00:00.000Z');
  it(`reopens the case within ${RECURRENCE_MONTHS} months of closure, and opens a new linked case after`, () => {
    expect(closedCaseAction(closedAt, addCalendarMonths(closedAt, 4))).toBe('heropenen');
    expect(closedCaseAction(closedAt, new Date(addCalendarMonths(closedAt, RECURRENCE_MONTHS).getTime() - 1))).toBe('heropenen');
    expect(closedCaseAction(closedAt, addCalendarMonths(closedAt, RECURRENCE_MONTHS))).toBe('nieuwe-gekoppelde-casus');
    expect(closedCaseAction(closedAt, addCalendarMonths(closedAt, 13))).toBe('nieuwe-gekoppelde-casus');
  });
});

const T0 = '2026-01-15T09:00:00.000Z';
const at = (months: number, days = 0) => new Date(addCalendarMonths(new Date(T0), months).getTime() + days * 86_400_000).toISOString();
const regisseur = { id: 'mw-002', organisatie: 'Wijkteam Wijchen' };
const linked = (op: string): CaseEvent => ({ type: 'casus.gekoppeld', op, door: ACTOR, casusId: 'casus-2', reden: 'gedeelde-pleger', regisseur });
const split = (op: string, samengevoegdOp: string, lidIds: readonly string[] = ['lid-2']): CaseEvent => ({ type: 'leden.afgesplitst', op, door: ACTOR, lidIds, naarCasusId: 'casus-3', berichtId: 'b-1', samengevoegdOp });
const offered = (op: string): CaseEvent => ({ type: 'verhuizing.aangeboden', op, door: ACTOR, naarGemeente: 'Wijchen', toelichting: 'verhuisd' });
const taken = (op: string): CaseEvent => ({ type: 'verhuizing.overgenomen', op, door: { ...ACTOR, sub: 'mw-002' }, gemeente: 'Wijchen', regisseur });

function closedCase() {
  return run(
    openCase(opened(T0)),
    events.plan(at(0, 1), [agreement('a-1')]),
    events.score(at(0, 1), 7),
    events.toCauses(at(0, 2)),
    events.analysis(at(0, 3)),
    events.toPrevention(at(0, 4)),
    events.toAftercare(at(0, 5)),
    events.agreementDone(at(1), 'a-1'),
    events.close(at(4)),
  );
}

describe('the machine records links, undone merges and moves', () => {
  it('records a link in any phase, closed included, without changing the case', () => {
    const open = openCase(opened(T0));
    const after = run(open, linked(at(0, 1)));
    expect(after.context).toEqual(open.context);
    const closed = closedCase();
    expect(run(closed, linked(at(5))).context).toEqual(closed.context);
  });

  it('reopening as a repeat puts safety first again with a new window, the former regisseur staying', () => {
    const reopened = run(closedCase(), events.reopen(at(7)));
    expect(phaseOf(reopened)).toBe('directe-veiligheid');
    expect(reopened.context.regisseur.id).toBe('mw-001');
    expect(reopened.context.vensters.at(-1)).toMatchObject({ reden: 'heropening', start: at(7) });
    expect(summarize(reopened, new Date(at(7))).herhaling).toBe(true);
  });

  it(`splits the members a message brought within ${UNDO_MERGE_DAYS} days of the merge, and refuses after`, () => {
    const open = openCase(opened(T0));
    const undone = run(open, split(at(0, UNDO_MERGE_DAYS), T0));
    expect(undone.context.leden.map((lid) => lid.id)).toEqual(['lid-1']);
    expect(refusal(open, split(at(0, UNDO_MERGE_DAYS + 1), T0))).toMatchObject({ guard: 'afsplitsingBinnenTermijn', code: 'casus.samenvoeging-te-oud', status: 409 });
  });

  it('refuses a split of no member, of every member, of a member the case lacks, or of a closed case', () => {
    const open = openCase(opened(T0));
    expect(refusal(open, split(at(0, 1), T0, []))).toMatchObject({ code: 'casus.niets-af-te-splitsen' });
    expect(refusal(open, split(at(0, 1), T0, ['lid-1', 'lid-2']))).toMatchObject({ code: 'casus.niets-af-te-splitsen' });
    expect(refusal(open, split(at(0, 1), T0, ['lid-9']))).toMatchObject({ code: 'casus.niets-af-te-splitsen' });
    expect(refusal(closedCase(), split(at(4, 1), at(4)))).toMatchObject({ code: 'casus.afgesloten', guard: 'casusOpen' });
  });

  it('keeps the regisseur while a move is offered; taking it changes municipality and regisseur in one event', () => {
    const open = openCase(opened(T0));
    const waiting = run(open, offered(at(0, 1)));
    expect(waiting.context.regisseur.id).toBe('mw-001');
    expect(waiting.context.gemeente).toBe('Nijmegen');
    const moved = run(waiting, taken(at(0, 2)));
    expect(moved.context).toMatchObject({ gemeente: 'Wijchen', regisseur });
    expect(phaseOf(moved)).toBe(phaseOf(open));
    expect(refusal(waiting, { ...taken(at(0, 2)), naarPlegerzijde: true } as CaseEvent)).toMatchObject({ guard: 'regisseurNietAanPlegerzijde', code: 'casus.regisseur-plegerzijde' });
    expect(refusal(closedCase(), offered(at(5)))).toMatchObject({ code: 'casus.afgesloten' });
    expect(refusal(closedCase(), taken(at(5)))).toMatchObject({ code: 'casus.afgesloten' });
  });

  it('replays an event log with the new events', () => {
    const log = [opened(T0), linked(at(0, 1)), offered(at(0, 2)), taken(at(0, 3)), split(at(0, 4), at(0, 1))];
    const replayed = replay(log);
    expect(replayed.context).toMatchObject({ gemeente: 'Wijchen', regisseur });
    expect(replayed.context.leden).toHaveLength(1);
  });
});
