import type ExcelJS from 'exceljs';
import { isCalendarDate } from '../domain/contact-rules.js';
import type { KnownSquad } from '../domain/import-rows.js';
import { MAX_AMOUNT_WAN } from '../domain/money.js';
import { type ProjectImportRow, stageDateProblems } from '../domain/project-import.js';
import { findSquad } from './quota-sheet.js';
import {
  addSheet,
  cellNumber,
  cellText,
  findHeaderRow,
  headersOf,
  isRowEmpty,
  newWorkbook,
  normalizeHeader,
  SheetErrors,
  type SheetProblem,
} from './workbook.js';

// 历史项目 (projects signed before the bot was in use, e.g. the 2015–2017 signings whose
// commencement rates the plan sets goals for): one row per project; re-sending the file updates the
// same projects (matched by 项目名称 and 小分队). Amounts in 万元 / 万美元, dates as 2016-03-01.

export const PROJECTS_SHEET = '历史项目';
export const PROJECT_NAME_HEADER = '项目名称';
const HEADERS = [
  '项目名称',
  '小分队',
  '投资企业',
  '所属行业',
  '投资额(万元)',
  '到位资金(万元)',
  '实际利用外资(万美元)',
  '签约日期',
  '开工日期',
  '投产日期',
  '达效日期',
  '战略性新兴产业',
  '重大项目',
] as const;
type Header = (typeof HEADERS)[number];
const REQUIRED: Header[] = ['项目名称', '小分队', '投资额(万元)', '签约日期'];

const DATE_COLUMNS = {
  signedOn: '签约日期',
  startedOn: '开工日期',
  producingOn: '投产日期',
  atTargetOn: '达效日期',
} as const;

/** The template, filled with the projects imported so far (so sending it back changes nothing). */
export function buildProjectsWorkbook(rows: ProjectImportRow[]): ExcelJS.Workbook {
  const wb = newWorkbook();
  addSheet(wb, {
    name: PROJECTS_SHEET,
    title:
      '历史签约项目（本系统启用前签约的项目，如2015—2017年签约项目；金额单位万元/万美元，日期如 2016-03-01；战略性新兴产业、重大项目填“是”或留空）',
    headers: [...HEADERS],
    widths: [36, 30, 30, 16, 14, 14, 16, 12, 12, 12, 12, 14, 10],
    rows: rows.map((r) => [
      r.name,
      r.squadName,
      r.company,
      r.sector,
      r.investment,
      r.fundsInPlace,
      r.foreignCapitalUsd,
      r.signedOn,
      r.startedOn ?? '',
      r.producingOn ?? '',
      r.atTargetOn ?? '',
      r.strategicEmerging ? '是' : '',
      r.majorProject ? '是' : '',
    ]),
  });
  return wb;
}

/** '2016-03-01', '2016/3/1', '2016.3.1', '2016年3月1日' or an Excel date → 'YYYY-MM-DD'; null if empty. */
function dateOf(cell: ExcelJS.Cell): string | null | typeof NaN {
  const t = cellText(cell);
  if (!t) return null;
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t);
  if (!m) return Number.NaN;
  const d = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isCalendarDate(d) ? d : Number.NaN;
}

/** Reads the 历史项目 sheet into rows; every problem (row and column) at once, as SheetErrors. */
export function parseProjectsWorkbook(wb: ExcelJS.Workbook, squads: KnownSquad[], today: string): ProjectImportRow[] {
  const ws = wb.worksheets.find((w) => findHeaderRow(w, [PROJECT_NAME_HEADER]) !== undefined);
  if (!ws)
    throw new SheetErrors([
      {
        sheet: wb.worksheets[0]?.name ?? PROJECTS_SHEET,
        message: `找不到表头行（应有「${REQUIRED.join('」「')}」）。请使用 /template projects 的模板。`,
      },
    ]);
  const problems: SheetProblem[] = [];
  const headerRow = findHeaderRow(ws, [PROJECT_NAME_HEADER])!;
  const cols = new Map<Header, number>();
  for (const [col, text] of headersOf(ws, headerRow)) {
    const h = HEADERS.find((x) => normalizeHeader(x) === normalizeHeader(text));
    if (h) cols.set(h, col);
    else
      problems.push({
        sheet: ws.name,
        row: headerRow,
        column: text,
        message: `不认识这一列。历史项目表的列为：${HEADERS.join('、')}`,
      });
  }
  for (const h of REQUIRED)
    if (!cols.has(h)) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${h}」列` });
  if (problems.length) throw new SheetErrors(problems);

  const rows: ProjectImportRow[] = [];
  const seen = new Map<string, number>();
  const used = [...cols.values()];
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isRowEmpty(row, used)) continue;
    const cell = (h: Header) => row.getCell(cols.get(h) ?? 10_000);
    const text = (h: Header) => (cols.has(h) ? cellText(cell(h)) : '');
    const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
    const name = text('项目名称');
    if (!name) at('项目名称', '不能为空');
    else if (name.length > 100) at('项目名称', '最多 100 个字');
    const squadText = text('小分队');
    const squad = findSquad(squads, squadText);
    if (!squadText) at('小分队', '不能为空');
    else if (!squad) at('小分队', `没有名为「${squadText}」的小分队`);
    const amount = (h: Header, unit: string, required: boolean): number => {
      if (!cols.has(h)) return 0;
      const n = cellNumber(cell(h));
      if (n === null) {
        if (required) at(h, '不能为空');
        return 0;
      }
      if (!Number.isFinite(n) || n < 0 || n > MAX_AMOUNT_WAN)
        at(h, `应为 0 到 ${MAX_AMOUNT_WAN} 之间的数字（${unit}）；现在是「${cellText(cell(h))}」`);
      return Number.isFinite(n) ? n : 0;
    };
    const investment = amount('投资额(万元)', '万元', true);
    const fundsInPlace = amount('到位资金(万元)', '万元', false);
    const foreignCapitalUsd = amount('实际利用外资(万美元)', '万美元', false);
    const dates = {} as Record<keyof typeof DATE_COLUMNS, string | null>;
    for (const [f, h] of Object.entries(DATE_COLUMNS) as [keyof typeof DATE_COLUMNS, Header][]) {
      const d = cols.has(h) ? dateOf(cell(h)) : null;
      if (typeof d === 'number') {
        at(h, `应为日期，如 2016-03-01；现在是「${text(h)}」`);
        dates[f] = null;
      } else dates[f] = d;
    }
    if (!dates.signedOn && !problems.some((p) => p.row === r && p.column === '签约日期')) at('签约日期', '不能为空');
    for (const [f, message] of Object.entries(stageDateProblems(dates, today, DATE_COLUMNS)))
      at(DATE_COLUMNS[f as keyof typeof DATE_COLUMNS], message);
    const flag = (h: Header): boolean => {
      const t = text(h);
      if (t === '' || t === '否') return false;
      if (t === '是') return true;
      at(h, `填“是”或留空；现在是「${t}」`);
      return false;
    };
    const strategicEmerging = flag('战略性新兴产业');
    const majorProject = flag('重大项目');
    if (name && squad) {
      const key = `${normalizeHeader(name)}|${squad.id}`;
      const first = seen.get(key);
      if (first) at('项目名称', `与第 ${first} 行重复（同一小分队的同名项目只能有一行）`);
      else seen.set(key, r);
    }
    if (!name || !squad || !dates.signedOn) continue;
    rows.push({
      name,
      squadId: squad.id,
      squadName: squad.name,
      company: text('投资企业'),
      sector: text('所属行业'),
      investment,
      fundsInPlace,
      foreignCapitalUsd,
      signedOn: dates.signedOn,
      startedOn: dates.startedOn,
      producingOn: dates.producingOn,
      atTargetOn: dates.atTargetOn,
      strategicEmerging,
      majorProject,
      sheetRow: r,
    });
  }
  if (problems.length) throw new SheetErrors(problems);
  if (rows.length === 0) throw new SheetErrors([{ sheet: ws.name, message: '表头下面没有数据行' }]);
  return rows;
}
