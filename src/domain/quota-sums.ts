import type { GoalRow, QuotaRow } from './import-rows.js';
import { MAX_AMOUNT_WAN } from './money.js';
import { METRIC_LABELS, METRIC_UNITS, METRICS, type Metric } from './vocabulary.js';

/*
 * The plan splits each district goal across the squads, towns and departments (三(一)): their
 * quotas should add up to the goal. A difference is not refused (the office may split on purpose
 * with a margin), it is listed on the import preview with the numbers, per year and metric.
 */

const COMMENCEMENT_RATE = /^COMMENCEMENT_RATE_(\d{4})$/;

/** How a goal's metric reads: 到位资金, 2015年签约项目开工率. */
export function goalLabel(metric: string): string {
  const rate = COMMENCEMENT_RATE.exec(metric);
  if (rate) return `${rate[1]}年签约项目开工率`;
  return METRIC_LABELS[metric as Metric] ?? metric;
}

/** The metric of a goal label as the sheet writes it, or undefined. */
export function goalMetricOf(label: string): string | undefined {
  const rate = /^(\d{4})年签约项目开工率$/.exec(label);
  if (rate) return `COMMENCEMENT_RATE_${rate[1]}`;
  return METRICS.find((m) => METRIC_LABELS[m] === label);
}

export function isRateGoal(metric: string): boolean {
  return COMMENCEMENT_RATE.test(metric);
}

/** A goal carried to the next year: a cohort's commencement rate moves on with the year (2015 → 2016). */
export function nextYearGoal(g: GoalRow): GoalRow {
  const rate = COMMENCEMENT_RATE.exec(g.metric);
  return {
    year: g.year + 1,
    metric: rate ? `COMMENCEMENT_RATE_${Number(rate[1]) + 1}` : g.metric,
    target: g.target,
  };
}

function amount(n: number, unit: string): string {
  const v = Math.round(n * 10_000) / 10_000;
  return `${v} ${unit}`;
}

/**
 * For each year and each quota metric with a district goal: the squads' quotas summed against the
 * goal; one line per difference, e.g. `2018 年 到位资金：各小分队合计 810000 万元，全区目标 800000 万元，多 10000 万元`.
 */
export function quotaSumWarnings(goals: GoalRow[], quotas: QuotaRow[]): string[] {
  const out: string[] = [];
  const years = [...new Set(goals.map((g) => g.year))].sort((a, b) => a - b);
  for (const year of years) {
    for (const metric of METRICS) {
      const goal = goals.find((g) => g.year === year && g.metric === metric);
      if (!goal) continue;
      const sum = quotas.filter((q) => q.year === year && q.metric === metric).reduce((s, q) => s + q.target, 0);
      const diff = Math.round((sum - goal.target) * 10_000) / 10_000;
      if (diff === 0) continue;
      const unit = METRIC_UNITS[metric];
      out.push(
        `${year} 年 ${METRIC_LABELS[metric]}：各小分队合计 ${amount(sum, unit)}，全区目标 ${amount(goal.target, unit)}，${
          diff > 0 ? '多' : '少'
        } ${amount(Math.abs(diff), unit)}`,
      );
    }
  }
  return out;
}

/** Why a district goal cannot be stored (in Chinese), or null when it can. */
export function goalProblem(g: { year: number; metric: string; target: number | null }): string | null {
  if (!Number.isInteger(g.year) || g.year < 2000 || g.year > 2100) return '年度应为四位年份，例如 2019';
  if (!isRateGoal(g.metric) && !(METRICS as readonly string[]).includes(g.metric)) return `不认识指标「${g.metric}」`;
  if (g.target === null) return null;
  if (!Number.isFinite(g.target) || g.target < 0) return `${goalLabel(g.metric)}应为不小于 0 的数字`;
  if (isRateGoal(g.metric) && g.target > 1) return `${goalLabel(g.metric)}是比例（0–1，0.8 = 80%）`;
  if (!isRateGoal(g.metric) && g.target > MAX_AMOUNT_WAN) return `${goalLabel(g.metric)}数值过大`;
  const unit = isRateGoal(g.metric) ? '' : METRIC_UNITS[g.metric as Metric];
  if ((unit === '个' || unit === '次' || unit === '家' || unit === '条') && !Number.isInteger(g.target))
    return `${goalLabel(g.metric)}应为整数`;
  return null;
}
