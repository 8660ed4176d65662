import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { addDays, daysBetween, quarterPeriod, type Period } from './periods.js';
import { DEFAULT_TASK_RULES, taskWarning, type TaskRules, type TaskWarning } from './reminders.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// The quarterly leadership meeting (领导小组会议): what its pack lists and when a decision's owner
// is warned. Pure: dates are local 'YYYY-MM-DD' passed in by the caller.

/** How many open issues and decisions the pack shows before "还有 N 条" (a phone card stays short). */
export const PACK_ISSUE_LIMIT = 8;
export const PACK_DECISION_LIMIT = 10;

export function previousQuarter(p: Period): Period {
  const q = p.quarter ?? 4;
  return q === 1 ? quarterPeriod(p.year - 1, 4) : quarterPeriod(p.year, (q - 1) as 1 | 2 | 3);
}

/**
 * The meeting's day: the 20th of the quarter's last month, when the quarterly job sends the pack
 * (the leadership meeting follows it).
 */
export function meetingDay(p: Period): string {
  return `${p.months[2]}-20`;
}

/**
 * Decisions closed "since the previous meeting": closed on or after the previous quarter's meeting
 * day and before this one's. One closed on a meeting day itself (the pack has gone out that morning)
 * appears in the next quarter's pack.
 */
export function closedSinceWindow(p: Period): { from: string; before: string } {
  return { from: meetingDay(previousQuarter(p)), before: meetingDay(p) };
}

/** Days past due (0 or less: not overdue). */
export function daysOverdue(dueOn: string, today: string): number {
  return daysBetween(dueOn, today);
}

/** The default due date offered on the decision form: a month after the meeting. */
export function defaultDueOn(today: string): string {
  return addDays(today, 30);
}

/**
 * The warning a decision should get today, with its dedup key: the project tasks' rule
 * (限时办结、超时预警) under keys of its own, so a task and a decision with the same id never share one.
 */
export function decisionWarning(
  decision: { id: number; dueOn: string; status: string },
  today: string,
  rules: TaskRules = DEFAULT_TASK_RULES,
): TaskWarning | undefined {
  return taskWarning(decision, today, rules, 'decision');
}

/** The instant a local day starts (00:00 in the zone). */
export function startOfLocalDay(date: string, tz: string): Date {
  return dayjs.tz(`${date} 00:00`, tz).toDate();
}
