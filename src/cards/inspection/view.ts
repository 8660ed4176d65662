import { CORRECTION_ROWS, INSPECTION_FIELDS as F, RATING_LABELS, type Rating } from '../../domain/inspection.js';
import type { Card } from '../../feishu/answer.js';
import { md, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The 督查 form (an inspector records one squad's quarterly inspection) and the result card the
// squad's captain and responsible leaders receive. Draw only.

const INSPECTION_ACTIONS = { submit: 'inspection.submit' } as const;

export interface InspectionFormView {
  squadId: number;
  squadName: string;
  period: { key: string; label: string };
  today: string;
  /** Who may answer for a correction: the squad's captain, members and responsible leaders. */
  owners: { openId: string; name: string }[];
  /** Inspections of this squad already recorded for the quarter (a second one is allowed). */
  earlier: { inspectedOn: string; rating: string }[];
}

function correctionRow(i: number, owners: InspectionFormView['owners']): Element[] {
  const cell = (label: string, el: Element): Element => ({
    tag: 'column',
    width: 'weighted',
    weight: 1,
    elements: [{ tag: 'markdown', content: label, text_size: 'notation' }, el],
  });
  return [
    {
      tag: 'input',
      name: F.title(i),
      max_length: 200,
      label: { tag: 'plain_text', content: `整改事项 ${i}` },
      label_position: 'top',
      default_value: '',
      placeholder: { tag: 'plain_text', content: '要整改什么，如：补齐 5 月外出招商台账' },
    },
    {
      tag: 'column_set',
      flex_mode: 'bisect',
      columns: [
        cell('责任人', {
          tag: 'select_person',
          name: F.owner(i),
          placeholder: { tag: 'plain_text', content: '选择责任人' },
          // Without options Feishu offers the chat's members; the server takes only the squad's people.
          ...(owners.length ? { options: owners.map((o) => ({ value: o.openId })) } : {}),
        }),
        cell('整改期限', {
          tag: 'date_picker',
          name: F.due(i),
          placeholder: { tag: 'plain_text', content: '选择日期' },
        }),
      ],
    },
  ];
}

export function inspectionFormCard(v: InspectionFormView): Card {
  const rows = Array.from({ length: CORRECTION_ROWS }, (_, i) => correctionRow(i + 1, v.owners)).flat();
  const names = v.owners.map((o) => escapeMarkdown(o.name)).join('、');
  const earlier = v.earlier.length
    ? `\n本季度已有 ${v.earlier.length} 次督查记录（` +
      v.earlier.map((e) => `${e.inspectedOn} 评价${RATING_LABELS[e.rating as Rating] ?? e.rating}`).join('；') +
      '），再提交将另记一次。'
    : '';
  return renderCard('inspection-form', {
    squadName: v.squadName,
    periodLabel: v.period.label,
    today: v.today,
    intro: `填写对本小分队${v.period.label}招商引资工作的督查情况。责任人可选：${names || '（小分队暂无成员）'}。${earlier}`,
    correctionRows: rows,
    submitValue: { action: INSPECTION_ACTIONS.submit, squadId: v.squadId, period: v.period.key },
  });
}

export interface InspectionResultView {
  squadName: string;
  periodLabel: string;
  inspectedOn: string;
  inspectorName: string;
  checked: string;
  findings: string;
  rating: string;
  corrections: { title: string; ownerName: string; dueOn: string }[];
}

const RATING_COLOURS: Record<Rating, { header: string; tag: string }> = {
  GOOD: { header: 'green', tag: 'green' },
  FAIR: { header: 'turquoise', tag: 'turquoise' },
  AVERAGE: { header: 'orange', tag: 'orange' },
  POOR: { header: 'red', tag: 'red' },
};

/** What the squad's captain and responsible leaders (and the inspector, on the form) read. */
export function inspectionResultCard(v: InspectionResultView): Card {
  const rating = v.rating as Rating;
  const colours = RATING_COLOURS[rating] ?? { header: 'grey', tag: 'neutral' };
  const elements: Element[] = [
    md(`**督查日期**：${v.inspectedOn}\n**督查人**：${escapeMarkdown(v.inspectorName)}`),
    md(`**督查内容**\n${escapeMarkdown(v.checked)}`),
    md(`**发现的问题**\n${escapeMarkdown(v.findings)}`),
  ];
  if (v.corrections.length)
    elements.push(
      md(
        `**整改事项**（${v.corrections.length} 项）\n` +
          v.corrections
            .map(
              (c, i) => `${i + 1}. ${escapeMarkdown(c.title)}\n责任人 ${escapeMarkdown(c.ownerName)} · 期限 ${c.dueOn}`,
            )
            .join('\n'),
      ),
    );
  else elements.push(md('**整改事项**：无'));
  return renderCard('inspection-result', {
    squadName: v.squadName,
    periodLabel: v.periodLabel,
    ratingLabel: RATING_LABELS[rating] ?? v.rating,
    headerColour: colours.header,
    tagColour: colours.tag,
    elements,
    footer: v.corrections.length
      ? '各责任人已收到整改通知，请在期限内整改，办结后在整改卡片上写明情况销号；到期未办结会预警。'
      : '督查结果纳入全区大督查红黑榜通报。',
  });
}
