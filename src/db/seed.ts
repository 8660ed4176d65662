// Loads the plan (prisma/plan-2018.json) into the database: units, people and roles, squads with their
// leaders, partner units, captain and members, the district goals and the squads' quotas.
//
// Idempotent and additive: units and squads are matched by code, people by (name, unit) — or by mobile
// when renamed —, links, goals and quotas by their keys. A second run changes nothing (no write at all
// when nothing differs, so updatedAt stays put). Nothing is ever deleted. Units, squads (with their
// leaders, units and crew), goals, quotas and existing people are the office's to edit in the
// database: they are only created when missing (an existing person only gets empty fields filled in),
// and a bound openId is never touched.
import fs from 'node:fs';
import type { Prisma } from '../generated/prisma/client.js';
import type { Db } from './client.js';
import { parsePlan, PlanError, type Plan, type PlanPerson } from './plan-schema.js';
import { projectFile } from './project-files.js';

export { PlanError, parsePlan, type Plan } from './plan-schema.js';

/** prisma/plan-2018.json, found from this file (not from the working directory). */
const DEFAULT_PLAN_FILE = projectFile('prisma', 'plan-2018.json');

/** Reads and validates the plan file; throws a PlanError naming the file and each bad entry. */
export function loadPlan(file: string = DEFAULT_PLAN_FILE): Plan {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new PlanError(`${file} cannot be read as JSON: ${(err as Error).message}`);
  }
  return parsePlan(raw, file);
}

interface SeedCount {
  created: number;
  updated: number;
  unchanged: number;
}

export interface SeedResult {
  year: number;
  units: SeedCount;
  people: SeedCount;
  roles: SeedCount;
  squads: SeedCount;
  /** squad leaders, partner units, captains and members */
  links: SeedCount;
  goals: SeedCount;
  quotas: SeedCount;
}

type Tx = Prisma.TransactionClient;
const count = (): SeedCount => ({ created: 0, updated: 0, unchanged: 0 });

/** Loads the plan in one transaction; see the file comment for what is and is not overwritten. */
export async function seedPlan(prisma: Db, plan: Plan = loadPlan()): Promise<SeedResult> {
  return prisma.$transaction((tx) => seedInTx(tx, plan), { maxWait: 10_000, timeout: 120_000 });
}

async function seedInTx(tx: Tx, plan: Plan): Promise<SeedResult> {
  const r: SeedResult = {
    year: plan.year,
    units: count(),
    people: count(),
    roles: count(),
    squads: count(),
    links: count(),
    goals: count(),
    quotas: count(),
  };

  const unitIds = new Map<string, number>();
  for (const u of plan.units) {
    const found = await tx.unit.findUnique({ where: { code: u.code } });
    if (!found) {
      unitIds.set(u.code, (await tx.unit.create({ data: { code: u.code, name: u.name, kind: u.kind } })).id);
      r.units.created++;
    } else {
      // The office may have renamed it (roster workbook, sheet 单位): the database wins.
      unitIds.set(u.code, found.id);
      r.units.unchanged++;
    }
  }
  const unitId = (code: string): number => unitIds.get(code)!; // references were checked by parsePlan

  const personIds = new Map<string, number>();
  for (const p of plan.people) {
    const id = await upsertPerson(tx, p, unitId(p.unit), r.people);
    personIds.set(p.name, id);
    const have = new Set((await tx.personRole.findMany({ where: { personId: id } })).map((x) => x.role));
    for (const role of p.roles) {
      if (have.has(role)) r.roles.unchanged++;
      else {
        await tx.personRole.create({ data: { personId: id, role } });
        r.roles.created++;
      }
    }
  }
  const personId = (name: string): number => personIds.get(name)!;

  const squadIds = new Map<string, number>();
  for (const s of plan.squads) {
    const data = {
      name: s.name,
      kind: s.kind,
      sortOrder: s.sortOrder,
      leadUnitId: unitId(s.leadUnit),
      duties: s.duties,
      focusSectors: JSON.stringify(s.focusSectors),
    };
    const found = await tx.squad.findUnique({ where: { code: s.code } });
    if (found) {
      // The office's to edit from then on (roster workbook, sheet 小分队: renamed, retired, other
      // units): neither the squad nor its links are touched again.
      squadIds.set(s.code, found.id);
      r.squads.unchanged++;
      continue;
    }
    const id = (await tx.squad.create({ data: { code: s.code, ...data } })).id;
    r.squads.created++;
    squadIds.set(s.code, id);

    for (const code of s.partnerUnits) {
      const key = { squadId: id, unitId: unitId(code) };
      await ensure(
        r.links,
        () => tx.squadPartnerUnit.findUnique({ where: { squadId_unitId: key } }),
        () => tx.squadPartnerUnit.create({ data: key }),
      );
    }
    for (const name of s.leaders) {
      const key = { squadId: id, personId: personId(name) };
      await ensure(
        r.links,
        () => tx.squadLeader.findUnique({ where: { squadId_personId: key } }),
        () => tx.squadLeader.create({ data: key }),
      );
    }
    const crew: [string, 'CAPTAIN' | 'MEMBER'][] = [
      [s.captain, 'CAPTAIN'],
      ...s.members.map((m) => [m, 'MEMBER'] as [string, 'MEMBER']),
    ];
    for (const [name, role] of crew) {
      const key = { squadId: id, personId: personId(name) };
      // An existing membership keeps the role the office gave it.
      await ensure(
        r.links,
        () => tx.squadMember.findUnique({ where: { squadId_personId: key } }),
        () => tx.squadMember.create({ data: { ...key, role } }),
      );
    }
  }

  for (const g of plan.goals) {
    const key = { year: plan.year, metric: g.metric };
    await ensure(
      r.goals,
      () => tx.districtGoal.findUnique({ where: { year_metric: key } }),
      () => tx.districtGoal.create({ data: { ...key, target: g.target } }),
    );
  }

  for (const q of plan.quotas) {
    const squadId = squadIds.get(q.squad)!;
    for (const [metric, target] of Object.entries(q.targets)) {
      if (target === undefined) continue;
      const key = { year: plan.year, squadId, metric };
      await ensure(
        r.quotas,
        () => tx.quota.findUnique({ where: { year_squadId_metric: key } }),
        () => tx.quota.create({ data: { ...key, target } }),
      );
    }
  }
  return r;
}

/** Creates a row only when it is missing. */
async function ensure(c: SeedCount, find: () => Promise<unknown>, create: () => Promise<unknown>): Promise<void> {
  if (await find()) c.unchanged++;
  else {
    await create();
    c.created++;
  }
}

/** Finds the person by (name, unit), else by mobile (the office renamed a placeholder); creates when missing. */
async function upsertPerson(tx: Tx, p: PlanPerson, unitId: number, c: SeedCount): Promise<number> {
  const found =
    (await tx.person.findUnique({ where: { name_unitId: { name: p.name, unitId } } })) ??
    (p.mobile ? await tx.person.findFirst({ where: { mobile: p.mobile }, orderBy: { id: 'asc' } }) : null);
  if (!found) {
    const created = await tx.person.create({
      data: {
        name: p.name,
        unitId,
        title: p.title,
        rank: p.rank ?? null,
        mobile: p.mobile ?? null,
        email: p.email ?? null,
      },
    });
    c.created++;
    return created.id;
  }
  // Fill in only what is empty: the office's edits (and the openId) stay.
  const fill: Prisma.PersonUpdateInput = {};
  if (found.title === '' && p.title !== '') fill.title = p.title;
  if (found.rank === null && p.rank) fill.rank = p.rank;
  if (found.mobile === null && p.mobile) fill.mobile = p.mobile;
  if (found.email === null && p.email) fill.email = p.email;
  if (Object.keys(fill).length > 0) {
    await tx.person.update({ where: { id: found.id }, data: fill });
    c.updated++;
  } else c.unchanged++;
  return found.id;
}

/** True when no squad exists yet: the plan has never been loaded. */
export async function isDatabaseEmpty(prisma: Db): Promise<boolean> {
  return (await prisma.squad.count()) === 0;
}

/**
 * For `npm start`: loads the plan on the first run only. Returns the result, or null when the
 * database already had squads. Two instances starting at once: the loser of the race retries once
 * (the seed is idempotent, so the retry finds everything in place).
 */
export async function seedIfEmpty(prisma: Db, plan?: Plan): Promise<SeedResult | null> {
  if (!(await isDatabaseEmpty(prisma))) return null;
  const p = plan ?? loadPlan();
  try {
    return await seedPlan(prisma, p);
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002') throw err;
    return seedPlan(prisma, p);
  }
}

/** One line: `plan 2018: units 46 created, …; people …`. */
export function formatSeedResult(r: SeedResult): string {
  const part = (label: string, c: SeedCount) =>
    `${label} ${c.created} created${c.updated ? `, ${c.updated} updated` : ''}, ${c.unchanged} unchanged`;
  const parts: [string, SeedCount][] = [
    ['units', r.units],
    ['people', r.people],
    ['roles', r.roles],
    ['squads', r.squads],
    ['links', r.links],
    ['goals', r.goals],
    ['quotas', r.quotas],
  ];
  return `plan ${r.year}: ` + parts.map(([l, c]) => part(l, c)).join('; ');
}
