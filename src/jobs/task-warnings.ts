import { addDays, localDate } from '../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, taskWarning, type TaskRules } from '../domain/reminders.js';
import { openTasksDueBy } from '../db/listings.js';
import { openIdsByPerson } from '../db/people.js';
import { getSetting } from '../db/settings.js';
import { squadPeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { endOfLocalDay, remindPeople } from './send.js';

/**
 * 限时办结、超时预警、办结销号: a warning when an open task enters the warning window, then one at
 * each overdue step, to the person the task is assigned to, the project's helper (帮办) and the
 * squad's captain; a key project's (重点项目)
 * overdue task goes straight to the squad's responsible leaders too. Closed tasks are not read at
 * all, so they never remind.
 */
export async function runTaskWarnings(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const today = localDate(now, deps.config.timezone);
  const rules = mergeTaskRules(await getSetting<Partial<TaskRules> | undefined>(deps.db, TASK_RULES_KEY, undefined));
  const tasks = await openTasksDueBy(deps.db, addDays(today, rules.warnDaysBefore));
  const squadIds = [...new Set(tasks.map((t) => t.project.squadId))];
  const people = (await squadPeople(deps.db, squadIds)).filter((p) => p.openId);
  const captains = people.filter((p) => p.role === 'CAPTAIN');
  const leaders = people.filter((p) => p.role === 'LEADER');
  const personIds = tasks.flatMap((t) => [t.project.helperId, t.assigneeId]).filter((x): x is number => x !== null);
  const openIds = await openIdsByPerson(deps.db, [...new Set(personIds)]);
  let messages = 0;
  for (const t of tasks) {
    const w = taskWarning(t, today, rules);
    if (!w) continue;
    const ids = captains.filter((c) => c.squadId === t.project.squadId).map((c) => c.openId!);
    for (const personId of [t.project.helperId, t.assigneeId]) {
      const openId = personId !== null ? openIds.get(personId) : undefined;
      if (openId) ids.push(openId);
    }
    if (w.kind !== 'DUE_SOON' && t.project.isKey)
      ids.push(...leaders.filter((l) => l.squadId === t.project.squadId).map((l) => l.openId!));
    const text =
      w.kind === 'DUE_SOON'
        ? `【限时办结提醒】项目“${t.project.name}”的事项“${t.title}”将于 ${t.dueOn} 到期` +
          `（${w.daysLeft === 0 ? '今天到期' : `还剩 ${w.daysLeft} 天`}），请抓紧办理；办结后在项目卡片上销号。`
        : `【超时预警】${t.project.isKey ? '重点项目' : '项目'}“${t.project.name}”的事项“${t.title}”` +
          `已超过期限 ${w.daysOver} 天（期限 ${t.dueOn}），请尽快办结并销号。发送 /overdue 查看全部超时事项。`;
    // The days it counts are true only today: not delivered today, it is dropped.
    if (await remindPeople(deps.db, w.key, ids, text, endOfLocalDay(now, deps.config.timezone))) messages++;
  }
  return { summary: `检查了 ${tasks.length} 个限时事项，发出 ${messages} 条提醒`, messages };
}
