import type { PackagedDateField, PackagedStatus } from '../domain/packaged.js';
import type { Db } from './client.js';

// 策划包装项目: register one, read it with its squad, list them, move its status. A status write is
// conditional on the status the card showed, so two people tapping at once cannot both move it.

export interface PackagedProjectView {
  id: number;
  name: string;
  sector: string;
  plannedInvestment: number;
  squadId: number | null;
  squadName: string;
  ownerUnit: string;
  status: PackagedStatus;
  planningOn: string | null;
  packagedOn: string | null;
  promotedOn: string | null;
  signedOn: string | null;
  materialsUrl: string;
  projectId: number | null;
  projectName: string | null;
  createdByName: string;
}

export interface NewPackagedProject {
  requestKey: string;
  name: string;
  sector: string;
  plannedInvestment: number;
  squadId: number;
  ownerUnit: string;
  materialsUrl: string;
  createdById: number;
  status: PackagedStatus;
  dates: Partial<Record<PackagedDateField, string>>;
}

export async function createPackagedProject(db: Db, p: NewPackagedProject): Promise<number> {
  const { dates, ...data } = p;
  return (await db.packagedProject.create({ data: { ...data, ...dates } })).id;
}

export async function findPackagedIdByRequestKey(db: Db, requestKey: string): Promise<number | null> {
  return (await db.packagedProject.findUnique({ where: { requestKey }, select: { id: true } }))?.id ?? null;
}

export async function loadPackagedProject(db: Db, id: number): Promise<PackagedProjectView | null> {
  const p = await db.packagedProject.findUnique({ where: { id } });
  if (!p) return null;
  const [squad, project, by] = await Promise.all([
    p.squadId ? db.squad.findUnique({ where: { id: p.squadId }, select: { name: true } }) : null,
    p.projectId ? db.project.findUnique({ where: { id: p.projectId }, select: { name: true } }) : null,
    p.createdById ? db.person.findUnique({ where: { id: p.createdById }, select: { name: true } }) : null,
  ]);
  return {
    ...p,
    status: p.status as PackagedStatus,
    squadName: squad?.name ?? '区招商局',
    projectName: project?.name ?? null,
    createdByName: by?.name ?? '',
  };
}

export interface PackagedListRow {
  id: number;
  name: string;
  squadName: string;
  status: PackagedStatus;
  plannedInvestment: number;
  packagedOn: string | null;
  updatedOn: string;
}

/** The newest first (by last change); `squadIds` null = every squad. */
export async function listPackagedProjects(
  db: Db,
  squadIds: number[] | null,
  take = 30,
): Promise<{ rows: PackagedListRow[]; total: number; counted: number }> {
  const where = squadIds ? { squadId: { in: squadIds } } : {};
  const [rows, total, counted, squads] = await Promise.all([
    db.packagedProject.findMany({ where, orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }], take }),
    db.packagedProject.count({ where }),
    db.packagedProject.count({ where: { ...where, status: { in: ['PACKAGED', 'PROMOTED', 'SIGNED'] } } }),
    db.squad.findMany({ select: { id: true, name: true } }),
  ]);
  const names = new Map(squads.map((s) => [s.id, s.name]));
  return {
    total,
    counted,
    rows: rows.map((r) => ({
      id: r.id,
      name: r.name,
      squadName: r.squadId ? (names.get(r.squadId) ?? '') : '区招商局',
      status: r.status as PackagedStatus,
      plannedInvestment: r.plannedInvestment,
      packagedOn: r.packagedOn,
      updatedOn: r.updatedAt.toISOString().slice(0, 10),
    })),
  };
}

/** Moves the status if it is still `from`; false when someone else moved it first (nothing written). */
export async function movePackagedStatus(
  db: Db,
  id: number,
  from: PackagedStatus,
  to: PackagedStatus,
  dates: Partial<Record<PackagedDateField, string | null>>,
  projectId: number | null | undefined,
): Promise<boolean> {
  const r = await db.packagedProject.updateMany({
    where: { id, status: from },
    data: { status: to, ...dates, ...(projectId !== undefined ? { projectId } : {}) },
  });
  return r.count === 1;
}

/** The squad's projects a signed packaged project may link to (signed or later first, newest first). */
export async function linkableProjects(db: Db, squadId: number | null): Promise<{ id: number; name: string }[]> {
  if (!squadId) return [];
  return db.project.findMany({
    where: { squadId },
    select: { id: true, name: true },
    orderBy: [{ signedOn: 'desc' }, { id: 'desc' }],
    take: 50,
  });
}

/** The squad's 第一责任单位, the default owner unit of a packaged project. */
export async function leadUnitNameOf(db: Db, squadId: number): Promise<string> {
  const s = await db.squad.findUnique({ where: { id: squadId }, select: { leadUnit: { select: { name: true } } } });
  return s?.leadUnit.name ?? '';
}

/** 已包装 (and later) packaged projects packaged in a year, and the goal they count toward. */
export async function packagedYearFigures(
  db: Db,
  year: number,
  squadIds: number[] | null,
): Promise<{ packaged: number; goal: number }> {
  const inSquads = squadIds ? { squadId: { in: squadIds } } : {};
  const packaged = await db.packagedProject.count({
    where: {
      ...inSquads,
      status: { in: ['PACKAGED', 'PROMOTED', 'SIGNED'] },
      packagedOn: { gte: `${year}-01-01`, lte: `${year}-12-31` },
    },
  });
  const goal = squadIds
    ? (
        await db.quota.aggregate({
          where: { year, metric: 'PACKAGED_PROJECTS', squadId: { in: squadIds } },
          _sum: { target: true },
        })
      )._sum.target
    : (await db.districtGoal.findUnique({ where: { year_metric: { year, metric: 'PACKAGED_PROJECTS' } } }))?.target;
  return { packaged, goal: goal ?? 0 };
}
