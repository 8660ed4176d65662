import type { Db } from '../db/client.js';
import { loadKnownSquads, loadKnownUnits, previewQuotas, previewRoster, type ImportKind } from '../db/imports.js';
import type { DiffSummary } from '../domain/import-diff.js';
import { UserError } from '../errors.js';
import { parseQuotaWorkbook, YEAR_HEADER } from './quota-sheet.js';
import { parseRosterWorkbook } from './roster-sheet.js';
import { findHeaderRow, readWorkbook, SheetErrors } from './workbook.js';
import { registeredProjectClashes, previewProjects } from '../db/project-imports.js';
import { PROJECT_NAME_HEADER, PROJECTS_SHEET, parseProjectsWorkbook } from './projects-sheet.js';

export interface PreparedImport {
  kind: ImportKind;
  payload: unknown;
  summary: DiffSummary & { fileName: string };
}

/** Bytes → checked workbook → validated rows → what would change. Throws UserError/SheetErrors; writes nothing. */
export async function prepareImport(
  db: Db,
  bytes: Buffer,
  fileName: string,
  kind?: ImportKind,
  today: string = new Date().toISOString().slice(0, 10),
): Promise<PreparedImport> {
  const wb = await readWorkbook(bytes, fileName);
  const k =
    kind ??
    detectKind(
      wb.worksheets.map((ws) => [
        findHeaderRow(ws, [YEAR_HEADER]),
        findHeaderRow(ws, ['姓名']),
        findHeaderRow(ws, [PROJECT_NAME_HEADER]),
      ]),
    );
  const squads = await loadKnownSquads(db);
  if (k === 'PROJECTS') {
    const rows = parseProjectsWorkbook(wb, squads, today);
    const clashes = await registeredProjectClashes(db, rows);
    if (clashes.length)
      throw new SheetErrors(
        clashes.map((c) => ({
          sheet: PROJECTS_SHEET,
          row: rows[c.index]!.sheetRow,
          column: '项目名称',
          message: `本系统中已登记了这个小分队的同名项目（编号 ${c.projectId}），历史导入不能覆盖它；请改名或删去这一行`,
        })),
      );
    return { kind: k, payload: rows, summary: { ...(await previewProjects(db, rows)), fileName } };
  }
  if (k === 'QUOTAS') {
    const rows = parseQuotaWorkbook(wb, squads);
    return { kind: k, payload: rows, summary: { ...(await previewQuotas(db, rows)), fileName } };
  }
  const people = parseRosterWorkbook(wb, await loadKnownUnits(db), squads);
  return { kind: k, payload: people, summary: { ...(await previewRoster(db, people)), fileName } };
}

function detectKind(headers: (number | undefined)[][]): ImportKind {
  if (headers.some(([year]) => year !== undefined)) return 'QUOTAS';
  if (headers.some(([, , project]) => project !== undefined)) return 'PROJECTS';
  if (headers.some(([, name]) => name !== undefined)) return 'ROSTER';
  throw new UserError(
    '看不出这是哪种表：目标任务表应有「年度」「小分队/单位」列，名册应有「姓名」「单位」列，历史项目表应有「项目名称」「小分队」列。请用 /template quotas、/template roster 或 /template projects 获取模板。',
  );
}
