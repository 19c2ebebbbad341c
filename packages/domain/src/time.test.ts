import { describe, expect, it } from 'vitest';
import { addCalendarMonths, addDays, localDate, startOfLocalDate } from './time.js';

describe('calendar months in Europe/Amsterdam', () => {
  it('keeps the local wall-clock time across the spring DST change', () => {
    // 15 January 10:00 CET (+01) -> 15 April 10:00 CEST (+02)
    expect(addCalendarMonths(new Date('2026-01-15T09:00:00Z'), 3).toISOString()).toBe('2026-04-15T08:00:00.000Z');
  });

  it('keeps the local wall-clock time across the autumn DST change', () => {
    expect(addCalendarMonths(new Date('2026-08-10T12:30:00Z'), 3).toISOString()).toBe('2026-11-10T13:30:00.000Z');
  });

  it('clamps to the end of a shorter month', () => {
    // 30 November 12:00 local -> 28 February (2027 is no leap year)
    expect(addCalendarMonths(new Date('2026-11-30T11:00:00Z'), 3).toISOString()).toBe('2027-02-28T11:00:00.000Z');
    expect(addCalendarMonths(new Date('2027-11-30T11:00:00Z'), 3).toISOString()).toBe('2028-02-29T11:00:00.000Z');
  });

  it('crosses a year and counts a local date, not a UTC date', () => {
    // 31 October 23:30 UTC is already 1 November 00:30 local
    expect(localDate(new Date('2026-10-31T23:30:00Z'))).toBe('2026-11-01');
    expect(addCalendarMonths(new Date('2026-10-31T23:30:00Z'), 3).toISOString()).toBe('2027-01-31T23:30:00.000Z');
  });

  it('adds days and finds the start of a local date', () => {
    expect(addDays(new Date('2026-03-28T10:00:00Z'), 2).toISOString()).toBe('2026-03-30T09:00:00.000Z');
    expect(startOfLocalDate('2026-07-01').toISOString()).toBe('2026-06-30T22:00:00.000Z');
    expect(startOfLocalDate('2026-01-01').toISOString()).toBe('2025-12-31T23:00:00.000Z');
  });
});
