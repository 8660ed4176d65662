import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { REPORT_DUE_DAY } from './vocabulary.js';
import { localMonth } from './local-date.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// Monthly-report deadlines (plan: "每月28日前"). Pure: `now` and the time zone are passed in.
// A month's report is due before the 28th, i.e. by the end of the 27th in the district's time zone;
// it closes for everyone but the office after `closeDay` of the following month (setting report.closeDay).

export const DEFAULT_CLOSE_DAY = 5;
const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

export type ReportWindow = 'OPEN' | 'LATE' | 'CLOSED';

export function isMonth(s: string): boolean {
  return MONTH_RE.test(s);
}

/** 'YYYY-MM' of an instant in the time zone. */
export function monthOf(now: Date, tz: string): string {
  return localMonth(now, tz);
}

export function isFutureMonth(month: string, now: Date, tz: string): boolean {
  return month > monthOf(now, tz);
}

/** First and last calendar day of a month, 'YYYY-MM-DD'. */
export function monthRange(month: string): { from: string; to: string } {
  const first = dayjs(`${month}-01`);
  return { from: first.format('YYYY-MM-DD'), to: first.endOf('month').format('YYYY-MM-DD') };
}

/** The first instant that is late: 00:00 of the due day (28th) in the time zone. */
export function reportDeadline(month: string, tz: string, dueDay: number = REPORT_DUE_DAY): Date {
  return dayjs.tz(`${month}-${String(dueDay).padStart(2, '0')} 00:00`, tz).toDate();
}

/** The first instant the month is closed: 00:00 of the day after `closeDay` of the next month. */
export function reportCloseAt(month: string, tz: string, closeDay: number = DEFAULT_CLOSE_DAY): Date {
  const next = dayjs(`${month}-01`).add(1, 'month');
  const day = Math.min(Math.max(1, Math.trunc(closeDay)), next.daysInMonth());
  return dayjs
    .tz(`${next.format('YYYY-MM')}-${String(day).padStart(2, '0')} 00:00`, tz)
    .add(1, 'day')
    .toDate();
}

export function reportWindow(month: string, now: Date, tz: string, closeDay: number = DEFAULT_CLOSE_DAY): ReportWindow {
  if (now.getTime() >= reportCloseAt(month, tz, closeDay).getTime()) return 'CLOSED';
  if (now.getTime() >= reportDeadline(month, tz).getTime()) return 'LATE';
  return 'OPEN';
}

export function isLateSubmission(month: string, submittedAt: Date, tz: string): boolean {
  return submittedAt.getTime() >= reportDeadline(month, tz).getTime();
}

/** '6月27日' — the last on-time day, as people say it. */
export function lastOnTimeDayLabel(month: string, dueDay: number = REPORT_DUE_DAY): string {
  return `${Number(month.slice(5))}月${dueDay - 1}日`;
}

/** '7月5日' — the last day the month can be edited by non-office people. */
export function closeDayLabel(month: string, closeDay: number = DEFAULT_CLOSE_DAY): string {
  const next = dayjs(`${month}-01`).add(1, 'month');
  return `${next.month() + 1}月${Math.min(closeDay, next.daysInMonth())}日`;
}

/**
 * Who may change a month's report now (null = allowed; otherwise the reason). The office always
 * may. Others: drafts and the first submission until the close day (a first submission after the
 * deadline is accepted and marked late); a submitted report may be amended only until the deadline.
 */
export function reportEditRefusal(p: {
  month: string;
  now: Date;
  tz: string;
  closeDay: number;
  submitted: boolean;
  office: boolean;
}): string | null {
  if (p.office) return null;
  const w = reportWindow(p.month, p.now, p.tz, p.closeDay);
  if (w === 'CLOSED')
    return `${p.month} 的月度汇报已于${closeDayLabel(p.month, p.closeDay)}关闭，如需修改请联系区招商局。`;
  if (w === 'LATE' && p.submitted)
    return `已过截止时间（${lastOnTimeDayLabel(p.month)}），已提交的汇报不能再修改；如需更正请联系区招商局。`;
  return null;
}
