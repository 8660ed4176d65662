import type { GoalRow, QuotaRow } from '../domain/import-rows.js';
import { nextYearGoal } from '../domain/quota-sums.js';
import type { Db } from './client.js';
import { loadQuotas } from './quota-imports.js';
import { loadGoals } from './quotas.js';

/**
 * What `/template quotas <year>` is filled with: the year's goals and quotas; for a year with
 * neither, the nearest earlier year's, carried over as a starting point (copiedFrom says which).
 * Quotas of retired squads are not carried over.
 */
export async function loadQuotaTemplate(
  db: Db,
  year: number,
): Promise<{ quotas: QuotaRow[]; goals: GoalRow[]; copiedFrom: number | null }> {
  const [quotas, goals] = await Promise.all([loadQuotas(db, [year]), loadGoals(db, [year])]);
  if (quotas.length || goals.length) return { quotas, goals, copiedFrom: null };
  const earlier = await db.quota.findFirst({ where: { year: { lt: year } }, orderBy: { year: 'desc' } });
  if (!earlier) return { quotas, goals, copiedFrom: null };
  const from = earlier.year;
  const inUse = new Set((await db.squad.findMany({ where: { active: true }, select: { id: true } })).map((s) => s.id));
  const shift = year - from;
  let carried = await loadGoals(db, [from]);
  for (let i = 0; i < shift; i++) carried = carried.map(nextYearGoal);
  return {
    quotas: (await loadQuotas(db, [from])).filter((q) => inUse.has(q.squadId)).map((q) => ({ ...q, year })),
    goals: carried,
    copiedFrom: from,
  };
}
