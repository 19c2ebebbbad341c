import { describe, expect, it } from 'vitest';
import { decide, openCase } from './decide.js';
import { letterRecipients, letterRefusal, planAgreementsFor, receivesLetters, sendingRefusal } from './letters.js';
import { agreement, events, meetingAgreement, opened, run } from './testing.js';
import type { Member } from './types.js';

const member = (overrides: Partial<Member> = {}): Member => ({ id: 'lid-1', voornamen: null, voorvoegsel: null, geslachtsnaam: 'Anna', naam: 'Anna', geboortedatum: '1988-05-12', relatie: 'ouder', betrokkenheid: ['slachtoffer'], ...overrides });
const START = '2026-01-05T09:00:00.000Z';

describe('letters (issue 17 point 7): who receives them and what they may hold', () => {
  it('a member receives letters from their 16th birthday; without a birth date unless recorded as a child', () => {
    expect(receivesLetters(member({ geboortedatum: '2010-02-01' }), '2026-01-31')).toBe(false);
    expect(receivesLetters(member({ geboortedatum: '2010-02-01' }), '2026-02-01')).toBe(true);
    expect(receivesLetters(member({ geboortedatum: null, relatie: 'kind' }), '2026-02-01')).toBe(false);
    expect(receivesLetters(member({ geboortedatum: null, relatie: 'ex-partner' }), '2026-02-01')).toBe(true);
    // Born on 29 February: 16 on 1 March in a year without one.
    expect(receivesLetters(member({ geboortedatum: '2008-02-29' }), '2024-02-28')).toBe(false);
    expect(receivesLetters(member({ geboortedatum: '2008-02-29' }), '2024-03-01')).toBe(true);
  });

  it('the deceased member of a closure gets none', () => {
    const context = { leden: [member(), member({ id: 'lid-2', naam: 'Bram' })], afsluiting: { reden: 'overleden', op: START, lidId: 'lid-2' } };
    expect(letterRecipients(context, '2026-02-01').map((m) => m.id)).toEqual(['lid-1']);
  });

  it("the safety plan for a member on the perpetrator's side holds only their own agreements; never a lapsed one or one the household did not agree to", () => {
    const plan = {
      afspraken: [
        { ...agreement('a-1'), eigenaar: { soort: 'lid' as const, lidId: 'lid-1' } },
        { ...agreement('a-2'), eigenaar: { soort: 'lid' as const, lidId: 'lid-2' } },
        { ...agreement('a-3'), eigenaar: { soort: 'organisatie' as const, naam: 'Opvang' } },
        { ...agreement('a-4', 'vervallen'), eigenaar: { soort: 'lid' as const, lidId: 'lid-2' } },
        { ...meetingAgreement('a-5'), eigenaar: { soort: 'lid' as const, lidId: 'lid-2' } },
      ],
    };
    expect(planAgreementsFor(member(), plan).map((a) => a.id)).toEqual(['a-1', 'a-2', 'a-3']);
    expect(planAgreementsFor(member({ id: 'lid-2', betrokkenheid: ['pleger', 'slachtoffer'] }), plan).map((a) => a.id)).toEqual(['a-2']);
  });

  it('refuses a letter that does not fit: too young, deceased, a closing letter before closure, a plan before there is one', () => {
    const context = { afsluiting: null, huidigPlan: null };
    expect(letterRefusal('start', member({ geboortedatum: '2016-01-01' }), context, '2026-02-01')).toBe('te-jong');
    expect(letterRefusal('afsluiting', member(), context, '2026-02-01')).toBe('niet-afgesloten');
    expect(letterRefusal('veiligheidsplan', member(), context, '2026-02-01')).toBe('geen-veiligheidsplan');
    expect(letterRefusal('gevolgen-hulp-weigeren', member(), context, '2026-02-01')).toBeUndefined();
    expect(letterRefusal('afsluiting', member(), { ...context, afsluiting: { reden: 'overleden', op: START, lidId: 'lid-1' } }, '2026-02-01')).toBe('overleden');
  });

  it('never by post to a member who wants no post at home', () => {
    const safe = { geenPostThuisadres: true, kanaal: null, veiligMoment: null, toelichting: null };
    expect(sendingRefusal('post', member({ veiligContact: safe }))).toBe('geen-post-thuisadres');
    expect(sendingRefusal('persoonlijk', member({ veiligContact: safe }))).toBeUndefined();
    expect(sendingRefusal('post', member())).toBeUndefined();
  });

  it('the machine judges a recorded sending: member, letter and way of sending (404-free: the member is in the body)', () => {
    const base = openCase(opened(START));
    const refusal = (event: ReturnType<typeof events.letter>) => {
      const decision = decide(base, event);
      return decision.ok ? undefined : decision.refusal.code;
    };
    expect(refusal(events.letter('2026-01-06T09:00:00.000Z', 'lid-1'))).toBeUndefined();
    expect(refusal(events.letter('2026-01-06T09:00:00.000Z', 'niemand'))).toBe('brief.lid-onbekend');
    expect(refusal(events.letter('2026-01-06T09:00:00.000Z', 'lid-2'))).toBe('brief.lid-te-jong');
    expect(refusal(events.letter('2026-01-06T09:00:00.000Z', 'lid-1', 'afsluiting'))).toBe('brief.casus-niet-afgesloten');
    expect(refusal(events.letter('2026-01-06T09:00:00.000Z', 'lid-1', 'veiligheidsplan'))).toBe('brief.geen-veiligheidsplan');
    const withNoPost = run(base, events.addMemberNoPost('2026-01-06T09:00:00.000Z', 'lid-3'));
    const post = decide(withNoPost, events.letter('2026-01-07T09:00:00.000Z', 'lid-3', 'start', 'post'));
    expect(post.ok ? undefined : post.refusal).toMatchObject({ code: 'brief.geen-post-thuisadres', status: 409, guard: 'briefVerzendwijzeVeilig' });
    // After closure the closing letter is recorded too; the case stays closed.
    const closed = run(run(base, events.reportBack('2026-01-08T09:00:00.000Z', 'hulp-geweigerd')), events.close('2026-01-09T09:00:00.000Z', { reden: 'hulp-geweigerd' }));
    const sent = decide(closed, events.letter('2026-01-10T09:00:00.000Z', 'lid-1', 'afsluiting'));
    expect(sent.ok && sent.snapshot.context.afsluiting?.reden).toBe('hulp-geweigerd');
  });
});
