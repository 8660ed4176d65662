import { loadMeetingIssue, type MeetingIssueView } from '../../db/meeting-issues.js';
import { recordAudit } from '../../db/audit-trail.js';
import {
  closeDecisionRow,
  findDecision,
  findDecisionByKey,
  insertDecision,
  listOwnerCandidates,
  type RosterPick,
} from '../../db/meeting.js';
import { openIdsByPerson } from '../../db/people.js';
import type { Deps } from '../../deps.js';
import { mayCloseDecision, mayRecordDecision } from '../../domain/authz.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { parsePeriod, quarterOfDate } from '../../domain/periods.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { savedNotice } from '../shared/elements.js';
import { refillForm } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { type DecisionValues, OWNER_NOT_ON_ROSTER, readCloseNote, readDecisionForm } from './form.js';
import type { Actor } from '../../domain/actor.js';
import { buildDecisionForm, decisionCardOf, type FormSpec } from './open.js';

// 记录决定 and 办结销号: the office records what the meeting decided (for a squad's issue or on its
// own), the owner is told at once with the decision's card, and closes it with a note.

function specOf(input: CardInput, deps: Deps): FormSpec {
  const today = localDate(deps.clock.now(), deps.config.timezone);
  const p = parsePeriod(String(input.value.period ?? ''));
  const issueId = Number(input.value.issueId) > 0 ? Number(input.value.issueId) : null;
  return {
    period: p?.quarter ? p.key : quarterOfDate(today).key,
    issueId,
    key:
      typeof input.value.key === 'string'
        ? input.value.key
        : `decision:${issueId ? `issue-${issueId}` : input.eventId}`,
  };
}

/** 记录决定 on the pack: the form comes as a new card in the office person's chat, the pack stays. */
export async function newDecision(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const refusal = mayRecordDecision(input.actor!);
  if (refusal) return answer.error(refusal);
  const form = await buildDecisionForm(deps, specOf(input, deps));
  if ('refusal' in form) return answer.error(form.refusal);
  await enqueueMessage(deps.db, {
    dedupKey: `decision-form:${input.eventId}`,
    to: { type: 'open_id', id: input.operatorOpenId },
    msgType: 'interactive',
    content: form.card,
  });
  return answer.toast('决定表单已发给你，请在新卡片中填写', 'success');
}

export async function saveDecision(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const refusal = mayRecordDecision(actor);
  if (refusal) return answer.error(refusal);
  const spec = specOf(input, deps);
  if (!spec.key.startsWith('decision:')) return answer.error('这张卡片已失效，请重新发送 /meeting。');
  const done = await findDecisionByKey(deps.db, spec.key);
  if (done) return answer.toastAndCard('这项决定已记录', await decisionCardOf(deps, done), 'info');
  const now = deps.clock.now();
  const today = localDate(now, deps.config.timezone);
  const form = readDecisionForm(input.formValue, today);
  const owner = form.ok
    ? (await listOwnerCandidates(deps.db)).find((p) => p.openId === form.values.decision_owner)
    : undefined;
  const errors = !form.ok ? form.errors : owner ? undefined : { decision_owner: OWNER_NOT_ON_ROSTER };
  if (errors || !form.ok || !owner) {
    const built = await buildDecisionForm(deps, spec);
    if ('refusal' in built) return answer.error(built.refusal);
    return answer.fieldErrors(refillForm(built.card, input.formValue, errors ?? {}), errors ?? {});
  }
  const issue = spec.issueId !== null ? await loadMeetingIssue(deps.db, spec.issueId) : null;
  if (spec.issueId !== null && issue?.status !== 'OPEN')
    return answer.error('这个问题已有会议决定，请重新发送 /meeting 查看。');
  // The card action runs in one transaction (server/events/batch-transaction.ts): the decision, the
  // issue's new status, the audit row and both messages are written together or not at all; two
  // taps at once meet the request key's unique index and the second writes nothing.
  const id = await storeDecision(deps, actor, spec, form.values, owner, issue, now);
  if (id === null) return answer.error('这个问题已有会议决定，请重新发送 /meeting 查看。');
  const saved = (await findDecision(deps.db, id))!;
  const notice = savedNotice(`已记录，已通知${escapeMarkdown(owner.name)}`, localDateTime(now, deps.config.timezone));
  return answer.toastAndCard('决定已记录，责任人已收到通知', await decisionCardOf(deps, saved, notice));
}

/** 办结销号: the owner or the office, with a note of what was done; a second close changes nothing. */
export async function closeDecision(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const d = await findDecision(deps.db, Number(input.value.decisionId) || 0);
  if (!d) return answer.error('找不到这项决定，请重新发送 /meeting。');
  const refusal = mayCloseDecision(actor, d.ownerId);
  if (refusal) return answer.error(refusal);
  if (d.status === 'DONE') return answer.toastAndCard('这项决定已办结销号', await decisionCardOf(deps, d), 'info');
  const read = readCloseNote(input.formValue);
  if (!read.ok)
    return answer.fieldErrors(refillForm(await decisionCardOf(deps, d), input.formValue, read.errors), read.errors);
  const now = deps.clock.now();
  const closed = await closeDecisionRow(deps.db, d.id, read.note, actor.id, now);
  if (closed) await recordAudit(deps.db, actor, 'meeting.decision.close', 'MeetingDecision', d.id, { note: read.note });
  const after = (await findDecision(deps.db, d.id))!;
  if (!closed) return answer.toastAndCard('这项决定已办结销号', await decisionCardOf(deps, after), 'info');
  return answer.toastAndCard('已办结销号，下次会议材料会列出', await decisionCardOf(deps, after));
}

/** The decision, the issue's new status, the audit row, and the owner's card and raiser's note. */
async function storeDecision(
  deps: Deps,
  actor: Actor,
  spec: FormSpec,
  f: DecisionValues,
  owner: RosterPick,
  issue: MeetingIssueView | null,
  now: Date,
): Promise<number | null> {
  const tx = deps.db;

  const row = await insertDecision(
    tx,
    {
      requestKey: spec.key,
      period: spec.period,
      issueId: spec.issueId,
      title: f.decision_title,
      ownerId: owner.id,
      dueOn: f.decision_due,
      createdById: actor.id,
    },
    now,
  );
  if (!row) return null;
  await recordAudit(tx, actor, 'meeting.decision.record', 'MeetingDecision', row.id, {
    period: spec.period,
    issueId: spec.issueId,
    ownerId: owner.id,
    dueOn: f.decision_due,
  });
  const d = (await findDecision(tx, row.id))!;
  await enqueueMessage(tx, {
    dedupKey: `decision-owner:${row.id}`,
    to: { type: 'open_id', id: owner.openId },
    msgType: 'interactive',
    content: await decisionCardOf(
      deps,
      d,
      `${escapeMarkdown(actor.name)}记录了领导小组会议的决定，由你负责，请在 ${f.decision_due} 前办结，办结后在下方写明办理情况并销号。`,
    ),
  });
  if (issue) {
    const raiser = (await openIdsByPerson(tx, [issue.raisedById])).get(issue.raisedById);
    if (raiser)
      await enqueueMessage(tx, {
        dedupKey: `issue-decided:${issue.id}`,
        to: { type: 'open_id', id: raiser },
        msgType: 'text',
        content: textContent(
          `你提请领导小组会议研究的问题“${issue.title}”已有决定：${f.decision_title}。责任人：${owner.name}，完成时限：${f.decision_due}。`,
        ),
      });
  }
  return row.id;
}
