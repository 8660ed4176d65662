import type { Db } from './client.js';
import { loadPlan, type Plan } from './seed.js';
import { addDemoProjects } from './demo-projects.js';
import { addDemoReports } from './demo-reports.js';
import { addDemoTrips } from './demo-trips.js';
import { Dice, daysFrom } from './demo-random.js';

// The demo district for the sandbox's first look (`npm start` without Feishu): the plan's org with
// this year's quotas (the plan's split carried to this year) and a plausible year so far — trips
// with their visits and leads, monthly reports, projects at every stage with tasks, key projects
// and pre-reviews — so every command and card has something to show. Never with a real app (the
// caller decides). Written through the same functions the cards use, in one transaction; the dice
// are seeded, so the same day gives the same district. Loaded once: its rows carry `demo:` keys.

export interface DemoSquad {
  id: number;
  code: string;
  name: string;
  kind: string;
  sortOrder: number;
  captainId: number;
  captainRank: string | null;
  memberIds: number[];
  leaderIds: number[];
  /** How well the squad does, for a ranking with a top and a bottom (1 = on plan). */
  strength: number;
  quota: Record<string, number>;
}

export interface DemoContext {
  db: Db;
  dice: Dice;
  year: number;
  today: string;
  tz: string;
  /** The share of the year gone by today (0–1). */
  progress: number;
  squads: DemoSquad[];
  personId(role: string): number;
  personIdsOfUnit(unitCode: string): number[];
  /** Company keys already used by a lead (one lead per company, district-wide). */
  companyKeys: Set<string>;
}

/** Strong, average and weak squads, so /rank has a top, a middle and a bottom. */
const STRENGTH: Record<string, number> = {
  MAJOR_PROJECTS: 1.1,
  PROJECT_SERVICE: 0.9,
  MACHINERY_ELECTRONICS: 1,
  TEXTILE_DOWN: 1.2,
  AGRI_TOURISM_LOGISTICS: 0.8,
  HEALTH_MATERIALS: 0.6,
  WOOD_PROCESSING: 0.45,
  TOWN_JIANGNAN: 1.1,
  TOWN_BATANG: 0.9,
  TOWN_QIAOXU: 1.2,
  TOWN_MUGE: 0.8,
  TOWN_MUZI: 0.7,
  TOWN_ZHANJIANG: 1,
  TOWN_DONGJIN: 0.5,
  TOWN_WATANG: 0.35,
};

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
    return { loaded: true as const, year, counts: { ...t, ...r, ...p } };
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

async function demoContext(db: Db, year: number, today: string, tz: string): Promise<DemoContext> {
  const squads = await db.squad.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: {
      members: { include: { person: { select: { rank: true } } } },
      leaders: true,
      quotas: { where: { year } },
    },
  });
  const roles = await db.personRole.findMany({ include: { person: { select: { active: true } } } });
  const people = await db.person.findMany({ where: { active: true }, include: { unit: { select: { code: true } } } });
  const byRole = (role: string) => roles.find((r) => r.role === role && r.person.active)?.personId;
  const daysInYear = daysFrom(`${year}-01-01`, `${year + 1}-01-01`);
  return {
    db,
    dice: new Dice(20180607),
    year,
    today,
    tz,
    progress: (daysFrom(`${year}-01-01`, today) + 1) / daysInYear,
    squads: squads
      .filter((s) => s.members.some((m) => m.role === 'CAPTAIN'))
      .map((s) => ({
        id: s.id,
        code: s.code,
        name: s.name,
        kind: s.kind,
        sortOrder: s.sortOrder,
        captainId: s.members.find((m) => m.role === 'CAPTAIN')!.personId,
        captainRank: s.members.find((m) => m.role === 'CAPTAIN')!.person.rank,
        memberIds: s.members.filter((m) => m.role === 'MEMBER').map((m) => m.personId),
        leaderIds: s.leaders.map((l) => l.personId),
        strength: STRENGTH[s.code] ?? 0.8,
        quota: Object.fromEntries(s.quotas.map((q) => [q.metric, q.target])),
      })),
    personId(role) {
      const id = byRole(role);
      if (id === undefined) throw new Error(`demo district: nobody on the roster has the role ${role}`);
      return id;
    },
    personIdsOfUnit: (code) => people.filter((p) => p.unit?.code === code).map((p) => p.id),
    companyKeys: new Set(),
  };
}
