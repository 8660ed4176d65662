import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { overdueCard } from '../cards/overdue/view.js';
import { maySeeAllSquads, maySeeSquad } from '../domain/authz.js';
import { addDays } from '../domain/periods.js';
import { mergeTaskRules, TASK_RULES_KEY, type TaskRules } from '../domain/reminders.js';
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
  return reply.card(
    overdueCard({
      title: all ? '全区' : helper ? '我帮办的项目' : '我的小分队',
      today,
      rules,
      tasks: tasks.map((t) => ({
        title: t.title,
        dueOn: t.dueOn,
        projectName: t.project.name,
        squadName: t.project.squad.name,
      })),
    }),
  );
}
