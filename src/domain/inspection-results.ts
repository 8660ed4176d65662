import { RATING_LABELS, RATINGS, type Rating } from './inspection.js';
import type { Period } from './periods.js';

/*
 * 督查 results in the red/black list (plan 三(四): 每季度进行一次督查，督查结果纳入“红黑榜”通报内容).
 * The 督查室 rates each squad it inspects 好 / 较好 / 一般 / 差; the rating becomes a ratio that
 * counts in the score like a completion ratio, only for a squad inspected in the period. A
 * quarter's ratio is the mean of its inspections' (a re-inspection counts as much as the first);
 * a year's is the mean of its inspected quarters', so a quarter inspected twice weighs no more.
 */

/** The ratings the 督查室 gives (inspection.ts): the names the cards use. */
export type InspectionRating = Rating;

/**
 * 差 counts nothing: a squad rated 差 never gains from the rating. It is also a floor of the black
 * list (see `ratedPoor`): whatever its numbers, a squad the 督查室 rated 差 is black-listed that period.
 */
const RATING_RATIOS: Record<InspectionRating, number> = { GOOD: 1, FAIR: 0.85, AVERAGE: 0.6, POOR: 0 };

export function isInspectionRating(v: string): v is InspectionRating {
  return (RATINGS as readonly string[]).includes(v);
}

export interface InspectionFinding {
  /** the quarter inspected: 2018Q2 */
  period: string;
  /** YYYY-MM-DD */
  inspectedOn: string;
  rating: InspectionRating;
  /** 发现的问题, as the inspector wrote it */
  findings: string;
}

/** A squad's inspections in a period and the state of the corrections they asked for. */
export interface SquadInspections {
  /** the period's inspections, oldest first */
  inspections: InspectionFinding[];
  /** corrections (整改事项) of this and earlier periods' inspections not yet done… */
  openCorrections: number;
  /** …and of those, the ones past their due date */
  overdueCorrections: number;
}

/** The ratio of a period's inspections (null: not inspected, the component does not apply). */
export function inspectionRatio(list: InspectionFinding[]): number | null {
  const byQuarter = new Map<string, number[]>();
  for (const i of list) byQuarter.set(i.period, [...(byQuarter.get(i.period) ?? []), RATING_RATIOS[i.rating]]);
  if (byQuarter.size === 0) return null;
  const means = [...byQuarter.values()].map(mean);
  return mean(means);
}

function mean(xs: number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Findings as one short line: spaces and line breaks folded, cut at `max` characters with “…”. */
export function quoteFindings(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : flat;
}

const QUOTE_CHARS = 40;

/**
 * Why the inspections put a squad lower, for its black-list entry: the worst 一般/差 inspection
 * (the latest of equally bad ones) with its findings quoted, and the corrections overdue.
 */
export function inspectionBlackReasons(s: SquadInspections | undefined, period: Period): string[] {
  if (!s) return [];
  const reasons: string[] = [];
  const worst = s.inspections
    .filter((i) => i.rating === 'AVERAGE' || i.rating === 'POOR')
    .sort((a, b) => RATING_RATIOS[a.rating] - RATING_RATIOS[b.rating] || b.inspectedOn.localeCompare(a.inspectedOn))[0];
  if (worst) {
    // In a year's list the quarter is named: the reader needs to know which inspection it was.
    const when = period.quarter === undefined ? `（${quarterName(worst.period)}）` : '';
    // The list joins reasons with “；”: one inside the quote would read as the next reason.
    const quote = quoteFindings(worst.findings, QUOTE_CHARS).replace(/[;；]/g, '，');
    reasons.push(`督查评价“${RATING_LABELS[worst.rating]}”${when}${quote ? `：${quote}` : ''}`);
  }
  if (s.overdueCorrections > 0) reasons.push(`整改事项逾期未办结 ${s.overdueCorrections} 项`);
  return reasons;
}

/** Rated 差 in the period: a floor of the black list, like missing reports. */
export function ratedPoor(s: SquadInspections | undefined): boolean {
  return !!s?.inspections.some((i) => i.rating === 'POOR');
}

/** A 好 for its red-list entry: every inspection of the period rated 好. */
export function inspectionRedReasons(s: SquadInspections | undefined): string[] {
  const list = s?.inspections ?? [];
  if (!list.length || list.some((i) => i.rating !== 'GOOD')) return [];
  return [list.length === 1 ? '督查评价“好”' : `${list.length} 次督查评价均为“好”`];
}

/** 2018Q2 → 第二季度 (within a year's list the year goes without saying). */
export function quarterName(key: string): string {
  const q = Number(key.slice(-1));
  return q >= 1 && q <= 4 ? `第${'一二三四'[q - 1]}季度` : key;
}
