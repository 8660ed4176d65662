// Feishu card `chart` elements (VChart specs, plain JSON: no functions) for the /progress, /rank
// and bulletin cards, each with a table fallback for clients that cannot draw charts.
// https://open.feishu.cn/document/uAjLw4CM/ukzMukzMukzM/feishu-cards/card-json-v2-components/data-display/chart

import type { MonthPoint } from '../../domain/monthly-trend.js';
import { shortSquadName } from './elements.js';

export type CardElement = Record<string, unknown>;

const CHART_TYPES = ['bar', 'line', 'area', 'pie', 'scatter', 'radar', 'funnel', 'wordCloud', 'common'] as const;
const ASPECT_RATIOS = ['1:1', '2:1', '4:3', '16:9'] as const;
export const MAX_CHARTS_PER_CARD = 5;
export const CARD_MAX_BYTES = 30 * 1024;

export interface CompletionBar {
  squad: string;
  /** 0..n, 1 = 100 % */
  completion: number;
}

// Text sizes in the chart specs (VChart `style.fontSize`, px): its defaults are too small to read
// on a phone once a 1:1 chart is scaled down to the screen.
const TITLE_FONT = 15;
const LABEL_FONT = 13;
const label = { style: { fontSize: LABEL_FONT } };

/**
 * Quota completion per squad as horizontal bars (percent), in the order given — the order of the
 * table beside it, top to bottom; names fit a phone.
 */
export function buildCompletionChart(
  rows: CompletionBar[],
  title = '目标任务完成率',
  axisTitle = '完成率(%)',
): CardElement {
  const values = rows.map((r) => ({ squad: shortSquadName(r.squad), percent: Math.round(r.completion * 1000) / 10 }));
  return {
    tag: 'chart',
    aspect_ratio: values.length > 8 ? '1:1' : '4:3',
    chart_spec: {
      type: 'bar',
      title: { text: title, textStyle: { fontSize: TITLE_FONT } },
      direction: 'horizontal',
      data: { values },
      xField: 'percent',
      yField: 'squad',
      label: { visible: true, ...label },
      axes: [
        { orient: 'bottom', title: { visible: true, text: axisTitle, ...label }, label },
        { orient: 'left', type: 'band', label },
      ],
    },
  };
}

/** The district's monthly signed investment and funds in place, in 亿元, as two lines. */
export function buildMonthlyTrendChart(points: MonthPoint[], title = '全区签约投资额与到位资金（亿元）'): CardElement {
  const values = points.flatMap((p) => [
    { month: p.month.slice(5) + '月', kind: '签约投资额', amount: toYi(p.signedInvestment) },
    { month: p.month.slice(5) + '月', kind: '到位资金', amount: toYi(p.fundsInPlace) },
  ]);
  return {
    tag: 'chart',
    aspect_ratio: '16:9',
    chart_spec: {
      type: 'line',
      title: { text: title, textStyle: { fontSize: TITLE_FONT } },
      data: { values },
      xField: 'month',
      yField: 'amount',
      seriesField: 'kind',
      point: { visible: true },
      legends: { visible: true, orient: 'bottom', item: { label } },
      axes: [
        { orient: 'bottom', label },
        { orient: 'left', label },
      ],
    },
  };
}

function toYi(wan: number): number {
  return Math.round((wan / 10_000) * 100) / 100;
}

/** A `table` element with the chart's data, for clients that draw no charts. */
export function chartFallbackTable(chart: CardElement): CardElement {
  const spec = chart.chart_spec as {
    data: { values: Record<string, unknown>[] };
    xField: string;
    yField: string;
    seriesField?: string;
  };
  const fields = spec.seriesField
    ? [spec.xField, spec.seriesField, spec.yField]
    : (chart.chart_spec as { direction?: string }).direction === 'horizontal'
      ? [spec.yField, spec.xField]
      : [spec.xField, spec.yField];
  const labels: Record<string, string> = {
    squad: '小分队',
    percent: '完成率(%)',
    month: '月份',
    kind: '指标',
    amount: '金额(亿元)',
  };
  return {
    tag: 'table',
    page_size: 10,
    freeze_first_column: true,
    columns: fields.map((f) => ({
      name: f,
      display_name: labels[f] ?? f,
      width: 'auto',
      ...(typeof spec.data.values[0]?.[f] === 'number'
        ? { data_type: 'number', format: { precision: f === 'amount' ? 2 : 1 } }
        : { data_type: 'text' }),
    })),
    rows: spec.data.values.map((v) => Object.fromEntries(fields.map((f) => [f, v[f]]))),
  };
}

/**
 * The chart, then a collapsed panel with the same data as a markdown table (a panel may not hold
 * a `table` element, and a table must sit at the body root — use chartFallbackTable there instead).
 */
export function chartWithFallback(chart: CardElement): CardElement[] {
  if (isEmptyChart(chart)) return [];
  const t = chartFallbackTable(chart);
  const cols = t.columns as { name: string; display_name: string }[];
  const rows = t.rows as Record<string, unknown>[];
  const md = [
    `| ${cols.map((c) => c.display_name).join(' | ')} |`,
    `| ${cols.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${cols.map((c) => String(r[c.name] ?? '')).join(' | ')} |`),
  ].join('\n');
  return [
    chart,
    {
      tag: 'collapsible_panel',
      expanded: false,
      header: { title: { tag: 'plain_text', content: '看不到图表？展开查看表格' } },
      elements: [{ tag: 'markdown', content: md }],
    },
  ];
}

/** Nothing to draw: no values, or every value 0 (a chart of empty bars says nothing). */
function isEmptyChart(chart: CardElement): boolean {
  const spec = chart.chart_spec as {
    data: { values: Record<string, unknown>[] };
    xField: string;
    yField: string;
    direction?: string;
  };
  const field = spec.direction === 'horizontal' ? spec.xField : spec.yField;
  return !spec.data.values.some((v) => Number(v[field]) > 0);
}

/** Problems of one chart element against what the card format allows; [] when fine. */
export function validateChartElement(el: unknown): string[] {
  const p: string[] = [];
  if (!isRecord(el)) return ['chart element must be an object'];
  if (el.tag !== 'chart') p.push(`tag must be "chart", got ${String(el.tag)}`);
  const allowed = new Set([
    'tag',
    'element_id',
    'chart_spec',
    'aspect_ratio',
    'color_theme',
    'height',
    'preview',
    'margin',
  ]);
  for (const k of Object.keys(el)) if (!allowed.has(k)) p.push(`unknown property "${k}" (JSON 2.0 is strict)`);
  if (el.aspect_ratio !== undefined && !(ASPECT_RATIOS as readonly unknown[]).includes(el.aspect_ratio))
    p.push(`aspect_ratio must be one of ${ASPECT_RATIOS.join(', ')}`);
  const spec = el.chart_spec;
  if (!isRecord(spec)) return [...p, 'chart_spec must be an object'];
  if (!(CHART_TYPES as readonly unknown[]).includes(spec.type))
    p.push(`chart_spec.type must be one of ${CHART_TYPES.join(', ')}`);
  const data = spec.data;
  const values = isRecord(data) ? data.values : Array.isArray(data) && isRecord(data[0]) ? data[0].values : undefined;
  if (!Array.isArray(values)) p.push('chart_spec.data.values must be an array');
  else if (values.some((v) => !isRecord(v))) p.push('chart_spec.data.values must hold objects');
  if (spec.type === 'bar' || spec.type === 'line' || spec.type === 'area') {
    for (const f of ['xField', 'yField'] as const) {
      if (typeof spec[f] !== 'string' && !Array.isArray(spec[f]))
        p.push(`chart_spec.${f} is required for ${String(spec.type)}`);
      else if (
        Array.isArray(values) &&
        typeof spec[f] === 'string' &&
        values.length &&
        !values.every((v) => isRecord(v) && (spec[f] as string) in v)
      )
        p.push(`chart_spec.${f} "${String(spec[f])}" is missing from some data values`);
    }
  }
  if (hasFunction(spec)) p.push('chart_spec must be plain JSON: no functions');
  return p;
}

/** Checks a whole card: each chart valid, at most 5 charts, at most 30 KB. */
export function validateCardCharts(card: unknown): string[] {
  const charts: unknown[] = [];
  walk(card, (n) => isRecord(n) && n.tag === 'chart' && charts.push(n));
  const p = charts.flatMap((c, i) => validateChartElement(c).map((x) => `chart ${i + 1}: ${x}`));
  if (charts.length > MAX_CHARTS_PER_CARD)
    p.push(`a card holds at most ${MAX_CHARTS_PER_CARD} charts, this one has ${charts.length}`);
  const bytes = Buffer.byteLength(JSON.stringify(card), 'utf8');
  if (bytes > CARD_MAX_BYTES) p.push(`card is ${bytes} bytes, more than 30 KB`);
  return p;
}

function hasFunction(v: unknown): boolean {
  let found = false;
  walk(v, (n) => {
    if (typeof n === 'function') found = true;
  });
  return found;
}

function walk(v: unknown, f: (n: unknown) => void): void {
  f(v);
  if (Array.isArray(v)) for (const x of v) walk(x, f);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) walk(x, f);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
