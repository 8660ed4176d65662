import type { MonthlyReportView } from '../../db/monthly-reports.js';
import { closeDayLabel, lastOnTimeDayLabel } from '../../domain/deadlines.js';
import { reportButtons, reportFormFooter, type ReportViewer } from '../../domain/report-buttons.js';
import {
  fitBusinessmenLines,
  formatBusinessmenLines,
  type VisitedBusinessman,
} from '../../domain/visited-businessmen.js';
import { CONTACTS_HIDDEN } from '../../domain/contact-rules.js';
import type { Card } from '../../feishu/answer.js';
import { MAX_TEXT } from './form.js';
import { raiseIssueButton } from '../meeting-issue/view.js';
import { renderCard } from '../shared/template.js';

// The monthly report (月度汇报) card: a form while it is being written, a read-only summary with
// a 修改 button once submitted or exempt (view-summary.ts). Callbacks live in actions.ts.

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
  /** Visits of the month that did not fit in the input. */
  visitsLeftOut?: number;
  /** The viewer may not see contact details: the businessmen are shown without address and phone. */
  contactsHidden?: boolean;
  /** What the viewer may do (default: the squad's captain); only their buttons are drawn. */
  viewer?: ReportViewer;
}

/** The squad's captain: the rights a card is drawn with when the viewer is not known. */
export const CAPTAIN_VIEWER: ReportViewer = { office: false, submit: true, draft: true, raiseIssue: true };

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

/** 免报: a reason and the button (责任领导 or the office), inside a form. */
function exemptFields(s: Pick<ReportFormState, 'squadId' | 'squadName' | 'month' | 'baseVersion'>, reason: string) {
  const ref = { squadId: s.squadId, month: s.month, baseVersion: s.baseVersion };
  return [
    {
      tag: 'markdown',
      content: '**免报**（责任领导或区招商局办理：本月确无可报内容时填写原因）',
      text_size: 'notation',
    },
    {
      tag: 'input',
      name: 'exempt_reason',
      max_length: 200,
      default_value: reason,
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
  ];
}

/** The 免报 form alone, for a responsible leader reading a month not submitted yet. */
export function exemptForm(s: Pick<ReportFormState, 'squadId' | 'squadName' | 'month' | 'baseVersion'>): unknown {
  return { tag: 'form', name: 'report_exempt_form', elements: exemptFields(s, '') };
}

export function renderReportForm(s: ReportFormState, now: Date, tz: string): Card {
  const ref = { squadId: s.squadId, month: s.month, baseVersion: s.baseVersion };
  const amending = s.status === 'SUBMITTED';
  const rb = reportButtons({
    status: s.status,
    amending: amending || s.status === 'EXEMPT',
    month: s.month,
    now,
    tz,
    closeDay: s.closeDay,
    viewer: s.viewer ?? CAPTAIN_VIEWER,
  });
  const buttons: unknown[] = amending
    ? [
        ...(rb.submit
          ? [button('report_submit', '提交修改', 'primary_filled', { action: REPORT_ACTIONS.submit, ...ref })]
          : []),
        button('report_cancel', '取消', 'default', { action: REPORT_ACTIONS.view, ...ref }),
      ]
    : [
        ...(rb.save
          ? [button('report_save_draft', '保存草稿', 'default', { action: REPORT_ACTIONS.save, ...ref })]
          : []),
        ...(rb.submit
          ? [button('report_submit', '提交', 'primary_filled', { action: REPORT_ACTIONS.submit, ...ref })]
          : []),
      ];
  if (rb.why) buttons.unshift(note(rb.why));
  const exemptElements = s.withExemption && !amending ? exemptFields(s, s.values.exempt_reason ?? '') : [];
  const people = s.values.visited_businessmen ?? '';
  const visitsNote: unknown[] = [];
  if (s.visitsPrefilled) visitsNote.push(note(`已按本月外出报告预填 ${s.visitsPrefilled} 位拜访客商。`));
  if (s.contactsHidden && people) visitsNote.push(note(CONTACTS_HIDDEN));
  if (s.visitsLeftOut)
    visitsNote.push(
      note(
        `另有 ${s.visitsLeftOut} 位拜访客商放不下（此栏最多 ${MAX_TEXT} 字），请精简上面的内容后补充，或在月报之外另行报送。`,
      ),
    );
  if (people.length > MAX_TEXT)
    visitsNote.push({
      tag: 'markdown',
      content: `<font color='red'>本月拜访客商超过 ${MAX_TEXT} 字，请删减（例如只留姓名｜公司｜职务）后再提交。</font>`,
      text_size: 'notation',
    });
  const window = rb.window;
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
    footer: reportFormFooter(s.month, s.closeDay, window),
    issueButton: rb.raiseIssue ? [raiseIssueButton(s.squadId)] : [],
  });
}

function note(text: string) {
  return { tag: 'div', text: { tag: 'plain_text', content: text, text_size: 'notation', text_color: 'grey' } };
}

/** Form values of a stored report (or of a new one, pre-filled from the month's visits). */
function valuesOf(r: MonthlyReportView | null, month: string, prefill: string | null): Record<string, string> {
  return {
    month,
    economic_trends: r?.economicTrends ?? '',
    investment_directions: r?.investmentDirections ?? '',
    project_info: r?.projectInfo ?? '',
    suggestions: r?.suggestions ?? '',
    visited_businessmen: prefill ?? formatBusinessmenLines(r?.visitedBusinessmen ?? []),
  };
}

/** The month's visits are offered only to a report that does not list businessmen yet. */
export function offersVisits(report: MonthlyReportView | null): boolean {
  return report?.status !== 'SUBMITTED' && (report?.visitedBusinessmen.length ?? 0) === 0;
}

/** What the form of a squad's month is drawn from. */
export interface MonthlyReportFormData {
  squadId: number;
  squadName: string;
  month: string;
  report: MonthlyReportView | null;
  /** The month's visited businessmen, when offered (offersVisits); null otherwise. */
  visits: VisitedBusinessman[] | null;
  closeDay: number;
}

/** The form of a squad's month, pre-filled from a draft or from the month's visits. */
export function drawMonthlyReportForm(
  d: MonthlyReportFormData,
  now: Date,
  tz: string,
  opts: { withExemption?: boolean; notice?: string; contactsHidden?: boolean; viewer?: ReportViewer } = {},
): Card {
  const { report, visits } = d;
  const prefill = visits ? fitBusinessmenLines(visits, MAX_TEXT) : null;
  return renderReportForm(
    {
      squadId: d.squadId,
      squadName: d.squadName,
      month: d.month,
      status: report
        ? report.status === 'SUBMITTED'
          ? 'SUBMITTED'
          : report.status === 'EXEMPT'
            ? 'EXEMPT'
            : 'DRAFT'
        : 'NEW',
      baseVersion: report?.version ?? 0,
      values: valuesOf(report, d.month, prefill ? prefill.text : null),
      closeDay: d.closeDay,
      withExemption: opts.withExemption ?? false,
      notice: opts.notice,
      visitsPrefilled: prefill?.count ?? 0,
      visitsLeftOut: visits && prefill ? visits.length - prefill.count : 0,
      contactsHidden: opts.contactsHidden,
      viewer: opts.viewer,
    },
    now,
    tz,
  );
}
