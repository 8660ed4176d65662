import { inPeriod } from './periods.js';
import { MAJOR_PROJECT_WAN, METRICS, type Metric } from './vocabulary.js';

// Quota vs actual per squad for the progress export (and the completion chart). Actuals count
// from 1 January to the end of the period (a quarter's progress is the year so far).
// NOTE: engineer i4's tallies (src/domain tallies) are the reference; this is the export's own
// small version until they land.

export interface ProgressInput {
  squads: { id: number; name: string; kind: string }[];
  quotas: { squadId: number; metric: string; target: number }[];
  projects: { squadId: number; investment: number; signedOn: string | null; startedOn: string | null; packaged: boolean; packagedOn: string | null }[];
  /** Funds and foreign capital added at each project step. */
  fundSteps: { squadId: number; on: string; fundsInPlace: number | null; foreignCapitalUsd: number | null }[];
  trips: { squadId: number; startDate: string; status: string }[];
  visits: { squadId: number; visitedOn: string }[];
  leads: { squadId: number; createdOn: string }[];
}

export interface ProgressRow {
  squadId: number;
  squad: string;
  kind: string;
  target: Partial<Record<Metric, number>>;
  actual: Record<Metric, number>;
}

export function tallyProgress(input: ProgressInput, year: number, to: string): ProgressRow[] {
  const from = `${year}-01-01`;
  return input.squads.map((s) => {
    const mine = <T extends { squadId: number }>(xs: T[]) => xs.filter((x) => x.squadId === s.id);
    const majorSigned = mine(input.projects).filter((p) => p.investment >= MAJOR_PROJECT_WAN && inPeriod(p.signedOn, from, to));
    const steps = mine(input.fundSteps).filter((f) => inPeriod(f.on, from, to));
    const actual: Record<Metric, number> = {
      SIGNED_PROJECTS: majorSigned.length,
      SIGNED_INVESTMENT: sum(majorSigned.map((p) => p.investment)),
      FUNDS_IN_PLACE: sum(steps.map((f) => f.fundsInPlace ?? 0)),
      FOREIGN_CAPITAL_USD: sum(steps.map((f) => f.foreignCapitalUsd ?? 0)),
      PACKAGED_PROJECTS: mine(input.projects).filter((p) => p.packaged && inPeriod(p.packagedOn, from, to)).length,
      COMMENCED_PROJECTS: majorSigned.filter((p) => inPeriod(p.startedOn, from, to)).length,
      TRIPS: mine(input.trips).filter((t) => t.status === 'REPORTED' && inPeriod(t.startDate, from, to)).length,
      VISITS: mine(input.visits).filter((v) => inPeriod(v.visitedOn, from, to)).length,
      LEADS: mine(input.leads).filter((l) => inPeriod(l.createdOn, from, to)).length,
    };
    const target: Partial<Record<Metric, number>> = {};
    for (const q of mine(input.quotas)) if ((METRICS as readonly string[]).includes(q.metric)) target[q.metric as Metric] = q.target;
    return { squadId: s.id, squad: s.name, kind: s.kind, target, actual };
  });
}

/** Completion of a metric (0..n, 1 = 100 %); undefined when there is no quota. */
export function completion(row: ProgressRow, metric: Metric): number | undefined {
  const t = row.target[metric];
  if (!t) return undefined;
  return row.actual[metric] / t;
}

/** The squad's overall completion: the mean over its metrics with a quota (0 when none). */
export function overallCompletion(row: ProgressRow): number {
  const parts = METRICS.map((m) => completion(row, m)).filter((x): x is number => x !== undefined);
  return parts.length ? sum(parts.map((p) => Math.min(p, 1))) / parts.length : 0;
}

function sum(xs: number[]): number {
  return Math.round(xs.reduce((a, b) => a + b, 0) * 100) / 100;
}
