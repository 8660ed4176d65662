import type { Card } from '../../feishu/answer.js';
import { md, note, savedNotice, shortSquadName, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The decision cards: the office's form (决定事项, 责任人, 完成时限), and the card the owner gets with
// the decision and its 办结 form (a note of what was done is required).

export interface DecisionFormView {
  period: string;
  /** The issue the decision answers, if any. */
  issue?: { id: number; squadName: string; title: string; helpAsked: string; projectName: string | null };
  /** Whom the decision may go to: roster people with a Feishu account, the likeliest first. */
  owners: { openId: string }[];
  initialOwner?: string;
  defaultTitle: string;
  dueOn: string;
  /** The submit's callback value (carries the request key). */
  submitValue: Record<string, unknown>;
}

export function decisionFormCard(v: DecisionFormView): Card {
  const i = v.issue;
  const context: Element[] = i
    ? [
        md(
          `**${escapeMarkdown(shortSquadName(i.squadName))}提请研究**\n问题：${escapeMarkdown(i.title)}\n请求：${escapeMarkdown(i.helpAsked)}` +
            (i.projectName ? `\n项目：${escapeMarkdown(i.projectName)}` : ''),
        ),
      ]
    : [note('会议的其他决定事项（不对应小分队提出的问题）。')];
  const ownerPicker: Element = {
    tag: 'select_person',
    name: 'decision_owner',
    required: true,
    placeholder: { tag: 'plain_text', content: '选择责任人' },
    options: v.owners.map((o) => ({ value: o.openId })),
    ...(v.initialOwner ? { initial_option: v.initialOwner } : {}),
  };
  return renderCard('decision-form', {
    subtitle: `${v.period} 季度会议${i ? ' · 答复小分队问题' : ''}`,
    context,
    defaultTitle: v.defaultTitle,
    ownerPicker,
    dueOn: v.dueOn,
    submitValue: v.submitValue,
  });
}

export interface DecisionView {
  id: number;
  period: string;
  title: string;
  ownerName: string;
  dueOn: string;
  status: string;
  closedNote: string | null;
  closedOn: string | null;
  closedByName: string | null;
  /** Days past due today (0 or less: not overdue). */
  daysOver: number;
  /** From an issue: whose and what. */
  issueLine?: string;
  /** A line on top: a warning or what was just saved (markdown). */
  notice?: string;
}

export function decisionCard(v: DecisionView): Card {
  const done = v.status === 'DONE';
  const elements: Element[] = [];
  if (v.notice) elements.push(md(v.notice));
  const due = !done && v.daysOver > 0 ? `<font color='red'>已超期 ${v.daysOver} 天</font>（期限 ${v.dueOn}）` : v.dueOn;
  elements.push(
    md(
      `**决定事项**\n${escapeMarkdown(v.title)}\n**责任人**：${escapeMarkdown(v.ownerName)}\n**完成时限**：${due}` +
        (v.issueLine ? `\n**来源**：${escapeMarkdown(v.issueLine)}` : ''),
    ),
  );
  if (done)
    elements.push(
      md(
        `${savedNotice('已办结销号', `${escapeMarkdown(v.closedByName ?? '')}，${v.closedOn ?? ''}`)}\n**办理情况**：${escapeMarkdown(v.closedNote ?? '')}`,
      ),
    );
  else elements.push(closeForm(v.id));
  return renderCard('decision', {
    summary: v.title.slice(0, 30),
    subtitle: `${v.period} 季度会议 · 编号 ${v.id}`,
    colour: done ? 'green' : v.daysOver > 0 ? 'red' : 'indigo',
    status: done ? '已办结' : v.daysOver > 0 ? '已超期' : '办理中',
    statusColour: done ? 'green' : v.daysOver > 0 ? 'red' : 'blue',
    elements,
  });
}

function closeForm(id: number): Element {
  return {
    tag: 'form',
    name: 'decision_close_form',
    elements: [
      {
        tag: 'input',
        name: 'close_note',
        label: { tag: 'plain_text', content: '办理情况' },
        label_position: 'top',
        input_type: 'multiline_text',
        rows: 3,
        max_length: 500,
        required: true,
        placeholder: { tag: 'plain_text', content: '办结时写明做了什么、结果如何' },
      },
      {
        tag: 'button',
        name: 'decision_close',
        type: 'primary_filled',
        width: 'fill',
        form_action_type: 'submit',
        text: { tag: 'plain_text', content: '办结销号' },
        behaviors: [{ type: 'callback', value: { action: 'decision.close', decisionId: id } }],
      },
    ],
  };
}
