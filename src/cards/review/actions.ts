import type { CardInput } from '../types.js';
import type { Deps } from '../../deps.js';
import type { CardAnswer } from '../../feishu/answer.js';
import { z } from 'zod';
import { ReviewConflict, startReview } from '../../db/review-writes.js';
import { findProjectForReview, listReviewableUnits } from '../../db/reviews.js';
import { mayStartReview, reviewDueOn } from '../../domain/review.js';
import { answer } from '../../feishu/answer.js';
import { calendarGapNote, loadReviewContext } from './context.js';
import { publishReviewStatus, sendOpinionCards } from './notify.js';
import { renderReviewStatus } from './view.js';
import { projectHistory } from '../../db/reviews.js';
import { reviewCardFor } from '../../commands/review.js';

const StartValue = z.object({ projectId: z.coerce.number().int().positive() });
const StartForm = z.object({
  units: z.array(z.string()).min(1, '请至少选择一个预审单位'),
});

/** 发起联合预审: the office or the owning squad picks the units; each unit's reviewer gets a card. */
export async function launchReview(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const v = StartValue.safeParse(input.value);
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
  let review;
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
  const history = await projectHistory(deps.db, project.id, 'review.');
  const note = [
    `已发起联合预审，预审卡片已发给 ${sent} 位经办人，期限 ${dueOn}。`,
    unreachable.length ? `${unreachable.join('、')}暂无经办人，已告知办公室。` : '',
    calendarGapNote(ctx, dueOn),
  ].join('');
  return answer.toastAndCard(note, renderReviewStatus(fresh, review, history, ctx.today, deps.config.timezone));
}

const OpenValue = z.object({ projectId: z.coerce.number().int().positive() });

/** 联合预审 button on the project card: the same card as `/review <id>`. */
export async function openReview(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const v = OpenValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 查看联合预审。');
  const card = await reviewCardFor(deps, input.actor!, v.data.projectId, false);
  return typeof card === 'string' ? answer.error(card) : answer.card(card);
}
