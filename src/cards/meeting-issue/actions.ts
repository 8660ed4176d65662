import { recordAudit } from '../../db/audit-trail.js';
import {
  createMeetingIssue,
  findIssueIdByRequestKey,
  loadMeetingIssue,
  projectSquadId,
  withdrawMeetingIssue,
} from '../../db/meeting-issues.js';
import { squadExists } from '../../db/squad-options.js';
import { getSquadName, officePeople } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayRaiseIssue, mayWithdrawIssue } from '../../domain/authz.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage } from '../../feishu/outbox.js';
import { refillForm, type FieldErrors } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { readIssueForm } from './form.js';
import { issueCard, issueFormCard } from './open.js';
import { drawIssue } from './view.js';

// 提请领导小组研究的问题: open the form for a squad (the monthly report's button), submit it, withdraw
// an issue still waiting. The squad comes from the form's select or the card's value and is checked
// against the person either way, so a forged value gets the same refusal as the real one.

const STALE = '这张卡片已失效，请发送 /issue 获取新卡片。';

function positiveInt(v: unknown): number | null {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
}

/** 提请领导小组研究 on a squad's monthly report: the form for that squad. */
export async function openIssueForm(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const squadId = positiveInt(input.value.squadId);
  if (!squadId) return answer.error(STALE);
  const refused = mayRaiseIssue(input.actor!, squadId);
  if (refused) return answer.error(refused);
  if (!(await squadExists(deps.db, squadId))) return answer.error(STALE);
  const name = await getSquadName(deps.db, squadId);
  return answer.card(await issueFormCard(deps.db, input.actor!, { id: squadId, name }));
}

export async function submitIssue(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const db = deps.db;
  const tz = deps.config.timezone;
  const picked = positiveInt(input.formValue.squad);
  const fixed = positiveInt(input.value.squadId);
  const squadId = fixed ?? picked;
  if (!squadId) return answer.error('请选择小分队。');
  const refused = mayRaiseIssue(actor, squadId);
  if (refused) return answer.error(refused);
  if (!(await squadExists(db, squadId))) return answer.error('请选择小分队。');
  // The same card submitted again (a double tap, a replayed callback) finds the issue it filed.
  const requestKey = `issue:${input.messageId ?? input.eventId}`;
  const already = await findIssueIdByRequestKey(db, requestKey);
  if (already !== null)
    return answer.toastAndCard('这个问题已经提交过', (await issueCard(db, actor, already, tz))!, 'info');
  const squadName = await getSquadName(db, squadId);
  const formSquad = fixed ? { id: squadId, name: squadName } : null;
  const refill = async (errors: FieldErrors) =>
    answer.fieldErrors(refillForm(await issueFormCard(db, actor, formSquad), input.formValue, errors), errors);
  const form = readIssueForm(input.formValue);
  if (!form.ok) return refill(form.errors);
  const { projectId } = form.data;
  if (projectId !== null && (await projectSquadId(db, projectId)) !== squadId)
    return refill({ issue_project: `涉及项目：所选项目不属于${squadName}，请重新选择` });

  const id = await createMeetingIssue(db, {
    requestKey,
    squadId,
    raisedById: actor.id,
    createdAt: deps.clock.now(),
    ...form.data,
  });
  const issue = (await loadMeetingIssue(db, id))!;
  await recordAudit(db, actor, 'issue.raise', 'MeetingIssue', id, { squadId, projectId, title: issue.title });
  for (const o of await officePeople(db)) {
    if (o.id === actor.id) continue;
    await enqueueMessage(db, {
      dedupKey: `issue-raised:${id}:${o.id}`,
      to: { type: 'open_id', id: o.openId! },
      msgType: 'interactive',
      content: drawIssue(issue, tz, {
        title: '新的提请研究问题',
        notice: `**${escapeMarkdown(issue.squadName)}** 提请领导小组研究以下问题，请列入季度会议议题。`,
      }),
    });
  }
  return answer.toastAndCard(
    '已提交，区招商局已收到通知',
    (await issueCard(db, actor, id, tz, { notice: '已提交，待领导小组季度会议研究。' }))!,
  );
}

/** 撤回: the raiser, the squad's captain or the office, while the issue waits for the meeting. */
export async function withdrawIssue(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tz = deps.config.timezone;
  const id = positiveInt(input.value.issueId);
  const issue = id ? await loadMeetingIssue(deps.db, id) : null;
  if (!issue) return answer.error('找不到这个问题，请发送 /issues 查看。');
  const refused = mayWithdrawIssue(actor, issue);
  if (refused) return answer.error(refused);
  if (issue.status !== 'OPEN' || !(await withdrawMeetingIssue(deps.db, issue.id))) {
    const now = (await loadMeetingIssue(deps.db, issue.id))!;
    const why = now.status === 'WITHDRAWN' ? '这个问题已经撤回' : '领导小组已研究这个问题，不能撤回';
    return answer.toastAndCard(why, drawIssue(now, tz, { withdraw: false }), 'info');
  }
  await recordAudit(deps.db, actor, 'issue.withdraw', 'MeetingIssue', issue.id, { squadId: issue.squadId });
  const card = await issueCard(deps.db, actor, issue.id, tz, { notice: `已由 ${escapeMarkdown(actor.name)} 撤回。` });
  return answer.toastAndCard('已撤回', card!);
}
