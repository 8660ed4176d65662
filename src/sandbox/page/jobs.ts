import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import { findActorByOpenId } from '../../db/people.js';
import { isOffice } from '../../domain/actor.js';
import type { Deps } from '../../deps.js';
import { findJob, listJobs } from '../../jobs/index.js';

dayjs.extend(utc);
dayjs.extend(timezone);

// The office panel: run any registered scheduled job now, for a chosen date and time, so a whole
// month of the plan (reminders, warnings, the quarterly bulletin) can be shown in minutes. Jobs
// carry their own dedup keys, so running a slot twice sends nothing twice.

export interface JobView {
  name: string;
  label: string;
  cron: string;
}

export function listJobViews(): JobView[] {
  return listJobs().map((j) => ({ name: j.name, label: j.label, cron: j.cron }));
}

export type RunOutcome =
  | { ok: true; summary: string; messages?: number; at: string }
  | { ok: false; status: number; error: string };

export async function runJobAs(
  deps: Deps,
  operatorOpenId: string,
  name: string,
  date: string,
  time: string,
): Promise<RunOutcome> {
  const actor = await findActorByOpenId(deps.db, operatorOpenId);
  if (!isOffice(actor))
    return {
      ok: false,
      status: 403,
      error: '只有领导小组办公室（招商局）可以手动运行定时任务，请先切换到办公室的人员。',
    };
  const job = findJob(name);
  if (!job) return { ok: false, status: 404, error: `没有名为 ${name} 的定时任务，请刷新页面。` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
    return { ok: false, status: 400, error: '请选择运行日期（年-月-日）和时间（时:分）。' };
  }
  const at = dayjs.tz(`${date} ${time}`, 'YYYY-MM-DD HH:mm', deps.config.timezone);
  if (!at.isValid()) return { ok: false, status: 400, error: '日期或时间无效，请重新选择。' };
  try {
    const result = await job.run(deps, at.toDate());
    deps.kickSender();
    return { ok: true, summary: result.summary, messages: result.messages, at: at.format('YYYY-MM-DD HH:mm') };
  } catch (e) {
    deps.log.error({ err: e, job: name }, 'job run from the sandbox page failed');
    return { ok: false, status: 500, error: `任务运行失败：${(e as Error).message}` };
  }
}
