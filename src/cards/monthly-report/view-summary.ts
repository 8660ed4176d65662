import type { MonthlyReportView } from '../../db/monthly-reports.js';
import { lastOnTimeDayLabel } from '../../domain/deadlines.js';
import { localDateTime } from '../../domain/local-date.js';
import { CONTACTS_HIDDEN } from '../../domain/contact-rules.js';
import { BUSINESSMAN_FORMAT, formatBusinessmenLines } from '../../domain/visited-businessmen.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import { raiseIssueButton } from '../meeting-issue/view.js';
import { monthLabel, REPORT_ACTIONS } from './view.js';

// The read-only monthly report, once submitted or exempt, with a 修改 button.

function section(title: string, body: string): unknown[] {
  return [
    { tag: 'markdown', content: `**${title}**` },
    { tag: 'div', text: { tag: 'plain_text', content: body.trim() ? body : '（未填写）' } },
  ];
}

/**
 * What the summary offers: `edit` draws 修改 (default: yes); `why` says why it is missing; `exempt`
 * is a 免报 form for a responsible leader reading a month not yet submitted.
 */
export interface SummaryOptions {
  contactsHidden?: boolean;
  edit?: boolean;
  why?: string | null;
  exempt?: unknown[];
  /** 提请领导小组研究 (the viewer may raise an issue for the squad). */
  raiseIssue?: boolean;
}

export function renderReportSummary(
  r: MonthlyReportView,
  squadName: string,
  tz: string,
  opts: SummaryOptions = {},
): Card {
  const exempt = r.status === 'EXEMPT';
  const statusTag = exempt
    ? '免报'
    : r.status === 'SUBMITTED'
      ? r.late
        ? '逾期提交'
        : '已提交'
      : r.id === 0
        ? '未填写'
        : '草稿';
  const statusLine = exempt
    ? `**免报**：${escapeMarkdown(r.exemptReason ?? '')}\n办理人：${escapeMarkdown(r.exemptBy ?? '—')}`
    : r.submittedAt
      ? `**提交人**：${escapeMarkdown(r.submittedBy ?? '—')}　**提交时间**：${localDateTime(r.submittedAt, tz)}` +
        `（${r.late ? `<font color='orange'>逾期，截止 ${lastOnTimeDayLabel(r.month)}</font>` : '按时'}）`
      : r.id === 0
        ? '尚未填写。'
        : '尚未提交（草稿）。';
  const listed = r.visitedBusinessmen.map((b, i) => `${i + 1}. ${formatBusinessmenLines([b])}`).join('\n');
  const people = opts.contactsHidden && listed ? `${listed}\n（${CONTACTS_HIDDEN}）` : listed;
  const sections = exempt
    ? []
    : [
        ...section('经济发展动态', r.economicTrends),
        ...section('投资导向', r.investmentDirections),
        ...section('项目信息', r.projectInfo),
        ...section('对接工作意见', r.suggestions),
        ...section(`本月拜访客商（${r.visitedBusinessmen.length} 位）`, people),
      ];
  // The history: who submitted each version and when (the content of each is kept in the revisions).
  const history = r.revisions.slice(-5).map((v) => `第 ${v.version} 版：${v.by ?? '—'} ${localDateTime(v.at, tz)}`);
  const footer =
    r.revisions.length > 1
      ? `修改记录（共 ${r.revisions.length} 版）\n${history.join('\n')}`
      : `每次修改都会保留历史版本。拜访客商格式：${BUSINESSMAN_FORMAT}`;
  return renderCard('monthly-report-summary', {
    summary: `月度汇报 · ${squadName} · ${monthLabel(r.month)} · ${statusTag}`,
    monthLabel: monthLabel(r.month),
    squadName,
    headerColor: exempt ? 'grey' : r.status === 'DRAFT' ? 'blue' : r.late ? 'orange' : 'green',
    statusTag,
    statusColor: exempt || r.status === 'DRAFT' ? 'neutral' : r.late ? 'orange' : 'green',
    statusLine,
    sections,
    footer,
    buttons: [
      ...(opts.why
        ? [{ tag: 'markdown', content: `<font color='grey'>${opts.why}</font>`, text_size: 'notation' }]
        : []),
      ...(opts.edit === false
        ? []
        : [
            {
              tag: 'button',
              name: 'report_edit',
              type: 'default',
              text: { tag: 'plain_text', content: '修改' },
              behaviors: [
                { type: 'callback', value: { action: REPORT_ACTIONS.edit, squadId: r.squadId, month: r.month } },
              ],
            },
          ]),
      ...(opts.exempt ?? []),
      ...(opts.raiseIssue ? [raiseIssueButton(r.squadId)] : []),
    ],
  });
}

/** A month nobody has written yet, drawn read-only like a draft with nothing in it. */
export function emptyReport(squadId: number, month: string, now: Date): MonthlyReportView {
  return {
    id: 0,
    squadId,
    month,
    status: 'DRAFT',
    economicTrends: '',
    investmentDirections: '',
    projectInfo: '',
    suggestions: '',
    visitedBusinessmen: [],
    submittedBy: null,
    submittedAt: null,
    late: false,
    exemptReason: null,
    exemptBy: null,
    version: 0,
    cardMessageId: null,
    updatedAt: now,
    lastRevision: null,
    revisions: [],
  };
}
