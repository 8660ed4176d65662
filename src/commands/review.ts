import type { CommandInput } from './types.js';
import type { Reply } from '../feishu/answer.js';
import {
  findProjectForReview,
  latestReview,
  listReviewableUnits,
  projectHistory,
  reviewersOfUnit,
} from '../db/reviews.js';
import { loadReviewContext } from '../cards/review/context.js';
import { renderOpinionCard, renderReviewStart, renderReviewStatus } from '../cards/review/view.js';
import { maySeeSquad } from '../domain/authz.js';
import { DEFAULT_REVIEW_UNIT_CODES, mayStartReview } from '../domain/review.js';
import { UserError } from '../errors.js';
import { reply, type Card } from '../feishu/answer.js';
import type { Actor } from '../db/people.js';
import type { Deps } from '../deps.js';

export function parseProjectId(arg: string | undefined, usage: string): number {
  const id = Number((arg ?? '').replace(/^#/, ''));
  if (!arg || !Number.isInteger(id) || id <= 0)
    throw new UserError(`请写上项目编号，例如 ${usage}（项目编号见 /projects）`);
  return id;
}

/**
 * The review card a person should see for a project: their own pending opinion card, the start
 * card (not reviewed yet, or vetoed and `start` asked), or the review's status. A string is a refusal.
 */
export async function reviewCardFor(deps: Deps, actor: Actor, id: number, start: boolean): Promise<Card | string> {
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
  const history = await projectHistory(deps.db, id, 'review.');
  return renderReviewStatus(project, review!, history, ctx.today, deps.config.timezone);
}

export async function showReview(input: CommandInput, deps: Deps): Promise<Reply> {
  const id = parseProjectId(input.args[0], '/review 12');
  const card = await reviewCardFor(deps, input.actor!, id, input.args[1] === '发起');
  return typeof card === 'string' ? reply.text(card) : reply.card(card);
}
