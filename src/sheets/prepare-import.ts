import type { Db } from '../db/client.js';
import { loadKnownSquads, loadKnownUnits, previewRoster, type ImportKind } from '../db/imports.js';
import { previewQuotas } from '../db/quota-imports.js';
import type ExcelJS from 'exceljs';
import { loadOrg, previewOrg } from '../db/org-imports.js';
import { mergeSummaries, type DiffSummary } from '../domain/import-diff.js';
import type { KnownSquad, RosterPayload } from '../domain/import-rows.js';
import { knownAfter, parseSquadSheet, parseUnitSheet, unitsAfter } from './org-sheet.js';
import { UserError } from '../errors.js';
import { parseQuotaWorkbook, YEAR_HEADER } from './quota-sheet.js';
import { parseRosterWorkbook } from './roster-sheet.js';
import { findHeaderRow, readWorkbook, SheetErrors, type SheetProblem } from './workbook.js';
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
        findHeaderRow(ws, ['姓名', '小分队名称', '单位名称']),
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
    const payload = parseQuotaWorkbook(wb, squads);
    return { kind: k, payload, summary: { ...(await previewQuotas(db, payload)), fileName } };
  }
  return { kind: k, ...(await prepareRoster(db, wb, squads, fileName)) };
}

/** The roster workbook: the org sheets (单位, 小分队) when present, then the 名册 against the org they leave. */
async function prepareRoster(
  db: Db,
  wb: ExcelJS.Workbook,
  squads: KnownSquad[],
  fileName: string,
): Promise<Omit<PreparedImport, 'kind'>> {
  const find = (header: string) => wb.worksheets.find((w) => findHeaderRow(w, [header]) !== undefined);
  const unitWs = find('单位名称');
  const squadWs = find('小分队名称');
  const peopleWs = find('姓名');
  let known = { units: await loadKnownUnits(db), squads, retired: [] as string[] };
  const payload: RosterPayload = { units: null, squads: null, people: null };
  if (unitWs || squadWs) {
    const stored = await loadOrg(db);
    const problems: SheetProblem[] = [];
    const units = unitWs ? parseUnitSheet(unitWs, stored.units, problems) : stored.units;
    const orgSquads = squadWs ? parseSquadSheet(squadWs, stored.squads, units, problems) : stored.squads;
    if (problems.length) throw new SheetErrors(problems);
    payload.units = unitWs ? units : null;
    payload.squads = squadWs ? orgSquads : null;
    known = {
      units: unitsAfter(units),
      squads: knownAfter(orgSquads, units, stored.squads),
      retired: orgSquads
        .filter((s) => s.retired)
        .flatMap((s) => [s.name, stored.squads.find((x) => x.id === s.id)?.name ?? s.name]),
    };
  }
  if (peopleWs || !(unitWs || squadWs))
    payload.people = parseRosterWorkbook(wb, known.units, known.squads, known.retired);
  const org = payload.units || payload.squads ? await previewOrg(db, payload.units, payload.squads) : null;
  const people = payload.people ? await previewRoster(db, payload.people) : null;
  const summary = org && people ? mergeSummaries(org, people) : (org ?? people)!;
  return { payload, summary: { ...summary, fileName } };
}

function detectKind(headers: (number | undefined)[][]): ImportKind {
  if (headers.some(([year]) => year !== undefined)) return 'QUOTAS';
  if (headers.some(([, , project]) => project !== undefined)) return 'PROJECTS';
  if (headers.some(([, name]) => name !== undefined)) return 'ROSTER';
  throw new UserError(
    '看不出这是哪种表：目标任务表应有「年度」「小分队/单位」列，名册应有「姓名」「单位」列，历史项目表应有「项目名称」「小分队」列。请用 /template quotas、/template roster 或 /template projects 获取模板。',
  );
}
