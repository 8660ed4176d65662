// When each scheduled job runs by default (croner patterns in APP_TIMEZONE) and its Chinese label.
// The office may move a job's time in the settings (`jobs.<name>.cron`); the scheduler reads the
// setting at every look, so a change is in force without a restart.

export const JOB_TIMES = {
  'report-reminders': { label: '月度汇报提醒与逾期通报', cron: '0 9 * * *' },
  'task-warnings': { label: '项目限时事项预警', cron: '30 9 * * *' },
  'correction-warnings': { label: '督查整改事项预警', cron: '40 9 * * *' },
  'decision-warnings': { label: '领导小组会议决定事项预警', cron: '40 9 * * *' },
  'review-deadlines': { label: '联合预审期限提醒', cron: '0 9 * * *' },
  'outbox-failures': { label: '发送失败消息日报（发给办公室管理员）', cron: '30 8 * * *' },
  'daily-reports': { label: '当日提交的月度汇报汇总（发给办公室）', cron: '0 20 * * *' },
  'quarterly-bulletin': { label: '季度进度通报与红黑榜草稿', cron: '0 9 20 3,6,9,12 *' },
} as const;

export const jobCronKey = (name: string) => `jobs.${name}.cron`;
