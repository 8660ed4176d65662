import type { SquadInspections } from './inspection-results.js';
import { targetForPeriod, type Period } from './periods.js';
import type { ReportCounts } from './report-status.js';
import { METRIC_LABELS, type Metric, type SquadKind } from './vocabulary.js';

// What each squad did in a period, against its quota (附表一/二/三). Counts come from the database
// already aggregated (src/db/tallies.ts); this file only adds, compares and formats.

export interface SquadActuals {
  /** ¥100M+ projects signed in the period, and their investment (万元) */
  signedProjects: number;
  signedInvestment: number;
  /** of those: ¥500M+ (重大项目) and strategic emerging industries (战略性新兴产业) */
  majorSigned: number;
  strategicSigned: number;
  fundsInPlace: number;
  foreignCapitalUsd: number;
  packagedProjects: number;
  /** this year's ¥100M+ signings that commenced within the period */
  commencedProjects: number;
  /**
   * 开工率 of the three signing-year cohorts before the year (plan: 80/70/60 %): the cohorts'
   * projects commenced by the period's end, and how many had to be (Σ goal × signed).
   */
  cohortStarted: number;
  cohortNeeded: number;
  /** trips that took place (approved or reported), reported ones, reported ones that kept the 6/3 rule */
  trips: number;
  tripsReported: number;
  tripsKeptRule: number;
  visits: number;
  leads: number;
  reports: ReportCounts;
}

export interface SquadTally {
  squadId: number;
  name: string;
  kind: SquadKind | 'DISTRICT';
  sortOrder: number;
  actual: SquadActuals;
  /** annual quota per metric (absent = no quota for that metric) */
  quota: Partial<Record<Metric, number>>;
  /** YYYY-MM-DD the squad was retired (撤销); absent or null while in use */
  retiredOn?: string | null;
  /** 督查: the period's inspections and the corrections still open (absent: none loaded, as for /progress) */
  inspections?: SquadInspections;
}

type LineKey = Metric | 'REPORTS_ON_TIME';

export interface MetricLine {
  metric: LineKey;
  label: string;
  actual: number;
  /** the period's target (a quarter's share for a quarter); 0 = no quota */
  target: number;
  /** actual / target, null without a target */
  ratio: number | null;
  unit: '个' | '万元' | '万美元' | '次' | '家' | '条' | '期';
}

const LINE_ORDER: { metric: Metric; unit: MetricLine['unit']; actual: (a: SquadActuals) => number; count: boolean }[] =
  [
    { metric: 'SIGNED_PROJECTS', unit: '个', actual: (a) => a.signedProjects, count: true },
    { metric: 'SIGNED_INVESTMENT', unit: '万元', actual: (a) => a.signedInvestment, count: false },
    { metric: 'FUNDS_IN_PLACE', unit: '万元', actual: (a) => a.fundsInPlace, count: false },
    { metric: 'FOREIGN_CAPITAL_USD', unit: '万美元', actual: (a) => a.foreignCapitalUsd, count: false },
    { metric: 'PACKAGED_PROJECTS', unit: '个', actual: (a) => a.packagedProjects, count: true },
    { metric: 'COMMENCED_PROJECTS', unit: '个', actual: (a) => a.commencedProjects, count: true },
    { metric: 'TRIPS', unit: '次', actual: (a) => a.trips, count: true },
    { metric: 'VISITS', unit: '家', actual: (a) => a.visits, count: true },
    { metric: 'LEADS', unit: '条', actual: (a) => a.leads, count: true },
  ];

/** What a squad achieved on one quota metric (the same figure /progress shows). */
export function metricActual(a: SquadActuals, metric: Metric): number {
  return LINE_ORDER.find((l) => l.metric === metric)!.actual(a);
}

export function emptyActuals(): SquadActuals {
  return {
    signedProjects: 0,
    signedInvestment: 0,
    majorSigned: 0,
    strategicSigned: 0,
    fundsInPlace: 0,
    foreignCapitalUsd: 0,
    packagedProjects: 0,
    commencedProjects: 0,
    cohortStarted: 0,
    cohortNeeded: 0,
    trips: 0,
    tripsReported: 0,
    tripsKeptRule: 0,
    visits: 0,
    leads: 0,
    reports: { onTime: 0, late: 0, missing: 0, exempt: 0, due: 0 },
  };
}

function ratioOf(actual: number, target: number): number | null {
  return target > 0 ? actual / target : null;
}

/**
 * One completion figure per squad for the bar chart: the mean of the completion rates of the
 * metrics that have a target, each capped at 100 % so one over-fulfilled metric cannot hide the
 * others. null when no metric has a target.
 */
export function overallCompletion(t: SquadTally, period: Period): number | null {
  const rates = metricLines(t, period)
    .filter((l) => l.target > 0 && l.ratio !== null)
    .map((l) => Math.min(1, l.ratio!));
  return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
}

/** Every metric with its target for the period; metrics without a quota are shown when non-zero. */
export function metricLines(t: SquadTally, period: Period): MetricLine[] {
  const lines: MetricLine[] = [];
  for (const l of LINE_ORDER) {
    const annual = t.quota[l.metric] ?? 0;
    const target = targetForPeriod(annual, period, l.count);
    const actual = l.actual(t.actual);
    if (target === 0 && actual === 0) continue;
    lines.push({
      metric: l.metric,
      label: METRIC_LABELS[l.metric],
      actual,
      target,
      ratio: ratioOf(actual, target),
      unit: l.unit,
    });
  }
  const r = t.actual.reports;
  lines.push({
    metric: 'REPORTS_ON_TIME',
    label: '月度汇报按时报送',
    actual: r.onTime,
    target: r.due,
    ratio: ratioOf(r.onTime, r.due),
    unit: '期',
  });
  return lines;
}

/** Adds tallies up (a kind of squad, the district): actuals and quotas alike. */
function sumTallies(tallies: SquadTally[], name: string, kind: SquadTally['kind']): SquadTally {
  const actual = emptyActuals();
  const quota: Partial<Record<Metric, number>> = {};
  for (const t of tallies) {
    for (const k of Object.keys(actual) as (keyof SquadActuals)[]) {
      if (k === 'reports') continue;
      actual[k] += t.actual[k];
    }
    for (const k of Object.keys(actual.reports) as (keyof ReportCounts)[]) actual.reports[k] += t.actual.reports[k];
    for (const [m, v] of Object.entries(t.quota) as [Metric, number][]) quota[m] = (quota[m] ?? 0) + v;
  }
  return { squadId: 0, name, kind, sortOrder: 0, actual, quota };
}

const KIND_LABELS: Record<SquadTally['kind'], string> = {
  INDUSTRY: '产业小分队',
  TOWN: '镇（街道办）',
  DEPARTMENT: '区直部门',
  DISTRICT: '全区',
};

/** Squads by kind (industry squads, towns, departments), then the district total; empty kinds left out. */
export function groupTallies(tallies: SquadTally[]): SquadTally[] {
  const out: SquadTally[] = [];
  for (const kind of ['INDUSTRY', 'TOWN', 'DEPARTMENT'] as const) {
    const of = tallies.filter((t) => t.kind === kind);
    if (of.length) out.push(sumTallies(of, KIND_LABELS[kind], kind));
  }
  out.push(sumTallies(tallies, KIND_LABELS.DISTRICT, 'DISTRICT'));
  return out;
}

/** 12.5万元 → "12.5万元", 250000万元 → "25亿元" (amounts are stored in 万元). */
export function formatAmount(value: number, unit: MetricLine['unit']): string {
  if (unit === '万元' && Math.abs(value) >= 10_000) return `${trim(value / 10_000)}亿元`;
  return `${trim(value)}${unit}`;
}

export function formatPercent(ratio: number | null): string {
  return ratio === null ? '—' : `${Math.round(ratio * 100)}%`;
}

function trim(n: number): string {
  return String(Math.round(n * 100) / 100);
}
