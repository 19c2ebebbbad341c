/**
 * Calendar arithmetic in the region's time zone. "Three months after the
 * start" is a calendar rule (seed 000): 15 January 10:00 -> 15 April 10:00
 * local time, across the DST change; 31 January -> 30 April (end of month).
 */
export const REGION_TIME_ZONE = 'Europe/Amsterdam';

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: REGION_TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

interface LocalParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(instant: Date): LocalParts {
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Milliseconds that local time is ahead of UTC at this instant. */
function offsetAt(instant: Date): number {
  const p = localParts(instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the region's clocks show this local time. */
function fromLocal(p: LocalParts, milliseconds: number): Date {
  const guess = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, milliseconds);
  const first = guess - offsetAt(new Date(guess));
  // The offset at the result can differ from the guess's near a DST change.
  const second = guess - offsetAt(new Date(first));
  return new Date(second);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function addCalendarMonths(instant: Date, months: number): Date {
  const p = localParts(instant);
  const monthIndex = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return fromLocal({ ...p, year, month, day }, instant.getUTCMilliseconds());
}

export function addDays(instant: Date, days: number): Date {
  const p = localParts(instant);
  const shifted = new Date(Date.UTC(p.year, p.month - 1, p.day + days));
  return fromLocal(
    { ...p, year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() },
    instant.getUTCMilliseconds(),
  );
}

/** The region's calendar date (YYYY-MM-DD) of an instant. */
export function localDate(instant: Date): string {
  const p = localParts(instant);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Midnight at the start of a local calendar date (YYYY-MM-DD). */
export function startOfLocalDate(date: string): Date {
  const [year, month, day] = date.split('-').map(Number);
  return fromLocal({ year: year ?? 1970, month: month ?? 1, day: day ?? 1, hour: 0, minute: 0, second: 0 }, 0);
}

/** Whole days between two instants (floor), for "days in phase". */
export function wholeDaysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / 86_400_000);
}
