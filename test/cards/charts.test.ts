import { describe, expect, it } from 'vitest';
import {
  buildCompletionChart,
  buildMonthlyTrendChart,
  chartFallbackTable,
  chartWithFallback,
  validateCardCharts,
  validateChartElement,
} from '../../src/cards/shared/charts.js';

const bars = buildCompletionChart([
  { squad: '木业深加工招商小分队', completion: 0.5 },
  { squad: '重大项目招商谈判小分队', completion: 1.2 },
]);
const line = buildMonthlyTrendChart([
  { month: '2018-06', signedInvestment: 150000, fundsInPlace: 32000 },
  { month: '2018-07', signedInvestment: 0, fundsInPlace: 41000 },
]);
const card = (elements: unknown[]) => ({
  schema: '2.0',
  header: { title: { tag: 'plain_text', content: 't' } },
  body: { elements },
});

describe('chart elements', () => {
  it('completion bars: in the order given (the table’s), percent, short names, readable label sizes', () => {
    const spec = bars.chart_spec as any;
    expect(spec.type).toBe('bar');
    expect(spec.data.values).toEqual([
      { squad: '木业深加工', percent: 50 },
      { squad: '重大项目招商谈判', percent: 120 },
    ]);
    expect(spec.label.style.fontSize).toBeGreaterThanOrEqual(12);
    for (const axis of spec.axes) expect(axis.label.style.fontSize).toBeGreaterThanOrEqual(12);
    expect(validateChartElement(bars)).toEqual([]);
  });

  it('the monthly trend has readable axis labels too', () => {
    for (const axis of (line.chart_spec as any).axes) expect(axis.label.style.fontSize).toBeGreaterThanOrEqual(12);
  });

  it.each([
    ['no bars at all', buildCompletionChart([])],
    [
      'every bar at 0',
      buildCompletionChart([
        { squad: '甲', completion: 0 },
        { squad: '乙', completion: 0 },
      ]),
    ],
    ['a trend of zeros', buildMonthlyTrendChart([{ month: '2018-01', signedInvestment: 0, fundsInPlace: 0 }])],
  ])('an empty chart is not drawn: %s', (_, chart) => expect(chartWithFallback(chart)).toEqual([]));

  it('monthly trend: two series in 亿元', () => {
    const spec = line.chart_spec as any;
    expect(spec.type).toBe('line');
    expect(spec.seriesField).toBe('kind');
    expect(spec.data.values).toContainEqual({ month: '06月', kind: '签约投资额', amount: 15 });
    expect(spec.data.values).toContainEqual({ month: '07月', kind: '到位资金', amount: 4.1 });
    expect(validateChartElement(line)).toEqual([]);
  });

  it.each([
    ['a wrong tag', { ...bars, tag: 'img' }, 'tag must be "chart"'],
    [
      'an unknown chart type',
      { ...bars, chart_spec: { ...(bars.chart_spec as object), type: 'sankey3d' } },
      'chart_spec.type must be one of',
    ],
    [
      'values that are no array',
      { ...bars, chart_spec: { ...(bars.chart_spec as object), data: { values: {} } } },
      'data.values must be an array',
    ],
    [
      'a missing yField',
      { ...line, chart_spec: { ...(line.chart_spec as object), yField: undefined } },
      'chart_spec.yField is required',
    ],
    [
      'an xField not in the data',
      { ...line, chart_spec: { ...(line.chart_spec as object), xField: 'day' } },
      'xField "day" is missing',
    ],
    ['a bad aspect ratio', { ...bars, aspect_ratio: '3:2' }, 'aspect_ratio must be one of'],
    ['an unknown property', { ...bars, width: 300 }, 'unknown property "width"'],
    [
      'a function in the spec',
      { ...bars, chart_spec: { ...(bars.chart_spec as object), label: { formatMethod: () => 'x' } } },
      'no functions',
    ],
  ])('refuses %s', (_, el, message) => {
    expect(validateChartElement(el).join('\n')).toContain(message);
  });

  it('a card with six charts or over 30 KB is refused; five are fine', () => {
    expect(validateCardCharts(card([bars, line, bars, line, bars]))).toEqual([]);
    expect(validateCardCharts(card([bars, line, bars, line, bars, line])).join()).toContain('at most 5 charts');
    const huge = buildCompletionChart(
      Array.from({ length: 800 }, (_, i) => ({ squad: `第${i}个很长名字的招商小分队`, completion: i / 800 })),
    );
    expect(validateCardCharts(card([huge])).join()).toContain('more than 30 KB');
  });

  it('degrades to a table: the same numbers, as a table element and a collapsed markdown table', () => {
    const t = chartFallbackTable(line) as any;
    expect(t.tag).toBe('table');
    expect(t.columns.map((c: any) => c.display_name)).toEqual(['月份', '指标', '金额(亿元)']);
    expect(t.rows).toHaveLength(4);
    const [chart, panel] = chartWithFallback(bars) as any[];
    expect(chart).toBe(bars);
    expect(panel.tag).toBe('collapsible_panel');
    expect(panel.header.title.content).toBe('看不到图表？展开查看表格');
    expect(panel.elements[0].content).toContain('| 重大项目招商谈判 | 120 |');
  });
});
