import type { ReportLine } from '../../db/report-list.js';
import { localDateTime } from '../../domain/local-date.js';
import type { Card } from '../../feishu/answer.js';
import { monthLabel } from '../monthly-report/view.js';
import { buttonRow, md, note, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

/** 未提交 / 草稿 / 已提交 / 逾期提交 / 免报, and its colour. */
function reportState(l: Pick<ReportLine, 'status' | 'late'>): { label: string; colour: string } {
  if (l.status === 'SUBMITTED')
    return l.late ? { label: '逾期提交', colour: 'orange' } : { label: '已提交', colour: 'green' };
  if (l.status === 'DRAFT') return { label: '草稿', colour: 'blue' };
  if (l.status === 'EXEMPT') return { label: '免报', colour: 'neutral' };
  return { label: '未提交', colour: 'red' };
}

function excerpt(s: string, max = 40): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max)}…` : one;
}

function line(l: ReportLine, tz: string, withMonth: boolean): Element {
  const s = reportState(l);
  const who = l.submittedAt
    ? `${l.submittedBy ? `${escapeMarkdown(l.submittedBy)} ` : ''}${localDateTime(l.submittedAt, tz)} 提交`
    : '';
  const text = [
    `**${escapeMarkdown(l.squadName)}**${withMonth ? ` · ${monthLabel(l.month)}` : ''} <text_tag color='${s.colour}'>${s.label}</text_tag>`,
    [who, l.status && l.status !== 'EXEMPT' ? `拜访客商 ${l.visitedCount} 位` : ''].filter(Boolean).join(' · '),
    l.projectInfo.trim() ? `项目信息：${escapeMarkdown(excerpt(l.projectInfo))}` : '',
  ]
    .filter(Boolean)
    .join('\n');
  if (!l.status) return md(text);
  return buttonRow(text, {
    name: `open_${l.squadId}_${l.month.replace('-', '')}`,
    text: '查看',
    value: { action: 'reports.open', squadId: l.squadId, month: l.month },
  });
}

/** /reports [YYYY-MM]: every squad's report of the month with its state and a button to read it. */
export function reportListCard(month: string, lines: ReportLine[], tz: string, today: string): Card {
  const count = (label: string) => lines.filter((l) => reportState(l).label === label).length;
  const elements: Element[] = [
    md(
      `共 **${lines.length}** 个小分队：已提交 **${count('已提交')}**，逾期提交 **${count('逾期提交')}**，` +
        `草稿 **${count('草稿')}**，未提交 **${count('未提交')}**，免报 **${count('免报')}**`,
    ),
    ...lines.map((l) => line(l, tz, false)),
  ];
  return renderCard('report-list', {
    title: monthLabel(month),
    subtitle: `截至 ${today}`,
    elements,
    footer: '按时：当月 27 日 24 时前提交。点“查看”阅读汇报（只读）；发送 /reports 2018-05 查看其他月份。',
  });
}

/** The office's evening card: the reports submitted that day, on time or late, with their key figures. */
export function dailyReportsCard(day: string, lines: ReportLine[], tz: string): Card {
  const late = lines.filter((l) => l.late).length;
  const elements: Element[] =
    lines.length === 0
      ? [note('今天没有小分队提交月度汇报。')]
      : [
          md(`今天提交 **${lines.length}** 份：按时 **${lines.length - late}** 份，逾期 **${late}** 份`),
          ...lines.map((l) => line(l, tz, true)),
        ];
  return renderCard('report-day', {
    title: day,
    subtitle: '发给区招商局（领导小组办公室）',
    elements,
    footer: '每天汇总一次（时间可在 /settings 定时任务中调整）；发送 /reports 查看本月各小分队的汇报情况。',
  });
}

/** Under a report opened from a list: back to the month's list (the card is replaced in place). */
export function backToListButton(month: string): Element {
  return {
    tag: 'button',
    name: 'reports_back',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: `返回${monthLabel(month)}汇报一览` },
    behaviors: [{ type: 'callback', value: { action: 'reports.open', month, list: true } }],
  };
}
