import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { COLOUR_TAG, md, note, table, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { maySeeAllSquads, maySeeSquad } from '../domain/authz.js';
import { addDays, daysBetween } from '../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, taskColour, type TaskRules } from '../domain/reminders.js';
import { listSquads } from '../db/squads.js';
import { openTasksDueBy } from '../db/listings.js';
import { getSetting } from '../db/settings.js';
import { reply } from '../feishu/answer.js';
import { todayOf } from './scope.js';

export async function listOverdueTasks(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const rules = mergeTaskRules(await getSetting<Partial<TaskRules> | undefined>(deps.db, TASK_RULES_KEY, undefined));
  const today = todayOf(deps);
  const all = maySeeAllSquads(actor);
  const helper = actor.roles.includes('HELPER');
  const squadIds = all
    ? undefined
    : (await listSquads(deps.db)).filter((s) => maySeeSquad(actor, s.id)).map((s) => s.id);
  if (!all && !helper && squadIds!.length === 0)
    return reply.text('你还不属于任何招商小分队，没有需要跟进的限时事项。');
  // A helper (帮办) sees the tasks of the projects they serve, whatever the squad.
  const tasks = await openTasksDueBy(deps.db, addDays(today, rules.warnDaysBefore), {
    squadIds: all ? undefined : squadIds,
    helperId: helper && !all ? actor.id : undefined,
    take: 50,
  });
  const overdue = tasks.filter((t) => t.dueOn < today).length;
  const elements: Element[] = [
    md(`已超时 **${overdue}** 项，${rules.warnDaysBefore} 天内到期 **${tasks.length - overdue}** 项`),
  ];
  if (tasks.length === 0) elements.push(note('没有超时或即将到期的事项。'));
  else
    elements.push(
      table(
        [
          { name: 'colour', display_name: '' },
          { name: 'title', display_name: '事项' },
          { name: 'project', display_name: '项目' },
          { name: 'due', display_name: '期限' },
          { name: 'state', display_name: '情况' },
        ],
        tasks.map((t) => {
          const over = daysBetween(t.dueOn, today);
          return {
            colour: COLOUR_TAG[taskColour(t.dueOn, today, rules)],
            title: t.title,
            project: `${t.project.name}（${t.project.squad.name}）`,
            due: t.dueOn,
            state: over > 0 ? `超时 ${over} 天` : over === 0 ? '今天到期' : `还剩 ${-over} 天`,
          };
        }),
      ),
    );
  return reply.card(
    renderCard('overdue', {
      title: all ? '全区' : helper ? '我帮办的项目' : '我的小分队',
      subtitle: `截至 ${today}`,
      elements,
      footer: `🟢 未超时 · 🟡 超时 ${rules.redAfterDays} 天以内 · 🔴 超时超过 ${rules.redAfterDays} 天。事项办结后在项目卡片上销号，不再提醒。`,
    }),
  );
}
