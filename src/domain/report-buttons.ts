import { closeDayLabel, reportEditRefusal, reportWindow, type ReportWindow } from './deadlines.js';

// Which buttons a monthly report card shows a person now, and why the others are missing: only
// buttons that will work are drawn (a 修改 that is then refused is a dead end).

/** What the person may do for the squad: the office anything, the captain submit, members drafts. */
export interface ReportViewer {
  office: boolean;
  /** May submit (队长, or the office). */
  submit: boolean;
  /** May save a draft (a squad member, or the office). */
  draft: boolean;
  /** May raise an issue for the leadership meeting (队长, 责任领导, or the office); absent: no. */
  raiseIssue?: boolean;
}

export interface ReportButtons {
  /** The summary's 修改 button. */
  edit: boolean;
  /** The form is drawn at all (false: a read-only card instead). */
  form: boolean;
  save: boolean;
  submit: boolean;
  /** Why a button is missing, as one sentence for the card; null when nothing is. */
  why: string | null;
  /** 提请领导小组研究: shown whatever the month's state, to whoever may raise an issue for the squad. */
  raiseIssue: boolean;
}

export function reportButtons(p: {
  status: 'NEW' | 'DRAFT' | 'SUBMITTED' | 'EXEMPT';
  /** The form of a submitted or exempt month opened again (after 修改). */
  amending: boolean;
  month: string;
  now: Date;
  tz: string;
  closeDay: number;
  viewer: ReportViewer;
}): ReportButtons & { window: ReportWindow } {
  const window = reportWindow(p.month, p.now, p.tz, p.closeDay);
  return { ...decide(p), raiseIssue: p.viewer.raiseIssue === true, window };
}

function decide(p: Parameters<typeof reportButtons>[0]): Omit<ReportButtons, 'raiseIssue'> {
  const v = p.viewer;
  const submitted = p.status === 'SUBMITTED';
  const refusal = reportEditRefusal({ ...p, submitted, office: v.office });
  const none = { edit: false, form: false, save: false, submit: false };
  if ((submitted || p.status === 'EXEMPT') && !p.amending) {
    if (!v.submit) return { ...none, why: '只读：月度汇报由本队队长修改提交；如需更正请联系队长或区招商局。' };
    return refusal ? { ...none, why: refusal } : { ...none, edit: true, why: null };
  }
  if (refusal) return { ...none, why: refusal };
  if (!v.draft && !v.submit) return { ...none, why: '只读：月度汇报由本队成员填写、队长提交，你可以在这里查看。' };
  const save = v.draft && !submitted;
  const why = v.submit ? null : '汇报由队长提交；你可以先保存草稿，再请队长提交。';
  return { edit: false, form: true, save, submit: v.submit, why };
}

/** The footer under the form: what happens after the deadline, told as it stands now. */
export function reportFormFooter(month: string, closeDay: number, window: ReportWindow): string {
  const closes = closeDayLabel(month, closeDay);
  if (window === 'CLOSED') return `本月已于${closes}关闭，只有区招商局可以修改。`;
  if (window === 'LATE') return `已过截止时间，现在提交将标记为逾期；${closes}后只有区招商局可以修改。`;
  return `队长提交；小分队成员可以保存草稿。逾期仍可提交（标记逾期），${closes}后只有区招商局可以修改。`;
}
