import { arr, h, isObj, safeToken, textOf, type Json } from './dom.js';
import { inline } from './markdown.js';
import type { Renderer } from './card-context.js';

// Data components: table (paged), chart (bars, lines, pies as bars — inline SVG), person chips.

export function renderTable(el: Json, r: Renderer): Node {
  const columns = arr(el.columns).filter(isObj);
  const rows = arr(el.rows).filter(isObj);
  const size = Math.min(10, Math.max(1, Number(el.page_size) || 5));
  const pages = Math.max(1, Math.ceil(rows.length / size));
  const box = h('div', { class: 'tbl' });
  let page = 0;
  const draw = () => {
    box.textContent = '';
    const table = h('table');
    const head = h('tr');
    for (const c of columns) head.appendChild(h('th', {}, textOf(c.display_name) || String(c.name ?? '')));
    table.appendChild(h('thead', {}, head));
    const body = h('tbody');
    for (const row of rows.slice(page * size, page * size + size)) {
      const tr = h('tr');
      for (const c of columns)
        tr.appendChild(
          h('td', { class: c.data_type === 'number' ? 'num' : undefined }, cell(row[String(c.name)], c, r)),
        );
      body.appendChild(tr);
    }
    table.appendChild(body);
    box.appendChild(h('div', { class: 'tbl-scroll' }, table));
    if (pages > 1) {
      const prev = h('button', { type: 'button', class: 'pager' }, '上一页');
      const next = h('button', { type: 'button', class: 'pager' }, '下一页');
      prev.disabled = page === 0;
      next.disabled = page === pages - 1;
      prev.addEventListener('click', () => {
        page = Math.max(0, page - 1);
        draw();
      });
      next.addEventListener('click', () => {
        page = Math.min(pages - 1, page + 1);
        draw();
      });
      box.appendChild(h('div', { class: 'tbl-pager' }, prev, h('span', {}, `${page + 1} / ${pages}`), next));
    }
  };
  draw();
  return box;
}

function cell(v: unknown, c: Json, r: Renderer): Node | Node[] | string {
  if (v === undefined || v === null) return '';
  switch (c.data_type) {
    case 'number': {
      const f = isObj(c.format) ? c.format : {};
      const n = Number(v);
      if (!Number.isFinite(n)) return String(v);
      const precision = Math.min(10, Math.max(0, Number(f.precision ?? 2)));
      const text = n.toLocaleString('zh-CN', {
        minimumFractionDigits: precision,
        maximumFractionDigits: precision,
        useGrouping: f.separator === true,
      });
      return document.createTextNode(`${typeof f.symbol === 'string' ? f.symbol : ''}${text}`);
    }
    case 'options': {
      const opts = Array.isArray(v) ? v : [v];
      return opts.map((o) =>
        isObj(o)
          ? h('span', { class: `tag tag-${safeToken(o.color, 'neutral')}` }, textOf(o.text))
          : h('span', { class: 'tag tag-neutral' }, String(o)),
      );
    }
    case 'persons':
      return (Array.isArray(v) ? v : [v]).map((id) => personChip(String(id), r));
    case 'date': {
      const d = new Date(Number(v));
      return Number.isNaN(d.getTime())
        ? String(v)
        : d.toLocaleDateString('zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' }).replace(/\//g, '-');
    }
    case 'lark_md':
    case 'markdown':
      return inline(String(v), r.ctx);
    default:
      return document.createTextNode(String(v));
  }
}

function personChip(openId: string, r: Renderer): HTMLElement {
  const name = r.ctx.nameOf(openId);
  return h('span', { class: 'person-chip' }, h('span', { class: 'avatar' }, name.slice(0, 1)), name);
}

export function renderPerson(el: Json, r: Renderer): Node {
  return personChip(String(el.user_id ?? ''), r);
}

export function renderPersonList(el: Json, r: Renderer): Node {
  return h(
    'div',
    { class: 'person-list' },
    arr(el.persons)
      .filter(isObj)
      .map((p) => personChip(String(p.id ?? ''), r)),
  );
}

interface Series {
  name: string;
  points: Map<string, number>;
}

const PALETTE = ['#3370ff', '#34c724', '#ff7d00', '#f54a45', '#7f3bf5', '#14c0ff', '#ffc60a'];

/** VChart specs as the project builds them: bar / line (/ area, pie drawn as bars), data.values rows. */
export function renderChart(el: Json, r: Renderer): Node {
  void r;
  const spec = isObj(el.chart_spec) ? el.chart_spec : {};
  const data = Array.isArray(spec.data)
    ? spec.data.flatMap((d) => (isObj(d) ? arr(d.values) : []))
    : isObj(spec.data)
      ? arr(spec.data.values)
      : [];
  const type = String(spec.type ?? 'bar');
  const horizontal = spec.direction === 'horizontal';
  const first = (v: unknown) => String(Array.isArray(v) ? v[0] : v);
  const xFields = Array.isArray(spec.xField) ? spec.xField.map(String) : [String(spec.xField ?? 'x')];
  // Category and value: x/y for vertical charts, y/x for horizontal bars, category/value for pies.
  const catField =
    type === 'pie' ? String(spec.categoryField ?? 'type') : horizontal ? first(spec.yField ?? 'y') : xFields[0]!;
  const yField =
    type === 'pie' ? String(spec.valueField ?? 'value') : horizontal ? xFields[0]! : first(spec.yField ?? 'y');
  const seriesField = typeof spec.seriesField === 'string' ? spec.seriesField : horizontal ? undefined : xFields[1];
  const categories: string[] = [];
  const series = new Map<string, Series>();
  for (const row of data.filter(isObj)) {
    const x = String(row[catField] ?? '');
    const s = seriesField ? String(row[seriesField] ?? '') : '';
    if (!categories.includes(x)) categories.push(x);
    if (!series.has(s)) series.set(s, { name: s, points: new Map() });
    series.get(s)!.points.set(x, Number(row[yField]) || 0);
  }
  const title = isObj(spec.title) ? textOf(spec.title.text) : '';
  const box = h('div', {
    class: 'chart',
    'data-chart-type': type,
    'data-direction': horizontal ? 'horizontal' : undefined,
  });
  if (title) box.appendChild(h('div', { class: 'chart-title' }, title));
  const all = [...series.values()];
  const font = labelFontOf(spec);
  box.appendChild(
    type === 'line' || type === 'area'
      ? lineSvg(categories, all, font)
      : horizontal || type === 'pie'
        ? hbarSvg(categories, all, font)
        : barSvg(categories, all, font),
  );
  if (series.size > 1 || (series.size === 1 && [...series.keys()][0])) {
    box.appendChild(
      h(
        'div',
        { class: 'legend' },
        [...series.values()].map((s, i) =>
          h('span', {}, h('i', { style: `background:${PALETTE[i % PALETTE.length]}` }), s.name),
        ),
      ),
    );
  }
  return box;
}

/** The axis label size the spec asks for (VChart `axes[].label.style.fontSize`), else VChart-like 9. */
function labelFontOf(spec: Json): number {
  for (const axis of arr(spec.axes).filter(isObj)) {
    const style = isObj(axis.label) && isObj(axis.label.style) ? axis.label.style : {};
    const size = Number(style.fontSize);
    if (size >= 6 && size <= 30) return size;
  }
  return 9;
}

const W = 320;
const H = 180;
const PAD = { l: 36, r: 8, t: 10, b: 34 };
const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

function frame(
  categories: string[],
  max: number,
  font = 9,
): { root: SVGElement; x(i: number): number; y(v: number): number; band: number } {
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart-svg', role: 'img' });
  const band = (W - PAD.l - PAD.r) / Math.max(1, categories.length);
  const y = (v: number) => H - PAD.b - (max > 0 ? (v / max) * (H - PAD.t - PAD.b) : 0);
  root.appendChild(svg('line', { x1: PAD.l, y1: H - PAD.b, x2: W - PAD.r, y2: H - PAD.b, stroke: '#c9cdd4' }));
  root.appendChild(
    svg(
      'text',
      { x: PAD.l - 4, y: PAD.t + 8, 'text-anchor': 'end', 'font-size': font, fill: '#646a73' },
      shortNumber(max),
    ),
  );
  root.appendChild(
    svg('text', { x: PAD.l - 4, y: H - PAD.b, 'text-anchor': 'end', 'font-size': font, fill: '#646a73' }, '0'),
  );
  categories.forEach((c, i) => {
    root.appendChild(
      svg(
        'text',
        {
          x: PAD.l + band * i + band / 2,
          y: H - PAD.b + 14,
          'text-anchor': 'middle',
          'font-size': font,
          fill: '#646a73',
        },
        c.length > 6 ? c.slice(0, 6) + '…' : c,
      ),
    );
  });
  return { root, x: (i) => PAD.l + band * i, y, band };
}

function maxOf(series: Series[]): number {
  return Math.max(0, ...series.flatMap((s) => [...s.points.values()]));
}

function barSvg(categories: string[], series: Series[], font: number): SVGElement {
  const f = frame(categories, maxOf(series), font);
  const width = (f.band * 0.7) / Math.max(1, series.length);
  categories.forEach((c, i) => {
    series.forEach((s, j) => {
      const v = s.points.get(c) ?? 0;
      const y = f.y(v);
      const bar = svg('rect', {
        x: f.x(i) + f.band * 0.15 + width * j,
        y,
        width,
        height: H - PAD.b - y,
        fill: PALETTE[j % PALETTE.length]!,
        class: 'bar',
      });
      bar.appendChild(svg('title', {}, `${s.name ? s.name + ' · ' : ''}${c}：${v}`));
      f.root.appendChild(bar);
    });
  });
  return f.root;
}

/** Horizontal bars: one row per category, the value written after the bar (fits a phone). */
function hbarSvg(categories: string[], series: Series[], font: number): SVGElement {
  const rowH = Math.max(18, font + 8);
  const labelW = Math.max(96, font * 8.5);
  const maxChars = Math.floor((labelW - 6) / font);
  const height = Math.max(1, categories.length * series.length) * rowH + 8;
  // As tall as its rows need (no max-height squeeze), no wider than 1.25× its drawing on a desktop.
  const root = svg('svg', {
    viewBox: `0 0 ${W} ${height}`,
    class: 'chart-svg',
    role: 'img',
    style: `max-height:none;max-width:${W * 1.25}px`,
  });
  const max = maxOf(series);
  let y = 4;
  categories.forEach((c) => {
    root.appendChild(
      svg(
        'text',
        { x: labelW - 4, y: y + rowH / 2 + font / 3, 'text-anchor': 'end', 'font-size': font, fill: '#646a73' },
        c.length > maxChars ? c.slice(0, maxChars - 1) + '…' : c,
      ),
    );
    series.forEach((s, j) => {
      const v = s.points.get(c) ?? 0;
      const w = max > 0 ? (v / max) * (W - labelW - 40) : 0;
      const bar = svg('rect', {
        x: labelW,
        y: y + 3,
        width: w,
        height: rowH - 6,
        fill: PALETTE[j % PALETTE.length]!,
        class: 'bar',
      });
      bar.appendChild(svg('title', {}, `${s.name ? s.name + ' · ' : ''}${c}：${v}`));
      root.appendChild(bar);
      root.appendChild(
        svg(
          'text',
          { x: labelW + w + 4, y: y + rowH / 2 + font / 3, 'font-size': font, fill: '#1f2329' },
          shortNumber(v),
        ),
      );
      y += rowH;
    });
  });
  return root;
}

function lineSvg(categories: string[], series: Series[], font: number): SVGElement {
  const f = frame(categories, maxOf(series), font);
  series.forEach((s, j) => {
    const pts = categories.map((c, i) => `${f.x(i) + f.band / 2},${f.y(s.points.get(c) ?? 0)}`).join(' ');
    f.root.appendChild(
      svg('polyline', {
        points: pts,
        fill: 'none',
        stroke: PALETTE[j % PALETTE.length]!,
        'stroke-width': 2,
        class: 'line',
      }),
    );
  });
  return f.root;
}

function shortNumber(n: number): string {
  return n >= 10000 ? `${(n / 10000).toFixed(1)}万` : String(Math.round(n * 100) / 100);
}
