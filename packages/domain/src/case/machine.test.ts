import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../time.js';
import { openCase, persistCase, phaseOf, replay, restoreCase, type CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';
import { planVersionsOf } from './history.js';
import { summarize } from './summary.js';
import { agreement, events, opened, POLICY, refusal, run } from './testing.js';

const T0 = '2026-01-15T09:00:00.000Z';
const at = (months: number, days = 0) => new Date(addCalendarMonths(new Date(T0), months).getTime() + days * 86_400_000).toISOString();


/** A case walked to nazorg with a safe score at T0 + 1 day. */
function inAftercare(): CaseSnapshot {
  return run(
    openCase(opened(T0)),
    events.plan(at(0, 1), [agreement('a-1')]),
    events.score(at(0, 1), 7),
    events.toCauses(at(0, 2)),
    events.analysis(at(0, 3)),
    events.toPrevention(at(0, 4)),
    events.toAftercare(at(0, 5)),
  );
}

describe('the case machine', () => {
  it('starts in directe-veiligheid with one regisseur and a 3-month window', () => {
    const snapshot = openCase(opened(T0));
    expect(phaseOf(snapshot)).toBe('directe-veiligheid');
    const summary = summarize(snapshot, new Date(T0));
    expect(summary.regisseur.id).toBe('mw-001');
    expect(summary.veiligheidsdeadline).toBe('2026-04-15T08:00:00.000Z');
    expect(summary.drempelBereikt).toBe(false);
  });

  it('leaves directe-veiligheid only with a plan and a score at the threshold, naming the guard that refuses', () => {
    const start = openCase(opened(T0));
    expect(refusal(start, events.toCauses(at(0, 1)))).toMatchObject({ guard: 'heeftVeiligheidsplan', code: 'casus.geen-veiligheidsplan', status: 409 });
    const withPlan = run(start, events.plan(at(0, 1)));
    expect(refusal(withPlan, events.toCauses(at(0, 1)))).toMatchObject({ guard: 'scoreOpDrempel', code: 'casus.veiligheid-onder-drempel' });
    const withFive = run(withPlan, events.score(at(0, 2), 5));
    expect(refusal(withFive, events.toCauses(at(0, 2))).message).toContain('5');
    const withSix = run(withFive, events.score(at(0, 3), POLICY.safetyThreshold));
    expect(phaseOf(run(withSix, events.toCauses(at(0, 3))))).toBe('oorzaken-onderzoeken');
  });

  it('needs an explanatory analysis before blijvend-voorkomen', () => {
    const causes = run(openCase(opened(T0)), events.plan(at(0, 1)), events.score(at(0, 1), 6), events.toCauses(at(0, 2)));
    expect(refusal(causes, events.toPrevention(at(0, 3)))).toMatchObject({ guard: 'heeftVerklarendeAnalyse', code: 'casus.geen-verklarende-analyse' });
    expect(phaseOf(run(causes, events.analysis(at(0, 3)), events.toPrevention(at(0, 3))))).toBe('blijvend-voorkomen');
  });

  it('refuses skipping a phase and going backwards', () => {
    const start = openCase(opened(T0));
    expect(refusal(start, events.toPrevention(at(0, 1)))).toMatchObject({ code: 'casus.faseovergang-ongeldig', guard: 'volgendeFase' });
    expect(refusal(inAftercare(), events.toCauses(at(1)))).toMatchObject({ code: 'casus.faseovergang-ongeldig' });
  });

  it('closes only from nazorg, after the stability period, with no open agreement', () => {
    expect(refusal(openCase(opened(T0)), events.close(at(4)))).toMatchObject({ code: 'casus.afsluiten-alleen-vanuit-nazorg', guard: 'inNazorg' });
    const aftercare = inAftercare();
    // Safe since T0+1d; three months later is T0+3m+1d.
    expect(refusal(aftercare, events.close(at(3)))).toMatchObject({ guard: 'stabielVeiligGedurendeStabiliteitsperiode', code: 'casus.niet-stabiel-veilig' });
    expect(refusal(aftercare, events.close(at(3, 2)))).toMatchObject({ guard: 'geenOpenAfspraken', code: 'casus.open-afspraken' });
    const done = run(aftercare, events.agreementDone(at(3, 2), 'a-1'));
    const closed = run(done, events.close(at(3, 2)));
    expect(phaseOf(closed)).toBe('afgesloten');
    expect(closed.context.afsluiting?.reden).toBe('stabiel veilig');
  });

  it('restarts the stability period when a score drops below the threshold', () => {
    const dropped = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.score(at(2), 4), events.score(at(2, 1), 7));
    expect(refusal(dropped, events.close(at(3, 2)))).toMatchObject({ guard: 'stabielVeiligGedurendeStabiliteitsperiode' });
    expect(phaseOf(run(dropped, events.close(at(5, 2))))).toBe('afgesloten');
  });

  it('returns to directe-veiligheid with a new window on an incident in a later phase', () => {
    const aftercare = inAftercare();
    const after = run(aftercare, events.incident(at(2)));
    expect(phaseOf(after)).toBe('directe-veiligheid');
    expect(after.context.vensters).toHaveLength(2);
    const summary = summarize(after, new Date(at(2)));
    expect(summary.veiligheidsdeadline).toBe(addCalendarMonths(new Date(at(2)), 3).toISOString());
    expect(summary.drempelBereikt).toBe(false);
    expect(after.context.stabielSinds).toBeNull();
  });

  it('after new violence, only a score given since then lets the case leave directe-veiligheid', () => {
    const after = run(inAftercare(), events.incident(at(2)));
    expect(refusal(after, events.toCauses(at(2, 1)))).toMatchObject({ guard: 'scoreOpDrempel', code: 'casus.veiligheid-onder-drempel' });
    expect(phaseOf(run(after, events.score(at(2, 1), 7), events.toCauses(at(2, 1))))).toBe('oorzaken-onderzoeken');
  });

  it('keeps the running window on an incident in directe-veiligheid', () => {
    const after = run(openCase(opened(T0)), events.incident(at(1)));
    expect(phaseOf(after)).toBe('directe-veiligheid');
    expect(after.context.vensters).toHaveLength(1);
    expect(after.context.laatsteIncident).toMatchObject({ gemeldOp: at(1) });
  });

  it('uses the policy in force for a new window, and keeps the running window on its own policy', () => {
    const stricter = { ...POLICY, version: 2, safetyThreshold: 7, escalationWindowMonths: 2 };
    const after = run(inAftercare(), events.incident(at(2), stricter));
    expect(after.context.vensters[0]?.beleid.version).toBe(1);
    expect(after.context.vensters[1]?.beleid).toEqual(stricter);
    expect(summarize(after, new Date(at(2))).veiligheidsdeadline).toBe(addCalendarMonths(new Date(at(2)), 2).toISOString());
    const six = run(after, events.plan(at(2, 1)), events.score(at(2, 1), 6));
    expect(refusal(six, events.toCauses(at(2, 1)))).toMatchObject({ guard: 'scoreOpDrempel' });
  });

  it('reopens a closed case as recurrence, with safety first and a new window', () => {
    const closed = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.close(at(4)));
    expect(refusal(closed, events.score(at(5), 3))).toMatchObject({ code: 'casus.afgesloten' });
    expect(refusal(closed, events.incident(at(5)))).toMatchObject({ code: 'casus.afgesloten' });
    const reopened = run(closed, events.reopen(at(5)));
    expect(phaseOf(reopened)).toBe('directe-veiligheid');
    expect(summarize(reopened, new Date(at(5))).herhaling).toBe(true);
    expect(reopened.context.vensters.at(-1)?.reden).toBe('heropening');
    expect(refusal(openCase(opened(T0)), events.reopen(at(1)))).toMatchObject({ code: 'casus.niet-afgesloten' });
  });

  it('answers a member or agreement the path names that the case lacks with 404, before any phase rule (as the routes did)', () => {
    const closed = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.close(at(4)));
    expect(refusal(closed, events.correctMember(at(5), 'lid-1'))).toMatchObject({ code: 'casus.afgesloten', status: 409 });
    expect(refusal(closed, events.correctMember(at(5), 'geen-lid'))).toMatchObject({ code: 'casus.lid-niet-gevonden', status: 404, guard: 'lidBestaat' });
    expect(refusal(closed, events.agreementDone(at(5), 'geen-afspraak'))).toMatchObject({ code: 'casus.afspraak-niet-gevonden', status: 404, guard: 'afspraakBestaat' });
    const open = openCase(opened(T0));
    expect(refusal(open, events.correctMember(at(0, 1), 'geen-lid'))).toMatchObject({ code: 'casus.lid-niet-gevonden', status: 404 });
    expect(refusal(open, events.agreementDone(at(0, 1), 'a-1'))).toMatchObject({ code: 'casus.afspraak-niet-gevonden', status: 404 });
  });

  it('hands over the regisseur in one event and refuses a handover to the same person', () => {
    const start = openCase(opened(T0));
    const handed = run(start, events.handover(at(0, 1), 'mw-002'));
    expect(handed.context.regisseur.id).toBe('mw-002');
    expect(refusal(handed, events.handover(at(0, 2), 'mw-002'))).toMatchObject({ guard: 'andereRegisseur', code: 'casus.regisseur-ongewijzigd' });
  });

  it('refuses a handover to a professional on the perpetrator side, in every phase', () => {
    const start = openCase(opened(T0));
    const toPerpetratorSide = events.handover(at(0, 1), 'mw-004', { naarPlegerzijde: true });
    expect(refusal(start, toPerpetratorSide)).toMatchObject({ guard: 'regisseurNietAanPlegerzijde', code: 'casus.regisseur-plegerzijde', status: 422 });
    expect(run(start, events.handover(at(0, 1), 'mw-004')).context.regisseur.id).toBe('mw-004');
  });

  it('refuses a beheerder handing the case to themselves', () => {
    const start = openCase(opened(T0));
    const self = events.handover(at(0, 1), 'beheer-001', { door: { sub: 'beheer-001', rol: 'beheerder', organisatie: 'Gemeente' } });
    expect(refusal(start, self)).toMatchObject({ guard: 'nietAanZichzelf', code: 'casus.regisseur-zelf', status: 422 });
  });

  it('refuses references to members and agreements the case does not have (404 when the path names them, 422 in a body)', () => {
    const start = openCase(opened(T0));
    expect(refusal(start, events.correctMember(at(0, 1), 'lid-x'))).toMatchObject({ guard: 'lidBestaat', status: 404 });
    expect(refusal(start, events.plan(at(0, 1), [{ ...agreement('a-1'), eigenaar: { soort: 'lid', lidId: 'lid-x' } }]))).toMatchObject({ guard: 'eigenarenZijnLeden', status: 422 });
    expect(refusal(start, events.agreementDone(at(0, 1), 'a-x'))).toMatchObject({ guard: 'afspraakBestaat', status: 404 });
  });

  it('keeps old plan versions as they were when an agreement status changes', () => {
    const twoVersions = run(openCase(opened(T0)), events.plan(at(0, 1), [agreement('a-1')]), events.plan(at(0, 2), [agreement('a-1'), agreement('a-2')]), events.agreementDone(at(0, 3), 'a-1'));
    // The context holds the current version; the versions as the event log tells them (history.ts).
    expect(twoVersions.context.huidigPlan?.versie).toBe(2);
    expect(twoVersions.context.huidigPlan?.afspraken[0]?.status).toBe('gedaan');
    const log = [events.plan(at(0, 1), [agreement('a-1')]), events.score(at(0, 1), 7), events.plan(at(0, 2), [agreement('a-1'), agreement('a-2')]), events.agreementDone(at(0, 3), 'a-1')];
    const versions = planVersionsOf(log);
    expect(versions.map((v) => [v.versie, v.afspraken[0]?.status])).toEqual([[1, 'open'], [2, 'gedaan']]);
    expect(versions.at(-1)).toEqual(run(openCase(opened(T0)), ...log).context.huidigPlan);
    // A slice of the log that starts at a later version numbers on from it.
    expect(planVersionsOf(log.slice(2), 1).map((v) => v.versie)).toEqual([2]);
    expect(summarize(twoVersions, new Date(at(0, 3))).openAfspraken).toBe(1);
  });

  it('records when the threshold is reached within the window, not after', () => {
    const late = run(openCase(opened(T0)), events.score(at(3, 1), 8));
    expect(summarize(late, new Date(at(3, 1))).drempelBereikt).toBe(false);
    const inTime = run(openCase(opened(T0)), events.score(at(2), 6));
    expect(summarize(inTime, new Date(at(2))).drempelBereikt).toBe(true);
  });

  it('survives a JSON round trip of its persisted snapshot and replays from events alone', () => {
    const list: CaseEvent[] = [events.plan(at(0, 1)), events.score(at(0, 1), 7), events.toCauses(at(0, 2)), events.incident(at(1))];
    const live = run(openCase(opened(T0)), ...list);
    const restored = restoreCase(JSON.parse(JSON.stringify(persistCase(live))));
    expect(persistCase(restored)).toEqual(persistCase(live));
    const next = run(restored, events.score(at(1, 1), 3));
    expect(next.context.laatsteScore).toMatchObject({ score: 3, gescoordOp: at(1, 1) });
    expect(persistCase(replay([opened(T0), ...list]))).toEqual(persistCase(live));
  });
});
