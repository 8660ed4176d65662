import type { MeetingIssueView } from '../../db/meeting-issues.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { issueStatusColor, issueStatusLabel } from '../../domain/meeting-issue.js';
import type { Card } from '../../feishu/answer.js';
import { md, note } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// 提请领导小组研究的问题: the form (cards/meeting-issue.json), one issue (its receipt, the office's
// notice, after a withdrawal: cards/meeting-issue-view.json) and a squad's list (meeting-issue-list.json).

const ISSUE_ACTIONS = {
  open: 'issue.open',
  submit: 'issue.submit',
  withdraw: 'issue.withdraw',
} as const;

/** The form's 涉及项目 value for "no project". */
export const NO_PROJECT = 'none';

export interface IssueFormData {
  /** The squad the form files for, when it is fixed (one squad, or opened from a squad's card). */
  squad: { id: number; name: string } | null;
  /** The squad select (shared/squad-picker.ts) when the person may raise for several; [] otherwise. */
  squadPicker: unknown[];
  /** Projects to pick from; `squadName` is shown when the form covers several squads. */
  projects: { id: number; name: string; squadName?: string }[];
  notice?: string;
}

export function drawIssueForm(d: IssueFormData): Card {
  const options = [
    { text: { tag: 'plain_text', content: '不涉及具体项目' }, value: NO_PROJECT },
    ...d.projects.map((p) => ({
      text: { tag: 'plain_text', content: cut(p.squadName ? `${p.squadName} · ${p.name}` : p.name, 60) },
      value: String(p.id),
    })),
  ];
  return renderCard('meeting-issue', {
    subtitle: d.squad?.name ?? '请选择小分队',
    notice: d.notice ? [md(d.notice)] : [],
    squadPicker: d.squadPicker,
    projectOptions: options,
    submitValue: d.squad ? { action: ISSUE_ACTIONS.submit, squadId: d.squad.id } : { action: ISSUE_ACTIONS.submit },
  });
}

/**
 * One issue as a few markdown lines (user text escaped), with the meeting's decisions when there are
 * any; `brief` (the list) cuts the long texts, so fifteen issues stay well under a card's 30 KB.
 */
function issueLines(i: MeetingIssueView, tz: string, brief = false): unknown[] {
  const text = (s: string, n: number) => escapeMarkdown(brief ? cut(s, n) : s);
  const lines = [
    ...(brief ? [] : [`**问题**：${escapeMarkdown(i.title)}`]),
    ...(i.projectName ? [`**涉及项目**：${escapeMarkdown(i.projectName)}`] : []),
    `**需要协调解决**：${text(i.helpAsked, 120)}`,
    `**提出**：${escapeMarkdown(i.raiserName)}，${localDateTime(i.createdAt, tz)}`,
  ];
  const out: unknown[] = [md(lines.join('\n'))];
  if (i.decisions.length) {
    const decided = i.decisions.map(
      (d) =>
        `- ${text(d.title, 80)}（${d.period} 会议；责任人 ${escapeMarkdown(d.ownerName)}，` +
        `${d.status === 'DONE' ? '已办结' : `限 ${d.dueOn} 前办结`}）`,
    );
    out.push(md(`**领导小组决定**：\n${decided.join('\n')}`));
  } else if (i.status === 'DECIDED') out.push(md('**领导小组决定**：已研究，决定事项待录入。'));
  return out;
}

function withdrawButton(i: MeetingIssueView): unknown {
  return {
    tag: 'button',
    name: `issue_withdraw_${i.id}`,
    type: 'danger_text',
    size: 'small',
    text: { tag: 'plain_text', content: '撤回' },
    confirm: {
      title: { tag: 'plain_text', content: '撤回这个问题？' },
      text: { tag: 'plain_text', content: '撤回后不再提交领导小组会议研究。' },
    },
    behaviors: [{ type: 'callback', value: { action: ISSUE_ACTIONS.withdraw, issueId: i.id } }],
  };
}

/** One issue: the raiser's receipt (with 撤回 while open, when `withdraw`), or the office's notice. */
export function drawIssue(
  i: MeetingIssueView,
  tz: string,
  opts: { title?: string; notice?: string; withdraw?: boolean } = {},
): Card {
  const label = issueStatusLabel(i.status);
  const title = opts.title ?? '提请领导小组研究的问题';
  return renderCard('meeting-issue-view', {
    summary: `${title} · ${i.squadName} · ${label}`,
    title,
    squadName: i.squadName,
    color: i.status === 'OPEN' ? 'indigo' : i.status === 'DECIDED' ? 'green' : 'grey',
    statusLabel: label,
    statusColor: issueStatusColor(i.status),
    notice: opts.notice ? [md(opts.notice)] : [],
    issue: issueLines(i, tz),
    footer:
      i.status === 'OPEN'
        ? '待领导小组季度会议研究；研究后这里会显示决定事项。发送 /issues 查看本小分队提请的全部问题。'
        : '发送 /issues 查看本小分队提请的全部问题。',
    buttons: opts.withdraw && i.status === 'OPEN' ? [withdrawButton(i)] : [],
  });
}

/** A squad's (or the district's) issues, newest first; `mayWithdraw` says on which ones 撤回 is drawn. */
export function drawIssueList(
  issues: MeetingIssueView[],
  tz: string,
  opts: { subtitle: string; mayWithdraw: (i: MeetingIssueView) => boolean; shown: number },
): Card {
  const count = (s: string) => issues.filter((i) => i.status === s).length;
  const items: unknown[] = [];
  for (const i of issues) {
    items.push({ tag: 'hr' });
    const tag = `<text_tag color='${issueStatusColor(i.status)}'>${issueStatusLabel(i.status)}</text_tag>`;
    items.push(
      md(
        `${tag} **${escapeMarkdown(cut(i.title, 80))}**\n${escapeMarkdown(i.squadName)} · ${localDate(i.createdAt, tz)}`,
      ),
    );
    items.push(...issueLines(i, tz, true));
    if (i.status === 'OPEN' && opts.mayWithdraw(i)) items.push(withdrawButton(i));
  }
  return renderCard('meeting-issue-list', {
    subtitle: opts.subtitle,
    counts: issues.length
      ? `待研究 **${count('OPEN')}** 个 · 已研究 **${count('DECIDED')}** 个 · 已撤回 **${count('WITHDRAWN')}** 个`
      : '还没有提请领导小组研究的问题。',
    items: issues.length ? items : [note('队长、责任领导可以发送 /issue 提请领导小组研究问题。')],
    footer:
      issues.length >= opts.shown
        ? `只显示最新 ${opts.shown} 个。发送 /issue 提请新的问题。`
        : '发送 /issue 提请新的问题；待研究的问题可由提出人、队长或区招商局撤回。',
  });
}

function cut(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

/** 提请领导小组研究 under a squad's monthly report: opens the issue form for that squad. */
export function raiseIssueButton(squadId: number): unknown {
  return {
    tag: 'button',
    name: 'report_raise_issue',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: '提请领导小组研究' },
    behaviors: [{ type: 'callback', value: { action: ISSUE_ACTIONS.open, squadId } }],
  };
}
