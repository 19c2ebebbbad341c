import { isDomainError } from '@veilig-samen/domain';
import { describe, expect, it } from 'vitest';
import { closedQuarter, closedYear, lastClosedQuarter, quarter, reportPeriod, year } from './period.js';

const at = (iso: string) => new Date(iso);
const bounds = (label: string) => {
  const { from, to } = quarter(label);
  return [from.toISOString(), to.toISOString()];
};

/** The problem a period function throws, or undefined when it returns. */
const refused = (run: () => unknown) => {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!isDomainError(error)) throw error;
    return error;
  }
};

/** The problem closedQuarter throws, or undefined when it returns. */
const refusal = (label: string | undefined, now: Date) => refused(() => closedQuarter(label, now));

describe('quarter', () => {
  it('runs from local midnight on the first day to local midnight three months on, across daylight saving time', () => {
    // Winter time (UTC+1) to summer time (UTC+2): the clocks go forward on 29 March 2026.
    expect(bounds('2026-K1')).toEqual(['2025-12-31T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
    expect(bounds('2026-K2')).toEqual(['2026-03-31T22:00:00.000Z', '2026-06-30T22:00:00.000Z']);
    expect(bounds('2026-K3')).toEqual(['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
    // Summer time to winter time: back on 25 October 2026; K4 ends in winter time.
    expect(bounds('2026-K4')).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(bounds('2027-K1')).toEqual(['2026-12-31T23:00:00.000Z', '2027-03-31T22:00:00.000Z']);
  });

  it('keeps the label, and the quarters of a year tile it without gap or overlap', () => {
    expect(quarter('2026-K3').label).toBe('2026-K3');
    const year = ['2026-K1', '2026-K2', '2026-K3', '2026-K4', '2027-K1'].map(quarter);
    for (let i = 1; i < year.length; i++) expect(year[i]?.from).toEqual(year[i - 1]?.to);
  });
});

describe('lastClosedQuarter', () => {
  it('in January is the previous year’s fourth quarter', () => {
    expect(lastClosedQuarter(at('2026-01-15T09:00:00Z')).label).toBe('2025-K4');
    // Just after local midnight on 1 January, while UTC still shows 31 December.
    expect(lastClosedQuarter(at('2025-12-31T23:00:00Z')).label).toBe('2025-K4');
    expect(lastClosedQuarter(at('2025-12-31T22:59:59.999Z')).label).toBe('2025-K3');
  });

  it('is the quarter before the running one, by the local date', () => {
    expect(lastClosedQuarter(at('2026-05-01T09:00:00Z'))).toEqual(quarter('2026-K1'));
    expect(lastClosedQuarter(at('2026-12-31T22:59:59.999Z')).label).toBe('2026-K3');
    expect(lastClosedQuarter(at('2026-12-31T23:00:00Z')).label).toBe('2026-K4');
  });

  it('changes at the instant the quarter ends (local midnight), not at midnight UTC', () => {
    expect(lastClosedQuarter(at('2026-03-31T21:59:59.999Z')).label).toBe('2025-K4');
    expect(lastClosedQuarter(at('2026-03-31T22:00:00Z')).label).toBe('2026-K1');
    expect(lastClosedQuarter(at('2026-09-30T21:59:59.999Z')).label).toBe('2026-K2');
    expect(lastClosedQuarter(at('2026-09-30T22:00:00Z')).label).toBe('2026-K3');
  });
});

describe('closedQuarter', () => {
  it('without a quarter is the last closed one', () => {
    expect(closedQuarter(undefined, at('2026-01-15T09:00:00Z'))).toEqual(quarter('2025-K4'));
    expect(closedQuarter(undefined, at('2026-04-01T09:00:00Z'))).toEqual(quarter('2026-K1'));
  });

  it('gives a quarter that has ended, also long ago', () => {
    expect(closedQuarter('2026-K1', at('2026-07-01T09:00:00Z'))).toEqual(quarter('2026-K1'));
    expect(closedQuarter('1999-K4', at('2026-07-01T09:00:00Z'))).toEqual(quarter('1999-K4'));
  });

  it('is closed at the very instant of its end, and not one millisecond before', () => {
    expect(closedQuarter('2026-K1', at('2026-03-31T22:00:00.000Z'))).toEqual(quarter('2026-K1'));
    expect(closedQuarter('2026-K3', at('2026-09-30T22:00:00.000Z'))).toEqual(quarter('2026-K3'));
    expect(closedQuarter('2026-K4', at('2026-12-31T23:00:00.000Z'))).toEqual(quarter('2026-K4'));
    expect(refusal('2026-K1', at('2026-03-31T21:59:59.999Z'))).toMatchObject({ status: 422, code: 'rapportage.kwartaal-niet-afgesloten' });
    expect(refusal('2026-K4', at('2026-12-31T22:59:59.999Z'))).toMatchObject({ status: 422, code: 'rapportage.kwartaal-niet-afgesloten' });
  });

  it('refuses the running quarter and a future one with 422, naming the last closed one', () => {
    const now = at('2026-05-01T09:00:00Z');
    for (const label of ['2026-K2', '2026-K3', '2027-K1']) {
      expect(refusal(label, now), label).toMatchObject({
        status: 422,
        code: 'rapportage.kwartaal-niet-afgesloten',
        invalidParams: [{ name: 'kwartaal', code: 'too_big' }],
      });
    }
    expect(refusal('2026-K2', now)?.detail).toContain('2026-K1');
  });
});

describe('closedYear', () => {
  it('is its four quarters, from local midnight on 1 January to local midnight a year on', () => {
    const asked = year('2026');
    expect([asked.from.toISOString(), asked.to.toISOString()]).toEqual(['2025-12-31T23:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(asked.quarters.map((q) => q.label)).toEqual(['2026-K1', '2026-K2', '2026-K3', '2026-K4']);
    expect(asked.quarters[0]?.from).toEqual(asked.from);
    expect(asked.quarters[3]?.to).toEqual(asked.to);
  });

  it('is given once its fourth quarter has ended, and not one millisecond before', () => {
    expect(closedYear('2026', at('2026-12-31T23:00:00.000Z')).label).toBe('2026');
    expect(closedYear('1999', at('2026-05-01T09:00:00Z')).label).toBe('1999');
    for (const [label, now] of [
      ['2026', '2026-12-31T22:59:59.999Z'],
      ['2026', '2026-05-01T09:00:00Z'],
      ['2027', '2026-05-01T09:00:00Z'],
    ] as const) {
      expect(refused(() => closedYear(label, at(now))), `${label} at ${now}`).toMatchObject({
        status: 422,
        code: 'rapportage.jaar-niet-afgesloten',
        invalidParams: [{ name: 'jaar', code: 'too_big' }],
      });
    }
    // The detail names the last closed year.
    expect(refused(() => closedYear('2026', at('2026-05-01T09:00:00Z')))?.detail).toContain('2025');
  });
});

describe('reportPeriod', () => {
  const now = at('2027-02-01T09:00:00Z');
  it('is a quarter (default the last closed one) or a year, never both', () => {
    expect(reportPeriod({}, now)).toEqual({ kind: 'kwartaal', quarter: quarter('2026-K4') });
    expect(reportPeriod({ kwartaal: '2026-K2' }, now)).toEqual({ kind: 'kwartaal', quarter: quarter('2026-K2') });
    expect(reportPeriod({ jaar: '2026' }, now)).toEqual({ kind: 'jaar', year: year('2026') });
    expect(refused(() => reportPeriod({ jaar: '2026', kwartaal: '2026-K2' }, now))).toMatchObject({ status: 400, code: 'rapportage.jaar-en-kwartaal' });
    expect(refused(() => reportPeriod({ jaar: '2027' }, now))).toMatchObject({ status: 422, code: 'rapportage.jaar-niet-afgesloten' });
  });
});
