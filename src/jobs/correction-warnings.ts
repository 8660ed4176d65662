import { openCorrectionsDueBy } from '../db/inspections.js';
import { openIdsByPerson } from '../db/people.js';
import { getSetting } from '../db/settings.js';
import { squadPeople } from '../db/squads.js';
import type { Deps } from '../deps.js';
import { addDays, localDate } from '../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, taskWarning, type TaskRules } from '../domain/reminders.js';
import { endOfLocalDay, remindPeople } from './send.js';

/**
 * 督查整改: like project tasks (限时办结、超时预警), an open correction is warned about when it enters
 * the warning window and at each overdue step, to its owner, the squad's captain and the inspector
 * who recorded it; an overdue one also to the squad's responsible leaders. Closed ones are not read.
 */
export async function runCorrectionWarnings(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const today = localDate(now, deps.config.timezone);
  const rules = mergeTaskRules(await getSetting<Partial<TaskRules> | undefined>(deps.db, TASK_RULES_KEY, undefined));
  const corrections = await openCorrectionsDueBy(deps.db, addDays(today, rules.warnDaysBefore));
  const squadIds = [...new Set(corrections.map((c) => c.inspection.squadId))];
  const people = (await squadPeople(deps.db, squadIds)).filter((p) => p.openId);
  const personIds = corrections.flatMap((c) => [c.ownerId, c.inspection.createdById]);
  const openIds = await openIdsByPerson(deps.db, [...new Set(personIds)]);
  let messages = 0;
  for (const c of corrections) {
    const w = taskWarning(c, today, rules, 'correction');
    if (!w) continue;
    const squadId = c.inspection.squadId;
    const audience = w.kind === 'DUE_SOON' ? ['CAPTAIN'] : ['CAPTAIN', 'LEADER'];
    const ids = people.filter((p) => p.squadId === squadId && audience.includes(p.role)).map((p) => p.openId!);
    for (const personId of [c.ownerId, c.inspection.createdById]) {
      const openId = openIds.get(personId);
      if (openId) ids.push(openId);
    }
    const text =
      w.kind === 'DUE_SOON'
        ? `【督查整改提醒】整改事项“${c.title}”将于 ${c.dueOn} 到期` +
          `（${w.daysLeft === 0 ? '今天到期' : `还剩 ${w.daysLeft} 天`}），请抓紧整改；办结后在整改卡片上写明情况销号。`
        : `【督查整改超时】整改事项“${c.title}”已超过期限 ${w.daysOver} 天（期限 ${c.dueOn}），` +
          '请尽快整改并在整改卡片上销号。督查室发送 /inspect 可查看全部未办结事项。';
    // The days it counts are true only today: not delivered today, it is dropped.
    if (await remindPeople(deps.db, w.key, ids, text, endOfLocalDay(now, deps.config.timezone))) messages++;
  }
  return { summary: `检查了 ${corrections.length} 项督查整改，发出 ${messages} 条提醒`, messages };
}
