import type { Db } from './client.js';

// Read-only lists for the query commands: the newest few rows and counts aggregated in SQL.

const inSquads = (squadIds: number[] | undefined) => (squadIds ? { squadId: { in: squadIds } } : {});

export async function recentLeads(db: Db, squadIds: number[] | undefined, take = 10) {
  return db.lead.findMany({
    where: inSquads(squadIds),
    orderBy: [{ createdOn: 'desc' }, { id: 'desc' }],
    take,
    select: {
      id: true,
      company: true,
      sector: true,
      status: true,
      source: true,
      createdOn: true,
      contactName: true,
      phone: true,
      intendedInvestment: true,
      squadId: true,
      squad: { select: { name: true } },
    },
  });
}

export async function leadCounts(db: Db, squadIds: number[] | undefined, from: string, to: string) {
  const rows = await db.lead.groupBy({
    by: ['squadId', 'status'],
    where: { ...inSquads(squadIds), createdOn: { gte: from, lte: to } },
    _count: { _all: true },
  });
  return rows.map((r) => ({ squadId: r.squadId, status: r.status, n: r._count._all }));
}

export async function stageCounts(db: Db, squadIds: number[] | undefined) {
  const rows = await db.project.groupBy({
    by: ['stage'],
    where: inSquads(squadIds),
    _count: { _all: true },
    _sum: { investment: true },
  });
  return rows.map((r) => ({ stage: r.stage, n: r._count._all, investment: r._sum.investment ?? 0 }));
}

export async function projectsInStage(db: Db, squadIds: number[] | undefined, stage: string | undefined, take = 10) {
  return db.project.findMany({
    where: { ...inSquads(squadIds), ...(stage ? { stage } : { stage: { not: 'NEGOTIATING' } }) },
    // Key projects (重点项目) first, however small, then by investment (plan §三(三): green channel).
    orderBy: [{ isKey: 'desc' }, { investment: 'desc' }, { id: 'asc' }],
    take,
    select: {
      id: true,
      name: true,
      stage: true,
      investment: true,
      fundsInPlace: true,
      signedOn: true,
      startedOn: true,
      isKey: true,
      squad: { select: { name: true } },
    },
  });
}

/** Open tasks due on or before `until` (overdue and due soon), oldest due first. */
export async function openTasksDueBy(
  db: Db,
  until: string,
  opts: { squadIds?: number[]; helperId?: number; take?: number } = {},
) {
  return db.projectTask.findMany({
    where: {
      status: 'OPEN',
      dueOn: { lte: until },
      ...(opts.squadIds || opts.helperId
        ? {
            project: {
              OR: [
                ...(opts.squadIds ? [{ squadId: { in: opts.squadIds } }] : []),
                ...(opts.helperId ? [{ helperId: opts.helperId }] : []),
              ],
            },
          }
        : {}),
    },
    orderBy: [{ dueOn: 'asc' }, { id: 'asc' }],
    take: opts.take,
    select: {
      id: true,
      title: true,
      dueOn: true,
      status: true,
      assigneeId: true,
      project: {
        select: { id: true, name: true, squadId: true, helperId: true, isKey: true, squad: { select: { name: true } } },
      },
    },
  });
}
