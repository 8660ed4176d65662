import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDate as zonedDate } from './local-date.js';

// Periods (a year or a quarter) and calendar dates. Dates are 'YYYY-MM-DD' in the district's zone.

dayjs.extend(utc);
dayjs.extend(timezone);

export interface Period {
  /** '2018' or '2018Q2': the stable key (bulletins, dedup keys) */
  key: string;
  /** '2018年' or '2018年第二季度': what people read */
  label: string;
  year: number;
  quarter?: 1 | 2 | 3 | 4;
  /** First and last day inside the period, inclusive. */
  from: string;
  to: string;
  /** 'YYYY-MM' of every month in the period */
  months: string[];
}

/** How a period is named on cards: 2018年, 2018年第二季度. */
export function periodName(p: Period): string {
  return p.label;
}

/** The calendar date of an instant in a time zone (deadlines are local: Asia/Shanghai). */
export function localDate(now: Date, tz: string): string {
  return zonedDate(now, tz);
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
    key: String(year),
    label: `${year}年`,
    year,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
    months: Array.from({ length: 12 }, (_, i) => `${year}-${pad(i + 1)}`),
  };
}

/** 1 January of the period's year to `to`: a report's year-to-date (annual quotas apply). */
export function yearToDate(year: number, to: string): Period {
  const y = yearPeriod(year);
  const end = to < y.to ? to : y.to;
  return { ...y, to: end, months: y.months.filter((m) => m <= end.slice(0, 7)) };
}

export function quarterPeriod(year: number, quarter: 1 | 2 | 3 | 4): Period {
  const first = (quarter - 1) * 3 + 1;
  const months = [first, first + 1, first + 2].map((m) => `${year}-${pad(m)}`);
  const lastDay = new Date(Date.UTC(year, first + 2, 0)).getUTCDate();
  return {
    key: `${year}Q${quarter}`,
    label: `${year}年第${'一二三四'[quarter - 1]}季度`,
    year,
    quarter,
    from: `${months[0]}-01`,
    to: `${months[2]}-${pad(lastDay)}`,
    months,
  };
}

export function quarterOfDate(date: string): Period {
  const m = Number(date.slice(5, 7));
  return quarterPeriod(Number(date.slice(0, 4)), (Math.floor((m - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

/**
 * '2018', '2018年', '2018Q2', '2018q2', '2018-Q2', '2018 Q2', '2018年第2季度'; empty = the year of
 * `today` (when given). Null when unreadable.
 */
export function parsePeriod(text: string | undefined, today?: string): Period | null {
  const t = (text ?? '').trim().toUpperCase();
  if (!t) return today ? yearPeriod(Number(today.slice(0, 4))) : null;
  const y = /^(\d{4})(?:年)?$/.exec(t);
  if (y) return validYear(Number(y[1])) ? yearPeriod(Number(y[1])) : null;
  const q = /^(\d{4})(?:[-\s]|年)?(?:Q|第)([1-4])(?:季度?)?$/.exec(t);
  if (q && validYear(Number(q[1]))) return quarterPeriod(Number(q[1]), Number(q[2]) as 1 | 2 | 3 | 4);
  return null;
}

function validYear(y: number): boolean {
  return y >= 2000 && y <= 2100;
}

export function inPeriod(date: string | null | undefined, from: string, to: string): boolean {
  return !!date && date.slice(0, 10) >= from && date.slice(0, 10) <= to;
}

/**
 * A quarter's share of an annual quota: a quarter of it; counts are rounded up so that a quota
 * of 3 signings a year asks for 1 a quarter, not 0.75.
 */
export function targetForPeriod(annual: number, period: Period, isCount: boolean): number {
  if (!period.quarter) return annual;
  return isCount ? Math.ceil(annual / 4) : annual / 4;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
