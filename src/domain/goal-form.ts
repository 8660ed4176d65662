import { goalLabel, goalProblem, isRateGoal } from './quota-sums.js';
import { METRIC_UNITS, METRICS, type Metric } from './vocabulary.js';

// The district goals of one year as the settings card shows them: one input per quota metric and
// one per cohort's commencement rate (typed as a percentage, stored as a fraction). An empty input
// means "no goal". Pure: the caller loads the stored goals and writes the changes.

/** How many earlier years' signed projects a year's plan sets a commencement rate for (2018: 2015–2017). */
const RATE_COHORTS = 3;

export interface GoalField {
  /** The input's name on the card. */
  name: string;
  metric: string;
  label: string;
  /** 个 / 万元 / %. */
  unit: string;
}

type Goal = { metric: string; target: number };

/** The inputs of a year's form: every quota metric, then the rate of each cohort (stored ones too). */
export function goalFields(year: number, stored: Goal[]): GoalField[] {
  const cohorts = new Set<number>();
  for (let y = year - RATE_COHORTS; y < year; y++) cohorts.add(y);
  for (const g of stored) if (isRateGoal(g.metric)) cohorts.add(Number(g.metric.slice(-4)));
  return [
    ...METRICS.map((m) => ({ name: `goal_${m}`, metric: m, label: goalLabel(m), unit: METRIC_UNITS[m as Metric] })),
    ...[...cohorts]
      .sort((a, b) => a - b)
      .map((c) => ({
        name: `rate_${c}`,
        metric: `COMMENCEMENT_RATE_${c}`,
        label: goalLabel(`COMMENCEMENT_RATE_${c}`),
        unit: '%',
      })),
  ];
}

/** A stored target as the input shows it: a rate as a percentage (0.8 → 80). */
function shown(f: GoalField, target: number | undefined): string {
  if (target === undefined) return '';
  return String(f.unit === '%' ? Math.round(target * 100 * 100) / 100 : target);
}

/** What each input shows: the goal in force, or empty. */
export function goalFormValues(fields: GoalField[], stored: Goal[]): Record<string, string> {
  return Object.fromEntries(fields.map((f) => [f.name, shown(f, stored.find((g) => g.metric === f.metric)?.target)]));
}

/** A goal as one short line: `7 个`, `80%`, or `未设`. */
export function describeGoal(metric: string, target: number | null): string {
  if (target === null) return '未设';
  if (isRateGoal(metric)) return `${Math.round(target * 100 * 100) / 100}%`;
  return `${target} ${METRIC_UNITS[metric as Metric] ?? ''}`.trim();
}

type GoalChange = { metric: string; from: number | null; to: number | null };

export type ParsedGoals = { ok: true; changes: GoalChange[] } | { ok: false; errors: Record<string, string> };

/**
 * Checks every input of a year's form and returns the goals it changes (set, changed or removed),
 * or one message per bad input. Any error and no change: the caller writes all or nothing.
 */
export function parseGoalForm(
  year: number,
  fields: GoalField[],
  form: Record<string, string>,
  stored: Goal[],
): ParsedGoals {
  const errors: Record<string, string> = {};
  const changes: GoalChange[] = [];
  for (const f of fields) {
    const raw = (form[f.name] ?? '').trim().replace(/[%％]$/, '');
    let to: number | null = null;
    if (raw !== '') {
      const n = Number(raw.replace(/[,，]/g, ''));
      if (!Number.isFinite(n)) {
        errors[f.name] = `${f.label}：请填写数字（单位 ${f.unit}），不设目标就留空`;
        continue;
      }
      if (f.unit === '%' && (n < 0 || n > 100)) {
        errors[f.name] = `${f.label}：请填写 0–100 之间的百分数，例如 80 表示 80%`;
        continue;
      }
      to = f.unit === '%' ? Math.round(n * 100) / 10_000 : n;
      const problem = goalProblem({ year, metric: f.metric, target: to });
      if (problem) {
        errors[f.name] = `${problem}，请改正后再保存`;
        continue;
      }
    }
    const from = stored.find((g) => g.metric === f.metric)?.target ?? null;
    if (from !== to) changes.push({ metric: f.metric, from, to });
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, changes };
}
