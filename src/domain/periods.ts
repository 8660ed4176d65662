import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';

dayjs.extend(utc);
dayjs.extend(timezone);

/** A year or a quarter of a year, as calendar dates in the district's time zone. */
export interface Period {
  /** '2018' or '2018Q2' */
  label: string;
  year: number;
  quarter?: 1 | 2 | 3 | 4;
  /** first and last day, 'YYYY-MM-DD', inclusive */
  from: string;
  to: string;
  /** 'YYYY-MM' of every month in the period */
  months: string[];
}

/** The calendar date of an instant in a time zone (deadlines are local: Asia/Shanghai). */
export function localDate(now: Date, tz: string): string {
  return dayjs(now).tz(tz).format('YYYY-MM-DD');
}

export function localTime(now: Date, tz: string): string {
  return dayjs(now).tz(tz).format('HH:mm');
}

export function addDays(date: string, n: number): string {
  return dayjs.utc(date).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole days from a to b (b later = positive). */
export function daysBetween(a: string, b: string): number {
  return dayjs.utc(b).diff(dayjs.utc(a), 'day');
}

export function monthOf(date: string): string {
  return date.slice(0, 7);
}

export function previousMonth(month: string): string {
  return dayjs.utc(`${month}-01`).subtract(1, 'month').format('YYYY-MM');
}

export function yearPeriod(year: number): Period {
  return {
    label: String(year),
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    months: Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`),
  };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const first = (quarter - 1) * 3 + 1;
  const months = [first, first + 1, first + 2].map((m) => `${year}-${String(m).padStart(2, '0')}`);
  const to = dayjs.utc(`${months[2]}-01`).endOf('month').format('YYYY-MM-DD');
  return { label: `${year}Q${quarter}`, year, quarter, from: `${months[0]}-01`, to, months };
}

export function quarterOfDate(date: string): Period {
  const m = Number(date.slice(5, 7));
  return quarterPeriod(Number(date.slice(0, 4)), (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

/** '2018', '2018Q2', '2018q2', '2018-Q2', '2018年', '2018年第2季度'; undefined when it is none of these. */
export function parsePeriod(arg: string): Period | undefined {
  const s = arg.trim().toUpperCase().replace(/\s+/g, '');
  let m = /^(\d{4})(?:年)?$/.exec(s);
  if (m) return validYear(Number(m[1])) ? yearPeriod(Number(m[1])) : undefined;
  m = /^(\d{4})(?:-|年)?(?:Q|第)([1-4])(?:季度?)?$/.exec(s);
  if (m && validYear(Number(m[1]))) return quarterPeriod(Number(m[1]), Number(m[2]) as 1 | 2 | 3 | 4);
  return undefined;
}

function validYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

/**
 * A quarter's share of an annual quota: a quarter of it; counts are rounded up so that a quota
 * of 3 signings a year asks for 1 a quarter, not 0.75.
 */
export function targetForPeriod(annual: number, period: Period, isCount: boolean): number {
  if (!period.quarter) return annual;
  return isCount ? Math.ceil(annual / 4) : annual / 4;
}
