import { diffByKey, type DiffSummary, summarizeDiff } from '../domain/import-diff.js';
import { formatWan } from '../domain/money.js';
import { type ProjectImportRow, sameImportRow } from '../domain/project-import.js';
import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';
import { writeHistoricProject } from './project-writes.js';

// The history-project import (历史项目): what is stored, the preview, and applying it. A row matches
// the squad's project of the same name; only projects imported before may be matched, so a project
// registered in the bot (with its pre-review) is never overwritten by a spreadsheet.

type StoredRow = ProjectImportRow & { id: number; importedHistory: boolean };

const keyOf = (r: { name: string; squadId: number }) => `${r.squadId}|${r.name.trim()}`;

/** The stored projects of the squads named in the file, by name and squad. */
async function storedMatching(db: Db, rows: ProjectImportRow[]): Promise<Map<string, StoredRow>> {
  const squadIds = [...new Set(rows.map((r) => r.squadId))];
  const names = [...new Set(rows.map((r) => r.name))];
  const found = await db.project.findMany({
    where: { squadId: { in: squadIds }, name: { in: names } },
    include: { squad: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  const imports = await db.projectStageChange.findMany({
    where: { requestKey: { in: found.map((p) => `project:${p.id}:import`) } },
  });
  const importOf = new Map(imports.map((c) => [c.projectId, c]));
  const out = new Map<string, StoredRow>();
  for (const p of found) {
    const c = importOf.get(p.id);
    out.set(keyOf(p), {
      id: p.id,
      importedHistory: p.importedHistory,
      name: p.name,
      squadId: p.squadId,
      squadName: p.squad.name,
      company: p.company,
      sector: p.sector,
      investment: p.investment,
      fundsInPlace: c?.fundsInPlace ?? 0,
      foreignCapitalUsd: c?.foreignCapitalUsd ?? 0,
      signedOn: p.signedOn ?? '',
      startedOn: p.startedOn,
      producingOn: p.producingOn,
      atTargetOn: p.atTargetOn,
      strategicEmerging: p.strategicEmerging,
      majorProject: p.majorProject,
    });
  }
  return out;
}

/** Rows naming a project registered in the bot (not imported): refused, with the project's number. */
export async function registeredProjectClashes(
  db: Db,
  rows: ProjectImportRow[],
): Promise<{ index: number; projectId: number }[]> {
  const stored = await storedMatching(db, rows);
  return rows.flatMap((r, index) => {
    const s = stored.get(keyOf(r));
    return s && !s.importedHistory ? [{ index, projectId: s.id }] : [];
  });
}

/** Why a previewed file can no longer be applied (a project of the same name was registered since), or null. */
export async function projectImportRefusal(db: Db, rows: ProjectImportRow[]): Promise<string | null> {
  const clashes = await registeredProjectClashes(db, rows);
  if (!clashes.length) return null;
  const names = clashes.map((c) => `「${rows[c.index]!.name}」（编号 ${c.projectId}）`).join('、');
  return `没有导入，什么也没有修改：预览之后，本系统中已登记了同名项目 ${names}，历史导入不能覆盖。请改名或删去这些行后重新发送文件。`;
}

const describe = (r: ProjectImportRow) =>
  `${r.squadName}：${r.name}（${formatWan(r.investment)}，${r.signedOn} 签约${r.startedOn ? `，${r.startedOn} 开工` : ''}）`;

function whatChanged(b: ProjectImportRow, a: ProjectImportRow): string {
  const parts: string[] = [];
  if (b.investment !== a.investment) parts.push(`投资额 ${formatWan(b.investment)}→${formatWan(a.investment)}`);
  if (b.fundsInPlace !== a.fundsInPlace) parts.push('到位资金');
  if (b.foreignCapitalUsd !== a.foreignCapitalUsd) parts.push('外资');
  for (const [f, label] of [
    ['signedOn', '签约'],
    ['startedOn', '开工'],
    ['producingOn', '投产'],
    ['atTargetOn', '达效'],
  ] as const)
    if ((b[f] ?? null) !== (a[f] ?? null)) parts.push(`${label} ${b[f] ?? '—'}→${a[f] ?? '—'}`);
  if (b.strategicEmerging !== a.strategicEmerging || b.majorProject !== a.majorProject) parts.push('产业标记');
  if (b.company !== a.company || b.sector !== a.sector) parts.push('企业/行业');
  return `${a.squadName}：${a.name}：${parts.join('、') || '资料'}`;
}

/** Added and changed projects; nothing is ever removed by leaving a row out. */
export async function previewProjects(db: Db, rows: ProjectImportRow[]): Promise<DiffSummary> {
  const stored = [...(await storedMatching(db, rows)).values()];
  return summarizeDiff(diffByKey<ProjectImportRow>(stored, rows, keyOf, sameImportRow), describe, whatChanged);
}

/** Every row written (created or updated in place) and audited; the caller's transaction holds them together. */
export async function applyProjects(
  db: Db,
  rows: ProjectImportRow[],
  actor: { id: number | null; openId?: string },
  batchId: number,
): Promise<void> {
  const stored = await storedMatching(db, rows);
  for (const r of rows) {
    const s = stored.get(keyOf(r));
    if (s && !s.importedHistory) throw new Error(`project ${s.id} was registered in the bot; the preview refused it`);
    if (s && sameImportRow(s, r)) continue;
    const id = await writeHistoricProject(db, r, s?.id ?? null, actor.id);
    await recordAudit(db, actor, s ? 'project.import.update' : 'project.import', 'Project', id, {
      batchId,
      before: s ? { ...s, id: undefined, importedHistory: undefined } : null,
      after: r,
    });
  }
}

/** The projects imported so far, for the template (sending it back unchanged changes nothing). */
export async function loadImportedProjects(db: Db): Promise<ProjectImportRow[]> {
  const ps = await db.project.findMany({
    where: { importedHistory: true },
    select: { name: true, squadId: true },
    orderBy: [{ squadId: 'asc' }, { signedOn: 'asc' }, { id: 'asc' }],
  });
  const stored = await storedMatching(db, ps as ProjectImportRow[]);
  return ps.map((p) => {
    const { id: _id, importedHistory: _h, ...row } = stored.get(keyOf(p))!;
    return row;
  });
}
