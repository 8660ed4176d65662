import { publishReviewStatus, tellOffice } from '../cards/review/notify.js';
import { loadCalendar } from '../db/calendar.js';
import { listPendingOpinions } from '../db/pending-opinions.js';
import {
  auditProject,
  findProjectForReview,
  findReview,
  responsibleLeadersOf,
  reviewersOf,
  type ReviewPerson,
} from '../db/reviews.js';
import { runInTransaction } from '../db/transactions.js';
import type { Deps } from '../deps.js';
import { deadlineWarnings, type DeadlineWarningKind } from '../domain/review.js';
import { localDate, workingDaysBetween } from '../domain/working-days.js';
import { enqueueMessage, textContent } from '../feishu/outbox.js';
import type { JobResult } from './types.js';

/**
 * Daily: the last working day before a review opinion is due, its unit's reviewer and the office are
 * reminded; after the due date, warned once more. A key project's overdue opinion goes straight to
 * the responsible leaders of its squad (green channel). One message per opinion, kind and person.
 */
export async function warnReviewDeadlines(deps: Deps, now: Date): Promise<JobResult> {
  const today = localDate(now, deps.config.timezone);
  const calendar = await loadCalendar(deps.db);
  const pending = await listPendingOpinions(deps.db);
  let messages = 0;
  let warned = 0;
  for (const { opinion, kind } of deadlineWarnings(pending, today, calendar)) {
    const sent = await runInTransaction(deps.db, async (tx) => {
      const d: Deps = { ...deps, db: tx };
      const project = (await findProjectForReview(d.db, opinion.review.projectId))!;
      const late = workingDaysBetween(opinion.dueOn, today, calendar);
      const base = `「${project.name}」（项目编号 ${project.id}）${opinion.unit.name}的联合预审意见`;
      const text =
        kind === 'DUE_SOON'
          ? `【联合预审到期提醒】${base}须在 ${opinion.dueOn} 前出具。请在预审卡片上提交；找不到卡片请发送 /review ${project.id}。`
          : `【联合预审超期】${base}已超过期限 ${opinion.dueOn}${late ? `（已超 ${late} 个工作日）` : ''}，` +
            `请尽快出具。找不到卡片请发送 /review ${project.id}。`;
      let n = 0;
      const send = async (people: ReviewPerson[], body: string) => {
        for (const p of people) {
          if (!p.openId) continue;
          const key = `review-deadline:${opinion.id}:${kind}:${p.id}`;
          if (
            await enqueueMessage(d.db, {
              dedupKey: key,
              to: { type: 'open_id', id: p.openId },
              msgType: 'text',
              content: textContent(body),
            })
          )
            n++;
        }
      };
      await send(await reviewersOf(d.db, opinion, opinion.review.project.squadId), text);
      n += await tellOffice(d, `review-deadline:${opinion.id}:${kind}:office`, text);
      if (kind === 'OVERDUE' && project.isKey) {
        await send(
          await responsibleLeadersOf(d.db, project.squadId),
          `【重点项目超期 · 直报责任领导】${text.replace(/^【联合预审超期】/, '')}`,
        );
      }
      if (n > 0) {
        await auditProject(d.db, project.id, { id: null, openId: null }, 'review.warning', {
          kind: kind satisfies DeadlineWarningKind,
          unit: opinion.unit.name,
          dueOn: opinion.dueOn,
          escalated: kind === 'OVERDUE' && project.isKey,
        });
        if (kind === 'OVERDUE')
          await publishReviewStatus(d, project, (await findReview(d.db, opinion.reviewId))!, `overdue${opinion.id}`);
      }
      return n;
    });
    messages += sent;
    if (sent > 0) warned++;
  }
  if (messages > 0) deps.kickSender();
  return { summary: `联合预审期限：${warned} 项到期或超期，发出 ${messages} 条提醒`, messages };
}
