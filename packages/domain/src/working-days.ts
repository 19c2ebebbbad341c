/**
 * Working days in the Netherlands: Monday to Friday, except the public
 * holidays (Nieuwjaarsdag, Pasen, Koningsdag, Hemelvaart, Pinksteren, Kerst;
 * Bevrijdingsdag only where an agreement says so, so not here). The holiday
 * rules come from the maintained `date-holidays` package, which ships its
 * data with it: nothing is fetched at run time.
 */
import Holidays from 'date-holidays';
import { addDays, localDate } from './time.js';

const netherlands = new Holidays('NL');
const holidaysByYear = new Map<number, ReadonlySet<string>>();

/** The public holidays of a year as local dates (YYYY-MM-DD). */
function publicHolidays(year: number): ReadonlySet<string> {
  let found = holidaysByYear.get(year);
  if (!found) {
    found = new Set(netherlands.getHolidays(year).filter((h) => h.type === 'public').map((h) => h.date.slice(0, 10)));
    holidaysByYear.set(year, found);
  }
  return found;
}

/** Whether a local calendar date (YYYY-MM-DD) is a working day. */
export function isWorkingDay(date: string): boolean {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !publicHolidays(year).has(date);
}

/**
 * The same local time `days` working days later: a proposal made on Friday
 * at 10:00 is two working days old on Tuesday at 10:00; one made on a
 * Saturday counts from Monday.
 */
export function addWorkingDays(instant: Date, days: number): Date {
  let calendarDays = 0;
  let counted = 0;
  while (counted < days) {
    calendarDays++;
    if (isWorkingDay(localDate(addDays(instant, calendarDays)))) counted++;
  }
  return addDays(instant, calendarDays);
}
