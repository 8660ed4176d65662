import type { StageDateField } from '../domain/project-stages.js';
import type { ProjectStage } from '../domain/vocabulary.js';
import type { Db } from './client.js';
import { guardSigning } from './signing-guard.js';
import { MAX_AMOUNT_WAN } from '../domain/money.js';
import { type ProjectImportRow, stageOfDates } from '../domain/project-import.js';

// Changes to a project, its stage history and its tasks. Each write carries the card's request key
// (unique), so a repeated tap stores nothing twice; the caller's transaction holds them together.
// This is the one place that writes a project's stage or amounts (test/architecture.test.ts holds
// the line), and each such write first passes the signing gate (signing-guard.ts): it throws
// SigningRefused, before anything is stored, when the project would end up past 签约 at or above
// the review threshold without a passed review.

export interface NewProject {
  requestKey: string;
  name: string;
  company: string;
  squadId: number;
  leadId: number | null;
  sector: string;
  investment: number;
  chatId: string | null;
  cardMessageId: string | null;
  createdById: number;
  /** 战略性新兴产业 and 重大项目, as chosen on the new-project form. */
  strategicEmerging: boolean;
  majorProject: boolean;
  /** The date of the first history row (立项). */
  on: string;
}

/**
 * Creates the project with the first row of its history (seq 0), so funnels and time-in-stage have a
 * start; a lead it comes from is marked converted.
 */
export async function createProjectWithHistory(db: Db, p: NewProject): Promise<{ id: number; name: string }> {
  const { on, ...data } = p;
  const project = await db.project.create({ data: { ...data, stage: 'NEGOTIATING' } });
  await guardSigning(db, { id: project.id, stage: project.stage, investment: project.investment });
  await db.projectStageChange.create({
    data: {
      requestKey: `project:${project.id}:change:0`,
      projectId: project.id,
      fromStage: null,
      toStage: 'NEGOTIATING',
      on,
      investment: p.investment,
      byId: p.createdById,
    },
  });
  if (p.leadId !== null)
    await db.lead.update({ where: { id: p.leadId }, data: { projectId: project.id, status: 'CONVERTED' } });
  return { id: project.id, name: project.name };
}

export interface StageChange {
  requestKey: string;
  projectId: number;
  fromStage: ProjectStage;
  toStage: ProjectStage;
  on: string;
  /** The investment typed on the form (null: unchanged) and the one the project keeps. */
  investment: number | null;
  investmentAfter: number;
  fundsAdded: number | null;
  fxAdded: number | null;
  evidence: string;
  byId: number;
  /** The stage dates this move sets or clears (see domain/project-stages stageDatesAfter). */
  dates: Partial<Record<StageDateField, string | null>>;
}

/** The project as the stage form was read, in the same transaction: what the checks start from. */
export interface ProjectBefore {
  importedHistory: boolean;
  fundsInPlace: number;
  foreignCapitalUsd: number;
}

/**
 * One row of the stage history, and the project moved to its stage with the amounts added. `before`
 * is the project as the caller read it in this transaction (it is not read again); returns the new
 * history row and the project as written.
 */
export async function recordStageChange(db: Db, c: StageChange, before?: ProjectBefore) {
  const now =
    before ??
    (await db.project.findUniqueOrThrow({
      where: { id: c.projectId },
      select: { importedHistory: true, fundsInPlace: true, foreignCapitalUsd: true },
    }));
  await guardSigning(db, {
    id: c.projectId,
    stage: c.toStage,
    investment: c.investmentAfter,
    importedHistory: now.importedHistory,
  });
  guardTotals(now, c);
  const stage = await db.projectStageChange.create({
    data: {
      requestKey: c.requestKey,
      projectId: c.projectId,
      fromStage: c.fromStage,
      toStage: c.toStage,
      on: c.on,
      investment: c.investment,
      fundsInPlace: c.fundsAdded,
      foreignCapitalUsd: c.fxAdded,
      evidence: c.evidence,
      byId: c.byId,
    },
  });
  const project = await db.project.update({
    where: { id: c.projectId },
    data: {
      stage: c.toStage,
      ...c.dates,
      investment: c.investmentAfter,
      fundsInPlace: { increment: c.fundsAdded ?? 0 },
      foreignCapitalUsd: { increment: c.fxAdded ?? 0 },
    },
  });
  return { stage, project };
}

/** A write that would take a project's running total past MAX_AMOUNT_WAN; nothing of it was stored. */
export class AmountOutOfRange extends Error {
  constructor(
    readonly field: 'funds_added' | 'fx_added',
    message: string,
  ) {
    super(message);
  }
}

/** The totals after the amounts are added stay within MAX_AMOUNT_WAN (each form field already does). */
function guardTotals(now: ProjectBefore, c: StageChange): void {
  const over = (total: number, added: number | null) => added !== null && total + added > MAX_AMOUNT_WAN;
  if (over(now.fundsInPlace, c.fundsAdded))
    throw new AmountOutOfRange('funds_added', `到位资金累计不能超过 ${MAX_AMOUNT_WAN} 万元，请核对本次新增金额`);
  if (over(now.foreignCapitalUsd, c.fxAdded))
    throw new AmountOutOfRange('fx_added', `实际利用外资累计不能超过 ${MAX_AMOUNT_WAN} 万美元，请核对本次新增金额`);
}

export interface NewTask {
  requestKey: string;
  projectId: number;
  title: string;
  dueOn: string;
  assigneeId: number | null;
  createdById: number;
}

export async function createProjectTask(db: Db, t: NewTask): Promise<{ id: number; title: string; dueOn: string }> {
  const task = await db.projectTask.create({ data: t });
  return { id: task.id, title: task.title, dueOn: task.dueOn };
}

export async function closeProjectTask(db: Db, taskId: number, closedById: number, at: Date): Promise<void> {
  await db.projectTask.update({ where: { id: taskId }, data: { status: 'DONE', closedAt: at, closedById } });
}

export async function setProjectHelper(db: Db, projectId: number, helperId: number): Promise<void> {
  await db.project.update({ where: { id: projectId }, data: { helperId } });
}

/** The history row an imported project keeps its imported figures in (one per project). */
const importChangeKey = (projectId: number) => `project:${projectId}:import`;

/**
 * A project from the office's history spreadsheet (signed before the bot was in use): created, or
 * the same project (matched by the caller on name and squad) updated in place. It is marked
 * importedHistory, so the signing gate does not apply to it: its signing happened outside the bot.
 * Its imported amounts sit in one history row dated on the signing; a re-import moves the running
 * totals by the difference, so amounts added on the card since are kept.
 */
export async function writeHistoricProject(
  db: Db,
  row: ProjectImportRow,
  existingId: number | null,
  byId: number | null,
): Promise<number> {
  const stage = stageOfDates(row);
  const fields = {
    company: row.company,
    sector: row.sector,
    stage,
    investment: row.investment,
    signedOn: row.signedOn,
    startedOn: row.startedOn,
    producingOn: row.producingOn,
    atTargetOn: row.atTargetOn,
    strategicEmerging: row.strategicEmerging,
    majorProject: row.majorProject,
    importedHistory: true,
  };
  const history = {
    toStage: stage,
    on: row.signedOn,
    investment: row.investment,
    fundsInPlace: row.fundsInPlace,
    foreignCapitalUsd: row.foreignCapitalUsd,
  };
  if (existingId === null) {
    const p = await db.project.create({
      data: {
        ...fields,
        name: row.name,
        squadId: row.squadId,
        fundsInPlace: row.fundsInPlace,
        foreignCapitalUsd: row.foreignCapitalUsd,
        createdById: byId,
      },
    });
    await db.projectStageChange.create({
      data: {
        ...history,
        requestKey: importChangeKey(p.id),
        projectId: p.id,
        fromStage: null,
        evidence: '历史项目导入',
        byId,
      },
    });
    return p.id;
  }
  const before = await db.projectStageChange.findUnique({ where: { requestKey: importChangeKey(existingId) } });
  await db.project.update({
    where: { id: existingId },
    data: {
      ...fields,
      fundsInPlace: { increment: row.fundsInPlace - (before?.fundsInPlace ?? 0) },
      foreignCapitalUsd: { increment: row.foreignCapitalUsd - (before?.foreignCapitalUsd ?? 0) },
    },
  });
  await db.projectStageChange.upsert({
    where: { requestKey: importChangeKey(existingId) },
    create: {
      ...history,
      requestKey: importChangeKey(existingId),
      projectId: existingId,
      fromStage: null,
      evidence: '历史项目导入',
      byId,
    },
    update: { ...history, byId },
  });
  return existingId;
}
