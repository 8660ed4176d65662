import type { Db } from '../db/client.js';
import { loadKnownSquads, loadKnownUnits, previewRoster, type ImportKind } from '../db/imports.js';
import { previewQuotas } from '../db/quota-imports.js';
import type { DiffSummary } from '../domain/import-diff.js';
import { UserError } from '../errors.js';
import { parseQuotaWorkbook, YEAR_HEADER } from './quota-sheet.js';
import { parseRosterWorkbook } from './roster-sheet.js';
import { findHeaderRow, readWorkbook } from './workbook.js';

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
): Promise<PreparedImport> {
  const wb = await readWorkbook(bytes, fileName);
  const k =
    kind ?? detectKind(wb.worksheets.map((ws) => [findHeaderRow(ws, [YEAR_HEADER]), findHeaderRow(ws, ['姓名'])]));
  const squads = await loadKnownSquads(db);
  if (k === 'QUOTAS') {
    const payload = parseQuotaWorkbook(wb, squads);
    return { kind: k, payload, summary: { ...(await previewQuotas(db, payload)), fileName } };
  }
  const people = parseRosterWorkbook(wb, await loadKnownUnits(db), squads);
  return { kind: k, payload: people, summary: { ...(await previewRoster(db, people)), fileName } };
}

function detectKind(headers: (number | undefined)[][]): ImportKind {
  if (headers.some(([year]) => year !== undefined)) return 'QUOTAS';
  if (headers.some(([, name]) => name !== undefined)) return 'ROSTER';
  throw new UserError(
    '看不出这是哪种表：目标任务表应有「年度」「小分队/单位」列，名册应有「姓名」「单位」列。请用 /template quotas 或 /template roster 获取模板。',
  );
}
