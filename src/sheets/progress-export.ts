import type ExcelJS from 'exceljs';
import type { Db } from '../db/client.js';
import { tallySquads } from '../db/tallies.js';
import { yearToDate, type Period } from '../domain/periods.js';
import { metricActual } from '../domain/tally.js';
import { METRIC_LABELS, METRICS, type Metric } from '../domain/vocabulary.js';
import { QUOTA_SHEETS } from './quota-sheet.js';
import { addSheet } from './workbook.js';

const YI = new Set<Metric>(['SIGNED_INVESTMENT', 'FUNDS_IN_PLACE']);

/**
 * /export progress: one sheet per squad kind in the annex tables' form, year to date at the
 * period's end against the annual quotas (the same tallies as /progress), amounts in 亿元.
 * Returns the number of squad rows.
 */
export async function addProgressSheets(
  wb: ExcelJS.Workbook,
  db: Db,
  period: Period,
  squadIds: number[],
): Promise<number> {
  const to = period.to;
  const title = (what: string) => `港南区${period.label}${what}`;
  let count = 0;
  const tallies = await tallySquads(db, yearToDate(period.year, to), to, squadIds);
  const rows = tallies.map((t) => ({
    squad: t.name,
    kind: t.kind,
    target: t.quota,
    actual: (m: Metric) => metricActual(t.actual, m),
  }));
  for (const sheet of QUOTA_SHEETS) {
    const mine = rows.filter((r) => r.kind === sheet.kind);
    if (mine.length === 0) continue;
    const metrics = METRICS.filter((m) => mine.some((r) => r.target[m] !== undefined));
    const unit = (m: Metric) => (YI.has(m) ? '(亿元)' : m === 'FOREIGN_CAPITAL_USD' ? '(万美元)' : '');
    const show = (m: Metric, v: number | undefined) =>
      v === undefined ? null : YI.has(m) ? Math.round(v) / 10_000 : v;
    const headers = [
      '小分队',
      ...metrics.flatMap((m) => [
        `${METRIC_LABELS[m]}任务${unit(m)}`,
        `${METRIC_LABELS[m]}完成${unit(m)}`,
        `${METRIC_LABELS[m]}完成率`,
      ]),
    ];
    const data = mine.map((r) => [
      r.squad,
      ...metrics.flatMap((m) => [
        show(m, r.target[m]),
        show(m, r.actual(m)),
        pct(r.target[m] ? r.actual(m) / r.target[m]! : undefined),
      ]),
    ]);
    const total = [
      '合计',
      ...metrics.flatMap((m) => {
        const t = mine.reduce((a, r) => a + (r.target[m] ?? 0), 0);
        const a = mine.reduce((x, r) => x + r.actual(m), 0);
        return [show(m, t), show(m, a), pct(t ? a / t : undefined)];
      }),
    ];
    addSheet(wb, {
      name: sheet.name.replace('附表', '完成情况'),
      title: title(`${sheet.title.replace(/^附表.：/, '')}完成情况（截至 ${to}）`),
      headers,
      rows: [...data, total],
      widths: [34],
    });
    count += mine.length;
  }
  return count;
}

function pct(v: number | undefined): string | null {
  return v === undefined ? null : `${Math.round(v * 1000) / 10}%`;
}
