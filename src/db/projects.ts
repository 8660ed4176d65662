import type { Db } from './client.js';
import { personNames } from './people.js';

// Projects as the project card shows them: the record, its stage history and its tasks.

export interface ProjectStageRow {
  id: number;
  /** The card request that wrote it (a repeated tap finds its key here). */
  requestKey: string;
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
  /** 战略性新兴产业 and 重大项目, set on the card; importedHistory: entered by the project import */
  strategicEmerging: boolean;
  majorProject: boolean;
  importedHistory: boolean;
  stages: ProjectStageRow[];
  tasks: ProjectTaskRow[];
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
  const names = await personNames(db, [
    p.helperId,
    ...p.stages.map((s) => s.byId),
    ...p.tasks.flatMap((t) => [t.assigneeId, t.closedById]),
  ]);
  return {
    ...fieldsOf(p),
    squadName: p.squad.name,
    helperName: p.helperId ? (names.get(p.helperId) ?? null) : null,
    stages: p.stages.map((s) => stageRowOf(s, s.byId ? (names.get(s.byId) ?? '') : '')),
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

type ProjectFields = Omit<ProjectView, 'squadName' | 'helperName' | 'stages' | 'tasks'>;

/** The card's fields of a project row. */
function fieldsOf(p: ProjectFields): ProjectFields {
  return {
    id: p.id,
    name: p.name,
    company: p.company,
    squadId: p.squadId,
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
    reviewStatus: p.reviewStatus,
    leadId: p.leadId,
    strategicEmerging: p.strategicEmerging,
    majorProject: p.majorProject,
    importedHistory: p.importedHistory,
  };
}

type StageChangeRecord = Omit<ProjectStageRow, 'byName'>;

function stageRowOf(s: StageChangeRecord, byName: string): ProjectStageRow {
  return {
    id: s.id,
    requestKey: s.requestKey,
    fromStage: s.fromStage,
    toStage: s.toStage,
    on: s.on,
    investment: s.investment,
    fundsInPlace: s.fundsInPlace,
    foreignCapitalUsd: s.foreignCapitalUsd,
    evidence: s.evidence,
    byName,
    createdAt: s.createdAt,
  };
}

/**
 * The project as loadProject would read it after a stage change, from the view read before it in
 * the same transaction and the rows the change wrote (its history row, made by `byName`, and the
 * project row as updated; its helper, squad and tasks are untouched): the card is drawn without
 * reading it all again.
 */
export function projectAfterStageChange(
  before: ProjectView,
  written: { stage: StageChangeRecord; project: ProjectFields },
  byName: string,
): ProjectView {
  return {
    ...before,
    ...fieldsOf(written.project),
    stages: [...before.stages, stageRowOf(written.stage, byName)],
  };
}

export interface ProjectListRow {
  id: number;
  name: string;
  stage: string;
  investment: number;
  squadName: string;
}

/** Projects of these squads (null = all), most recently changed first. */
export async function listProjects(db: Db, squadIds: number[] | null, take = 20): Promise<ProjectListRow[]> {
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

/** The squads of the projects a helper (帮办) serves: what a helper outside any squad may list. */
export async function listHelpedSquadIds(db: Db, helperId: number): Promise<number[]> {
  const rows = await db.project.findMany({ where: { helperId }, select: { squadId: true } });
  return [...new Set(rows.map((p) => p.squadId))];
}

/** The project a create request already made (a repeated tap on the same card). */
export async function findProjectIdByRequestKey(db: Db, requestKey: string): Promise<number | null> {
  const row = await db.project.findUnique({ where: { requestKey }, select: { id: true } });
  return row?.id ?? null;
}

/** The lead a new project comes from, with what the project takes over from it. */
export async function findLeadForProject(
  db: Db,
  leadId: number,
): Promise<{ id: number; squadId: number; sector: string } | null> {
  return db.lead.findUnique({ where: { id: leadId }, select: { id: true, squadId: true, sector: true } });
}

export async function taskExists(db: Db, requestKey: string): Promise<boolean> {
  return (await db.projectTask.findUnique({ where: { requestKey }, select: { id: true } })) !== null;
}

/** A person by Feishu open_id, for a task's assignee picked on the card. */
export async function findPersonIdByOpenId(db: Db, openId: string): Promise<number | null> {
  const row = await db.person.findUnique({ where: { openId }, select: { id: true } });
  return row?.id ?? null;
}

export interface TaskWithProject {
  id: number;
  title: string;
  status: string;
  assigneeId: number | null;
  project: { id: number; squadId: number; helperId: number | null };
}

export async function findTaskWithProject(db: Db, taskId: number): Promise<TaskWithProject | null> {
  const t = await db.projectTask.findUnique({ where: { id: taskId }, include: { project: true } });
  if (!t) return null;
  return {
    id: t.id,
    title: t.title,
    status: t.status,
    assigneeId: t.assigneeId,
    project: { id: t.project.id, squadId: t.project.squadId, helperId: t.project.helperId },
  };
}

/** Projects whose name contains the text (at most `take`, lowest number first): candidates for a name typed in a command. */
export async function findProjectsNamed(
  db: Db,
  text: string,
  take = 50,
): Promise<{ id: number; name: string; squadId: number; squadName: string; helperId: number | null }[]> {
  const rows = await db.project.findMany({
    where: { name: { contains: text.replace(/\s+/g, '') } },
    include: { squad: { select: { name: true } } },
    orderBy: { id: 'asc' },
    take,
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    squadId: p.squadId,
    squadName: p.squad.name,
    helperId: p.helperId,
  }));
}
