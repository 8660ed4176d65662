import { diffByKey, mergeSummaries, summarizeDiff, type DiffSummary } from '../domain/import-diff.js';
import type { GoalRow, QuotaRow } from '../domain/import-rows.js';
import { goalLabel, isRateGoal, quotaSumWarnings } from '../domain/quota-sums.js';
import { METRIC_LABELS } from '../domain/vocabulary.js';
import type { Db } from './client.js';
import { loadGoals, replaceGoals } from './quotas.js';

// The quota workbook's import: the annex tables (Quota) and the district goals (DistrictGoal). For
// each year a sheet names, the sheet is that year's whole table: an empty cell removes the row.
// The preview also checks that the squads' quotas add up to the goals (a warning, not a refusal).

/** What a quota import carries; a preview stored before goals were imported is a bare array of quotas. */
export interface QuotaPayload {
  quotas: QuotaRow[];
  /** null: the file has no goals sheet, the goals stay as they are */
  goals: GoalRow[] | null;
}

export function readQuotaPayload(raw: unknown): QuotaPayload {
  return Array.isArray(raw) ? { quotas: raw as QuotaRow[], goals: null } : (raw as QuotaPayload);
}

/** Quotas of some years (all without `years`); `inUse`: only those of squads in use (what a file holds). */
export async function loadQuotas(db: Db, years?: number[], inUse = false): Promise<QuotaRow[]> {
  const rows = await db.quota.findMany({
    where: { ...(years ? { year: { in: years } } : {}), ...(inUse ? { squad: { active: true } } : {}) },
    include: { squad: true },
    orderBy: [{ year: 'asc' }, { squadId: 'asc' }],
  });
  return rows.map((q) => ({
    year: q.year,
    squadId: q.squadId,
    squadName: q.squad.name,
    metric: q.metric as QuotaRow['metric'],
    target: q.target,
  }));
}

const quotaKey = (q: QuotaRow) => `${q.year}:${q.squadId}:${q.metric}`;
const quotaText = (q: QuotaRow) => `${q.year} ${q.squadName} ${METRIC_LABELS[q.metric]} ${q.target}`;
const goalKey = (g: GoalRow) => `${g.year}:${g.metric}`;
const goalValue = (g: GoalRow) => (isRateGoal(g.metric) ? `${Math.round(g.target * 1000) / 10}%` : String(g.target));
const goalText = (g: GoalRow) => `${g.year} 全区目标 ${goalLabel(g.metric)} ${goalValue(g)}`;

const yearsOf = (rows: { year: number }[]) => [...new Set(rows.map((r) => r.year))];

export async function previewQuotas(db: Db, payload: QuotaPayload): Promise<DiffSummary> {
  const { quotas, goals } = payload;
  // A retired squad's quotas are not in the file (its sheet rows are gone) and stay as its history.
  const quotaDiff = diffByKey(
    await loadQuotas(db, yearsOf(quotas), true),
    quotas,
    quotaKey,
    (a, b) => a.target === b.target,
  );
  const q = summarizeDiff(
    quotaDiff,
    quotaText,
    (b, a) => `${a.year} ${a.squadName} ${METRIC_LABELS[a.metric]}：${b.target} → ${a.target}`,
  );
  // The sums are checked for every year the file touches, with the file's rows where it has them.
  const years = yearsOf([...quotas, ...(goals ?? [])]);
  const storedGoals = await loadGoals(db, years);
  const goalsAfter = goals ? [...storedGoals.filter((g) => !yearsOf(goals).includes(g.year)), ...goals] : storedGoals;
  // The sums count every squad's quota of the year: the file's for squads in use, the stored ones of retired squads.
  const inUseNow = new Set((await loadQuotas(db, years, true)).map(quotaKey));
  const quotasAfter = [
    ...(await loadQuotas(db, years)).filter((x) => !yearsOf(quotas).includes(x.year) || !inUseNow.has(quotaKey(x))),
    ...quotas,
  ];
  const warnings = quotaSumWarnings(goalsAfter, quotasAfter);
  if (!goals) return { ...q, ...(warnings.length ? { warnings } : {}) };
  const g = summarizeDiff(
    diffByKey(
      storedGoals.filter((x) => yearsOf(goals).includes(x.year)),
      goals,
      goalKey,
      (a, b) => a.target === b.target,
    ),
    goalText,
    (b, a) => `${a.year} 全区目标 ${goalLabel(a.metric)}：${goalValue(b)} → ${goalValue(a)}`,
  );
  // Goals first: they are few and the office reads them before the split.
  return { ...mergeSummaries(g, q), ...(warnings.length ? { warnings } : {}) };
}

export async function applyQuotas(db: Db, payload: QuotaPayload): Promise<void> {
  const { quotas, goals } = payload;
  const keep = new Set(quotas.map(quotaKey));
  for (const q of await loadQuotas(db, yearsOf(quotas), true)) {
    if (!keep.has(quotaKey(q)))
      await db.quota.delete({ where: { year_squadId_metric: { year: q.year, squadId: q.squadId, metric: q.metric } } });
  }
  for (const q of quotas) {
    const key = { year: q.year, squadId: q.squadId, metric: q.metric };
    await db.quota.upsert({
      where: { year_squadId_metric: key },
      create: { ...key, target: q.target },
      update: { target: q.target },
    });
  }
  if (goals)
    for (const year of yearsOf(goals))
      await replaceGoals(
        db,
        year,
        goals.filter((g) => g.year === year),
      );
}
