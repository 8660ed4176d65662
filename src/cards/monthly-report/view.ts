import type { Db } from '../../db/client.js';
import {
  findMonthlyReport,
  findSquadName,
  reportCloseDay,
  visitedBusinessmenOfMonth,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import { closeDayLabel, lastOnTimeDayLabel, reportWindow } from '../../domain/deadlines.js';
import { localDateTime } from '../../domain/local-date.js';
import { BUSINESSMAN_FORMAT, formatBusinessmenLines } from '../../domain/visited-businessmen.js';
import type { Card } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { MAX_TEXT } from './form.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The monthly report (月度汇报) card: a form while it is being written, a read-only summary with
// a 修改 button once submitted or exempt. Callbacks live in monthly-report-actions.ts.

export const REPORT_ACTIONS = {
  save: 'monthly-report.save',
  submit: 'monthly-report.submit',
  exempt: 'monthly-report.exempt',
  edit: 'monthly-report.edit',
  view: 'monthly-report.view',
} as const;

export interface ReportFormState {
  squadId: number;
  squadName: string;
  /** The month the card was made for (the form's month field may be changed by the user). */
  month: string;
  status: 'NEW' | 'DRAFT' | 'SUBMITTED' | 'EXEMPT';
  /** The report version the card shows: a submit from an older card is a double tap or stale. */
  baseVersion: number;
  /** Form values keyed by component name, as typed or as stored. */
  values: Record<string, string>;
  closeDay: number;
  withExemption: boolean;
  /** Already-escaped markdown shown above the form (e.g. "草稿已保存"). */
  notice?: string;
  visitsPrefilled?: number;
}

export function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5))}月`;
}

function button(
  name: string,
  text: string,
  type: string,
  value: Record<string, unknown>,
  extra: Record<string, unknown> = {},
) {
  return {
    tag: 'button',
    name,
    type,
    form_action_type: 'submit',
    text: { tag: 'plain_text', content: text },
    behaviors: [{ type: 'callback', value }],
    ...extra,
  };
}

export function renderReportForm(s: ReportFormState, now: Date, tz: string): Card {
  const ref = { squadId: s.squadId, month: s.month, baseVersion: s.baseVersion };
  const amending = s.status === 'SUBMITTED';
  const buttons = amending
    ? [
        button('report_submit', '提交修改', 'primary_filled', { action: REPORT_ACTIONS.submit, ...ref }),
        button('report_cancel', '取消', 'default', { action: REPORT_ACTIONS.view, ...ref }),
      ]
    : [
        button('report_save_draft', '保存草稿', 'default', { action: REPORT_ACTIONS.save, ...ref }),
        button('report_submit', '提交', 'primary_filled', { action: REPORT_ACTIONS.submit, ...ref }),
      ];
  const exemptElements =
    s.withExemption && !amending
      ? [
          {
            tag: 'markdown',
            content: '**免报**（责任领导或区招商局办理：本月确无可报内容时填写原因）',
            text_size: 'notation',
          },
          {
            tag: 'input',
            name: 'exempt_reason',
            max_length: 200,
            default_value: s.values.exempt_reason ?? '',
            placeholder: { tag: 'plain_text', content: '免报原因' },
          },
          button(
            'report_exempt',
            '免报',
            'danger',
            { action: REPORT_ACTIONS.exempt, ...ref },
            {
              confirm: {
                title: { tag: 'plain_text', content: '确认免报？' },
                text: { tag: 'plain_text', content: `${s.squadName} ${monthLabel(s.month)} 将标记为免报。` },
              },
            },
          ),
        ]
      : [];
  const people = s.values.visited_businessmen ?? '';
  const visitsNote: unknown[] = [];
  if (s.visitsPrefilled) visitsNote.push(note(`已按本月外出报告预填 ${s.visitsPrefilled} 位拜访客商。`));
  if (people.length > MAX_TEXT)
    visitsNote.push({
      tag: 'markdown',
      content: `<font color='red'>本月拜访客商超过 ${MAX_TEXT} 字，请删减（例如只留姓名｜公司｜职务）后再提交。</font>`,
      text_size: 'notation',
    });
  const window = reportWindow(s.month, now, tz, s.closeDay);
  const due = `截止 **${lastOnTimeDayLabel(s.month)}**（每月28日前）`;
  const when =
    window === 'OPEN'
      ? due
      : window === 'LATE'
        ? `${due}，<font color='orange'>已过截止时间，现在提交将标记为逾期</font>`
        : `<font color='red'>本月已于${closeDayLabel(s.month, s.closeDay)}关闭，只有区招商局可以修改</font>`;
  const statusTag = { NEW: '未填写', DRAFT: '草稿', SUBMITTED: '修改中', EXEMPT: '免报' }[s.status];
  return renderCard('monthly-report', {
    summary: `月度汇报 · ${s.squadName} · ${monthLabel(s.month)}`,
    monthLabel: monthLabel(s.month),
    squadName: s.squadName,
    statusTag,
    statusColor: s.status === 'DRAFT' ? 'blue' : s.status === 'EXEMPT' ? 'neutral' : 'orange',
    intro: `${when}。经济发展动态、项目信息至少填一项；每项最多 ${MAX_TEXT} 字。`,
    notice: s.notice ? [{ tag: 'markdown', content: s.notice }] : [],
    month: s.values.month ?? s.month,
    economicTrends: s.values.economic_trends ?? '',
    investmentDirections: s.values.investment_directions ?? '',
    projectInfo: s.values.project_info ?? '',
    suggestions: s.values.suggestions ?? '',
    visitedBusinessmen: people,
    visitsNote,
    exemptElements,
    buttons,
    footer: `队长提交；小分队成员可以保存草稿。逾期仍可提交（标记逾期），${closeDayLabel(s.month, s.closeDay)}后只有区招商局可以修改。`,
  });
}

function note(text: string) {
  return { tag: 'div', text: { tag: 'plain_text', content: text, text_size: 'notation', text_color: 'grey' } };
}

function section(title: string, body: string): unknown[] {
  return [
    { tag: 'markdown', content: `**${title}**` },
    { tag: 'div', text: { tag: 'plain_text', content: body.trim() ? body : '（未填写）' } },
  ];
}

export function renderReportSummary(r: MonthlyReportView, squadName: string, tz: string): Card {
  const exempt = r.status === 'EXEMPT';
  const statusTag = exempt ? '免报' : r.status === 'SUBMITTED' ? (r.late ? '逾期提交' : '已提交') : '草稿';
  const statusLine = exempt
    ? `**免报**：${escapeMarkdown(r.exemptReason ?? '')}\n办理人：${escapeMarkdown(r.exemptBy ?? '—')}`
    : r.submittedAt
      ? `**提交人**：${escapeMarkdown(r.submittedBy ?? '—')}　**提交时间**：${localDateTime(r.submittedAt, tz)}（${r.late ? `<font color='orange'>逾期，截止 ${lastOnTimeDayLabel(r.month)}</font>` : '按时'}）`
      : '尚未提交。';
  const people = r.visitedBusinessmen.map((b, i) => `${i + 1}. ${formatBusinessmenLines([b])}`).join('\n');
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
    headerColor: exempt ? 'grey' : r.late ? 'orange' : 'green',
    statusTag,
    statusColor: exempt ? 'neutral' : r.late ? 'orange' : 'green',
    statusLine,
    sections,
    footer,
    buttons: [
      {
        tag: 'button',
        name: 'report_edit',
        type: 'default',
        text: { tag: 'plain_text', content: '修改' },
        behaviors: [{ type: 'callback', value: { action: REPORT_ACTIONS.edit, squadId: r.squadId, month: r.month } }],
      },
    ],
  });
}

/** Form values of a stored report (or of a new one, pre-filled from the month's visits). */
export function valuesOf(r: MonthlyReportView | null, month: string, prefill: string | null): Record<string, string> {
  return {
    month,
    economic_trends: r?.economicTrends ?? '',
    investment_directions: r?.investmentDirections ?? '',
    project_info: r?.projectInfo ?? '',
    suggestions: r?.suggestions ?? '',
    visited_businessmen: prefill ?? formatBusinessmenLines(r?.visitedBusinessmen ?? []),
  };
}

/**
 * The card for a squad's month, as it stands: the form (pre-filled from a draft, or from the
 * month's visits) or, once submitted/exempt, the summary. Reminders (i4) send this card.
 */
export async function buildMonthlyReportCard(
  db: Db,
  squadId: number,
  month: string,
  now: Date,
  opts: { timezone?: string; withExemption?: boolean; editing?: boolean; notice?: string } = {},
): Promise<Card> {
  const tz = opts.timezone ?? 'Asia/Shanghai';
  const squadName = (await findSquadName(db, squadId)) ?? `小分队 ${squadId}`;
  const report = await findMonthlyReport(db, squadId, month);
  if (report && report.status !== 'DRAFT' && !opts.editing) return renderReportSummary(report, squadName, tz);
  // A report that already lists businessmen keeps its list; otherwise the month's visits are offered.
  const prefill = report?.status !== 'SUBMITTED' && (report?.visitedBusinessmen.length ?? 0) === 0;
  const visits = prefill ? await visitedBusinessmenOfMonth(db, squadId, month) : [];
  return renderReportForm(
    {
      squadId,
      squadName,
      month,
      status: report
        ? report.status === 'SUBMITTED'
          ? 'SUBMITTED'
          : report.status === 'EXEMPT'
            ? 'EXEMPT'
            : 'DRAFT'
        : 'NEW',
      baseVersion: report?.version ?? 0,
      values: valuesOf(report, month, prefill ? formatBusinessmenLines(visits) : null),
      closeDay: await reportCloseDay(db),
      withExemption: opts.withExemption ?? false,
      notice: opts.notice,
      visitsPrefilled: prefill ? visits.length : 0,
    },
    now,
    tz,
  );
}

/** Later changes (from another card, a command) update the report's own card message. */
export async function patchReportCard(
  db: Db,
  report: MonthlyReportView,
  squadName: string,
  tz: string,
  cause: string,
  exceptMessageId?: string,
): Promise<void> {
  if (!report.cardMessageId || report.cardMessageId === exceptMessageId) return;
  await enqueueMessage(db, {
    dedupKey: `report-card:${report.id}:${cause}`,
    to: { type: 'patch', messageId: report.cardMessageId },
    msgType: 'interactive',
    content: renderReportSummary(report, squadName, tz),
  });
}
