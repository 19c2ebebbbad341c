import { describe, expect, it } from 'vitest';
import { addCalendarMonths } from '../time.js';
import { openCase, persistCase, phaseOf, replay, restoreCase, type CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';
import { planVersionsOf } from './history.js';
import { summarize } from './summary.js';
import { agreement, events, meetingAgreement, opened, POLICY, refusal, run } from './testing.js';
import { agreementConsent } from './types.js';

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

  it('closes as stabiel-veilig only from nazorg, on evidence: enough recent safe scores through the period, no open agreement', () => {
    expect(refusal(openCase(opened(T0)), events.close(at(4)))).toMatchObject({ code: 'casus.afsluiten-alleen-vanuit-nazorg', guard: 'eindeBuitenNazorg' });
    const aftercare = inAftercare();
    // Safe since T0+1d; three months later is T0+3m+1d.
    expect(refusal(aftercare, events.close(at(3)))).toMatchObject({ guard: 'stabielVeiligGedurendeStabiliteitsperiode', code: 'casus.niet-stabiel-veilig' });
    // Household Bakker (issue 16): one score, given 3.5 months earlier.
    expect(refusal(aftercare, events.close(at(3, 15)))).toMatchObject({ guard: 'genoegStabieleScores', code: 'casus.te-weinig-stabiele-scores', status: 409 });
    expect(refusal(aftercare, events.close(at(3, 15))).message).toContain('minstens 2');
    const twoOld = run(aftercare, events.score(at(1), 7));
    expect(twoOld.context.stabieleScores).toBe(2);
    expect(refusal(twoOld, events.close(at(3, 2)))).toMatchObject({ guard: 'recenteStabieleScore', code: 'casus.laatste-score-te-oud' });
    const twoRecent = run(twoOld, events.score(at(3, 1), 8));
    expect(refusal(twoRecent, events.close(at(3, 2)))).toMatchObject({ guard: 'geenOpenAfspraken', code: 'casus.open-afspraken' });
    const done = run(twoRecent, events.agreementDone(at(3, 2), 'a-1'));
    const closed = run(done, events.close(at(3, 2)));
    expect(phaseOf(closed)).toBe('afgesloten');
    expect(closed.context.afsluiting).toMatchObject({ reden: 'stabiel-veilig', op: at(3, 2) });
  });

  it('takes the evidence rule from the window\'s policy', () => {
    const strict = { ...POLICY, version: 2, stabilityMinScores: 3, stabilityLatestScoreMonths: 2 };
    const aftercare = run(inAftercare(), events.incident(at(0, 6), strict), events.score(at(0, 7), 7), events.toCauses(at(0, 7)), events.toPrevention(at(0, 7)), events.toAftercare(at(0, 7)));
    const two = run(aftercare, events.agreementDone(at(1), 'a-1'), events.score(at(2), 7));
    expect(refusal(two, events.close(at(3, 15)))).toMatchObject({ guard: 'genoegStabieleScores' });
    // Three scores, the latest 1.5 months old: within this policy's 2 months.
    expect(phaseOf(run(two, events.score(at(2, 1), 7), events.close(at(3, 15))))).toBe('afgesloten');
  });

  it('refuses stabiel-veilig with an incident in the stability period', () => {
    const after = run(inAftercare(), events.agreementDone(at(0, 6), 'a-1'), events.incident(at(0, 10)), events.score(at(0, 11), 7), events.toCauses(at(0, 11)), events.toPrevention(at(0, 12)), events.toAftercare(at(0, 12)));
    expect(refusal(after, events.close(at(1)))).toMatchObject({ guard: 'geenIncidentInStabiliteitsperiode', code: 'casus.incident-in-stabiliteitsperiode' });
    // Once the period after the incident has passed with enough recent safe scores, it closes.
    expect(phaseOf(run(after, events.score(at(3, 10), 8), events.close(at(3, 12))))).toBe('afgesloten');
  });

  it('restarts the stability period when a score drops below the threshold', () => {
    const dropped = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.score(at(2), 4), events.score(at(2, 1), 7));
    expect(dropped.context.stabieleScores).toBe(1);
    expect(refusal(dropped, events.close(at(3, 2)))).toMatchObject({ guard: 'stabielVeiligGedurendeStabiliteitsperiode' });
    expect(phaseOf(run(dropped, events.score(at(5), 7), events.close(at(5, 2))))).toBe('afgesloten');
  });

  it('closes for a real end in any open phase, each with its own rule', () => {
    const start = run(openCase(opened(T0)), events.score(at(0, 1), 3));
    // Help refused and moved out of the region: only with a terugmelding to Veilig Thuis for that reason.
    expect(refusal(start, events.close(at(1), { reden: 'hulp-geweigerd' }))).toMatchObject({ guard: 'terugmeldingVastgelegd', code: 'casus.terugmelding-ontbreekt', status: 409 });
    const otherReport = run(start, events.reportBack(at(0, 20), 'verhuisd-buiten-regio'));
    expect(refusal(otherReport, events.close(at(1), { reden: 'hulp-geweigerd' }))).toMatchObject({ guard: 'terugmeldingVastgelegd' });
    expect(phaseOf(run(otherReport, events.close(at(1), { reden: 'verhuisd-buiten-regio', gemeente: 'Utrecht' })))).toBe('afgesloten');
    const refused = run(start, events.reportBack(at(0, 20), 'hulp-geweigerd'), events.close(at(1), { reden: 'hulp-geweigerd', toelichting: 'wil geen hulp' }));
    expect(refused.context.afsluiting).toMatchObject({ reden: 'hulp-geweigerd', toelichting: 'wil geen hulp' });
    // Handed over: nothing more than whom (the request names it).
    expect(run(start, events.close(at(1), { reden: 'overgedragen', naar: { soort: 'gecertificeerde-instelling', naam: 'William Schrikker Stichting' } })).context.afsluiting).toMatchObject({
      naar: { soort: 'gecertificeerde-instelling' },
    });
    // Deceased: a member of the household.
    expect(refusal(start, events.close(at(1), { reden: 'overleden', lidId: 'niemand', toelichting: 'x' }))).toMatchObject({ guard: 'overledenLidBestaat', status: 422 });
    expect(phaseOf(run(start, events.close(at(1), { reden: 'overleden', lidId: 'lid-1', toelichting: 'x' })))).toBe('afgesloten');
    // Also from nazorg, without the stability evidence.
    expect(phaseOf(run(inAftercare(), events.close(at(0, 6), { reden: 'overleden', lidId: 'lid-2', toelichting: 'x' })))).toBe('afgesloten');
    expect(refusal(inAftercare(), events.close(at(0, 6), { reden: 'hulp-geweigerd' }))).toMatchObject({ guard: 'terugmeldingVastgelegd' });
  });

  it('counts a terugmelding from the latest (re)opening only', () => {
    const reported = run(openCase(opened(T0)), events.reportBack(at(0, 1), 'hulp-geweigerd'));
    expect(reported.context.terugmeldingen).toEqual({ 'hulp-geweigerd': at(0, 1) });
    const closed = run(reported, events.close(at(0, 2), { reden: 'hulp-geweigerd' }));
    const reopened = run(closed, events.reopen(at(1)));
    expect(reopened.context.terugmeldingen).toEqual({});
    expect(refusal(reopened, events.close(at(1, 1), { reden: 'hulp-geweigerd' }))).toMatchObject({ guard: 'terugmeldingVastgelegd' });
  });

  it('judges a free-text closure of an old log by the rule of its time, so the log replays', () => {
    const aftercare = run(inAftercare(), events.agreementDone(at(1), 'a-1'));
    expect(phaseOf(run(aftercare, events.closeLegacy(at(3, 15))))).toBe('afgesloten');
    expect(refusal(aftercare, events.closeLegacy(at(2)))).toMatchObject({ guard: 'stabielVeiligGedurendeStabiliteitsperiode' });
    expect(refusal(openCase(opened(T0)), events.closeLegacy(at(4)))).toMatchObject({ guard: 'eindeBuitenNazorg' });
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
    const closed = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.score(at(3, 20), 8), events.close(at(4)));
    expect(refusal(closed, events.score(at(5), 3))).toMatchObject({ code: 'casus.afgesloten' });
    expect(refusal(closed, events.incident(at(5)))).toMatchObject({ code: 'casus.afgesloten' });
    const reopened = run(closed, events.reopen(at(5)));
    expect(phaseOf(reopened)).toBe('directe-veiligheid');
    expect(summarize(reopened, new Date(at(5))).herhaling).toBe(true);
    expect(reopened.context.vensters.at(-1)?.reden).toBe('heropening');
    expect(refusal(openCase(opened(T0)), events.reopen(at(1)))).toMatchObject({ code: 'casus.niet-afgesloten' });
  });

  it('a repeat starts fresh: after a reopening, a new plan version and a reviewed analysis are needed to move on', () => {
    const closed = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.score(at(3, 20), 8), events.close(at(4)));
    const reopened = run(closed, events.reopen(at(5)), events.score(at(5, 1), 7));
    // The plan from before the closure does not count.
    expect(refusal(reopened, events.toCauses(at(5, 1)))).toMatchObject({ guard: 'planNaHeropening', code: 'casus.plan-van-voor-heropening', status: 409 });
    const replanned = run(reopened, events.plan(at(5, 2), [agreement('a-2')]));
    const causes = run(replanned, events.toCauses(at(5, 2)));
    expect(phaseOf(causes)).toBe('oorzaken-onderzoeken');
    // Nor does the analysis from before it.
    expect(refusal(causes, events.toPrevention(at(5, 3)))).toMatchObject({ guard: 'analyseNaHeropening', code: 'casus.analyse-van-voor-heropening' });
    expect(phaseOf(run(causes, events.analysis(at(5, 3)), events.toPrevention(at(5, 3))))).toBe('blijvend-voorkomen');
    // Or a proposal adopted since the reopening.
    const adopted = run(causes, events.proposeAnalysis(at(5, 3), 'v-1'), events.adoptAnalysis(at(5, 4), 'v-1'));
    expect(phaseOf(run(adopted, events.toPrevention(at(5, 4))))).toBe('blijvend-voorkomen');
    // A proposal made before the closure does not wait after the reopening: adopting it would count as reviewed since.
    const stale = run(inAftercare(), events.proposeAnalysis(at(0, 20), 'v-old'), events.agreementDone(at(1), 'a-1'), events.score(at(3, 20), 8), events.close(at(4)));
    const staleReopened = run(stale, events.reopen(at(5)));
    expect(staleReopened.context.analyseVoorstel).toBeNull();
    expect(refusal(staleReopened, events.adoptAnalysis(at(5, 1), 'v-old'))).toMatchObject({ guard: 'analysevoorstelWacht', code: 'casus.analysevoorstel-niet-gevonden' });
    // A case never reopened is not held to it; nor one reopened before the rule (its old log still replays).
    expect(phaseOf(run(inAftercare()))).toBe('nazorg');
    const old = run(closed, events.reopenLegacy(at(5)), events.score(at(5, 1), 7), events.toCauses(at(5, 1)), events.toPrevention(at(5, 2)));
    expect(phaseOf(old)).toBe('blijvend-voorkomen');
  });

  it('keeps the analysis versioned: a partner proposes, the regisseur adopts the waiting proposal', () => {
    const start = openCase(opened(T0));
    const proposed = run(start, events.proposeAnalysis(at(0, 1), 'v-1'));
    expect(proposed.context.analyseVoorstel).toMatchObject({ id: 'v-1', voorgesteldDoor: 'ggz-1' });
    expect(proposed.context.analyse).toBeNull();
    expect(refusal(proposed, events.adoptAnalysis(at(0, 2), 'v-9'))).toMatchObject({ guard: 'analysevoorstelWacht', code: 'casus.analysevoorstel-niet-gevonden', status: 404 });
    const adopted = run(proposed, events.adoptAnalysis(at(0, 2), 'v-1'));
    expect(adopted.context.analyse).toMatchObject({ problemen: ['schulden', 'trauma'], akkoordHuishouden: { akkoord: 'gedeeltelijk' }, voorgesteldDoor: 'ggz-1', vastgelegdDoor: 'mw-001' });
    expect(adopted.context.analyseVoorstel).toBeNull();
    // Adopted once: the same proposal is not adopted again.
    expect(refusal(adopted, events.adoptAnalysis(at(0, 3), 'v-1'))).toMatchObject({ guard: 'analysevoorstelWacht' });
    // A newer proposal replaces the waiting one; a direct version leaves it waiting.
    const two = run(adopted, events.proposeAnalysis(at(0, 3), 'v-2'), events.proposeAnalysis(at(0, 4), 'v-3'), events.analysis(at(0, 5)));
    expect(two.context.analyseVoorstel?.id).toBe('v-3');
    expect(two.context.analyse).toMatchObject({ toelichting: 'analyse', akkoordHuishouden: null, voorgesteldDoor: null });
  });

  it('records the household\'s agreement to an agreement from the expert meeting, once', () => {
    const planned = run(openCase(opened(T0)), events.plan(at(0, 1), [agreement('a-1'), meetingAgreement('m-1')]));
    expect(planned.context.huidigPlan?.afspraken.map((a) => agreementConsent(a))).toEqual([
      { bron: 'regisseur', akkoordHuishouden: true },
      { bron: 'expertoverleg', akkoordHuishouden: false },
    ]);
    const agreed = run(planned, events.agreementAgreed(at(0, 2), 'm-1'));
    expect(agreed.context.huidigPlan?.afspraken[1]).toMatchObject({ bron: 'expertoverleg', akkoordHuishouden: true });
    expect(agreed.context.huidigPlan?.versie).toBe(1);
    expect(refusal(agreed, events.agreementAgreed(at(0, 3), 'm-1'))).toMatchObject({ guard: 'akkoordNogNietVastgelegd', code: 'casus.afspraak-al-akkoord', status: 409 });
    expect(refusal(planned, events.agreementAgreed(at(0, 3), 'a-1'))).toMatchObject({ guard: 'akkoordNogNietVastgelegd' });
    expect(refusal(planned, events.agreementAgreed(at(0, 3), 'geen'))).toMatchObject({ guard: 'afspraakBestaat', status: 404 });
    // The plan's versions read from the log show it too.
    expect(planVersionsOf([opened(T0), events.plan(at(0, 1), [meetingAgreement('m-1')]), events.agreementAgreed(at(0, 2), 'm-1')])[0]?.afspraken[0]?.akkoordHuishouden).toBe(true);
  });

  it('answers a member or agreement the path names that the case lacks with 404, before any phase rule (as the routes did)', () => {
    const closed = run(inAftercare(), events.agreementDone(at(1), 'a-1'), events.score(at(3, 20), 8), events.close(at(4)));
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
