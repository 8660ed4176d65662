import type { CardInput } from '../types.js';
import type { Deps } from '../../deps.js';
import type { CardAnswer } from '../../feishu/answer.js';
import { z } from 'zod';
import { overruleReview, ReviewConflict } from '../../db/review-writes.js';
import { findProjectForReview, projectHistory } from '../../db/reviews.js';
import { mayOverrule } from '../../domain/review.js';
import { localDate } from '../../domain/working-days.js';
import { answer } from '../../feishu/answer.js';
import { publishReviewStatus, tellOffice } from './notify.js';
import { renderReviewStatus } from './view.js';

const OverruleValue = z.object({ reviewId: z.coerce.number().int().positive() });
const OverruleForm = z.object({
  overrule_reason: z.string().trim().min(1, '请填写推翻否决的理由').max(1000, '理由最多 1000 字，请精简'),
});

/** The leading group overrules a veto, with a reason; who and why are kept in the project's history. */
export async function overruleVeto(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const refused = mayOverrule(actor);
  if (refused) return answer.error(refused);
  const v = OverruleValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 查看预审状态。');
  const form = OverruleForm.safeParse({ overrule_reason: input.formValue.overrule_reason ?? '' });
  if (!form.success) return answer.error(form.error.issues[0]!.message);
  let review;
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
  await tellOffice(
    deps,
    `review-overruled:${review.id}`,
    `联合预审「${project.name}」的否决已由${actor.name}推翻：${form.data.overrule_reason}。项目可以签约。`,
  );
  const history = await projectHistory(deps.db, project.id, 'review.');
  const today = localDate(deps.clock.now(), deps.config.timezone);
  return answer.toastAndCard(
    '已推翻否决，已通知项目所属小分队和办公室',
    renderReviewStatus(project, review, history, today, deps.config.timezone),
  );
}
