import { daysBetween } from '../../domain/periods.js';
import { RATING_LABELS, type Rating } from '../../domain/inspection.js';
import { taskColour, type TaskRules } from '../../domain/reminders.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, shortSquadName, statusTag, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// A 整改事项 card (sent to its owner, with 办结销号 that needs a note) and the /inspect overview:
// this quarter's inspections and the open corrections, coloured like /overdue. Draw only.

const CORRECTION_ACTIONS = { close: 'correction.close' } as const;
export const CORRECTION_NOTE = 'corr_note';

export interface CorrectionView {
  id: number;
  title: string;
  squadName: string;
  periodLabel: string;
  findings: string;
  ownerName: string;
  dueOn: string;
  today: string;
  rules: TaskRules;
  status: string;
  closed?: { note: string; byName: string; at: string };
  /** A line on top after a change (e.g. 已办结销号). */
  notice?: string;
}

const TAG_COLOUR = { green: 'green', yellow: 'orange', red: 'red' } as const;

function dueState(dueOn: string, today: string): string {
  const over = daysBetween(dueOn, today);
  return over > 0 ? `超时 ${over} 天` : over === 0 ? '今天到期' : `还剩 ${-over} 天`;
}

export function correctionCard(v: CorrectionView): Card {
  const done = v.status === 'DONE';
  const colour = done ? 'green' : TAG_COLOUR[taskColour(v.dueOn, v.today, v.rules)];
  const elements: Element[] = [];
  if (v.notice) elements.push(md(v.notice));
  elements.push(
    md(`**${escapeMarkdown(v.title)}**\n责任人 ${escapeMarkdown(v.ownerName)} · 期限 ${v.dueOn}`),
    md(`**督查发现的问题**\n${escapeMarkdown(v.findings)}`),
  );
  if (done && v.closed)
    elements.push(
      md(
        `**整改情况**\n${escapeMarkdown(v.closed.note)}\n${escapeMarkdown(v.closed.byName)} 于 ${v.closed.at} 办结销号`,
      ),
    );
  else
    elements.push({
      tag: 'form',
      name: 'correction_form',
      elements: [
        {
          tag: 'input',
          name: CORRECTION_NOTE,
          input_type: 'multiline_text',
          rows: 3,
          max_length: 1000,
          label: { tag: 'plain_text', content: '整改情况' },
          label_position: 'top',
          default_value: '',
          placeholder: { tag: 'plain_text', content: '做了什么、结果如何；办结销号时必填' },
        },
        {
          tag: 'button',
          name: 'correction_close',
          type: 'primary_filled',
          width: 'fill',
          form_action_type: 'submit',
          text: { tag: 'plain_text', content: '办结销号' },
          behaviors: [{ type: 'callback', value: { action: CORRECTION_ACTIONS.close, id: v.id } }],
        },
      ],
    });
  elements.push(
    note(
      done ? '已办结销号，不再提醒。' : '到期前和超时后会提醒责任人、队长和督查人；办结后写明整改情况并点“办结销号”。',
    ),
  );
  return renderCard('correction', {
    title: v.title.slice(0, 30),
    squadName: v.squadName,
    periodLabel: v.periodLabel,
    headerColour: done ? 'green' : colour === 'green' ? 'blue' : colour,
    stateLabel: done ? '已办结' : dueState(v.dueOn, v.today),
    tagColour: colour,
    elements,
  });
}

export interface InspectionsView {
  periodLabel: string;
  today: string;
  rules: TaskRules;
  inspections: { squadName: string; inspectedOn: string; rating: string; open: number; total: number }[];
  corrections: { title: string; squadName: string; ownerName: string; dueOn: string }[];
  /** Active squads not inspected this quarter yet. */
  notInspected: string[];
}

/** /inspect without a squad: the quarter's inspections and every open correction. */
export function inspectionsCard(v: InspectionsView): Card {
  const elements: Element[] = [md(`**本季度督查**（${v.inspections.length} 次）`)];
  if (v.inspections.length === 0) elements.push(note('本季度还没有督查记录。'));
  else
    elements.push(
      md(
        v.inspections
          .map(
            (i) =>
              `${escapeMarkdown(shortSquadName(i.squadName))} · ${i.inspectedOn} · 评价**${RATING_LABELS[i.rating as Rating] ?? i.rating}**` +
              (i.total ? ` · 整改 ${i.total - i.open}/${i.total} 已办结` : ''),
          )
          .join('\n'),
      ),
    );
  if (v.notInspected.length) elements.push(note(`尚未督查：${v.notInspected.map(shortSquadName).join('、')}`));
  const overdue = v.corrections.filter((c) => c.dueOn < v.today).length;
  elements.push(md(`**未办结的整改事项**（${v.corrections.length} 项，已超时 ${overdue} 项）`));
  if (v.corrections.length === 0) elements.push(note('没有未办结的整改事项。'));
  else
    elements.push(
      md(
        v.corrections
          .map((c) => {
            const tag = statusTag(TAG_COLOUR[taskColour(c.dueOn, v.today, v.rules)], dueState(c.dueOn, v.today));
            return (
              `${tag} **${escapeMarkdown(c.title)}**\n` +
              `${escapeMarkdown(shortSquadName(c.squadName))} · 责任人 ${escapeMarkdown(c.ownerName)} · 期限 ${c.dueOn}`
            );
          })
          .join('\n\n'),
      ),
    );
  return renderCard('inspections', {
    periodLabel: v.periodLabel,
    subtitle: `截至 ${v.today}`,
    elements,
    footer:
      `填写督查记录：/inspect 小分队 [季度]，如 /inspect 纺织 或 /inspect 4 2018Q2。` +
      `绿色：未超时；橙色：超时 ${v.rules.redAfterDays} 天以内；红色：超时超过 ${v.rules.redAfterDays} 天。`,
  });
}
