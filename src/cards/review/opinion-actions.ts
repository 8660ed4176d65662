import { ReviewConflict, recordOpinion } from '../../db/review-writes.js';
import { findOpinionInReview, knowPersonName, type ReviewRow, reviewersOf, squadInbox } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { projectReviewStatusOf } from '../../domain/review.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { refillForm } from '../shared/form.js';
import type { CardInput } from '../types.js';
import { OpinionValue, readOpinionForm } from './form.js';
import { publishReviewStatus, sendVetoNotice, tellOffice } from './notify.js';
import { renderOpinionCard, renderOpinionDone } from './view.js';

/** A unit's reviewer passes, passes with conditions, or vetoes (一票否决). */
export async function giveReviewOpinion(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const v = OpinionValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请联系区招商局重新发送预审卡片。');
  const found = await findOpinionInReview(deps.db, v.data.opinionId);
  if (!found) return answer.error('这份预审已不存在，请联系区招商局。');
  const { review, project, superseded } = found;
  const opinion = review.opinions.find((o) => o.id === v.data.opinionId)!;
  const reviewers = await reviewersOf(deps.db, opinion, project.squadId);
  if (!reviewers.some((r) => r.id === actor.id))
    return answer.error(`这张预审卡片由${opinion.unitName}的预审经办人填写；项目所属小分队的人员不能预审本队的项目。`);

  const form = readOpinionForm(input.formValue, v.data.decision);
  if (!form.ok) {
    const card = refillForm(renderOpinionCard(project, opinion), input.formValue, form.errors);
    return answer.fieldErrors(card, form.errors);
  }
  const f = form.values;
  // The review after the opinion names its decider: the operator.
  knowPersonName(deps.db, actor);
  let after: ReviewRow;
  try {
    after = await recordOpinion(
      deps.db,
      opinion.id,
      { decision: f.decision, conditions: f.conditions, vetoCategory: f.veto_category, reason: f.reason },
      { id: actor.id, openId: actor.openId },
      deps.clock.now(),
      { reviewId: review.id, review, unit: { name: opinion.unitName }, superseded },
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return answer.error(e.message);
    throw e;
  }
  // recordOpinion changes the project only when it closes the review (its reviewStatus).
  const fresh =
    after.status === review.status ? project : { ...project, reviewStatus: projectReviewStatusOf(after.status) };
  const notified = after.status === 'VETOED' ? await sendVetoNotice(deps, fresh, after) : null;
  if (after.status === 'PASSED')
    await tellOffice(deps, `review-passed:${after.id}`, `联合预审「${fresh.name}」：全部预审单位同意，项目可以签约。`);
  await publishReviewStatus(deps, fresh, after, `op${opinion.id}`);
  const mine = after.opinions.find((o) => o.id === opinion.id)!;
  const toast = notified ? vetoToast(notified, await squadInbox(deps.db, fresh)) : '预审意见已提交';
  return answer.toastAndCard(toast, renderOpinionDone(fresh, mine, after));
}

/** What the veto's toast says: where the notices really went (1:1 cards, and the squad's status card). */
function vetoToast(sent: { leaders: number; office: number }, squad: { type: 'chat_id' | 'open_id' } | null): string {
  const where = !squad
    ? '小分队没有群聊也没有已绑定的队长，状态未送达'
    : squad.type === 'chat_id'
      ? '小分队群的预审状态已更新'
      : '队长的预审状态卡片已更新';
  return `已一票否决。否决通知已分别私信领导小组组长、副组长 ${sent.leaders} 人和区招商局 ${sent.office} 人；${where}`;
}
