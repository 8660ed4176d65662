import fs from 'node:fs';
import type { Db } from '../db/client.js';
import { applyImportBatch, createImportBatch, type ImportKind } from '../db/imports.js';
import { parsePeriod } from '../domain/periods.js';
import { UserError } from '../errors.js';
import { buildExport, EXPORT_KINDS, type ExportKind } from './export-sheets.js';
import { prepareImport, type PreparedImport } from './prepare-import.js';
import { checkImportSize, workbookBytes } from './workbook.js';

// What `npm run import` and `npm run export` do, as functions the tests call too.

export const IMPORT_KINDS: Record<string, ImportKind> = { quotas: 'QUOTAS', roster: 'ROSTER' };

/** Validates and previews; with apply, stores it in one transaction (all or nothing). */
export async function importFromFile(
  prisma: Db,
  kindText: string,
  file: string,
  apply: boolean,
): Promise<{ prepared: PreparedImport; applied: boolean }> {
  const kind = IMPORT_KINDS[kindText];
  if (!kind) throw new UserError(`要导入什么？写 quotas（目标任务）或 roster（名册），不是「${kindText}」`);
  if (!fs.existsSync(file)) throw new UserError(`找不到文件 ${file}`);
  checkImportSize(fs.statSync(file).size); // a huge file is refused unread
  const name = file.split(/[\\/]/).pop() ?? file;
  const prepared = await prepareImport(prisma, fs.readFileSync(file), name, kind);
  if (!apply) return { prepared, applied: false };
  await prisma.$transaction(async (tx) => {
    const id = await createImportBatch(tx as Db, prepared.kind, prepared.payload, prepared.summary, null);
    await applyImportBatch(tx as Db, id, { id: null }, new Date());
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
  const squads = await prisma.squad.findMany({ where: { active: true }, select: { id: true } });
  const { wb, rows } = await buildExport(prisma, {
    kind,
    period,
    squadIds: squads.map((s) => s.id),
    withContacts: true,
  });
  fs.writeFileSync(out, await workbookBytes(wb));
  await prisma.auditLog.create({
    data: {
      action: 'export',
      entity: 'Export',
      entityId: kind,
      detail: JSON.stringify({ period: period.label, rows, withContacts: true, file: out, via: 'cli' }),
    },
  });
  return rows;
}
