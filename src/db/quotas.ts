import type { GoalRow } from '../domain/import-rows.js';
import { goalProblem } from '../domain/quota-sums.js';
import { UserError } from '../errors.js';
import { type AuditActor, recordAudit } from './audit-trail.js';
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

/** The district goals of some years (all years without `years`). */
export async function loadGoals(db: Db, years?: number[]): Promise<GoalRow[]> {
  return db.districtGoal.findMany({
    where: years ? { year: { in: years } } : {},
    orderBy: [{ year: 'asc' }, { metric: 'asc' }],
    select: { year: true, metric: true, target: true },
  });
}

/** Makes these the year's goals: others of that year are removed. Written by the quota import. */
export async function replaceGoals(db: Db, year: number, goals: { metric: string; target: number }[]): Promise<void> {
  const keep = new Set(goals.map((g) => g.metric));
  await db.districtGoal.deleteMany({ where: { year, metric: { notIn: [...keep] } } });
  for (const g of goals)
    await db.districtGoal.upsert({
      where: { year_metric: { year, metric: g.metric } },
      create: { year, metric: g.metric, target: g.target },
      update: { target: g.target },
    });
}

/**
 * Sets one district goal (null target: removes it) and writes the audit row (at `at`, default now): for a settings card.
 * The metric is a quota metric or COMMENCEMENT_RATE_<year> (a fraction, 0.8 = 80%); a bad one is
 * a UserError. Returns the value before.
 */
export async function saveDistrictGoal(
  db: Db,
  goal: { year: number; metric: string; target: number | null },
  actor: AuditActor,
  at?: Date,
): Promise<number | null> {
  const problem = goalProblem(goal);
  if (problem) throw new UserError(problem);
  const key = { year: goal.year, metric: goal.metric };
  const before = (await db.districtGoal.findUnique({ where: { year_metric: key } }))?.target ?? null;
  if (goal.target === null) await db.districtGoal.deleteMany({ where: key });
  else
    await db.districtGoal.upsert({
      where: { year_metric: key },
      create: { ...key, target: goal.target },
      update: { target: goal.target },
    });
  await recordAudit(
    db,
    actor,
    'goal.set',
    'DistrictGoal',
    `${goal.year}:${goal.metric}`,
    {
      before,
      after: goal.target,
    },
    at,
  );
  return before;
}

/**
 * Sets several goals of a year, each audited as `goal.set`. Call it with the transaction a card
 * action runs in (every card action does), so all land or none; the caller has checked them first.
 */
export async function saveDistrictGoals(
  db: Db,
  year: number,
  goals: { metric: string; target: number | null }[],
  actor: AuditActor,
  at?: Date,
): Promise<void> {
  for (const g of goals) await saveDistrictGoal(db, { year, ...g }, actor, at);
}

export interface GoalChangeRow {
  year: number;
  metric: string;
  before: number | null;
  after: number | null;
  byName: string;
  at: Date;
}

/** The latest district-goal changes made on the settings card (the `goal.set` audit rows), newest first. */
export async function listGoalHistory(db: Db, take = 30): Promise<GoalChangeRow[]> {
  const rows = await db.auditLog.findMany({
    where: { action: 'goal.set' },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take,
  });
  const people = await db.person.findMany({
    where: { id: { in: rows.map((r) => r.actorId).filter((x): x is number => x !== null) } },
    select: { id: true, name: true },
  });
  const num = (v: unknown): number | null => (typeof v === 'number' ? v : null);
  return rows.flatMap((r) => {
    const [year, metric] = r.entityId.split(':');
    let detail: { before?: unknown; after?: unknown } = {};
    try {
      detail = JSON.parse(r.detail) as typeof detail;
    } catch {
      // an unreadable detail shows as "未设 → 未设" rather than hiding the change
    }
    if (!metric) return [];
    return [
      {
        year: Number(year),
        metric,
        before: num(detail.before),
        after: num(detail.after),
        byName: people.find((p) => p.id === r.actorId)?.name ?? '（系统）',
        at: r.at,
      },
    ];
  });
}
