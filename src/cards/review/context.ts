import { loadCalendar } from '../../db/calendar.js';
import { getSetting } from '../../db/settings.js';
import type { Deps } from '../../deps.js';
import { REVIEW_SETTINGS } from '../../domain/review.js';
import { coveredYears, localDate, type WorkCalendar } from '../../domain/working-days.js';

/** What a review step needs from settings and the calendar, read once per request. */
export interface ReviewContext {
  today: string;
  calendar: WorkCalendar;
  thresholdWan: number;
  days: { normal: number; key: number };
}

export async function loadReviewContext(deps: Deps): Promise<ReviewContext> {
  const s = REVIEW_SETTINGS;
  return {
    today: localDate(deps.clock.now(), deps.config.timezone),
    calendar: await loadCalendar(deps.db),
    thresholdWan: await getSetting(deps.db, s.thresholdWan.key, s.thresholdWan.fallback),
    days: {
      normal: await getSetting(deps.db, s.workingDays.key, s.workingDays.fallback),
      key: await getSetting(deps.db, s.keyWorkingDays.key, s.keyWorkingDays.fallback),
    },
  };
}

/** A warning when a due date falls in a year whose holidays were never entered (only weekends known). */
export function calendarGapNote(ctx: ReviewContext, date: string): string {
  const year = Number(date.slice(0, 4));
  return coveredYears(ctx.calendar).has(year)
    ? ''
    : `注意：${year} 年的节假日安排尚未录入，期限只按周末计算；请办公室用 /calendar add 录入。`;
}
