import type { SettingGroup } from '../../domain/settings-catalog.js';
import type { Card } from '../../feishu/answer.js';
import { goalsOverviewBlock } from './goals-view.js';
import { buttonRow, note, table, type Element } from '../shared/elements.js';
import type { FieldErrors } from '../shared/form.js';
import { settingsFormCard } from './form.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

const FOOTER = '每次修改都保留版本（谁、何时、改前改后），发送 /settings history 查看；修改保存后立即生效，无需重启。';

export interface SettingsOverview {
  groups: { group: SettingGroup; values: Record<string, string> }[];
  /** This year's district goals in force. */
  goals: { year: number; goals: { metric: string; label: string; target: number }[] };
}

/** /settings: every group with the values in force, and a button to change each. */
export function settingsOverviewCard(v: SettingsOverview): Card {
  const elements: Element[] = [];
  for (const { group, values } of v.groups) {
    const lines = group.fields.map((f) => `${f.label}：**${escapeMarkdown(values[f.name] ?? '')}**`);
    elements.push(
      buttonRow(`**${group.title}**\n${lines.join('\n')}`, {
        name: `open_${group.key}`,
        text: '修改',
        value: { action: 'settings.open', group: group.key },
      }),
    );
  }
  elements.push(goalsOverviewBlock(v.goals.year, v.goals.goals));
  return renderCard('settings', { title: '全部', subtitle: '仅办公室管理员可修改', elements, footer: FOOTER });
}

/** One group's form: each input holds the value in force; bad inputs come back with a red line. */
export function settingsGroupCard(
  group: SettingGroup,
  values: Record<string, string>,
  errors: FieldErrors = {},
  saved?: string,
): Card {
  return settingsFormCard({
    title: group.title,
    about: group.note,
    footer: FOOTER,
    formName: 'settings_form',
    inputs: group.fields.map((f) => ({
      tag: 'input',
      name: f.name,
      required: true,
      max_length: 100,
      label: { tag: 'plain_text', content: f.label },
      label_position: 'top',
      default_value: values[f.name] ?? '',
      placeholder: { tag: 'plain_text', content: f.kind === 'cron' ? '例如 0 9 * * *' : '请填写' },
    })),
    saveName: 'settings_save',
    save: { action: 'settings.save', group: group.key },
    saved,
    values,
    errors,
  });
}

export interface SettingsHistoryRow {
  label: string;
  /** The setting's version; none for a district goal (its changes are counted in the audit log). */
  version?: number;
  change: string;
  by: string;
  at: string;
}

/** /settings history: the latest changes, newest first. */
export function settingsHistoryCard(rows: SettingsHistoryRow[]): Card {
  const elements: Element[] =
    rows.length === 0
      ? [note('还没有人修改过设置，现在用的都是默认值。')]
      : [
          table(
            [
              { name: 'at', display_name: '时间' },
              { name: 'label', display_name: '设置' },
              { name: 'change', display_name: '修改' },
              { name: 'by', display_name: '修改人' },
            ],
            rows.map((r) => ({
              at: r.at,
              label: r.version === undefined ? r.label : `${r.label}（第 ${r.version} 版）`,
              change: r.change,
              by: r.by,
            })),
          ),
        ];
  return renderCard('settings-history', {
    title: `最近 ${rows.length} 次`,
    subtitle: '新的在前',
    elements,
    footer: '发送 /settings 查看和修改设置（办公室管理员）。',
  });
}
