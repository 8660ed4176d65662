import type { Actor } from '../../domain/actor.js';
import { ReviewConflict, startReview } from '../../db/review-writes.js';
import {
  findProjectForReview,
  latestReview,
  listReviewableUnits,
  type ReviewRow,
  reviewersOf,
} from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { maySeeSquad } from '../../domain/authz.js';
import { DEFAULT_REVIEW_UNIT_CODES, reviewDueOn } from '../../domain/review.js';
import { decideReviewStart, isOfficeAdmin, mayRestartReview, mayStartReview } from '../../domain/review-start.js';
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
      if ((await reviewersOf(deps.db, o, project.squadId)).some((r) => r.id === actor.id))
        return renderOpinionCard(project, o);
    }
  }
  const involved = review?.opinions.some((o) => o.unitId === actor.unitId) ?? false;
  if (!maySeeSquad(actor, project.squadId) && !involved)
    return '你不是这个项目所属小分队的成员，也不是预审单位，不能查看它的联合预审。';

  if ((start || !review) && (!review || review.status === 'VETOED')) {
    const restart = review?.status === 'VETOED';
    const refused = restart ? mayRestartReview(actor) : mayStartReview(actor, project.squadId);
    if (refused && !review) return `项目「${project.name}」尚未发起联合预审。${refused}`;
    if (!refused) {
      const units = await listReviewableUnits(deps.db);
      // The plan's six in the plan's order, then any unit that vetoed last time.
      const vetoCodes = restart
        ? review.opinions.filter((o) => o.decision === 'VETO').map((o) => units.find((u) => u.id === o.unitId)?.code)
        : [];
      const selected = [
        ...new Set([...DEFAULT_REVIEW_UNIT_CODES, ...vetoCodes].filter((c) => units.some((u) => u.code === c))),
      ] as string[];
      const days = project.isKey ? ctx.days.key : ctx.days.normal;
      return renderReviewStart(project, units, selected, {
        thresholdWan: ctx.thresholdWan,
        days,
        reason: restart ? 'RESTART' : isOfficeAdmin(actor) ? 'REMOVAL' : 'NONE',
      });
    }
  }
  return showReviewStatus(deps, project, review!);
}

/**
 * 发起联合预审: the plan's six units always review (the office may add units; an office admin may
 * leave one out with a reason); after a veto only the office restarts, with a reason, and the
 * vetoing units review again. Each unit's reviewer gets a card.
 */
export async function launchReview(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const v = ProjectValue.safeParse(input.value);
  if (!v.success) return answer.error('卡片数据不完整，请发送 /review <项目编号> 重新获取卡片。');
  const project = await findProjectForReview(deps.db, v.data.projectId);
  if (!project) return answer.error(`找不到编号为 ${v.data.projectId} 的项目，请发送 /projects 查看项目编号。`);
  const form = StartForm.safeParse({ units: input.formValue.units ?? [], reason: input.formValue.reason ?? '' });
  if (!form.success) return answer.error(form.error.issues[0]!.message);
  const all = await listReviewableUnits(deps.db);
  const picked = form.data.units.map((code) => all.find((u) => u.code === code));
  if (picked.some((u) => !u)) return answer.error('所选预审单位不在名册中，请发送 /review 重新获取卡片。');
  const previous = await latestReview(deps.db, project.id);
  const decision = decideReviewStart({
    actor,
    squadId: project.squadId,
    previous: previous && {
      status: previous.status,
      vetoUnits: previous.opinions
        .filter((o) => o.decision === 'VETO')
        .map((o) => ({ id: o.unitId, name: o.unitName })),
    },
    planUnits: all.filter((u) => (DEFAULT_REVIEW_UNIT_CODES as readonly string[]).includes(u.code)),
    selected: picked.map((u) => u!),
    reason: form.data.reason,
  });
  if (!decision.ok) return answer.error(decision.refusal);

  const ctx = await loadReviewContext(deps);
  const dueOn = reviewDueOn(ctx.today, project.isKey, ctx.days, ctx.calendar);
  const who = { id: actor.id, openId: actor.openId };
  let review: ReviewRow;
  try {
    review = await startReview(
      deps.db,
      {
        projectId: project.id,
        units: decision.units,
        removed: decision.removed,
        restart: decision.restart,
        reason: form.data.reason,
        dueOn,
        startedOn: ctx.today,
        isKey: project.isKey,
      },
      who,
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return answer.error(e.message);
    throw e;
  }
  const fresh = (await findProjectForReview(deps.db, project.id))!;
  const { sent, unreachable, unnamed } = await sendOpinionCards(deps, fresh, review);
  await publishReviewStatus(deps, fresh, review, 'start');
  const note = [
    `已发起联合预审，预审卡片已发给 ${sent} 位经办人，期限 ${dueOn}。`,
    unreachable.length ? `${unreachable.join('、')}暂无经办人，已告知办公室。` : '',
    unnamed.length ? `${unnamed.join('、')}的人员都属于本小分队，已请办公室管理员指定预审经办人。` : '',
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
