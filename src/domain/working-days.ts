import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { localDate as zonedDate } from './local-date.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// Working days in China: Monday–Friday, except public holidays, plus the weekends declared working
// days (调休). Which days those are is data (CalendarDay rows, from prisma/calendar-cn.json), so a
// new year's State Council notice needs no code change. Dates are 'YYYY-MM-DD' calendar dates.

export const CALENDAR_KINDS = ['HOLIDAY', 'WORKDAY'] as const;
export type CalendarKind = (typeof CALENDAR_KINDS)[number];

/** date → kind, for the dates that differ from the Monday–Friday rule (or confirm it). */
export type WorkCalendar = ReadonlyMap<string, CalendarKind>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written YYYY-MM-DD (2018-02-30 is not). */
export function isIsoDate(s: string): boolean {
  return DATE.test(s) && dayjs.utc(s).format('YYYY-MM-DD') === s;
}

/** The calendar date of an instant in a time zone (Asia/Shanghai for this product). */
export function localDate(now: Date, tz: string): string {
  return zonedDate(now, tz);
}

function addCalendarDays(date: string, n: number): string {
  return dayjs.utc(date).add(n, 'day').format('YYYY-MM-DD');
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  const kind = calendar.get(date);
  if (kind === 'HOLIDAY') return false;
  if (kind === 'WORKDAY') return true;
  const weekday = dayjs.utc(date).day();
  return weekday !== 0 && weekday !== 6;
}

/**
 * The n-th working day after `start` (the start day itself does not count, as in "5 个工作日内").
 * n = 0 gives `start` itself.
 */
export function addWorkingDays(start: string, n: number, calendar: WorkCalendar): string {
  if (!Number.isInteger(n) || n < 0) throw new Error('addWorkingDays: n must be a whole number ≥ 0');
  let d = start;
  let left = n;
  while (left > 0) {
    d = addCalendarDays(d, 1);
    if (isWorkingDay(d, calendar)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: string, to: string, calendar: WorkCalendar): number {
  let count = 0;
  for (let d = addCalendarDays(from, 1); d <= to; d = addCalendarDays(d, 1)) if (isWorkingDay(d, calendar)) count++;
  return count;
}

/** Years that have any calendar data: outside them only weekends are known, and users are told so. */
export function coveredYears(calendar: WorkCalendar): Set<number> {
  const years = new Set<number>();
  for (const date of calendar.keys()) years.add(Number(date.slice(0, 4)));
  return years;
}
