// 提请领导小组研究的问题: its states as the squads read them, and the form's length limits.

type IssueStatus = 'OPEN' | 'DECIDED' | 'WITHDRAWN';

const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = {
  OPEN: '待研究',
  DECIDED: '已研究',
  WITHDRAWN: '已撤回',
};

/** Text-tag colours of each state on a card. */
const ISSUE_STATUS_COLORS: Record<IssueStatus, string> = {
  OPEN: 'orange',
  DECIDED: 'green',
  WITHDRAWN: 'neutral',
};

/** The label of a stored status (an unknown one is shown as stored). */
export function issueStatusLabel(status: string): string {
  return (ISSUE_STATUS_LABELS as Record<string, string>)[status] ?? status;
}

export function issueStatusColor(status: string): string {
  return (ISSUE_STATUS_COLORS as Record<string, string>)[status] ?? 'neutral';
}

/** 问题: one or two sentences the meeting can read at a glance. */
export const ISSUE_TITLE_MIN = 4;
export const ISSUE_TITLE_MAX = 200;
/** 需要领导小组协调解决的事项: what is asked, concretely. */
export const ISSUE_HELP_MIN = 4;
export const ISSUE_HELP_MAX = 1000;
