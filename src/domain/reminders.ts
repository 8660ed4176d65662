import { addDays, daysBetween, monthOf, previousMonth } from './periods.js';
import { deadlineDay } from './report-status.js';

// Who is reminded when: monthly reports before and after the 28th, project tasks before and after
// their due date. Pure: the job passes today's local date and the office's settings.

export type Audience = 'MEMBER' | 'CAPTAIN' | 'LEADER' | 'OFFICE';
const AUDIENCES: Audience[] = ['MEMBER', 'CAPTAIN', 'LEADER', 'OFFICE'];

export interface ReminderRules {
  /** days of the month (before the 28th) on which captains of squads that have not submitted are reminded */
  reportDays: number[];
  /** who gets the pre-deadline reminder (add MEMBER to remind the whole squad) */
  reportAudience: Audience[];
  /** escalation after the deadline: `afterDays` days after the 28th, still-missing reports go to `notify` */
  escalation: { afterDays: number; notify: Audience[] }[];
}

export const DEFAULT_REMINDER_RULES: ReminderRules = {
  reportDays: [20, 25, 27],
  reportAudience: ['CAPTAIN'],
  escalation: [
    { afterDays: 0, notify: ['CAPTAIN', 'LEADER', 'OFFICE'] },
    { afterDays: 3, notify: ['LEADER', 'OFFICE'] },
  ],
};

/** The month whose report a pre-deadline reminder on `today` is about, or undefined if today is no reminder day. */
export function reportReminderDue(
  today: string,
  rules: ReminderRules,
): { month: string; day: number; daysLeft: number } | undefined {
  const day = Number(today.slice(8, 10));
  const month = monthOf(today);
  if (!rules.reportDays.includes(day) || today >= deadlineDay(month)) return undefined;
  return { month, day, daysLeft: daysBetween(today, deadlineDay(month)) };
}

/**
 * Escalation steps due today: for this month's and last month's deadline (a step 3 days after
 * June 28 falls on July 1), each step whose day is today.
 */
export function escalationsDue(
  today: string,
  rules: ReminderRules,
): { month: string; step: number; afterDays: number; notify: Audience[] }[] {
  const out: { month: string; step: number; afterDays: number; notify: Audience[] }[] = [];
  const thisMonth = monthOf(today);
  for (const month of [previousMonth(previousMonth(thisMonth)), previousMonth(thisMonth), thisMonth]) {
    rules.escalation.forEach((s, step) => {
      if (addDays(deadlineDay(month), s.afterDays) === today)
        out.push({ month, step, afterDays: s.afterDays, notify: s.notify });
    });
  }
  return out;
}

/** Settings key of the task rules (the office's). */
export const TASK_RULES_KEY = 'tasks.rules';

export interface TaskRules {
  /** warn this many days (or fewer) before the due date */
  warnDaysBefore: number;
  /** overdue warnings on these days past due (the largest reached is sent once) */
  overdueDays: number[];
  /** more than this many days past due shows red (fewer: yellow) */
  redAfterDays: number;
}

export const DEFAULT_TASK_RULES: TaskRules = { warnDaysBefore: 3, overdueDays: [1, 3, 7, 14, 30], redAfterDays: 7 };

export type TaskColour = 'green' | 'yellow' | 'red';

/** Green: not past due; yellow: up to `redAfterDays` past; red: further past (限时办结、超时预警). */
export function taskColour(dueOn: string, today: string, rules: TaskRules = DEFAULT_TASK_RULES): TaskColour {
  const over = daysBetween(dueOn, today);
  if (over <= 0) return 'green';
  return over <= rules.redAfterDays ? 'yellow' : 'red';
}

export type TaskWarning =
  | { kind: 'DUE_SOON'; daysLeft: number; key: string }
  | { kind: 'OVERDUE'; daysOver: number; step: number; key: string };

/**
 * The warning a task should get today, with its dedup key: once when it enters the warning window,
 * then once per overdue step reached. Closed tasks get none (办结销号). `keyPrefix` keeps the keys
 * of other things tracked this way (整改事项 'correction', 会议决定 'decision') apart from project tasks' with the same id.
 */
export function taskWarning(
  task: { id: number; dueOn: string; status: string },
  today: string,
  rules: TaskRules = DEFAULT_TASK_RULES,
  keyPrefix = 'task',
): TaskWarning | undefined {
  if (task.status !== 'OPEN') return undefined;
  const left = daysBetween(today, task.dueOn);
  if (left >= 0)
    return left <= rules.warnDaysBefore
      ? { kind: 'DUE_SOON', daysLeft: left, key: `${keyPrefix}-due-soon:${task.id}` }
      : undefined;
  const over = -left;
  const step = [...rules.overdueDays]
    .sort((a, b) => a - b)
    .filter((d) => d <= over)
    .at(-1);
  if (step === undefined) return undefined;
  return { kind: 'OVERDUE', daysOver: over, step, key: `${keyPrefix}-overdue:${task.id}:day-${step}` };
}

export function mergeReminderRules(v: Partial<ReminderRules> | undefined, days?: unknown): ReminderRules {
  const out: ReminderRules = { ...DEFAULT_REMINDER_RULES };
  const d = days ?? v?.reportDays;
  if (Array.isArray(d) && d.every((x) => Number.isInteger(x) && x >= 1 && x <= 27)) out.reportDays = d as number[];
  if (Array.isArray(v?.reportAudience) && v.reportAudience.every((a) => AUDIENCES.includes(a)))
    out.reportAudience = v.reportAudience;
  if (
    Array.isArray(v?.escalation) &&
    v.escalation.every((s) => Number.isInteger(s?.afterDays) && s.afterDays >= 0 && Array.isArray(s.notify))
  )
    out.escalation = v.escalation.map((s) => ({
      afterDays: s.afterDays,
      notify: s.notify.filter((a) => AUDIENCES.includes(a)),
    }));
  return out;
}

export function mergeTaskRules(v: Partial<TaskRules> | undefined): TaskRules {
  const out = { ...DEFAULT_TASK_RULES };
  if (Number.isInteger(v?.warnDaysBefore) && v!.warnDaysBefore! >= 0) out.warnDaysBefore = v!.warnDaysBefore!;
  if (Number.isInteger(v?.redAfterDays) && v!.redAfterDays! >= 0) out.redAfterDays = v!.redAfterDays!;
  if (Array.isArray(v?.overdueDays) && v.overdueDays.every((x) => Number.isInteger(x) && x >= 1))
    out.overdueDays = v.overdueDays;
  return out;
}
