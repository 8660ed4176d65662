import type { LandStatus } from './vocabulary.js';
import { LAND_STATUSES } from './vocabulary.js';
import { daysBetween } from './working-days.js';

// 用地保障 (plan §三(二)): key projects' land comes first; the list shows who has waited longest.

export const LAND_STATUS_LABELS: Record<LandStatus, string> = {
  NONE: '未落实',
  SITE_IDENTIFIED: '已选址',
  LAND_APPROVED: '已批地',
  LAND_SUPPLIED: '已供地',
};

/** The word a user types (English code or Chinese label) → the status. */
export function parseLandStatus(word: string): LandStatus | undefined {
  const w = word.trim().toUpperCase();
  if ((LAND_STATUSES as readonly string[]).includes(w)) return w as LandStatus;
  const aliases: Record<string, LandStatus> = {
    无: 'NONE',
    未落实: 'NONE',
    选址: 'SITE_IDENTIFIED',
    批地: 'LAND_APPROVED',
    供地: 'LAND_SUPPLIED',
  };
  const found = (Object.entries(LAND_STATUS_LABELS) as [LandStatus, string][]).find(
    ([, label]) => label === word.trim(),
  );
  return found?.[0] ?? aliases[word.trim()];
}

export interface LandProject {
  id: number;
  name: string;
  isKey: boolean;
  landStatus: string;
  landStatusOn: string | null;
  /** When the project was recorded: the start of the wait when no land step has a date. */
  createdOn: string;
}

/**
 * Key projects still waiting for land (not yet supplied), longest wait in the current status first;
 * equal waits by project id (older records first).
 */
export function landWaitingList<T extends LandProject>(
  projects: T[],
  today: string,
): (T & { since: string; daysWaiting: number })[] {
  return projects
    .filter((p) => p.isKey && p.landStatus !== 'LAND_SUPPLIED')
    .map((p) => {
      const since = p.landStatusOn ?? p.createdOn;
      return { ...p, since, daysWaiting: Math.max(0, daysBetween(since, today)) };
    })
    .sort((a, b) => b.daysWaiting - a.daysWaiting || a.id - b.id);
}
