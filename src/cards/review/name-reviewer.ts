import { findPeopleNamed } from '../../db/people.js';
import { nameOpinionReviewer, ReviewConflict } from '../../db/review-writes.js';
import { belongsToSquad, findProjectForReview, latestReview, type ReviewRow } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import type { Actor } from '../../domain/actor.js';
import { isOfficeAdmin } from '../../domain/review-start.js';
import { publishReviewStatus, sendOpinionCards } from './notify.js';

// `/review <编号> 指定 <单位> <姓名>`: when every person of a reviewing unit belongs to the owning
// squad, an office admin names someone outside the squad to answer for the unit in this review.

/** Names the reviewer and sends them the card; returns what to tell the office admin. */
export async function nameReviewer(
  deps: Deps,
  actor: Actor,
  projectId: number,
  unitName: string,
  personName: string,
): Promise<string> {
  if (!isOfficeAdmin(actor)) return '只有区招商局的办公室管理员可以指定预审经办人。';
  const project = await findProjectForReview(deps.db, projectId);
  if (!project) return `找不到编号为 ${projectId} 的项目，请发送 /projects 查看项目编号。`;
  const review = await latestReview(deps.db, projectId);
  if (review?.status !== 'OPEN') return `项目「${project.name}」没有进行中的联合预审，无需指定经办人。`;
  const unit = unitName.replace(/^区/, '');
  const opinion = review.opinions.find((o) => o.unitName === unit || o.unitName === unitName);
  if (!opinion)
    return `这次联合预审的预审单位中没有「${unitName}」。预审单位：${review.opinions.map((o) => o.unitName).join('、')}。`;
  const people = await findPeopleNamed(deps.db, personName);
  if (people.length === 0) return `名册中没有「${personName}」，请检查姓名。`;
  if (people.length > 1)
    return `名册中有 ${people.length} 位「${personName}」（${people.map((p) => p.unitName ?? '未填单位').join('、')}），请在名册中区分后再指定。`;
  const person = people[0]!;
  if (await belongsToSquad(deps.db, person.id, project.squadId))
    return `${person.name}属于项目所属的${project.squadName}，不能预审本队的项目；请指定不属于该小分队的人。`;
  let after: ReviewRow;
  try {
    after = await nameOpinionReviewer(
      deps.db,
      opinion.id,
      { id: person.id, name: person.name },
      { id: actor.id, openId: actor.openId },
    );
  } catch (e) {
    if (e instanceof ReviewConflict) return e.message;
    throw e;
  }
  const { sent } = await sendOpinionCards(deps, project, {
    ...after,
    opinions: after.opinions.filter((o) => o.id === opinion.id),
  });
  await publishReviewStatus(deps, project, after, `reviewer${opinion.id}:${person.id}`);
  return (
    `已指定 ${person.name}（${person.unitName ?? '未填单位'}）代表${opinion.unitName}出具「${project.name}」的预审意见。` +
    (sent
      ? '预审卡片已发给他。'
      : `${person.name}尚未绑定飞书账号，卡片无法送达：请先用 /bind 绑定，再请其发送 /review ${project.id}。`)
  );
}
