import { REVIEW_SETTINGS, signingRefusal, vetoReasonsOf } from '../domain/review.js';
import type { Db } from './client.js';
import { latestReview } from './reviews.js';
import { getSetting } from './settings.js';

/**
 * Why the project may not be marked SIGNED yet, or null when it may. Projects at or above the
 * review threshold (setting review.thresholdWan, default 1 亿元) must have passed the joint
 * pre-review (or had its veto overruled); the refusal names the units whose opinions are missing.
 */
export async function checkSignable(
  db: Db,
  project: { id: number; investment: number; reviewStatus: string; isKey: boolean },
): Promise<string | null> {
  const s = REVIEW_SETTINGS.thresholdWan;
  const thresholdWan = await getSetting(db, s.key, s.fallback);
  if (project.investment < thresholdWan || project.reviewStatus === 'PASSED' || project.reviewStatus === 'OVERRULED') return null;
  const review = await latestReview(db, project.id);
  return signingRefusal({
    investmentWan: project.investment,
    thresholdWan,
    reviewStatus: project.reviewStatus,
    projectId: project.id,
    pendingUnits: review?.status === 'OPEN' ? review.opinions.filter((o) => o.decision === 'PENDING').map((o) => o.unitName) : [],
    vetoes: review && review.status === 'VETOED' ? vetoReasonsOf(review.opinions) : [],
  });
}
