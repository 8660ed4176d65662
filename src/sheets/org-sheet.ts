import type ExcelJS from 'exceljs';
import type { KnownSquad, KnownUnit, OrgSquadRow, OrgUnitRow } from '../domain/import-rows.js';
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

// The org of the plan in the roster workbook: 单位 (departments, towns, the office, the park) and
// 小分队 (squads of every kind with their lead and partner units). A row keeps its 编号 through a
// rename, so a renamed squad keeps its data; an empty 编号 adds one; 状态「撤销」 retires a squad
// (its history stays). Each sheet is the whole table when it is in the file, and left alone when not.

const UNIT_SHEET = '单位';
const SQUAD_SHEET = '小分队';
const UNIT_HEADERS = ['编号', '单位名称', '类别'] as const;
const SQUAD_HEADERS = ['编号', '小分队名称', '类别', '排序', '牵头单位', '联合单位', '重点招商领域', '状态'] as const;

const UNIT_KIND_LABELS: Record<OrgUnitRow['kind'], string> = {
  DEPARTMENT: '区直部门',
  TOWN: '镇(街道办)',
  OFFICE: '办公室',
  PARK: '园区',
};
const SQUAD_KIND_LABELS: Record<OrgSquadRow['kind'], string> = {
  INDUSTRY: '产业小分队',
  TOWN: '镇(街道办)',
  DEPARTMENT: '区直部门',
};
const IN_USE = '在用';
const RETIRED = '撤销';
const LIST_SPLIT = /[、,，;；\n]+/;

function kindOf<K extends string>(labels: Record<K, string>, text: string): K | undefined {
  const t = normalizeHeader(text);
  return (Object.keys(labels) as K[]).find((k) => normalizeHeader(labels[k]) === t || k === t);
}

export function addOrgSheets(wb: ExcelJS.Workbook, units: OrgUnitRow[], squads: OrgSquadRow[]): void {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  addSheet(wb, {
    name: SQUAD_SHEET,
    title:
      '招商小分队（类别：产业小分队、镇(街道办)、区直部门；新增小分队编号留空；改名只改名称，编号不动，数据保留；撤销把状态改为“撤销”，不要删行，历史数据保留）',
    headers: [...SQUAD_HEADERS],
    widths: [24, 34, 12, 6, 18, 40, 40, 8],
    rows: squads.map((s) => [
      s.code,
      s.name,
      SQUAD_KIND_LABELS[s.kind],
      s.sortOrder,
      unitName.get(s.leadUnitId) ?? '',
      s.partnerUnitIds.map((id) => unitName.get(id) ?? '').join('、'),
      s.focusSectors.join('、'),
      s.retired ? RETIRED : IN_USE,
    ]),
  });
  addSheet(wb, {
    name: UNIT_SHEET,
    title: '单位（类别：区直部门、镇(街道办)、办公室、园区；新增单位编号留空；改名只改名称）',
    headers: [...UNIT_HEADERS],
    widths: [18, 24, 12],
    rows: units.map((u) => [u.code, u.name, UNIT_KIND_LABELS[u.kind]]),
  });
}

/** Reads a sheet's header row into column numbers; unknown columns are problems. */
function columnsOf<H extends string>(
  ws: ExcelJS.Worksheet,
  headers: readonly H[],
  problems: SheetProblem[],
): { row: number; cols: Map<H, number> } {
  const row = findHeaderRow(ws, ['编号'])!;
  const cols = new Map<H, number>();
  for (const [col, text] of headersOf(ws, row)) {
    const h = headers.find((x) => x === normalizeHeader(text));
    if (h) cols.set(h, col);
    else problems.push({ sheet: ws.name, row, column: text, message: `不认识这一列；应为：${headers.join('、')}` });
  }
  return { row, cols };
}

/** The units after the 单位 sheet: stored ones (renamed where the sheet says) and new ones (negative ids). */
export function parseUnitSheet(ws: ExcelJS.Worksheet, stored: OrgUnitRow[], problems: SheetProblem[]): OrgUnitRow[] {
  const { row: headerRow, cols } = columnsOf(ws, UNIT_HEADERS, problems);
  for (const h of ['单位名称', '类别'] as const)
    if (!cols.has(h)) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${h}」列` });
  const out = new Map(stored.map((u) => [u.id, { ...u }]));
  const names = new Map<string, number>();
  let next = -1;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isRowEmpty(row, [...cols.values()])) continue;
    const get = (h: (typeof UNIT_HEADERS)[number]) => (cols.has(h) ? cellText(row.getCell(cols.get(h)!)) : '');
    const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
    const code = get('编号');
    const name = get('单位名称');
    const kind = kindOf(UNIT_KIND_LABELS, get('类别'));
    if (!name) at('单位名称', '不能为空');
    if (!kind) at('类别', `应为${Object.values(UNIT_KIND_LABELS).join('、')}之一；现在是「${get('类别')}」`);
    const before = code ? stored.find((u) => u.code === code) : undefined;
    if (code && !before) at('编号', `没有编号为「${code}」的单位；新增单位请把编号留空`);
    if (!name || !kind || (code && !before)) continue;
    const id = before?.id ?? next--;
    if (names.has(normalizeHeader(name)) && names.get(normalizeHeader(name)) !== id)
      at('单位名称', `「${name}」出现了两次：单位名称不能重复`);
    names.set(normalizeHeader(name), id);
    out.set(id, { id, code: before?.code ?? null, name, kind });
  }
  // A stored unit the sheet leaves out keeps its name; it must not clash with a new or renamed one.
  return [...out.values()];
}

/** The squads of the 小分队 sheet: every stored squad must be there (retire with 撤销, never delete). */
export function parseSquadSheet(
  ws: ExcelJS.Worksheet,
  stored: OrgSquadRow[],
  units: OrgUnitRow[],
  problems: SheetProblem[],
): OrgSquadRow[] {
  const { row: headerRow, cols } = columnsOf(ws, SQUAD_HEADERS, problems);
  for (const h of ['小分队名称', '类别', '牵头单位'] as const)
    if (!cols.has(h)) problems.push({ sheet: ws.name, row: headerRow, message: `缺少「${h}」列` });
  const unitByName = (text: string) =>
    units.find(
      (u) =>
        normalizeHeader(u.name) === normalizeHeader(text) ||
        normalizeHeader(u.name) === normalizeHeader(text).replace(/^区/, ''),
    );
  const out: OrgSquadRow[] = [];
  const names = new Map<string, number>();
  let next = -1;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    if (isRowEmpty(row, [...cols.values()])) continue;
    const get = (h: (typeof SQUAD_HEADERS)[number]) => (cols.has(h) ? cellText(row.getCell(cols.get(h)!)) : '');
    const at = (column: string, message: string) => problems.push({ sheet: ws.name, row: r, column, message });
    const code = get('编号');
    const before = code ? stored.find((s) => s.code === code) : undefined;
    if (code && !before) at('编号', `没有编号为「${code}」的小分队；新增小分队请把编号留空`);
    if (before && out.some((s) => s.id === before.id)) at('编号', `编号「${code}」出现了两次`);
    const name = get('小分队名称');
    if (!name) at('小分队名称', '不能为空');
    const kind = kindOf(SQUAD_KIND_LABELS, get('类别'));
    if (!kind) at('类别', `应为${Object.values(SQUAD_KIND_LABELS).join('、')}之一；现在是「${get('类别')}」`);
    const lead = unitByName(get('牵头单位'));
    if (!get('牵头单位')) at('牵头单位', '不能为空：写第一责任单位的名称');
    else if (!lead) at('牵头单位', `没有名为「${get('牵头单位')}」的单位；新单位请先加在「单位」表中`);
    const partners: number[] = [];
    for (const p of get('联合单位')
      .split(LIST_SPLIT)
      .map((x) => x.trim())
      .filter(Boolean)) {
      const u = unitByName(p);
      if (!u) at('联合单位', `没有名为「${p}」的单位；新单位请先加在「单位」表中`);
      else if (!partners.includes(u.id)) partners.push(u.id);
    }
    const sortText = get('排序');
    const sort = sortText ? cellNumber(row.getCell(cols.get('排序')!)) : null;
    if (sort !== null && (Number.isNaN(sort) || !Number.isInteger(sort))) at('排序', `应为整数；现在是「${sortText}」`);
    const state = get('状态') || IN_USE;
    if (state !== IN_USE && state !== RETIRED) at('状态', `应为「${IN_USE}」或「${RETIRED}」；现在是「${state}」`);
    if (!name || !kind || !lead || (code && !before)) continue;
    const id = before?.id ?? next--;
    const key = normalizeHeader(name);
    if (names.has(key) && names.get(key) !== id) at('小分队名称', `「${name}」出现了两次：小分队名称不能重复`);
    names.set(key, id);
    out.push({
      id,
      code: before?.code ?? null,
      name,
      kind,
      sortOrder: sort !== null && Number.isInteger(sort) ? sort : (before?.sortOrder ?? 100 + out.length),
      leadUnitId: lead.id,
      partnerUnitIds: partners,
      focusSectors: get('重点招商领域')
        .split(LIST_SPLIT)
        .map((x) => x.trim())
        .filter(Boolean),
      retired: state === RETIRED,
    });
  }
  for (const s of stored)
    if (!out.some((x) => x.id === s.id))
      problems.push({
        sheet: ws.name,
        message: `「${s.name}」（编号 ${s.code}）不在表中：小分队不能删除；要撤销请保留这一行，把「状态」改为「${RETIRED}」`,
      });
  return out;
}

/**
 * The squads the 名册 sheet may name after the org sheets: those in use, by their new names, and a
 * renamed one also by its old name (the 名册 rows of the same file may still say it).
 */
export function knownAfter(squads: OrgSquadRow[], units: OrgUnitRow[], stored: OrgSquadRow[]): KnownSquad[] {
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const inUse = squads.filter((s) => !s.retired);
  const known = inUse.map((s) => ({
    id: s.id,
    name: s.name,
    kind: s.kind,
    leadUnitName: unitName.get(s.leadUnitId) ?? '',
  }));
  for (const s of inUse) {
    const old = stored.find((x) => x.id === s.id)?.name;
    if (old && old !== s.name && !squads.some((x) => x.name === old))
      known.push({ ...known.find((k) => k.id === s.id)!, name: old });
  }
  return known;
}

export function unitsAfter(units: OrgUnitRow[]): KnownUnit[] {
  return units.map((u) => ({ id: u.id, name: u.name }));
}
