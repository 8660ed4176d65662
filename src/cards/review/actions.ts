import type { Actor } from '../../domain/actor.js';
import { ReviewConflict, startReview } from '../../db/review-writes.js';
import {
  findProjectForReview,
  latestReview,
  listReviewableUnits,
  type ReviewRow,
  reviewersOfUnit,
} from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { maySeeSquad } from '../../domain/authz.js';
import { DEFAULT_REVIEW_UNIT_CODES, mayStartReview, reviewDueOn } from '../../domain/review.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import type { CardInput } from '../types.js';
import { calendarGapNote, loadReviewContext } from './context.js';
import { ProjectValue, StartForm } from './form.js';
import { publishReviewStatus, sendOpinionCards } from './notify.js';
import { showReviewStatus } from './status.js';
import { renderOpinionCard, renderReviewStart } from './view.js';

// Starting a review and opening the review card of a project (also `/review <id>`). Opinions:
// opinion-actions.ts; overruling a veto: overrule-actions.ts.

/**
 * The review card a person should see for a project: their own pending opinion card, the start
 * card (not reviewed yet, or vetoed and `start` asked), or the review's status. A string is a refusal.
 */
export async function showReviewCardFor(deps: Deps, actor: Actor, id: number, start: boolean): Promise<Card | string> {
  const project = await findProjectForReview(deps.db, id);
  if (!project) return `找不到编号为 ${id} 的项目，请发送 /projects 查看项目编号。`;
  const ctx = await loadReviewContext(deps);
  const review = await latestReview(deps.db, id);

  // A reviewer whose card went missing gets it again.
  if (review?.status === 'OPEN') {
    for (const o of review.opinions.filter((x) => x.decision === 'PENDING')) {
      if ((await reviewersOfUnit(deps.db, o.unitId)).some((r) => r.id === actor.id))
        return renderOpinionCard(project, o);
    }
  }
  const involved = review?.opinions.some((o) => o.unitId === actor.unitId) ?? false;
  if (!maySeeSquad(actor, project.squadId) && !involved)
    return '你不是这个项目所属小分队的成员，也不是预审单位，不能查看它的联合预审。';

  if ((start || !review) && (!review || review.status === 'VETOED')) {
    const refused = mayStartReview(actor, project.squadId);
    if (refused && !review) return `项目「${project.name}」尚未发起联合预审。${refused}`;
    if (!refused) {
      const units = await listReviewableUnits(deps.db);
      const selected = DEFAULT_REVIEW_UNIT_CODES.filter((c) => units.some((u) => u.code === c));
      const days = project.isKey ? ctx.days.key : ctx.days.normal;
      return renderReviewStart(project, units, selected, { thresholdWan: ctx.thresholdWan, days });
    }
  }
  return showReviewStatus(deps, project, review!);
}

/** 发起联合预审: the office or the owning squad picks the units; each unit's reviewer gets a card. */
export async function launchReview(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const v = ProjectValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 重新获取卡片。');
  const project = await findProjectForReview(deps.db, v.data.projectId);
  if (!project) return answer.error(`找不到编号为 ${v.data.projectId} 的项目，请发送 /projects 查看项目编号。`);
  const refused = mayStartReview(actor, project.squadId);
  if (refused) return answer.error(refused);
  const form = StartForm.safeParse({ units: input.formValue.units ?? [] });
  if (!form.success) return answer.error(form.error.issues[0]!.message);
  const all = await listReviewableUnits(deps.db);
  const units = form.data.units.map((code) => all.find((u) => u.code === code));
  if (units.some((u) => !u)) return answer.error('所选预审单位不在名册中，请发送 /review 重新获取卡片。');

  const ctx = await loadReviewContext(deps);
  const dueOn = reviewDueOn(ctx.today, project.isKey, ctx.days, ctx.calendar);
  const who = { id: actor.id, openId: actor.openId };
  let review: ReviewRow;
  try {
    review = await startReview(
      deps.db,
      { projectId: project.id, units: units.map((u) => u!), dueOn, startedOn: ctx.today, isKey: project.isKey },
      who,
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return answer.error(e.message);
    throw e;
  }
  const fresh = (await findProjectForReview(deps.db, project.id))!;
  const { sent, unreachable } = await sendOpinionCards(deps, fresh, review);
  await publishReviewStatus(deps, fresh, review, 'start');
  const note = [
    `已发起联合预审，预审卡片已发给 ${sent} 位经办人，期限 ${dueOn}。`,
    unreachable.length ? `${unreachable.join('、')}暂无经办人，已告知办公室。` : '',
    calendarGapNote(ctx, dueOn),
  ].join('');
  return answer.toastAndCard(note, await showReviewStatus(deps, fresh, review));
}

/** 联合预审 button on the project card: the same card as `/review <id>`. */
export async function openReview(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const v = ProjectValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 查看联合预审。');
  const card = await showReviewCardFor(deps, input.actor!, v.data.projectId, false);
  return typeof card === 'string' ? answer.error(card) : answer.card(card);
}
