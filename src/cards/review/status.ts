import { opinionsWithoutReviewer, projectHistory, type ProjectForReview, type ReviewRow } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { localDate } from '../../domain/working-days.js';
import type { Card } from '../../feishu/answer.js';
import { renderReviewStatus } from './view.js';

/** The review status card as it is now: the review with the project's review history. */
export async function showReviewStatus(deps: Deps, project: ProjectForReview, review: ReviewRow): Promise<Card> {
  const history = await projectHistory(deps.db, project.id, 'review.');
  const today = localDate(deps.clock.now(), deps.config.timezone);
  // Units whose card nobody may receive (all their people belong to the squad): the office names one.
  const pending = review.status === 'OPEN' ? review.opinions.filter((o) => o.decision === 'PENDING') : [];
  const unstaffed = pending.length ? await opinionsWithoutReviewer(deps.db, pending, project.squadId) : [];
  return renderReviewStatus(project, review, history, today, deps.config.timezone, unstaffed);
}
