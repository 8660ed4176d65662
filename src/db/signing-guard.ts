import type { Db } from './client.js';
import { getSetting } from './settings.js';

// The gate before a project may be marked SIGNED. For now one rule: a project at or above the
// review threshold (setting `review.thresholdWan`, default 10000 万元 = 1亿元) must have passed the
// joint pre-review (联合预审, 一票否决) or had a veto overruled. Engineer i8 extends this file to
// name the reviews still missing; callers only rely on "null = allowed, else the reason".

export const REVIEW_THRESHOLD_KEY = 'review.thresholdWan';
export const DEFAULT_REVIEW_THRESHOLD_WAN = 10_000;

export interface SignableProject {
  id: number;
  investment: number;
  reviewStatus: string;
}

/** null when the project may be marked SIGNED; else the reason, in Chinese, shown to the person. */
export async function checkSignable(db: Db, project: SignableProject): Promise<string | null> {
  const threshold = await getSetting<number>(db, REVIEW_THRESHOLD_KEY, DEFAULT_REVIEW_THRESHOLD_WAN);
  if (project.investment < threshold) return null;
  if (project.reviewStatus === 'PASSED' || project.reviewStatus === 'OVERRULED') return null;
  return '该项目投资额在1亿元以上，需先通过联合预审才能标记签约';
}
