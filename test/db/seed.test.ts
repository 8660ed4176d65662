import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Prisma } from '../../src/generated/prisma/client.js';
import type { Db } from '../../src/db/client.js';
import {
  isDatabaseEmpty,
  loadPlan,
  parsePlan,
  PlanError,
  seedIfEmpty,
  seedPlan,
  type Plan,
} from '../../src/db/seed.js';
import { freshDatabase } from '../helpers/db.js';

type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
let fresh: Fresh;
let prisma: Db;
beforeEach(async () => {
  fresh = await freshDatabase();
  prisma = fresh.db.prisma;
});
afterEach(async () => fresh.cleanup());

async function tableNames(db: Db): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    fresh.db.kind === 'postgresql'
      ? "SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY name"
      : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
  );
  return rows.map((r) => r.name);
}

/** Every table's rows, in a stable order: to compare the whole database before and after. */
async function dump(db: Db): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of await tableNames(db)) {
    if (t === '_prisma_migrations') continue;
    out[t] = await db.$queryRawUnsafe(`SELECT * FROM "${t}" ORDER BY 1, 2`);
  }
  return out;
}

const clone = (): Plan & Record<string, unknown> => JSON.parse(JSON.stringify(loadPlan()));

describe('migration', () => {
  it('creates every table of the schema in an empty database', async () => {
    const tables = await tableNames(prisma);
    for (const model of Object.values(Prisma.ModelName)) expect(tables).toContain(model);
    expect(tables).toContain('_prisma_migrations');
    expect(await isDatabaseEmpty(prisma)).toBe(true);
  });
});

describe('seedPlan', () => {
  it('loads the 7 industry squads exactly as the plan lists them', async () => {
    const result = await seedPlan(prisma);
    expect(result.squads.created).toBeGreaterThanOrEqual(7);
    const squads = await prisma.squad.findMany({
      where: { kind: 'INDUSTRY' },
      orderBy: { sortOrder: 'asc' },
      include: {
        leadUnit: true,
        partnerUnits: { include: { unit: true } },
        leaders: { include: { person: true } },
        members: { include: { person: { include: { unit: true } } } },
      },
    });
    expect(squads.map((s) => s.name)).toEqual([
      '重大项目招商谈判小分队',
      '项目推进服务小分队',
      '机械制造、电子信息产业招商小分队',
      '纺织和羽绒产业招商小分队',
      '现代农业、旅游物流产业招商小分队',
      '大健康产业、新材料招商小分队',
      '木业深加工招商小分队',
    ]);
    const view = (name: string) => {
      const s = squads.find((x) => x.name === name)!;
      return {
        leaders: s.leaders.map((l) => l.person.name).sort(),
        lead: s.leadUnit.name,
        partners: s.partnerUnits.map((p) => p.unit.name).sort(),
        sectors: JSON.parse(s.focusSectors) as string[],
        duties: s.duties,
        captainUnit: s.members.find((m) => m.role === 'CAPTAIN')?.person.unit?.name,
        memberUnits: s.members
          .filter((m) => m.role === 'MEMBER')
          .map((m) => m.person.unit?.name)
          .sort(),
      };
    };
    const textile = view('纺织和羽绒产业招商小分队');
    expect(textile.leaders).toEqual(['谢小敏', '马明'].sort());
    expect(textile.lead).toBe('经贸局');
    expect(textile.partners).toEqual(['市政局', '交通局', '教育局', '国税局'].sort());
    expect(textile.sectors).toEqual(['纺织服装', '鞋帽业', '羽绒', '水洗羽绒', '寝具', '入驻标准厂房']);
    expect(textile.captainUnit).toBe('经贸局');
    expect(textile.memberUnits).toEqual(textile.partners);

    const major = view('重大项目招商谈判小分队');
    expect(major.leaders).toEqual(['俸振江', '韦长安'].sort());
    expect(major.lead).toBe('招商局');
    expect(major.partners).toEqual(
      ['发改局', '经贸局', '财政局', '环保局', '地税局', '国税局', '法制办', '区工业园'].sort(),
    );
    expect(major.sectors).toEqual([]);
    expect(major.duties).toContain('合同的起草与审核');

    const service = view('项目推进服务小分队');
    expect(service.leaders).toEqual(['梁民伟', '卢鸿'].sort());
    expect(service.lead).toBe('区工业园');
    expect(service.duties).toContain('每月向区招商工作领导小组办公室汇报');

    const wood = view('木业深加工招商小分队');
    expect(wood.leaders).toEqual(['韦长安', '张斌'].sort());
    expect(wood.lead).toBe('林业局');
    expect(wood.partners).toEqual(['国土分局', '工商分局', '建设局'].sort());
    expect(wood.sectors).toEqual(['木材深加工', '高端家私生产', '教具用品生产', '竹木芒编产业', '纸制品生产']);

    const agri = view('现代农业、旅游物流产业招商小分队');
    expect(agri.leaders).toEqual(['朱健', '卓天高'].sort());
    expect(agri.sectors).toHaveLength(10);
    expect(view('机械制造、电子信息产业招商小分队').sectors).toContain('新能源');
    expect(view('大健康产业、新材料招商小分队').partners).toEqual(['卫计局', '食品药品监督局', '民政局'].sort());

    const towns = await prisma.squad.findMany({ where: { kind: 'TOWN' }, include: { leadUnit: true } });
    expect(towns.map((t) => t.leadUnit.name).sort()).toEqual(
      ['江南街道', '八塘街道', '桥圩镇', '木格镇', '木梓镇', '湛江镇', '东津镇', '瓦塘镇'].sort(),
    );
    expect((await prisma.unit.findUniqueOrThrow({ where: { name: '招商局' } })).kind).toBe('OFFICE');
  });

  it('gives the leading group its roles and every person a unique mobile', async () => {
    await seedPlan(prisma);
    const withRole = async (role: string) =>
      (await prisma.person.findMany({ where: { roles: { some: { role } } }, orderBy: { name: 'asc' } })).map(
        (p) => p.name,
      );
    expect(await withRole('GROUP_LEADER')).toEqual(['曾健清']);
    expect((await withRole('DEPUTY_LEADER')).sort()).toEqual(['俸振江', '韦长安', '卓天高'].sort());
    expect(await withRole('LEADER_IN_CHARGE')).toEqual(['俸振江']);
    expect(await withRole('OFFICE_ADMIN')).toHaveLength(1);
    expect(await withRole('HELPER')).toHaveLength(1);
    expect(await withRole('ASSESSOR')).toHaveLength(1);
    const people = await prisma.person.findMany();
    expect(new Set(people.map((p) => p.mobile)).size).toBe(people.length);
    expect(people.every((p) => p.mobile && /^1380000\d{4}$/.test(p.mobile))).toBe(true);
    const zhang = people.find((p) => p.name === '张斌')!;
    expect(zhang.rank).toBe('DIVISION');
  });

  it('splits each goal into quotas that add up to the district goal', async () => {
    await seedPlan(prisma);
    const goals = await prisma.districtGoal.findMany({ where: { year: 2018 } });
    const goal = Object.fromEntries(goals.map((g) => [g.metric, g.target]));
    expect(goal).toMatchObject({
      SIGNED_PROJECTS: 18,
      SIGNED_INVESTMENT: 600000,
      FUNDS_IN_PLACE: 800000,
      FOREIGN_CAPITAL_USD: 8300,
      PACKAGED_PROJECTS: 30,
      COMMENCED_PROJECTS: 7,
      COMMENCEMENT_RATE_2015: 0.8,
      COMMENCEMENT_RATE_2016: 0.7,
      COMMENCEMENT_RATE_2017: 0.6,
    });
    const quotas = await prisma.quota.findMany({ where: { year: 2018 }, include: { squad: true } });
    for (const metric of [
      'SIGNED_PROJECTS',
      'SIGNED_INVESTMENT',
      'FUNDS_IN_PLACE',
      'FOREIGN_CAPITAL_USD',
      'PACKAGED_PROJECTS',
      'COMMENCED_PROJECTS',
    ]) {
      const sum = quotas.filter((q) => q.metric === metric).reduce((a, q) => a + q.target, 0);
      expect(sum, metric).toBe(goal[metric]);
    }
    const industry = quotas.filter((q) => q.squad.kind === 'INDUSTRY');
    for (const [metric, n] of [
      ['TRIPS', 4],
      ['VISITS', 24],
      ['LEADS', 12],
    ] as const)
      expect(industry.filter((q) => q.metric === metric).map((q) => q.target)).toEqual(Array(7).fill(n));
    const town = quotas.filter((q) => q.squad.kind === 'TOWN');
    expect(new Set(town.map((q) => q.metric))).toEqual(new Set(['TRIPS', 'VISITS', 'LEADS']));
  });

  it('changes nothing when run twice', async () => {
    await seedPlan(prisma);
    const before = await dump(prisma);
    expect(before['Person']).toHaveLength(loadPlan().people.length);
    expect(before['Quota']!.length).toBeGreaterThan(0);
    const again = await seedPlan(prisma);
    expect(await dump(prisma)).toEqual(before);
    for (const c of [again.units, again.people, again.roles, again.squads, again.links, again.goals, again.quotas]) {
      expect(c.created).toBe(0);
      expect(c.updated).toBe(0);
    }
    expect(await seedIfEmpty(prisma)).toBeNull();
  });

  it('keeps quotas, people and open_ids the office has edited', async () => {
    await seedPlan(prisma);
    const squad = await prisma.squad.findUniqueOrThrow({ where: { name: '纺织和羽绒产业招商小分队' } });
    const key = { year: 2018, squadId: squad.id, metric: 'SIGNED_PROJECTS' };
    await prisma.quota.update({ where: { year_squadId_metric: key }, data: { target: 5 } });
    await prisma.quota.delete({ where: { year_squadId_metric: { ...key, metric: 'TRIPS' } } });
    const ma = await prisma.person.findFirstOrThrow({ where: { name: '马明' } });
    await prisma.person.update({ where: { id: ma.id }, data: { openId: 'ou_maming', title: '副区长' } });
    const captain = await prisma.person.findFirstOrThrow({ where: { name: '经贸局局长' } });
    await prisma.person.update({ where: { id: captain.id }, data: { name: '李四' } }); // placeholder replaced

    const people = await prisma.person.count();
    const r = await seedPlan(prisma);
    expect((await prisma.quota.findUniqueOrThrow({ where: { year_squadId_metric: key } })).target).toBe(5);
    expect(
      (await prisma.quota.findUniqueOrThrow({ where: { year_squadId_metric: { ...key, metric: 'TRIPS' } } })).target,
    ).toBe(4);
    expect(r.quotas.created).toBe(1);
    const after = await prisma.person.findUniqueOrThrow({ where: { id: ma.id } });
    expect(after.openId).toBe('ou_maming');
    expect(after.title).toBe('副区长');
    expect(await prisma.person.count()).toBe(people); // 李四 found again by mobile
  });

  it('keeps squads and units the office renamed, retired or re-staffed', async () => {
    await seedPlan(prisma);
    const squad = await prisma.squad.findUniqueOrThrow({ where: { code: 'WOOD_PROCESSING' } });
    await prisma.squad.update({ where: { id: squad.id }, data: { name: '木业和家居产业招商小分队' } });
    const town = await prisma.squad.findUniqueOrThrow({ where: { code: 'TOWN_WATANG' } });
    await prisma.squad.update({ where: { id: town.id }, data: { active: false, retiredOn: '2018-07-02' } });
    await prisma.squadPartnerUnit.deleteMany({ where: { squadId: squad.id } });
    await prisma.unit.update({ where: { code: 'DRC' }, data: { name: '发展和改革局' } });
    await seedPlan(prisma);
    expect(await prisma.squad.findUniqueOrThrow({ where: { id: squad.id } })).toMatchObject({
      name: '木业和家居产业招商小分队',
    });
    expect(await prisma.squad.findUniqueOrThrow({ where: { id: town.id } })).toMatchObject({
      active: false,
      retiredOn: '2018-07-02',
    });
    expect(await prisma.squadPartnerUnit.count({ where: { squadId: squad.id } })).toBe(0);
    expect((await prisma.unit.findUniqueOrThrow({ where: { code: 'DRC' } })).name).toBe('发展和改革局');
  });

  it('seedIfEmpty loads an empty database once', async () => {
    const first = await seedIfEmpty(prisma);
    expect(first?.squads.created).toBe(await prisma.squad.count());
    expect(await isDatabaseEmpty(prisma)).toBe(false);
    expect(await seedIfEmpty(prisma)).toBeNull();
  });
});

describe('plan validation', () => {
  const errorOf = (raw: unknown): string => {
    try {
      parsePlan(raw, 'plan-2018.json');
    } catch (err) {
      expect(err).toBeInstanceOf(PlanError);
      return (err as Error).message;
    }
    throw new Error('expected the plan to be rejected');
  };

  it('accepts the committed plan', () => {
    const plan = loadPlan();
    expect(plan.squads.filter((s) => s.kind === 'INDUSTRY')).toHaveLength(7);
  });

  it('names the entry with an unknown unit', () => {
    const raw = clone();
    raw.squads[3]!.leadUnit = 'NO_SUCH_UNIT';
    const msg = errorOf(raw);
    expect(msg).toContain('squads[3] (纺织和羽绒产业招商小分队).leadUnit');
    expect(msg).toContain('NO_SUCH_UNIT');
  });

  it('names the entry with a bad field value', () => {
    const raw = clone();
    (raw.units[1] as { kind: string }).kind = 'VILLAGE';
    expect(errorOf(raw)).toContain('units[1] (区工业园).kind');
    const raw2 = clone();
    raw2.people[0]!.mobile = '12345';
    expect(errorOf(raw2)).toContain('people[0] (曾健清).mobile');
  });

  it('names a quota split that does not add up, and an unknown leader', () => {
    const raw = clone();
    raw.quotas[0]!.targets.SIGNED_PROJECTS = 5;
    expect(errorOf(raw)).toMatch(/goals\[0\] \(SIGNED_PROJECTS\)\.target: .*add up to 19/);
    const raw2 = clone();
    raw2.squads[0]!.leaders = ['王五'];
    expect(errorOf(raw2)).toContain('squads[0] (重大项目招商谈判小分队).leaders[0]: unknown person "王五"');
  });

  it('names the file when it is not JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'plan-'));
    const file = path.join(dir, 'plan.json');
    fs.writeFileSync(file, '{ "year": 2018, ');
    try {
      expect(() => loadPlan(file)).toThrow(/plan\.json cannot be read as JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
