import { localDate } from '../domain/periods.js';
import {
  escalationsDue,
  mergeReminderRules,
  reportReminderDue,
  type Audience,
  type ReminderRules,
} from '../domain/reminders.js';
import { bucketOfReport, isExemptMonth, REPORT_BUCKET_LABELS, type ReportBucket } from '../domain/report-status.js';
import type { Db } from '../db/client.js';
import { listPeopleOnLeave, loadMonthReports, loadSquadExemptions } from '../db/reminders.js';
import { getSetting } from '../db/settings.js';
import { listSquads, officePeople, squadPeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { textContent } from '../feishu/outbox.js';
import { endOfLocalDay, remindPeople } from './send.js';
import { enqueueMessage } from '../feishu/outbox.js';

const REMINDER_RULES_KEY = 'reminders.rules';
const REPORT_DAYS_KEY = 'reminders.reportDays';

async function loadReminderRules(db: Db): Promise<ReminderRules> {
  const [rules, days] = await Promise.all([
    getSetting<Partial<ReminderRules> | undefined>(db, REMINDER_RULES_KEY, undefined),
    getSetting<unknown>(db, REPORT_DAYS_KEY, undefined),
  ]);
  return mergeReminderRules(rules, days);
}

/** Each squad's report bucket for a month as of today, exemptions (免报) applied. */
async function reportBuckets(
  db: Db,
  month: string,
  today: string,
): Promise<{ squadId: number; name: string; bucket: ReportBucket }[]> {
  const [squads, reports, exemptions] = await Promise.all([
    listSquads(db),
    loadMonthReports(db, month),
    loadSquadExemptions(db, month),
  ]);
  return squads.map((s) => ({
    squadId: s.id,
    name: s.name,
    bucket: bucketOfReport(
      reports.find((r) => r.squadId === s.id),
      isExemptMonth(
        exemptions.filter((e) => e.squadId === s.id),
        month,
      ),
      month,
      today,
    ),
  }));
}

async function openIdsOf(db: Db, squadIds: number[], audience: Audience[], onLeave: Set<number>): Promise<string[]> {
  const people = await squadPeople(db, squadIds);
  const ids = people
    .filter((p) => p.openId && !onLeave.has(p.personId) && audience.includes(p.role))
    .map((p) => p.openId!);
  if (audience.includes('OFFICE'))
    ids.push(...(await officePeople(db)).filter((p) => !onLeave.has(p.id)).map((p) => p.openId));
  return ids;
}

const monthLabel = (month: string) => `${Number(month.slice(5, 7))}月`;

/**
 * Monthly report reminders: on the set days before the 28th, the captains of squads that have not
 * submitted (and are not exempt); from the 28th on, the escalation steps with the missing reports.
 */
export async function runReportReminders(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const today = localDate(now, deps.config.timezone);
  const rules = await loadReminderRules(deps.db);
  const onLeave = await listPeopleOnLeave(deps.db, today);
  let messages = 0;
  const parts: string[] = [];
  const due = reportReminderDue(today, rules);
  if (due) {
    const open = (await reportBuckets(deps.db, due.month, today)).filter((b) => b.bucket === 'PENDING');
    const ids = await openIdsOf(
      deps.db,
      open.map((b) => b.squadId),
      rules.reportAudience,
      onLeave,
    );
    const text =
      `【月度汇报提醒】${monthLabel(due.month)}招商工作情况汇报须在${monthLabel(due.month)}28日前报送，` +
      `你所在的小分队尚未提交（还剩 ${due.daysLeft} 天）。请发送 /report 填写；本月确无可报内容的，请联系责任领导标记免报。`;
    const key = `report-reminder:${due.month}:day-${due.day}`;
    // "还剩 N 天" is true only today: not delivered today, it is dropped.
    if (await remindPeople(deps.db, key, ids, text, endOfLocalDay(now, deps.config.timezone))) messages++;
    parts.push(`${due.month} 提醒 ${open.length} 个未报小分队`);
  }
  for (const step of escalationsDue(today, rules)) {
    const buckets = await reportBuckets(deps.db, step.month, today);
    const missing = buckets.filter((b) => b.bucket === 'MISSING');
    if (missing.length === 0) continue;
    const base = `report-missing:${step.month}:step-${step.step}`;
    const m = monthLabel(step.month);
    const squadAudience = step.notify.filter((a) => a === 'CAPTAIN' || a === 'MEMBER');
    if (squadAudience.length) {
      const ids = await openIdsOf(
        deps.db,
        missing.map((b) => b.squadId),
        squadAudience,
        onLeave,
      );
      const text = `【月度汇报逾期】你所在的小分队${m}招商工作情况汇报已过截止日（28日前）仍未报送。请尽快发送 /report 补报（将标记为逾期补报）；逾期情况已通报责任领导和领导小组办公室。`;
      if (await remindPeople(deps.db, `${base}:squad`, ids, text)) messages++;
    }
    if (step.notify.includes('LEADER')) messages += await notifyLeaders(deps, base, m, missing, onLeave);
    if (step.notify.includes('OFFICE')) {
      const ids = (await officePeople(deps.db)).filter((p) => !onLeave.has(p.id)).map((p) => p.openId);
      if (await remindPeople(deps.db, `${base}:office`, ids, officeNotice(m, buckets, step.afterDays))) messages++;
    }
    parts.push(`${step.month} 第${step.step + 1}步：${missing.length} 个小分队未报`);
  }
  return { summary: parts.length ? parts.join('；') : '今天没有需要发送的月报提醒', messages };
}

async function notifyLeaders(
  deps: Deps,
  base: string,
  m: string,
  missing: { squadId: number; name: string }[],
  onLeave: Set<number>,
): Promise<number> {
  const people = (
    await squadPeople(
      deps.db,
      missing.map((b) => b.squadId),
    )
  ).filter((p) => p.role === 'LEADER' && p.openId && !onLeave.has(p.personId));
  const byLeader = new Map<number, { openId: string; squads: string[] }>();
  for (const p of people) {
    const e = byLeader.get(p.personId) ?? { openId: p.openId!, squads: [] };
    e.squads.push(missing.find((b) => b.squadId === p.squadId)!.name);
    byLeader.set(p.personId, e);
  }
  let n = 0;
  for (const [personId, e] of byLeader) {
    const text = `【月度汇报未报送】你负责的${e.squads.join('、')}${m}招商工作情况汇报已过截止日仍未报送，请督促队长尽快补报。发送 /progress 可查看进度。`;
    if (
      await enqueueMessage(deps.db, {
        dedupKey: `${base}:leader-${personId}`,
        to: { type: 'open_id', id: e.openId },
        msgType: 'text',
        content: textContent(text),
      })
    )
      n++;
  }
  return n;
}

/** The office's notice: every squad in one of the three buckets (plus exempt). */
function officeNotice(m: string, buckets: { name: string; bucket: ReportBucket }[], afterDays: number): string {
  const line = (b: ReportBucket) => {
    const names = buckets.filter((x) => x.bucket === b).map((x) => x.name);
    return `${REPORT_BUCKET_LABELS[b]}（${names.length}）：${names.length ? names.join('、') : '无'}`;
  };
  const head =
    afterDays === 0
      ? `【月度汇报情况】${m}汇报截止（28日前）情况如下：`
      : `【月度汇报催报】截止后第 ${afterDays} 天，${m}汇报仍有未报送：`;
  return [head, line('MISSING'), line('LATE'), line('ON_TIME'), line('EXEMPT')].join('\n');
}
