import { daysBetween } from '../../domain/periods.js';
import { taskColour, type TaskRules } from '../../domain/reminders.js';
import type { Card } from '../../feishu/answer.js';
import { COLOUR_TAG, md, note, table, type Element } from '../shared/elements.js';
import { renderCard } from '../shared/template.js';

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
            project: `${t.projectName}（${t.squadName}）`,
            due: t.dueOn,
            state: over > 0 ? `超时 ${over} 天` : over === 0 ? '今天到期' : `还剩 ${-over} 天`,
          };
        }),
      ),
    );
  return renderCard('overdue', {
    title: v.title,
    subtitle: `截至 ${today}`,
    elements,
    footer: `🟢 未超时 · 🟡 超时 ${rules.redAfterDays} 天以内 · 🔴 超时超过 ${rules.redAfterDays} 天。事项办结后在项目卡片上销号，不再提醒。`,
  });
}
