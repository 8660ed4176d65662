import { decisionCardOf } from '../cards/decision/open.js';
import { openDecisionsDueBy } from '../db/meeting.js';
import { getSetting } from '../db/settings.js';
import { officePeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { decisionWarning } from '../domain/meeting.js';
import { addDays, localDate } from '../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, type TaskRules } from '../domain/reminders.js';
import { enqueueMessage } from '../feishu/outbox.js';
import { endOfLocalDay, remindPeople } from './send.js';

/**
 * The leadership meeting's decisions are followed like project tasks (限时办结、超时预警、办结销号),
 * with the same days (the office's task rules): the owner gets the decision's card (with its 办结
 * form) when it enters the warning window and at each overdue step; overdue ones go to the office
 * too. Closed decisions are not read, so they never remind.
 */
export async function runDecisionWarnings(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const tz = deps.config.timezone;
  const today = localDate(now, tz);
  const rules = mergeTaskRules(await getSetting<Partial<TaskRules> | undefined>(deps.db, TASK_RULES_KEY, undefined));
  const decisions = await openDecisionsDueBy(deps.db, addDays(today, rules.warnDaysBefore));
  const office = decisions.length ? await officePeople(deps.db) : [];
  const stale = endOfLocalDay(now, tz);
  let messages = 0;
  for (const d of decisions) {
    const w = decisionWarning(d, today, rules);
    if (!w) continue;
    const notice =
      w.kind === 'DUE_SOON'
        ? `<font color='orange'>**限时办结提醒**</font>：${w.daysLeft === 0 ? '今天到期' : `还剩 ${w.daysLeft} 天`}，请抓紧办理，办结后写明办理情况并销号。`
        : `<font color='red'>**超时预警**</font>：已超过完成时限 ${w.daysOver} 天，请尽快办结并销号。`;
    if (
      d.ownerOpenId &&
      (await enqueueMessage(deps.db, {
        dedupKey: `${w.key}:owner`,
        to: { type: 'open_id', id: d.ownerOpenId },
        msgType: 'interactive',
        content: await decisionCardOf(deps, d, notice),
        staleAfter: stale,
      }))
    )
      messages++;
    if (w.kind !== 'OVERDUE') continue;
    const text =
      `【会议决定超时预警】${d.period} 季度领导小组会议决定“${d.title}”已超过完成时限 ${w.daysOver} 天` +
      `（期限 ${d.dueOn}，责任人 ${d.ownerName}${d.ownerOpenId ? '' : '，尚未绑定飞书'}），请督促办结。发送 /meeting 查看全部。`;
    if (
      await remindPeople(
        deps.db,
        `${w.key}:office`,
        office.map((p) => p.openId),
        text,
        stale,
      )
    )
      messages++;
  }
  return { summary: `检查了 ${decisions.length} 项会议决定，发出 ${messages} 条提醒`, messages };
}
