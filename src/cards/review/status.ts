import { projectHistory, reviewersOf, type ProjectForReview, type ReviewRow } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { localDate } from '../../domain/working-days.js';
import type { Card } from '../../feishu/answer.js';
import { renderReviewStatus } from './view.js';

/** The review status card as it is now: the review with the project's review history. */
export async function showReviewStatus(deps: Deps, project: ProjectForReview, review: ReviewRow): Promise<Card> {
  const history = await projectHistory(deps.db, project.id, 'review.');
  const today = localDate(deps.clock.now(), deps.config.timezone);
  // Units whose card nobody may receive (all their people belong to the squad): the office names one.
  const unstaffed: number[] = [];
  if (review.status === 'OPEN')
    for (const o of review.opinions)
      if (o.decision === 'PENDING' && (await reviewersOf(deps.db, o, project.squadId)).length === 0)
        unstaffed.push(o.id);
  return renderReviewStatus(project, review, history, today, deps.config.timezone, unstaffed);
}
