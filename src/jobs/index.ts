import { reportOutboxFailures } from './outbox-failures.js';
import { runQuarterlyBulletin } from './quarterly-bulletin.js';
import { runReportReminders } from './report-reminders.js';
import { warnReviewDeadlines } from './review-deadlines.js';
import { runTaskWarnings } from './task-warnings.js';
import type { Job } from './types.js';

/**
 * Every scheduled job by name. The office may move a job's time in the settings (`jobs.<name>.cron`).
 * A slot missed while no instance ran is run late: the daily reminders on their day only, the
 * quarterly bulletin up to three days after (the leadership meeting follows it).
 */
export const jobs: Record<string, Job> = {
  'report-reminders': {
    label: '月度汇报提醒与逾期通报',
    cron: '0 9 * * *',
    catchUp: 'same-day',
    run: runReportReminders,
  },
  'task-warnings': { label: '项目限时事项预警', cron: '30 9 * * *', catchUp: 'same-day', run: runTaskWarnings },
  'review-deadlines': { label: '联合预审期限提醒', cron: '0 9 * * *', catchUp: 'same-day', run: warnReviewDeadlines },
  'outbox-failures': {
    label: '发送失败消息日报（发给办公室管理员）',
    cron: '30 8 * * *',
    catchUp: 'same-day',
    run: reportOutboxFailures,
  },
  'quarterly-bulletin': {
    label: '季度进度通报与红黑榜草稿',
    cron: '0 9 20 3,6,9,12 *',
    catchUp: { days: 3 },
    run: runQuarterlyBulletin,
  },
};

export type NamedJob = Job & { name: string };

export function listJobs(): NamedJob[] {
  return Object.entries(jobs).map(([name, job]) => ({ ...job, name }));
}

export function findJob(name: string): NamedJob | undefined {
  return Object.hasOwn(jobs, name) ? { ...jobs[name]!, name } : undefined;
}
