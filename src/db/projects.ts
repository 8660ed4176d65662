import type { Db } from './client.js';

// Projects as the project card shows them: the record, its stage history and its tasks.

export interface ProjectStageRow {
  id: number;
  fromStage: string | null;
  toStage: string;
  on: string;
  investment: number | null;
  fundsInPlace: number | null;
  foreignCapitalUsd: number | null;
  evidence: string;
  byName: string;
  createdAt: Date;
}

export interface ProjectTaskRow {
  id: number;
  title: string;
  dueOn: string;
  status: string;
  assigneeName: string | null;
  closedByName: string | null;
}

export interface ProjectView {
  id: number;
  name: string;
  company: string;
  squadId: number;
  squadName: string;
  sector: string;
  stage: string;
  investment: number;
  fundsInPlace: number;
  foreignCapitalUsd: number;
  signedOn: string | null;
  startedOn: string | null;
  producingOn: string | null;
  atTargetOn: string | null;
  helperId: number | null;
  helperName: string | null;
  reviewStatus: string;
  leadId: number | null;
  stages: ProjectStageRow[];
  tasks: ProjectTaskRow[];
}

async function namesOf(db: Db, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  const rows = want.length
    ? await db.person.findMany({ where: { id: { in: want } }, select: { id: true, name: true } })
    : [];
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function loadProject(db: Db, projectId: number): Promise<ProjectView | null> {
  const p = await db.project.findUnique({
    where: { id: projectId },
    include: {
      squad: { select: { name: true } },
      stages: { orderBy: { id: 'asc' } },
      tasks: { orderBy: [{ status: 'desc' }, { dueOn: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!p) return null;
  const names = await namesOf(db, [
    p.helperId,
    ...p.stages.map((s) => s.byId),
    ...p.tasks.flatMap((t) => [t.assigneeId, t.closedById]),
  ]);
  return {
    id: p.id,
    name: p.name,
    company: p.company,
    squadId: p.squadId,
    squadName: p.squad.name,
    sector: p.sector,
    stage: p.stage,
    investment: p.investment,
    fundsInPlace: p.fundsInPlace,
    foreignCapitalUsd: p.foreignCapitalUsd,
    signedOn: p.signedOn,
    startedOn: p.startedOn,
    producingOn: p.producingOn,
    atTargetOn: p.atTargetOn,
    helperId: p.helperId,
    helperName: p.helperId ? (names.get(p.helperId) ?? null) : null,
    reviewStatus: p.reviewStatus,
    leadId: p.leadId,
    stages: p.stages.map((s) => ({
      id: s.id,
      fromStage: s.fromStage,
      toStage: s.toStage,
      on: s.on,
      investment: s.investment,
      fundsInPlace: s.fundsInPlace,
      foreignCapitalUsd: s.foreignCapitalUsd,
      evidence: s.evidence,
      byName: s.byId ? (names.get(s.byId) ?? '') : '',
      createdAt: s.createdAt,
    })),
    tasks: p.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      dueOn: t.dueOn,
      status: t.status,
      assigneeName: t.assigneeId ? (names.get(t.assigneeId) ?? null) : null,
      closedByName: t.closedById ? (names.get(t.closedById) ?? null) : null,
    })),
  };
}

/** Projects of these squads (null = all), most recently changed first. */
export async function listProjects(
  db: Db,
  squadIds: number[] | null,
  take = 20,
): Promise<{ id: number; name: string; stage: string; investment: number; squadName: string }[]> {
  const rows = await db.project.findMany({
    where: squadIds ? { squadId: { in: squadIds } } : {},
    include: { squad: { select: { name: true } } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    stage: p.stage,
    investment: p.investment,
    squadName: p.squad.name,
  }));
}

/** People of the assistance centre (帮办中心) with a Feishu account: the helper choices. */
export async function listHelpers(db: Db): Promise<{ id: number; name: string; openId: string }[]> {
  const rows = await db.person.findMany({
    where: { active: true, openId: { not: null }, roles: { some: { role: 'HELPER' } } },
    select: { id: true, name: true, openId: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, name: r.name, openId: r.openId! }));
}
