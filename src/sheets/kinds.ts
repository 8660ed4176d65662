// What commands need to know about spreadsheets before one is built or read: the export kinds and
// the import size limit. No exceljs here: the workbook modules are loaded only when a file task
// runs (a dynamic import), so the serving process does not hold exceljs until someone asks for a
// spreadsheet. `npm run deps` (rule sheets-loaded-on-demand) keeps it so.

export const EXPORT_KINDS = ['progress', 'leads', 'projects', 'visits', 'reports'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_LABELS: Record<ExportKind, string> = {
  progress: '目标任务完成情况',
  leads: '招商线索',
  projects: '项目',
  visits: '拜访企业',
  reports: '月度汇报',
};

/** Files larger than this are refused before anything is parsed. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
