import { projectReviewStatusOf, REVIEW_SETTINGS, signingRefusal, vetoReasonsOf } from '../domain/review.js';
import type { Db } from './client.js';
import { latestReview } from './reviews.js';
import { getSetting } from './settings.js';

// The signing gate: no project may be at 签约 or a later stage with an investment at or above the
// review threshold (setting `review.thresholdWan`, default 10000 万元 = 1亿元) unless it passed the
// joint pre-review (联合预审, 一票否决) or the leading group overruled the veto, in its newest review.
// project-writes.ts asks it before every write of a project's stage or amounts, with the project as the write would
// leave it; "null = allowed, else the reason" (naming the units whose opinions are missing).

const REVIEW_THRESHOLD_KEY = REVIEW_SETTINGS.thresholdWan.key;
const DEFAULT_REVIEW_THRESHOLD_WAN = REVIEW_SETTINGS.thresholdWan.fallback;

/** A project as a write would leave it. */
export interface SignableProject {
  id: number;
  stage: string;
  investment: number;
  /** Whether it was imported as history, when the caller has just read the project (else read here). */
  importedHistory?: boolean;
}

/** The write was refused by the signing gate; nothing of it was stored. */
export class SigningRefused extends Error {}

/**
 * null when the project may be in that stage at that investment; else the reason, in Chinese, shown
 * to the person. Only the project's newest review counts (read here, not taken from the caller): a
 * pass or an overrule of an older review no longer counts once the office started a new one.
 */
export async function checkSignable(db: Db, project: SignableProject): Promise<string | null> {
  if (project.stage === 'NEGOTIATING') return null;
  // A project imported as history was signed before the bot was in use, outside its pre-review.
  const imported =
    project.importedHistory ??
    (await db.project.findUnique({ where: { id: project.id }, select: { importedHistory: true } }))?.importedHistory;
  if (imported) return null;
  const thresholdWan = await getSetting<number>(db, REVIEW_THRESHOLD_KEY, DEFAULT_REVIEW_THRESHOLD_WAN);
  if (project.investment < thresholdWan) return null;
  const review = await latestReview(db, project.id);
  const reviewStatus = review ? projectReviewStatusOf(review.status) : 'NONE';
  if (reviewStatus === 'PASSED' || reviewStatus === 'OVERRULED') return null;
  return signingRefusal({
    investmentWan: project.investment,
    thresholdWan,
    reviewStatus,
    projectId: project.id,
    pendingUnits:
      review?.status === 'OPEN' ? review.opinions.filter((o) => o.decision === 'PENDING').map((o) => o.unitName) : [],
    vetoes: review?.status === 'VETOED' ? vetoReasonsOf(review.opinions) : [],
  });
}

/** Throws SigningRefused when the write would leave the project past the gate without a passed review. */
export async function guardSigning(db: Db, project: SignableProject): Promise<void> {
  const reason = await checkSignable(db, project);
  if (reason) throw new SigningRefused(reason);
}
