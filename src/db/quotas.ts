import type { Db } from './client.js';

/** The squads' quota targets for a year: one row per squad and metric. */
export async function loadSquadQuotas(
  db: Db,
  year: number,
  squadIds: number[],
): Promise<{ squadId: number; metric: string; target: number }[]> {
  return db.quota.findMany({
    where: { year, squadId: { in: squadIds } },
    select: { squadId: true, metric: true, target: true },
  });
}

/** The district's own goals for a year, by metric. */
export async function loadDistrictGoals(db: Db, year: number): Promise<{ metric: string; target: number }[]> {
  return db.districtGoal.findMany({
    where: { year },
    orderBy: { metric: 'asc' },
    select: { metric: true, target: true },
  });
}

/** Whether any squad has a quota (> 0) for the year: without any, completion and ranking mean nothing. */
export async function hasQuotas(db: Db, year: number): Promise<boolean> {
  return (await db.quota.count({ where: { year, target: { gt: 0 } } })) > 0;
}
