import type { Db } from './client.js';
import { loadPlan, type Plan } from './seed.js';
import { addDemoPackaged } from './demo-packaged.js';
import { addDemoProjects } from './demo-projects.js';
import { addDemoReports } from './demo-reports.js';
import { addDemoSupervision } from './demo-supervision.js';
import { addDemoTrips } from './demo-trips.js';
import { demoContext } from './demo-context.js';

// The demo district for the sandbox's first look (`npm start` without Feishu): the plan's org with
// this year's quotas (the plan's split carried to this year) and a plausible year so far — trips
// with their visits and leads, monthly reports, projects at every stage with tasks, key and
// 重大项目 flagged projects, pre-reviews, this year's 策划包装项目, and the supervision loop (inspections
// with corrections, issues for the leadership meeting and its decisions) — so every command and card has something to show. Never with a real app (the
// caller decides). Written in one transaction through the database functions the cards use (trips,
// stage changes behind the signing gate, tasks, reviews, key projects and land); visits, leads and
// submitted reports are the same rows those functions write, a trip's or a year's worth at once, to
// keep the first start fast. The dice are seeded: the same day gives the same district. Loaded once:
// its rows carry `demo:` keys.

export type DemoResult =
  | { loaded: true; year: number; counts: Record<string, number> }
  | { loaded: false; reason: string };

/**
 * Loads the demo district once. Skipped (with the reason) when a demo is already there, or when the
 * database holds work of its own (trips, leads, projects or reports): a demo is never mixed into it.
 */
export async function loadDemoDistrict(
  db: Db,
  opts: { today: string; timezone: string; plan?: Plan },
): Promise<DemoResult> {
  if (await db.trip.findFirst({ where: { requestKey: { startsWith: 'demo:' } }, select: { id: true } }))
    return { loaded: false, reason: 'the demo district is already loaded' };
  const [trips, leads, projects, reports] = await Promise.all([
    db.trip.count(),
    db.lead.count(),
    db.project.count(),
    db.monthlyReport.count(),
  ]);
  if (trips + leads + projects + reports > 0)
    return { loaded: false, reason: 'the database already holds trips, leads, projects or reports of its own' };
  const plan = opts.plan ?? loadPlan();
  const year = Number(opts.today.slice(0, 4));
  const write = async (tx: Db) => {
    await carryPlanToYear(tx, plan, year);
    const ctx = await demoContext(tx, year, opts.today, opts.timezone);
    const t = await addDemoTrips(ctx);
    const r = await addDemoReports(ctx);
    const p = await addDemoProjects(ctx);
    const k = await addDemoPackaged(ctx);
    const v = await addDemoSupervision(ctx);
    return { loaded: true as const, year, counts: { ...t, ...r, ...p, ...k, ...v } };
  };
  return db.$transaction((tx) => write(tx as unknown as Db), { maxWait: 10_000, timeout: 60_000 });
}

/**
 * This year's goals and quotas: the plan's split (prisma/plan-2018.json) carried to this year, only
 * where the year has none (the office's own entries stay). The three commencement-rate goals move
 * with the year: the plan's 2015/2016/2017 cohorts become the three years before this one.
 */
async function carryPlanToYear(db: Db, plan: Plan, year: number): Promise<void> {
  const shift = year - plan.year;
  for (const g of plan.goals) {
    const m = /^COMMENCEMENT_RATE_(\d{4})$/.exec(g.metric);
    const metric = m ? `COMMENCEMENT_RATE_${Number(m[1]) + shift}` : g.metric;
    const key = { year, metric };
    if (!(await db.districtGoal.findUnique({ where: { year_metric: key } })))
      await db.districtGoal.create({ data: { ...key, target: g.target } });
  }
  if (await db.quota.count({ where: { year } })) return;
  const squads = new Map((await db.squad.findMany({ select: { id: true, code: true } })).map((s) => [s.code, s.id]));
  const rows = plan.quotas.flatMap((q) =>
    Object.entries(q.targets)
      .filter(([, t]) => t !== undefined && squads.has(q.squad))
      .map(([metric, target]) => ({ year, squadId: squads.get(q.squad)!, metric, target: target! })),
  );
  await db.quota.createMany({ data: rows });
}
