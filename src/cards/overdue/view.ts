import { daysBetween } from '../../domain/periods.js';
import { taskColour, type TaskRules } from '../../domain/reminders.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, shortSquadName, statusTag, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

export interface OverdueView {
  /** 全区 / 我帮办的项目 / 我的小分队 */
  title: string;
  today: string;
  rules: TaskRules;
  tasks: { title: string; dueOn: string; projectName: string; squadName: string }[];
}

/** /overdue: open project tasks past or near their due date, coloured by how late they are. */
export function overdueCard(v: OverdueView): Card {
  const { today, rules, tasks } = v;
  const overdue = tasks.filter((t) => t.dueOn < today).length;
  const elements: Element[] = [
    md(`已超时 **${overdue}** 项，${rules.warnDaysBefore} 天内到期 **${tasks.length - overdue}** 项`),
  ];
  // A list, not a table: a title, a project and a due date side by side are wider than a phone.
  const TAG_COLOUR = { green: 'green', yellow: 'orange', red: 'red' } as const;
  if (tasks.length === 0) elements.push(note('没有超时或即将到期的事项。'));
  else
    elements.push(
      md(
        tasks
          .map((t) => {
            const over = daysBetween(t.dueOn, today);
            const state = over > 0 ? `超时 ${over} 天` : over === 0 ? '今天到期' : `还剩 ${-over} 天`;
            const tag = statusTag(TAG_COLOUR[taskColour(t.dueOn, today, rules)], state);
            return (
              `${tag} **${escapeMarkdown(t.title)}**\n` +
              `${escapeMarkdown(t.projectName)}（${escapeMarkdown(shortSquadName(t.squadName))}）· 期限 ${t.dueOn}`
            );
          })
          .join('\n\n'),
      ),
    );
  return renderCard('overdue', {
    title: v.title,
    subtitle: `截至 ${today}`,
    elements,
    footer: `绿色：未超时；橙色：超时 ${rules.redAfterDays} 天以内；红色：超时超过 ${rules.redAfterDays} 天。事项办结后在项目卡片上销号，不再提醒。`,
  });
}
