import { REVIEW_SETTINGS, signingRefusal, vetoReasonsOf } from '../domain/review.js';
import type { Db } from './client.js';
import { latestReview } from './reviews.js';
import { getSetting } from './settings.js';

// The gate before a project may be marked SIGNED: a project at or above the review threshold
// (setting `review.thresholdWan`, default 10000 万元 = 1亿元) must have passed the joint pre-review
// (联合预审, 一票否决) or had its veto overruled by the leading group. Callers rely only on
// "null = allowed, else the reason"; the reason names the units whose opinions are missing.

const REVIEW_THRESHOLD_KEY = REVIEW_SETTINGS.thresholdWan.key;
const DEFAULT_REVIEW_THRESHOLD_WAN = REVIEW_SETTINGS.thresholdWan.fallback;

export interface SignableProject {
  id: number;
  investment: number;
  reviewStatus: string;
  isKey?: boolean;
}

/** null when the project may be marked SIGNED; else the reason, in Chinese, shown to the person. */
export async function checkSignable(db: Db, project: SignableProject): Promise<string | null> {
  const thresholdWan = await getSetting<number>(db, REVIEW_THRESHOLD_KEY, DEFAULT_REVIEW_THRESHOLD_WAN);
  if (project.investment < thresholdWan || project.reviewStatus === 'PASSED' || project.reviewStatus === 'OVERRULED')
    return null;
  const review = await latestReview(db, project.id);
  return signingRefusal({
    investmentWan: project.investment,
    thresholdWan,
    reviewStatus: project.reviewStatus,
    projectId: project.id,
    pendingUnits:
      review?.status === 'OPEN' ? review.opinions.filter((o) => o.decision === 'PENDING').map((o) => o.unitName) : [],
    vetoes: review?.status === 'VETOED' ? vetoReasonsOf(review.opinions) : [],
  });
}
