import ExcelJS from 'exceljs';
import { UserError } from '../errors.js';
import { checkZipLimits } from './zip-limits.js';
import { IMPORT_MAX_BYTES } from './kinds.js';

// Reading and writing the office's spreadsheets with exceljs. Headers are the office's Chinese
// column names; every problem names the sheet, the row (as Excel numbers it) and the column.

export interface SheetProblem {
  sheet: string;
  row?: number;
  column?: string;
  message: string;
}

/** All the problems of one file; the import changes nothing when there is one. */
export class SheetErrors extends UserError {
  constructor(readonly problems: SheetProblem[]) {
    const shown = problems.slice(0, 20).map(describeProblem);
    if (problems.length > 20) shown.push(`……还有 ${problems.length - 20} 处问题，请先改正以上各处后再发送。`);
    super(shown.join('\n'));
    this.name = 'SheetErrors';
  }
}

function describeProblem(p: SheetProblem): string {
  const where = [`工作表「${p.sheet}」`, p.row ? `第 ${p.row} 行` : '', p.column ? `「${p.column}」列` : '']
    .filter(Boolean)
    .join(' ');
  return `${where}：${p.message}`;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

/** Size and format first (a 20 MB or non-xlsx file is refused unread), then exceljs. */
export async function readWorkbook(bytes: Buffer, fileName = ''): Promise<ExcelJS.Workbook> {
  checkImportSize(bytes.length);
  if (bytes.subarray(0, 4).equals(OLE_MAGIC) || /\.xls$/i.test(fileName)) {
    throw new UserError('这是旧版 .xls 文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再发送。');
  }
  if (!bytes.subarray(0, 4).equals(ZIP_MAGIC) || (fileName && !/\.xlsx$/i.test(fileName))) {
    throw new UserError(
      `「${fileName || '这个文件'}」不是 Excel 工作簿（.xlsx）。请用 /template 获取模板，填好后直接发送 .xlsx 文件。`,
    );
  }
  // Before exceljs inflates it all into memory: how many parts, and how large unpacked.
  checkZipLimits(bytes);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw new UserError('无法读取这个 .xlsx 文件（文件可能已损坏）。请在 Excel 中重新保存后再发送。');
  }
  return wb;
}

export function checkImportSize(size: number): void {
  if (size > IMPORT_MAX_BYTES) {
    throw new UserError(
      `文件太大（${(size / 1024 / 1024).toFixed(1)} MB），最多 ${IMPORT_MAX_BYTES / 1024 / 1024} MB。请删除多余的工作表或行后再发送。`,
    );
  }
}

/** The text a cell shows: rich text, formula results, hyperlinks and dates included; trimmed. */
export function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return v.result === undefined || v.result === null ? '' : String(v.result).trim();
    if ('text' in v) return String(v.text).trim();
    return '';
  }
  return String(v).trim();
}

/** A number cell: null when empty, NaN when it holds text that is no number. Commas are allowed. */
export function cellNumber(cell: ExcelJS.Cell): number | null {
  const v = cell.value;
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  const t = cellText(cell).replace(/[,，\s]/g, '');
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/** Header text as compared: no spaces, full-width brackets and slashes made half-width. */
export function normalizeHeader(s: string): string {
  return s.replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').replace(/／/g, '/').replace(/\*/g, '');
}

/** The row (1-based) within the first rows whose cells include one of these headers. */
export function findHeaderRow(ws: ExcelJS.Worksheet, anyOf: string[], scan = 6): number | undefined {
  const wanted = new Set(anyOf.map(normalizeHeader));
  for (let r = 1; r <= Math.min(scan, ws.rowCount); r++) {
    const row = ws.getRow(r);
    for (let c = 1; c <= row.cellCount; c++) if (wanted.has(normalizeHeader(cellText(row.getCell(c))))) return r;
  }
  return undefined;
}

/** Header cells of a row: column number → header text (non-empty only). */
export function headersOf(ws: ExcelJS.Worksheet, rowNo: number): Map<number, string> {
  const out = new Map<number, string>();
  const row = ws.getRow(rowNo);
  for (let c = 1; c <= row.cellCount; c++) {
    const t = cellText(row.getCell(c));
    if (t) out.set(c, t);
  }
  return out;
}

export function isRowEmpty(row: ExcelJS.Row, columns: number[]): boolean {
  return columns.every((c) => cellText(row.getCell(c)) === '');
}

export interface SheetSpec {
  name: string;
  /** A title line above the header row (the annex tables have one). */
  title?: string;
  headers: string[];
  widths?: number[];
  rows: (string | number | null)[][];
  /** Columns (0-based) shown with two decimals. */
  decimals?: number[];
}

/** Adds a sheet the office reads well: title, bold frozen header row, sensible widths. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.name.slice(0, 31));
  if (spec.title) {
    ws.addRow([spec.title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(1, spec.headers.length));
  }
  const header = ws.addRow(spec.headers);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  for (const r of spec.rows) ws.addRow(r.map((v) => (v === null ? null : v)));
  spec.headers.forEach((h, i) => {
    ws.getColumn(i + 1).width = spec.widths?.[i] ?? Math.max(10, Math.min(40, h.length * 2 + 4));
    if (spec.decimals?.includes(i)) ws.getColumn(i + 1).numFmt = '0.00';
  });
  ws.views = [{ state: 'frozen', ySplit: header.number }];
  return ws;
}

export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '招商助手';
  wb.created = new Date(0); // a fixed date keeps exports byte-stable in tests; the sheet titles carry the period
  return wb;
}
