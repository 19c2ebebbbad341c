import { describe, expect, it } from 'vitest';
import { addWorkingDays, isWorkingDay } from './working-days.js';

describe('working days (NL)', () => {
  it('skips weekends', () => {
    expect(isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(isWorkingDay('2026-03-07')).toBe(false);
    expect(isWorkingDay('2026-03-08')).toBe(false);
    // Friday 10:00 local (09:00 UTC) + 2 working days: Tuesday 10:00.
    expect(addWorkingDays(new Date('2026-03-06T09:00:00Z'), 2).toISOString()).toBe('2026-03-10T09:00:00.000Z');
    // A Saturday counts from Monday.
    expect(addWorkingDays(new Date('2026-03-07T09:00:00Z'), 2).toISOString()).toBe('2026-03-10T09:00:00.000Z');
    // Wednesday + 5 working days: the next Wednesday.
    expect(addWorkingDays(new Date('2026-03-04T09:00:00Z'), 5).toISOString()).toBe('2026-03-11T09:00:00.000Z');
  });

  it('skips Dutch public holidays: Koningsdag, Christmas, Easter Monday', () => {
    expect(isWorkingDay('2026-04-27')).toBe(false); // Koningsdag, a Monday
    expect(isWorkingDay('2026-12-25')).toBe(false);
    expect(isWorkingDay('2026-12-26')).toBe(false);
    expect(isWorkingDay('2026-04-06')).toBe(false); // Tweede paasdag
    expect(isWorkingDay('2026-05-05')).toBe(true); // Bevrijdingsdag: not a general day off
    // Friday 24 April 2026 (CEST: 10:00 = 08:00 UTC) + 2: Monday 27 is Koningsdag, so Wednesday 29.
    expect(addWorkingDays(new Date('2026-04-24T08:00:00Z'), 2).toISOString()).toBe('2026-04-29T08:00:00.000Z');
    // Wednesday 23 December 2026 + 2: 24th (Thursday), then 25, 26, 27 off, Monday 28.
    expect(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 2).toISOString()).toBe('2026-12-28T09:00:00.000Z');
    // Christmas to New Year: 23 Dec + 5 working days = 24, 28, 29, 30, 31 Dec.
    expect(addWorkingDays(new Date('2026-12-23T09:00:00Z'), 5).toISOString()).toBe('2026-12-31T09:00:00.000Z');
    // Across New Year: Thursday 31 Dec + 1: 1 January is off, then the weekend, so Monday 4 January.
    expect(addWorkingDays(new Date('2026-12-31T09:00:00Z'), 1).toISOString()).toBe('2027-01-04T09:00:00.000Z');
  });
});
