import type { LandStatus } from '../domain/vocabulary.js';
import type { Db } from './client.js';
import { auditProject, type AuditActor } from './reviews.js';

// 重点项目 marks and 用地 records on Project; each change is a line in the project's history.

export async function setKeyProject(
  db: Db,
  projectId: number,
  isKey: boolean,
  notes: string,
  actor: AuditActor,
): Promise<void> {
  const before = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { isKey: true, keyNotes: true },
  });
  await db.project.update({ where: { id: projectId }, data: { isKey, keyNotes: notes } });
  await auditProject(db, projectId, actor, isKey ? 'key.set' : 'key.unset', {
    before,
    after: { isKey, keyNotes: notes },
  });
}

export interface LandUpdate {
  landNeedMu?: number;
  landLocation?: string;
  landStatus?: LandStatus;
  landStatusOn?: string;
}

export async function setProjectLand(db: Db, projectId: number, u: LandUpdate, actor: AuditActor): Promise<void> {
  const before = await db.project.findUniqueOrThrow({
    where: { id: projectId },
    select: { landNeedMu: true, landLocation: true, landStatus: true, landStatusOn: true },
  });
  await db.project.update({ where: { id: projectId }, data: u });
  await auditProject(db, projectId, actor, 'land.set', { before, after: u });
}

export interface KeyProjectRow {
  id: number;
  name: string;
  squadId: number;
  squadName: string;
  stage: string;
  isKey: boolean;
  keyNotes: string;
  landNeedMu: number | null;
  landLocation: string;
  landStatus: string;
  landStatusOn: string | null;
  createdAt: Date;
}

export async function listKeyProjects(db: Db): Promise<KeyProjectRow[]> {
  const rows = await db.project.findMany({
    where: { isKey: true },
    orderBy: { id: 'asc' },
    include: { squad: { select: { name: true } } },
  });
  return rows.map((p) => ({
    id: p.id,
    name: p.name,
    squadId: p.squadId,
    squadName: p.squad.name,
    stage: p.stage,
    isKey: p.isKey,
    keyNotes: p.keyNotes,
    landNeedMu: p.landNeedMu,
    landLocation: p.landLocation,
    landStatus: p.landStatus,
    landStatusOn: p.landStatusOn,
    createdAt: p.createdAt,
  }));
}
