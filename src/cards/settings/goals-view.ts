import { describeGoal, type GoalField } from '../../domain/goal-form.js';
import type { Card } from '../../feishu/answer.js';
import { buttonRow, type Element } from '../shared/elements.js';
import type { FieldErrors } from '../shared/form.js';
import { settingsFormCard } from './form.js';
import { escapeMarkdown } from '../shared/template.js';

const FOOTER =
  '全区目标是各小分队任务分解的依据，/quota 和 /progress 按它显示；每次修改都记入 /settings history（谁、何时、改前改后）。也可用 /template quotas 下载任务表，在“区目标任务”工作表中整年修改后导入。';

/** The overview's 全区目标 block: the year's goals in force and a button to change them. */
export function goalsOverviewBlock(year: number, goals: { metric: string; label: string; target: number }[]): Element {
  const lines = goals.length
    ? goals.map((g) => `${g.label}：**${escapeMarkdown(describeGoal(g.metric, g.target))}**`)
    : ['还没有设定，可点“修改”逐项填写。'];
  return buttonRow(`**全区目标（${year} 年）**\n${lines.join('\n')}`, {
    name: 'open_goals',
    text: '修改',
    value: { action: 'settings.goals', year },
  });
}

/** A year's goals as a form: each input holds the goal in force (empty: none); refused inputs keep what was typed. */
export function goalsFormCard(
  year: number,
  fields: GoalField[],
  values: Record<string, string>,
  errors: FieldErrors = {},
  saved?: string,
): Card {
  return settingsFormCard({
    title: `全区目标 ${year}`,
    about: `${year} 年全区招商引资目标。金额以万元（外资以万美元）计；开工率填百分数；留空表示不设该项目标。`,
    footer: FOOTER,
    formName: 'goals_form',
    inputs: fields.map((f) => ({
      tag: 'input',
      name: f.name,
      max_length: 20,
      label: { tag: 'plain_text', content: `${f.label}（${f.unit}）` },
      label_position: 'top',
      default_value: values[f.name] ?? '',
      placeholder: { tag: 'plain_text', content: f.unit === '%' ? '例如 80，表示 80%；不设留空' : '不设留空' },
    })),
    saveName: 'goals_save',
    save: { action: 'settings.goals.save', year },
    saved: saved ? escapeMarkdown(saved) : undefined,
    values,
    errors,
  });
}
