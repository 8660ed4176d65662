import type ExcelJS from 'exceljs';
import { type AmountUnit, MAX_AMOUNT_WAN, parseAmount } from '../domain/money.js';
import { METRIC_LABELS, METRIC_UNITS, METRICS, type Metric, type SquadKind } from '../domain/vocabulary.js';
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
import type { GoalRow, KnownSquad, QuotaRow } from '../domain/import-rows.js';
import { addGoalSheet, isGoalSheet, parseGoalSheet } from './goal-sheet.js';

// Quotas in the form of the plan's annex tables (附表一/二/三): one sheet per squad kind, one row
// per year × squad, one column per metric, amounts in 万元 (a header in 亿元 is converted).

export const YEAR_HEADER = '年度';
const SQUAD_HEADER = '小分队/单位';
const SQUAD_ALIASES = ['小分队/单位', '小分队', '单位', '镇(街道办)', '部门', '小分队名称'];

export const QUOTA_SHEETS: { kind: SquadKind; name: string; title: string }[] = [
  { kind: 'INDUSTRY', name: '附表一 招商小分队', title: '附表一：招商小分队工作任务' },
  { kind: 'TOWN', name: '附表二 各镇(街道办)', title: '附表二：各镇（街道办）招商任务' },
  { kind: 'DEPARTMENT', name: '附表三 区直部门', title: '附表三：区直部门招商任务' },
];

const COUNTS = new Set<Metric>([
  'SIGNED_PROJECTS',
  'PACKAGED_PROJECTS',
  'COMMENCED_PROJECTS',
  'TRIPS',
  'VISITS',
  'LEADS',
]);

function metricHeader(m: Metric): string {
  return `${METRIC_LABELS[m]}(${METRIC_UNITS[m]})`;
}

/** A metric column's header → the metric and the factor to 万元 / 万美元 / count. */
function readMetricHeader(h: string): { metric: Metric; factor: number } | undefined {
  const n = normalizeHeader(h);
  const m = /^(.*?)(?:\(([^)]*)\))?$/.exec(n);
  const label = m?.[1] ?? n;
  const unit = m?.[2] ?? '';
  const metric = METRICS.find((x) => METRIC_LABELS[x] === label);
  if (!metric) return undefined;
  if (METRIC_UNITS[metric] === '万元')
    return unit === '亿元'
      ? { metric, factor: 10_000 }
      : unit === '万元' || unit === ''
        ? { metric, factor: 1 }
        : undefined;
  if (METRIC_UNITS[metric] === '万美元') return unit === '万美元' || unit === '' ? { metric, factor: 1 } : undefined;
  return { metric, factor: 1 };
}

/**
 * The quota workbook: filled with the given quotas (the template is the same file, maybe empty),
 * and, when given, the district goals as a last sheet. `note` marks every title (e.g. a copy of
 * last year's split).
 */
export function buildQuotaWorkbook(
  squads: KnownSquad[],
  quotas: QuotaRow[],
  years: number[],
  extra?: { goals: GoalRow[]; note?: string },
): ExcelJS.Workbook {
  const wb = newWorkbook();
  const note = extra?.note ?? '';
  const headers = [YEAR_HEADER, SQUAD_HEADER, ...METRICS.map(metricHeader)];
  for (const sheet of QUOTA_SHEETS) {
    const rows: (string | number | null)[][] = [];
    for (const year of years) {
      for (const s of squads.filter((x) => x.kind === sheet.kind)) {
        const mine = quotas.filter((q) => q.year === year && q.squadId === s.id);
        rows.push([year, s.name, ...METRICS.map((m) => mine.find((q) => q.metric === m)?.target ?? null)]);
      }
    }
    addSheet(wb, {
      name: sheet.name,
      title: `${sheet.title}（金额单位：万元；空格 = 无此项任务）${note}`,
      headers,
      rows,
      widths: [8, 34],
    });
  }
  if (extra) addGoalSheet(wb, extra.goals, `（金额单位：万元，开工率：%）${note}`);
  return wb;
}

/**
 * Reads every annex sheet (a 年度 header) and the district goals sheet (a 指标 header); returns the
 * rows (goals null without a goals sheet) or throws SheetErrors with all problems.
 */
export function parseQuotaWorkbook(
  wb: ExcelJS.Workbook,
  squads: KnownSquad[],
): { quotas: QuotaRow[]; goals: GoalRow[] | null } {
  const problems: SheetProblem[] = [];
  const out: QuotaRow[] = [];
  let goals: GoalRow[] | null = null;
  const seen = new Map<string, string>();
  let sheetsRead = 0;
  let totalRows = 0;
  const emptySheets: string[] = [];
  for (const ws of wb.worksheets) {
    if (isGoalSheet(ws)) {
      goals = [...(goals ?? []), ...parseGoalSheet(ws, problems)];
      sheetsRead++;
      continue;
    }
    const headerRow = findHeaderRow(ws, [YEAR_HEADER]);
    if (!headerRow) {
      if (ws.actualRowCount > 0)
        problems.push({
          sheet: ws.name,
          message: `找不到表头行（应有「${YEAR_HEADER}」「${SQUAD_HEADER}」和各项指标列）。请使用 /template quotas 的模板。`,
        });
      continue;
    }
    sheetsRead++;
    const cols = readQuotaHeaders(ws, headerRow, problems);
    if (!cols) continue;
    const used = [cols.year, cols.squad, ...cols.metrics.map((m) => m.col)];
    let dataRows = 0;
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (isRowEmpty(row, used)) continue;
      const squadText = cellText(row.getCell(cols.squad));
      if (/^(合计|总计|小计)$/.test(squadText)) continue;
      dataRows++;
      const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
      const year = cellNumber(row.getCell(cols.year));
      if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100)
        at(YEAR_HEADER, `应为四位年份，例如 2018；现在是「${cellText(row.getCell(cols.year))}」`);
      const squad = findSquad(squads, squadText);
      if (!squadText) at(SQUAD_HEADER, '不能为空：填写小分队名称，例如「桥圩镇招商小分队」');
      else if (!squad) at(SQUAD_HEADER, `没有名为「${squadText}」的小分队或单位；请使用模板中的名称`);
      if (year !== null && squad) {
        const key = `${year}:${squad.id}`;
        const earlier = seen.get(key);
        if (earlier) at(SQUAD_HEADER, `${year} 年「${squad.name}」已在${earlier}填过，同一小分队每年只能有一行`);
        else seen.set(key, `工作表「${ws.name}」第 ${r} 行`);
      }
      for (const m of cols.metrics) {
        const typed = typedAmount(row.getCell(m.col), m);
        if (typed && !typed.ok) {
          const why = typed.reason.startsWith('看不懂') ? '应为数字' : typed.reason;
          at(m.header, `${why}；现在是「${cellText(row.getCell(m.col))}」`);
          continue;
        }
        if (typed?.ok) {
          if (year !== null && squad)
            out.push({ year, squadId: squad.id, squadName: squad.name, metric: m.metric, target: round(typed.wan) });
          continue;
        }
        const v = cellNumber(row.getCell(m.col));
        if (v === null) continue;
        if (Number.isNaN(v)) at(m.header, `应为数字；现在是「${cellText(row.getCell(m.col))}」`);
        else if (v < 0) at(m.header, '不能是负数');
        else if (COUNTS.has(m.metric) && !Number.isInteger(v)) at(m.header, `应为整数；现在是 ${v}`);
        else if (!Number.isFinite(v) || v * m.factor > MAX_AMOUNT_WAN)
          at(
            m.header,
            `数值过大：最多 ${MAX_AMOUNT_WAN}${COUNTS.has(m.metric) ? '' : ' 万元'}；现在是「${cellText(row.getCell(m.col))}」`,
          );
        else if (year !== null && squad)
          out.push({ year, squadId: squad.id, squadName: squad.name, metric: m.metric, target: round(v * m.factor) });
      }
    }
    totalRows += dataRows;
    if (dataRows === 0) emptySheets.push(ws.name);
  }
  // A sheet without rows is fine (附表三 may have no department yet) unless the whole file is empty.
  if (totalRows === 0 && !goals?.length)
    for (const sheet of emptySheets) problems.push({ sheet, message: '表头下面没有数据行：请填写后再发送' });
  if (sheetsRead === 0 && problems.length === 0)
    problems.push({ sheet: wb.worksheets[0]?.name ?? '(无)', message: '工作簿是空的：没有任何数据' });
  if (problems.length) throw new SheetErrors(problems);
  return { quotas: out, goals };
}

/**
 * An amount typed as text with its magnitude or currency (17亿, ８０００万, 800万美元) in a 万元 / 万美元
 * column, read in that column's unit whatever the header's 亿元; undefined for plain numbers.
 */
function typedAmount(cell: ExcelJS.Cell, m: { metric: Metric }): ReturnType<typeof parseAmount> | undefined {
  const unit = METRIC_UNITS[m.metric];
  if (unit !== '万元' && unit !== '万美元') return undefined;
  if (typeof cell.value !== 'string') return undefined;
  const text = cell.value.normalize('NFKC');
  if (!/[亿万千元美$¥]/.test(text) && !/[０-９]/.test(cell.value)) return undefined;
  return parseAmount(text, unit as AmountUnit);
}

interface QuotaColumns {
  year: number;
  squad: number;
  metrics: { col: number; metric: Metric; factor: number; header: string }[];
}

function readQuotaHeaders(
  ws: ExcelJS.Worksheet,
  headerRow: number,
  problems: SheetProblem[],
): QuotaColumns | undefined {
  let year: number | undefined;
  let squad: number | undefined;
  const metrics: QuotaColumns['metrics'] = [];
  const aliases = new Set(SQUAD_ALIASES.map(normalizeHeader));
  for (const [col, text] of headersOf(ws, headerRow)) {
    const n = normalizeHeader(text);
    if (n === YEAR_HEADER) year = col;
    else if (aliases.has(n)) squad = col;
    else if (/^(备注|说明)$/.test(n)) continue;
    else {
      const m = readMetricHeader(text);
      if (!m)
        problems.push({
          sheet: ws.name,
          row: headerRow,
          column: text,
          message: `不认识这一列。指标列应为：${METRICS.map(metricHeader).join('、')}`,
        });
      else if (metrics.some((x) => x.metric === m.metric))
        problems.push({ sheet: ws.name, row: headerRow, column: text, message: '这项指标出现了两次' });
      else metrics.push({ col, ...m, header: text });
    }
  }
  if (squad === undefined) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${SQUAD_HEADER}」列` });
  if (metrics.length === 0) problems.push({ sheet: ws.name, row: headerRow, message: '没有任何指标列' });
  if (year === undefined || squad === undefined || metrics.length === 0) return undefined;
  return { year, squad, metrics };
}

/** A squad by its name, its name without 招商小分队, or its lead unit's name when unique. */
export function findSquad(squads: KnownSquad[], text: string): KnownSquad | undefined {
  const t = normalizeHeader(text);
  if (!t) return undefined;
  const byName = squads.find(
    (s) =>
      normalizeHeader(s.name) === t ||
      normalizeHeader(s.name) === `${t}招商小分队` ||
      normalizeHeader(s.name) === `${t}小分队`,
  );
  if (byName) return byName;
  const byUnit = squads.filter((s) => normalizeHeader(s.leadUnitName) === t);
  return byUnit.length === 1 ? byUnit[0] : undefined;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
