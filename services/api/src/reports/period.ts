/**
 * The periods the insights reports may be asked for: whole calendar
 * quarters of the region's time zone that have ended, and nothing else.
 * Free periods let anyone subtract one answer from another ([van, tot) and
 * [van, tot + 1 day)) and so find a single household's case by the day;
 * mixed granularities (a year and its quarters) do the same by subtraction;
 * a running quarter changes from day to day. Closed quarters do not
 * overlap. A closed year (issue 18, the yearly review) is the one exception:
 * it is the sum of its four quarters, so the reports that offer it disclose
 * the year and its quarters as one table (suppression.ts, discloseYear),
 * and a year is given only once all four quarters have ended.
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

export const YEAR_PATTERN = /^(\d{4})$/;

export interface Year {
  /** `2026` */
  readonly label: string;
  readonly from: Date;
  readonly to: Date;
  /** K1 to K4: they tile the year. */
  readonly quarters: readonly Quarter[];
}

export function year(label: string): Year {
  if (!YEAR_PATTERN.test(label)) throw new Error(`not a year: ${label}`);
  const quarters = [1, 2, 3, 4].map((number) => quarter(`${label}-K${number}`));
  return { label, from: quarters[0]!.from, to: quarters[3]!.to, quarters };
}

/** The year asked for, once its fourth quarter has ended; 422 before. */
export function closedYear(label: string, now: Date): Year {
  const asked = year(label);
  if (asked.to.getTime() > now.getTime()) {
    const last = Number(localDate(now).slice(0, 4)) - 1;
    throw new DomainError({
      status: 422,
      code: 'rapportage.jaar-niet-afgesloten',
      title: 'Dit jaar is nog niet voorbij.',
      detail: `Een jaaroverzicht gaat over een jaar waarvan alle vier kwartalen zijn afgesloten; het laatste is ${last}. Vraag voor dit jaar de afgesloten kwartalen op met kwartaal=.`,
      invalidParams: [{ name: 'jaar', code: 'too_big', reason: 'moet een jaar zijn waarvan alle kwartalen zijn afgesloten' }],
    });
  }
  return asked;
}

/** A report's period: one closed quarter (default: the last), or a closed year with its quarters. */
export type ReportPeriod = { readonly kind: 'kwartaal'; readonly quarter: Quarter } | { readonly kind: 'jaar'; readonly year: Year };

export function reportPeriod(query: { readonly kwartaal?: string | undefined; readonly jaar?: string | undefined }, now: Date): ReportPeriod {
  if (query.jaar !== undefined && query.kwartaal !== undefined) {
    throw new DomainError({
      status: 400,
      code: 'rapportage.jaar-en-kwartaal',
      title: 'Vraag een jaar of een kwartaal, niet allebei.',
      detail: 'Met jaar= komen het jaar en zijn vier kwartalen samen (perKwartaal); laat kwartaal= dan weg.',
      invalidParams: [{ name: 'kwartaal', code: 'not_allowed', reason: 'niet samen met jaar' }],
    });
  }
  return query.jaar === undefined ? { kind: 'kwartaal', quarter: closedQuarter(query.kwartaal, now) } : { kind: 'jaar', year: closedYear(query.jaar, now) };
}
