import type ExcelJS from 'exceljs';
import type { GoalRow } from '../domain/import-rows.js';
import { MAX_AMOUNT_WAN } from '../domain/money.js';
import { goalLabel, goalMetricOf, isRateGoal } from '../domain/quota-sums.js';
import { METRIC_UNITS, METRICS, type Metric } from '../domain/vocabulary.js';
import {
  addSheet,
  cellNumber,
  cellText,
  findHeaderRow,
  headersOf,
  isRowEmpty,
  normalizeHeader,
  type SheetProblem,
} from './workbook.js';

// The district goals (section 一 of the plan) as a sheet of the quota workbook: one row per year
// and goal, 年度 | 指标 | 目标 | 单位. Amounts in 万元 (or 亿元 in the 单位 column), commencement rates in %.

const GOAL_SHEET = '区目标任务';
const HEADERS = ['年度', '指标', '目标', '单位'] as const;
const GOAL_MARK = '指标';

function unitOf(metric: string): string {
  return isRateGoal(metric) ? '%' : METRIC_UNITS[metric as Metric];
}

/** Whether a sheet is the goals sheet (it has a 指标 column), not an annex table. */
export function isGoalSheet(ws: ExcelJS.Worksheet): boolean {
  return findHeaderRow(ws, [GOAL_MARK]) !== undefined;
}

export function addGoalSheet(wb: ExcelJS.Workbook, goals: GoalRow[], note: string): void {
  const order = (m: string) => (METRICS as readonly string[]).indexOf(m) + 1 || 100;
  const rows = [...goals]
    .sort((a, b) => a.year - b.year || order(a.metric) - order(b.metric) || a.metric.localeCompare(b.metric))
    .map((g) => [
      g.year,
      goalLabel(g.metric),
      isRateGoal(g.metric) ? round(g.target * 100) : g.target,
      unitOf(g.metric),
    ]);
  addSheet(wb, {
    name: GOAL_SHEET,
    title: `全区年度目标任务（一）${note}`,
    headers: [...HEADERS],
    widths: [8, 30, 14, 10],
    rows,
  });
}

/** The goals of the sheet; problems are added to `problems`. */
export function parseGoalSheet(ws: ExcelJS.Worksheet, problems: SheetProblem[]): GoalRow[] {
  const headerRow = findHeaderRow(ws, [GOAL_MARK])!;
  const cols = new Map<string, number>();
  for (const [col, text] of headersOf(ws, headerRow)) {
    const h = normalizeHeader(text);
    if ((HEADERS as readonly string[]).includes(h)) cols.set(h, col);
    else if (!/^(备注|说明)$/.test(h))
      problems.push({
        sheet: ws.name,
        row: headerRow,
        column: text,
        message: `不认识这一列；应为：${HEADERS.join('、')}`,
      });
  }
  for (const h of ['年度', '指标', '目标'])
    if (!cols.has(h)) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${h}」列` });
  if (!cols.has('年度') || !cols.has('指标') || !cols.has('目标')) return [];
  const out: GoalRow[] = [];
  const seen = new Set<string>();
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isRowEmpty(row, [...cols.values()])) continue;
    const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
    const year = cellNumber(row.getCell(cols.get('年度')!));
    if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100)
      at('年度', `应为四位年份，例如 2019；现在是「${cellText(row.getCell(cols.get('年度')!))}」`);
    const label = normalizeHeader(cellText(row.getCell(cols.get('指标')!)));
    const metric = goalMetricOf(label);
    if (!metric) at('指标', `不认识指标「${label}」；请使用模板中的指标名称，开工率写成「2016年签约项目开工率」`);
    const unit = cols.has('单位') ? normalizeHeader(cellText(row.getCell(cols.get('单位')!))) : '';
    const raw = cellNumber(row.getCell(cols.get('目标')!));
    if (raw === null) continue; // an empty target: no such goal that year
    if (Number.isNaN(raw)) {
      at('目标', `应为数字；现在是「${cellText(row.getCell(cols.get('目标')!))}」`);
      continue;
    }
    if (raw < 0) {
      at('目标', '不能是负数');
      continue;
    }
    if (!metric || year === null || !Number.isInteger(year)) continue;
    let target = raw;
    if (isRateGoal(metric)) {
      if (raw > 100) at('目标', `开工率按百分数填写（0–100）；现在是 ${raw}`);
      target = round(raw / 100);
    } else if (METRIC_UNITS[metric as Metric] === '万元') {
      if (unit === '亿元') target = raw * 10_000;
      else if (unit && unit !== '万元') at('单位', `金额单位应为「万元」或「亿元」；现在是「${unit}」`);
      if (target > MAX_AMOUNT_WAN) at('目标', `数值过大：最多 ${MAX_AMOUNT_WAN} 万元`);
    } else if (METRIC_UNITS[metric as Metric] !== '万美元' && !Number.isInteger(raw))
      at('目标', `应为整数；现在是 ${raw}`);
    const key = `${year}:${metric}`;
    if (seen.has(key)) at('指标', `${year} 年「${label}」出现了两次`);
    seen.add(key);
    out.push({ year, metric, target: round(target) });
  }
  return out;
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
