import { overruleReview, ReviewConflict } from '../../db/review-writes.js';
import { findProjectForReview, type ReviewRow } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { mayOverrule, unansweredNote } from '../../domain/review.js';
import { endSentence } from '../../domain/sentence.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import type { CardInput } from '../types.js';
import { OverruleForm, OverruleValue } from './form.js';
import { publishReviewStatus, tellOffice } from './notify.js';
import { showReviewStatus } from './status.js';

/** The leading group overrules a veto, with a reason; who and why are kept in the project's history. */
export async function overruleVeto(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const refused = mayOverrule(actor);
  if (refused) return answer.error(refused);
  const v = OverruleValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 查看预审状态。');
  const form = OverruleForm.safeParse({ overrule_reason: input.formValue.overrule_reason ?? '' });
  if (!form.success) return answer.error(form.error.issues[0]!.message);
  let review: ReviewRow;
  try {
    review = await overruleReview(
      deps.db,
      v.data.reviewId,
      form.data.overrule_reason,
      { id: actor.id, openId: actor.openId },
      deps.clock.now(),
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return answer.error(e.message);
    throw e;
  }
  const project = (await findProjectForReview(deps.db, review.projectId))!;
  await publishReviewStatus(deps, project, review, 'overrule');
  const silent = unansweredNote(review);
  await tellOffice(
    deps,
    `review-overruled:${review.id}`,
    `联合预审「${project.name}」的否决已由${actor.name}推翻，理由：${endSentence(form.data.overrule_reason)}` +
      `项目可以签约。${silent}`,
  );
  return answer.toastAndCard(
    `已推翻否决，已通知项目所属小分队和区招商局。${silent}`,
    await showReviewStatus(deps, project, review),
  );
}
