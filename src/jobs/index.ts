import { reportOutboxFailures } from './outbox-failures.js';
import { runQuarterlyBulletin } from './quarterly-bulletin.js';
import { runReportReminders } from './report-reminders.js';
import { warnReviewDeadlines } from './review-deadlines.js';
import { runTaskWarnings } from './task-warnings.js';
import { runCorrectionWarnings } from './correction-warnings.js';
import { runDecisionWarnings } from './decision-warnings.js';
import { JOB_TIMES } from '../domain/job-times.js';
import { sendDailyReportSummary } from './daily-reports.js';
import type { Job } from './types.js';

/**
 * Every scheduled job by name. The office may move a job's time in the settings (`jobs.<name>.cron`).
 * A slot missed while no instance ran is run late: the daily reminders on their day only, the
 * quarterly bulletin up to three days after (the leadership meeting follows it).
 */
export const jobs: Record<string, Job> = {
  'report-reminders': { ...JOB_TIMES['report-reminders'], catchUp: 'same-day', run: runReportReminders },
  'task-warnings': { ...JOB_TIMES['task-warnings'], catchUp: 'same-day', run: runTaskWarnings },
  'correction-warnings': { ...JOB_TIMES['correction-warnings'], catchUp: 'same-day', run: runCorrectionWarnings },
  'decision-warnings': { ...JOB_TIMES['decision-warnings'], catchUp: 'same-day', run: runDecisionWarnings },
  'review-deadlines': { ...JOB_TIMES['review-deadlines'], catchUp: 'same-day', run: warnReviewDeadlines },
  'outbox-failures': { ...JOB_TIMES['outbox-failures'], catchUp: 'same-day', run: reportOutboxFailures },
  'daily-reports': { ...JOB_TIMES['daily-reports'], catchUp: 'same-day', run: sendDailyReportSummary },
  'quarterly-bulletin': { ...JOB_TIMES['quarterly-bulletin'], catchUp: { days: 3 }, run: runQuarterlyBulletin },
};

export type NamedJob = Job & { name: string };

export function listJobs(): NamedJob[] {
  return Object.entries(jobs).map(([name, job]) => ({ ...job, name }));
}

export function findJob(name: string): NamedJob | undefined {
  return Object.hasOwn(jobs, name) ? { ...jobs[name]!, name } : undefined;
}
