/**
 * The periods the insights reports may be asked for: whole calendar
 * quarters of the region's time zone that have ended, and nothing else.
 * Free periods let anyone subtract one answer from another ([van, tot) and
 * [van, tot + 1 day)) and so find a single household's case by the day;
 * mixed granularities (a year and its quarters) do the same by subtraction;
 * a running quarter changes from day to day. One granularity of closed
 * periods leaves only answers that cannot be derived from each other.
 */
import { addCalendarMonths, DomainError, localDate, startOfLocalDate } from '@veilig-samen/domain';

export interface Quarter {
  /** `2026-K3` */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
}

export const QUARTER_PATTERN = /^(\d{4})-K([1-4])$/;

export function quarter(label: string): Quarter {
  const [, year, number] = QUARTER_PATTERN.exec(label) ?? [];
  // The routes' schema admits only this pattern; anything else is a programming error, not a 500 with an Invalid Date.
  if (year === undefined || number === undefined) throw new Error(`not a quarter: ${label}`);
  const month = (Number(number) - 1) * 3 + 1;
  const from = startOfLocalDate(`${year}-${String(month).padStart(2, '0')}-01`);
  return { label, from, to: addCalendarMonths(from, 3) };
}

/** The last quarter that has ended at `now`. */
export function lastClosedQuarter(now: Date): Quarter {
  const [year = 0, month = 1] = localDate(now).split('-').map(Number);
  const current = Math.floor((month - 1) / 3) + 1;
  return current === 1 ? quarter(`${year - 1}-K4`) : quarter(`${year}-K${current - 1}`);
}

/** The quarter asked for (default: the last closed one); 422 while it runs or has not begun. */
export function closedQuarter(label: string | undefined, now: Date): Quarter {
  if (label === undefined) return lastClosedQuarter(now);
  const asked = quarter(label);
  if (asked.to.getTime() > now.getTime()) {
    throw new DomainError({
      status: 422,
      code: 'rapportage.kwartaal-niet-afgesloten',
      title: 'Dit kwartaal is nog niet voorbij.',
      detail: `Rapportages gaan over afgesloten kwartalen; het laatste is ${lastClosedQuarter(now).label}.`,
      invalidParams: [{ name: 'kwartaal', code: 'too_big', reason: 'moet een afgesloten kwartaal zijn' }],
    });
  }
  return asked;
}
