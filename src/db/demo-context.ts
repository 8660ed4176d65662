import type { Db } from './client.js';
import { Dice, daysFrom } from './demo-random.js';

// What every part of the demo district works from: the squads with their people and quotas, the
// seeded dice, today, and the roster looked up by role and unit.

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

/** The squads, people and quotas the demo writes for, read once. */
export async function demoContext(db: Db, year: number, today: string, tz: string): Promise<DemoContext> {
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
