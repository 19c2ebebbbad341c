import { describe, expect, it } from 'vitest';
import { decide, openCase, type CaseSnapshot } from './decide.js';
import type { CaseEvent } from './events.js';
import { describeSignal, SIGNAL_DEFINITIONS, SIGNAL_KINDS, signalNotification, signalOnTimeline, signalsFor } from './signals.js';
import { COLLEAGUE, events, opened, run } from './testing.js';

const START = '2026-01-05T09:00:00.000Z';

/** The signals of an event the machine accepts, from the case as it is. */
function signalsOf(before: CaseSnapshot, event: CaseEvent) {
  const decision = decide(before, event);
  if (!decision.ok) throw new Error(`${event.type} refused: ${decision.refusal.code}`);
  return signalsFor(before, decision.snapshot, event);
}

describe('signalsFor: the werkvoorraad items a case change makes', () => {
  const fresh = () => openCase(opened(START));

  it('herinnering-deadline for the reminder, due at the deadline of its window', () => {
    const before = fresh();
    const window = before.context.vensters[0];
    const made = signalsOf(before, events.remind('2026-03-25T09:00:00.000Z', 1));
    expect(made).toEqual([{ kind: 'herinnering-deadline', addressee: 'regisseur', dueAt: window?.deadline, data: { vensterNummer: 1 } }]);
  });

  it('opschaling-besloten for either decision of the coordinator, due at once', () => {
    const escalated = run(fresh(), events.escalate('2026-02-01T09:00:00.000Z', 'handmatig', 1, 'o-1'));
    const at = '2026-02-03T10:00:00.000Z';
    expect(signalsOf(escalated, events.decideEscalation(at, 'o-1', 'mda-traject'))).toEqual([
      { kind: 'opschaling-besloten', addressee: 'regisseur', dueAt: at, data: { opschalingId: 'o-1', besluit: 'mda-traject' } },
    ]);
    expect(signalsOf(escalated, events.decideEscalation(at, 'o-1', 'terug-naar-lokaal-team'))).toEqual([
      { kind: 'opschaling-besloten', addressee: 'regisseur', dueAt: at, data: { opschalingId: 'o-1', besluit: 'terug-naar-lokaal-team' } },
    ]);
  });

  it('regiewissel-wacht for an unanswered proposal: after 2 working days both regisseurs (the proposed by name), after 5 the beheerder', () => {
    const proposed = run(fresh(), events.propose('2026-01-06T09:00:00.000Z', 'mw-nieuw', 'v-1'));
    const data = (niveau: string) => ({ voorstelId: 'v-1', niveau });
    const at = '2026-01-08T09:00:00.000Z';
    expect(signalsOf(proposed, events.signalProposal(at, 'v-1', 'regisseurs'))).toEqual([
      { kind: 'regiewissel-wacht', addressee: 'regisseur', dueAt: at, data: data('regisseurs') },
      { kind: 'regiewissel-wacht', addressee: 'voorgestelde-regisseur', addresseeSub: 'mw-nieuw', dueAt: at, data: data('regisseurs') },
    ]);
    const later = '2026-01-13T09:00:00.000Z';
    expect(signalsOf(proposed, events.signalProposal(later, 'v-1', 'beheerder'))).toEqual([{ kind: 'regiewissel-wacht', addressee: 'beheerder', dueAt: later, data: data('beheerder') }]);
    // Proposing tells the proposed at once (regiewissel-voorgesteld); answering and withdrawing make none.
    expect(signalsOf(fresh(), events.propose(at, 'mw-nieuw', 'v-2'))).toEqual([
      { kind: 'regiewissel-voorgesteld', addressee: 'voorgestelde-regisseur', addresseeSub: 'mw-nieuw', dueAt: at, data: { voorstelId: 'v-2' } },
    ]);
    expect(signalsOf(proposed, events.answerProposal(at, 'afgewezen', 'mw-nieuw', 'v-1'))).toEqual([]);
  });

  it('no signal for the escalation itself (the coordinator has the queue)', () => {
    expect(signalsOf(fresh(), events.escalate('2026-02-01T09:00:00.000Z', 'handmatig', 1))).toEqual([]);
  });

  it("huisverbod-einde for the order's reminder, due when the order ends", () => {
    const withOrder = run(fresh(), events.order('2026-01-10T09:00:00.000Z'));
    const end = withOrder.context.huisverbod?.einde ?? '';
    expect(signalsOf(withOrder, events.remindOrder('2026-01-18T09:00:00.000Z', end))).toEqual([{ kind: 'huisverbod-einde', addressee: 'regisseur', dueAt: end, data: {} }]);
  });

  it('no signal for imposing or extending an order', () => {
    const withOrder = run(fresh(), events.order('2026-01-10T09:00:00.000Z'));
    expect(signalsOf(fresh(), events.order('2026-01-10T09:00:00.000Z'))).toEqual([]);
    expect(signalsOf(withOrder, events.extendOrder('2026-01-12T09:00:00.000Z', '2026-01-30T09:00:00.000Z'))).toEqual([]);
  });

  it('incident reported by someone other than the regisseur (a partner, a message, the system), due at once', () => {
    const at = '2026-02-01T09:00:00.000Z';
    const byColleague: CaseEvent = { ...events.incident(at), door: COLLEAGUE };
    expect(signalsOf(fresh(), byColleague)).toEqual([{ kind: 'incident', addressee: 'regisseur', dueAt: at, data: { incidentSoort: 'fysiek' } }]);
    const bySystem: CaseEvent = { ...events.incident(at), door: { sub: 'vt-koppeling', rol: 'integratie', organisatie: 'Veilig Thuis' } };
    expect(signalsOf(fresh(), bySystem).map((s) => s.kind)).toEqual(['incident']);
  });

  it('no incident signal when the regisseur reports it', () => {
    expect(signalsOf(fresh(), events.incident('2026-02-01T09:00:00.000Z'))).toEqual([]);
  });

  it('an incident by the old regisseur after a handover reaches the new one', () => {
    const handedOver = run(fresh(), events.handover('2026-01-20T09:00:00.000Z', 'mw-002'));
    expect(signalsOf(handedOver, events.incident('2026-02-01T09:00:00.000Z')).map((s) => s.kind)).toEqual(['incident']);
  });

  it('no signal for ordinary work: scores, plans, phases', () => {
    const base = fresh();
    expect(signalsOf(base, events.score('2026-01-10T09:00:00.000Z', 4))).toEqual([]);
    expect(signalsOf(base, events.plan('2026-01-10T09:00:00.000Z'))).toEqual([]);
    expect(signalsOf(base, events.letter('2026-01-10T09:00:00.000Z', 'lid-1'))).toEqual([]);
  });

  it('brief-versturen (issue 17 point 7): a start letter per member of 16 and older for a new regisseur or a reopening, a closing letter at closure; due in 5 days', () => {
    const at = '2026-01-10T09:00:00.000Z';
    const due = '2026-01-15T09:00:00.000Z';
    // lid-1 is an adult, lid-2 a child of 9: only lid-1 gets letters.
    const start = [{ kind: 'brief-versturen', addressee: 'regisseur', dueAt: due, data: { lidId: 'lid-1', brief: 'start' } }];
    expect(signalsOf(fresh(), events.handover(at, 'mw-002'))).toEqual(start);
    const proposed = run(fresh(), events.propose('2026-01-06T09:00:00.000Z', 'mw-nieuw', 'v-1'));
    expect(signalsOf(proposed, events.answerProposal(at, 'geaccepteerd', 'mw-nieuw', 'v-1'))).toEqual(start);
    const closing = signalsOf(run(fresh(), events.reportBack('2026-01-09T09:00:00.000Z', 'hulp-geweigerd')), events.close(at, { reden: 'hulp-geweigerd' }));
    expect(closing).toEqual([{ kind: 'brief-versturen', addressee: 'regisseur', dueAt: due, data: { lidId: 'lid-1', brief: 'afsluiting' } }]);
    const closed = run(run(fresh(), events.reportBack('2026-01-09T09:00:00.000Z', 'hulp-geweigerd')), events.close(at, { reden: 'hulp-geweigerd' }));
    expect(signalsOf(closed, events.reopen('2026-02-01T09:00:00.000Z')).map((s) => s.data)).toEqual([{ lidId: 'lid-1', brief: 'start' }]);
    // A member who died gets no closing letter.
    const deceased = signalsOf(fresh(), events.close(at, { reden: 'overleden', lidId: 'lid-1', toelichting: 'overleden' }));
    expect(deceased).toEqual([]);
  });
});

describe('signal kinds', () => {
  it('every kind has a Dutch description; none is reserved any more (the handover acceptance makes regiewissel-wacht)', () => {
    for (const kind of SIGNAL_KINDS) expect(describeSignal(kind).length).toBeGreaterThan(20);
    expect(SIGNAL_KINDS.filter((kind) => SIGNAL_DEFINITIONS[kind].reserved)).toEqual([]);
    expect(SIGNAL_KINDS).toContain('regisseur-vertrokken');
  });

  it('the timeline leaves out the signals made beside an event it already shows', () => {
    expect(signalOnTimeline('aanmaakpoging')).toBe(true);
    for (const kind of ['herinnering-deadline', 'opschaling-besloten', 'huisverbod-einde', 'incident'] as const) expect(signalOnTimeline(kind)).toBe(false);
  });

  it('the webhook of a signal carries identifiers, kind, addressee and due time only', () => {
    const notification = signalNotification({ id: 's-1', kind: 'incident', addressee: 'regisseur', dueAt: '2026-02-01T10:00:00+01:00', data: { incidentSoort: 'fysiek' } });
    expect(notification).toEqual({
      type: 'werkvoorraad.item',
      data: { werkvoorraadId: 's-1', soort: 'incident', geadresseerde: 'regisseur', vervaldatum: '2026-02-01T09:00:00.000Z', incidentSoort: 'fysiek' },
    });
  });
});
