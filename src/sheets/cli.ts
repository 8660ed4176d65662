import fs from 'node:fs';
import { recordAudit } from '../db/audit-trail.js';
import type { Db } from '../db/client.js';
import { applyImportBatch, createImportBatch, type ImportKind } from '../db/imports.js';
import { listActiveSquadIds } from '../db/squads.js';
import { runInTransaction } from '../db/transactions.js';
import { parsePeriod } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { buildExport } from './export-sheets.js';
import { EXPORT_KINDS, type ExportKind } from './kinds.js';
import { prepareImport, type PreparedImport } from './prepare-import.js';
import { checkImportSize, workbookBytes } from './workbook.js';

// What `npm run import` and `npm run export` do, as functions the tests call too.

const IMPORT_KINDS: Record<string, ImportKind> = { quotas: 'QUOTAS', roster: 'ROSTER', projects: 'PROJECTS' };

/** Validates and previews; with apply, stores it in one transaction (all or nothing). */
export async function importFromFile(
  prisma: Db,
  kindText: string,
  file: string,
  apply: boolean,
): Promise<{ prepared: PreparedImport; applied: boolean }> {
  const kind = IMPORT_KINDS[kindText];
  if (!kind)
    throw new UserError(
      `要导入什么？写 quotas（目标任务）、roster（名册）或 projects（历史项目），不是「${kindText}」`,
    );
  if (!fs.existsSync(file)) throw new UserError(`找不到文件 ${file}`);
  checkImportSize(fs.statSync(file).size); // a huge file is refused unread
  const name = file.split(/[\\/]/).pop() ?? file;
  const prepared = await prepareImport(prisma, fs.readFileSync(file), name, kind);
  if (!apply) return { prepared, applied: false };
  await runInTransaction(prisma, async (tx) => {
    const id = await createImportBatch(tx, prepared.kind, prepared.payload, prepared.summary, null);
    const r = await applyImportBatch(tx, id, { id: null }, new Date());
    if (!r.applied && r.reason) throw new UserError(r.reason);
  });
  return { prepared, applied: true };
}

export async function exportToFile(
  prisma: Db,
  kindText: string,
  periodText: string | undefined,
  out: string,
  today: string,
): Promise<number> {
  const kind = kindText as ExportKind;
  if (!EXPORT_KINDS.includes(kind)) throw new UserError(`导出哪种表？${EXPORT_KINDS.join('、')}`);
  const period = parsePeriod(periodText, today);
  if (!period) throw new UserError(`看不懂时间「${periodText}」：写年度 2018 或季度 2018Q2`);
  const { wb, rows } = await buildExport(prisma, {
    kind,
    period,
    squadIds: await listActiveSquadIds(prisma),
    withContacts: true,
  });
  fs.writeFileSync(out, await workbookBytes(wb));
  await recordAudit(prisma, null, 'export', 'Export', kind, {
    period: period.label,
    rows,
    withContacts: true,
    file: out,
    via: 'cli',
  });
  return rows;
}
