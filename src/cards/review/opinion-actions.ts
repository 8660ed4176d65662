import type { CardInput } from '../types.js';
import type { Deps } from '../../deps.js';
import type { CardAnswer } from '../../feishu/answer.js';
import { z } from 'zod';
import { ReviewConflict, recordOpinion } from '../../db/review-writes.js';
import { findOpinion, findProjectForReview, findReview, reviewersOfUnit } from '../../db/reviews.js';
import { VETO_CATEGORIES } from '../../domain/review.js';
import { answer } from '../../feishu/answer.js';
import { cleanFormValue, fieldErrorsOf, refillForm } from '../shared/form.js';
import { publishReviewStatus, sendVetoNotice, tellOffice } from './notify.js';
import { renderOpinionCard, renderOpinionDone } from './view.js';

const OpinionValue = z.object({ opinionId: z.coerce.number().int().positive() });

const OpinionForm = z
  .object({
    decision: z.enum(['PASS', 'CONDITIONAL', 'VETO'], { error: '请选择预审意见：同意、附条件同意或否决' }),
    conditions: z.string().max(1000, '附加条件最多 1000 字，请精简').optional(),
    veto_category: z.enum(VETO_CATEGORIES, { error: '请选择否决类别' }).optional(),
    reason: z.string().max(1000, '否决理由最多 1000 字，请精简').optional(),
  })
  .superRefine((f, ctx) => {
    if (f.decision === 'CONDITIONAL' && !f.conditions)
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: '附条件同意须填写附加条件' });
    if (f.decision === 'VETO' && !f.veto_category)
      ctx.addIssue({
        code: 'custom',
        path: ['veto_category'],
        message: '否决须选择否决类别（环保、用地、产业政策、安全生产或其他）',
      });
    if (f.decision === 'VETO' && !f.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '否决须写明理由' });
  });

/** A unit's reviewer passes, passes with conditions, or vetoes (一票否决). */
export async function giveReviewOpinion(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const v = OpinionValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请联系区招商局重新发送预审卡片。');
  const op = await findOpinion(deps.db, v.data.opinionId);
  const review = op ? await findReview(deps.db, op.reviewId) : null;
  const project = review ? await findProjectForReview(deps.db, review.projectId) : null;
  if (!op || !review || !project) return answer.error('这份预审已不存在，请联系区招商局。');
  const opinion = review.opinions.find((o) => o.id === op.id)!;
  const reviewers = await reviewersOfUnit(deps.db, op.unitId);
  if (!reviewers.some((r) => r.id === actor.id))
    return answer.error(`这张预审卡片由${opinion.unitName}的预审经办人填写。`);

  const values = cleanFormValue(input.formValue);
  const form = OpinionForm.safeParse(values);
  if (!form.success) {
    const errors = fieldErrorsOf(form.error);
    const card = refillForm(renderOpinionCard(project, opinion), input.formValue, errors);
    return { ...answer.card(card), toast: { type: 'error', content: Object.values(errors)[0] ?? '请检查填写的内容' } };
  }
  const f = form.data;
  let after;
  try {
    after = await recordOpinion(
      deps.db,
      op.id,
      { decision: f.decision, conditions: f.conditions, vetoCategory: f.veto_category, reason: f.reason },
      { id: actor.id, openId: actor.openId },
      deps.clock.now(),
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return answer.error(e.message);
    throw e;
  }
  const fresh = (await findProjectForReview(deps.db, project.id))!;
  if (after.status === 'VETOED') await sendVetoNotice(deps, fresh, after);
  if (after.status === 'PASSED')
    await tellOffice(deps, `review-passed:${after.id}`, `联合预审「${fresh.name}」：全部预审单位同意，项目可以签约。`);
  await publishReviewStatus(deps, fresh, after, `op${op.id}`);
  const mine = after.opinions.find((o) => o.id === op.id)!;
  const toast = after.status === 'VETOED' ? '已提交否决意见，已通知项目所属小分队和领导小组' : '预审意见已提交';
  return answer.toastAndCard(toast, renderOpinionDone(fresh, mine, after));
}
