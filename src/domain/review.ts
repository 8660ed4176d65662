import type { Actor } from './actor.js';
import { addWorkingDays, isWorkingDay, type WorkCalendar } from './working-days.js';

// 招商引资项目联合预审 (plan §三(三)二): each reviewing unit passes, passes with conditions or vetoes;
// one veto rejects the project (一票否决) unless the leading group overrules it.

/** The plan's reviewing units (区经贸局、环保局、招商局、发改局、工业园区管委会、政务办), by unit code. */
export const DEFAULT_REVIEW_UNIT_CODES = ['ECON', 'EPB', 'INVEST', 'DRC', 'PARK', 'GOV_SERVICE'] as const;

export const REVIEW_SETTINGS = {
  /** 万元: projects at or above it need the joint pre-review before signing (default ¥100M). */
  thresholdWan: { key: 'review.thresholdWan', fallback: 10_000 },
  workingDays: { key: 'review.workingDays', fallback: 5 },
  /** Key projects (重点项目) get the green channel: a shorter time limit. */
  keyWorkingDays: { key: 'review.keyWorkingDays', fallback: 3 },
} as const;

const REVIEW_DECISIONS = ['PENDING', 'PASS', 'CONDITIONAL', 'VETO'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const DECISION_LABELS: Record<ReviewDecision, string> = {
  PENDING: '待出具',
  PASS: '同意',
  CONDITIONAL: '附条件同意',
  VETO: '否决',
};

export const VETO_CATEGORIES = ['ENVIRONMENT', 'LAND', 'INDUSTRIAL_POLICY', 'SAFETY', 'OTHER'] as const;
export type VetoCategory = (typeof VETO_CATEGORIES)[number];
export const VETO_CATEGORY_LABELS: Record<VetoCategory, string> = {
  ENVIRONMENT: '环保',
  LAND: '用地',
  INDUSTRIAL_POLICY: '产业政策',
  SAFETY: '安全生产',
  OTHER: '其他',
};

/** Project.reviewStatus values. */
const PROJECT_REVIEW_STATUSES = ['NONE', 'IN_REVIEW', 'PASSED', 'VETOED', 'OVERRULED'] as const;
export type ProjectReviewStatus = (typeof PROJECT_REVIEW_STATUSES)[number];
export type ReviewState = 'OPEN' | 'PASSED' | 'VETOED' | 'OVERRULED';

export interface OpinionView {
  id: number;
  unitName: string;
  decision: ReviewDecision;
  dueOn: string;
}

/**
 * The review's state from its opinions: a veto closes it at once (VETOED, or OVERRULED once the
 * leading group has overruled); otherwise it stays OPEN until every unit has passed (with or without
 * conditions).
 */
export function reviewState(opinions: Pick<OpinionView, 'decision'>[], overruled: boolean): ReviewState {
  if (opinions.some((o) => o.decision === 'VETO')) return overruled ? 'OVERRULED' : 'VETOED';
  if (opinions.length > 0 && opinions.every((o) => o.decision === 'PASS' || o.decision === 'CONDITIONAL'))
    return 'PASSED';
  return 'OPEN';
}

/** Project.reviewStatus for a review in this state. */
export function projectReviewStatusOf(state: ReviewState): ProjectReviewStatus {
  return state === 'OPEN' ? 'IN_REVIEW' : state;
}

/** The time limit in working days: key projects are shorter (green channel). */
export function reviewDueOn(
  startedOn: string,
  isKey: boolean,
  days: { normal: number; key: number },
  calendar: WorkCalendar,
): string {
  return addWorkingDays(startedOn, isKey ? days.key : days.normal, calendar);
}

export type DeadlineWarningKind = 'DUE_SOON' | 'OVERDUE';

/**
 * Which pending opinions get a warning today: DUE_SOON on the last working day before the due date
 * (a Friday warning for a Monday due date, not a Sunday one), OVERDUE any day after it. The job
 * de-duplicates per opinion and kind, so each is sent once.
 */
export function deadlineWarnings<T extends { decision: string; dueOn: string }>(
  opinions: T[],
  today: string,
  calendar: WorkCalendar,
): { opinion: T; kind: DeadlineWarningKind }[] {
  const out: { opinion: T; kind: DeadlineWarningKind }[] = [];
  for (const o of opinions) {
    if (o.decision !== 'PENDING') continue;
    if (today > o.dueOn) out.push({ opinion: o, kind: 'OVERDUE' });
    else if (today < o.dueOn && isWorkingDay(today, calendar) && addWorkingDays(today, 1, calendar) >= o.dueOn)
      out.push({ opinion: o, kind: 'DUE_SOON' });
  }
  return out;
}

/** A project needs the joint pre-review before signing when its investment reaches the threshold. */
function needsReview(investmentWan: number, thresholdWan: number): boolean {
  return investmentWan >= thresholdWan;
}

/**
 * Why the project may not be signed yet, or null. `pendingUnits` names the units whose opinions are
 * missing in the open review; `vetoes` the vetoing units and reasons of a rejected one.
 */
export function signingRefusal(p: {
  investmentWan: number;
  thresholdWan: number;
  reviewStatus: string;
  projectId: number;
  pendingUnits: string[];
  vetoes: string[];
}): string | null {
  if (!needsReview(p.investmentWan, p.thresholdWan)) return null;
  if (p.reviewStatus === 'PASSED' || p.reviewStatus === 'OVERRULED') return null;
  const threshold = formatWan(p.thresholdWan);
  if (p.reviewStatus === 'IN_REVIEW') {
    const missing = p.pendingUnits.length ? `尚缺：${p.pendingUnits.join('、')}的预审意见。` : '联合预审尚未完成。';
    return `投资额达到 ${threshold}，须通过联合预审才能签约。${missing}`;
  }
  if (p.reviewStatus === 'VETOED') {
    return `联合预审已被否决（${p.vetoes.join('；') || '见预审卡片'}），不能签约；如需继续，须领导小组推翻否决。`;
  }
  return `投资额达到 ${threshold}，须先通过联合预审才能签约。请发送 /review ${p.projectId} 发起联合预审。`;
}

/** 万元 as the cards show amounts: 亿元 from 1 亿 up, else 万元. */
export function formatWan(wan: number): string {
  if (Math.abs(wan) >= 10_000) return `${trimNumber(wan / 10_000)} 亿元`;
  return `${trimNumber(wan)} 万元`;
}

function trimNumber(n: number): string {
  return String(Math.round(n * 100) / 100);
}

/** Only the group leader or a deputy overrules a veto. */
export function mayOverrule(a: Actor): string | null {
  if (a.roles.includes('GROUP_LEADER') || a.roles.includes('DEPUTY_LEADER')) return null;
  return '只有领导小组组长、副组长可以推翻一票否决。';
}

/** "环保局（环保）：理由" for each veto, as the refusal toast and the veto notice show them. */
export function vetoReasonsOf(
  opinions: { unitName: string; decision: string; vetoCategory: string | null; reason: string | null }[],
): string[] {
  return opinions
    .filter((o) => o.decision === 'VETO')
    .map(
      (o) =>
        `${o.unitName}（${VETO_CATEGORY_LABELS[(o.vetoCategory ?? 'OTHER') as VetoCategory] ?? '其他'}）：${o.reason ?? ''}`,
    );
}

/**
 * Units that never gave their opinion before the review ended (an overrule ends it): one sentence,
 * or '' when every unit answered.
 */
export function unansweredNote(review: { opinions: { decision: string; unitName: string }[] }): string {
  const silent = review.opinions.filter((o) => o.decision === 'PENDING').map((o) => o.unitName);
  return silent.length
    ? `另有 ${silent.length} 个单位未出具意见（${silent.join('、')}），预审已结束，无需再出具。`
    : '';
}
