import { loadMeetingIssue } from '../../db/meeting-issues.js';
import { listOwnerCandidates, squadLeadPeople, type DecisionRow } from '../../db/meeting.js';
import type { Deps } from '../../deps.js';
import { localDate } from '../../domain/local-date.js';
import { daysOverdue, defaultDueOn } from '../../domain/meeting.js';
import type { Card } from '../../feishu/answer.js';
import { decisionCard, decisionFormCard } from './view.js';

// Building the decision cards from the database: the form (for an issue, or standalone) and the
// card of one decision.

export interface FormSpec {
  period: string;
  issueId: number | null;
  /** The request key the submit carries: a replayed or double submit stores one decision. */
  key: string;
}

/** The form card, or a reason it cannot be opened (the issue is gone or decided). */
export async function buildDecisionForm(deps: Deps, spec: FormSpec): Promise<{ card: Card } | { refusal: string }> {
  const today = localDate(deps.clock.now(), deps.config.timezone);
  const issue = spec.issueId !== null ? await loadMeetingIssue(deps.db, spec.issueId) : null;
  if (spec.issueId !== null && !issue) return { refusal: '找不到这个问题，请重新发送 /meeting。' };
  if (issue && issue.status !== 'OPEN') return { refusal: '这个问题已有会议决定，请重新发送 /meeting 查看。' };
  const candidates = await listOwnerCandidates(deps.db);
  // The squad's responsible leaders and captain first: an issue's decision most often goes to them,
  // and Feishu's person picker lists the options in this order (typing a name searches them all).
  const first = issue ? await squadLeadPeople(deps.db, issue.squadId) : [];
  const rank = (id: number) => (first.includes(id) ? first.indexOf(id) : first.length);
  const owners = [...candidates].sort((a, b) => rank(a.id) - rank(b.id));
  const initial = issue ? owners.find((o) => first.includes(o.id)) : undefined;
  return {
    card: decisionFormCard({
      period: spec.period,
      issue: issue ?? undefined,
      owners,
      initialOwner: initial?.openId,
      defaultTitle: issue ? issue.helpAsked : '',
      dueOn: defaultDueOn(today),
      submitValue: { action: 'decision.save', key: spec.key, period: spec.period, issueId: spec.issueId },
    }),
  };
}

/** The card of one decision as its owner and the office see it. */
export async function decisionCardOf(deps: Deps, d: DecisionRow, notice?: string): Promise<Card> {
  const tz = deps.config.timezone;
  const today = localDate(deps.clock.now(), tz);
  const issue = d.issueId !== null ? await loadMeetingIssue(deps.db, d.issueId) : null;
  return decisionCard({
    ...d,
    closedOn: d.closedAt ? localDate(d.closedAt, tz) : null,
    daysOver: daysOverdue(d.dueOn, today),
    issueLine: issue ? `${issue.squadName}提出：${issue.title}` : undefined,
    notice,
  });
}
