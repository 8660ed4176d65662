import { arr, h, isObj, safeToken, textOf, type Json } from './dom.js';
import { renderChart, renderPerson, renderPersonList, renderTable } from './card-data.js';
import {
  callbackValue,
  renderChecker,
  renderInput,
  renderMultiSelectPerson,
  renderMultiSelectStatic,
  renderPicker,
  renderSelectPerson,
  renderSelectStatic,
} from './card-inputs.js';
import { FormScope, type CardContext, type Renderer } from './card-context.js';
import { inline, renderMarkdown } from './markdown.js';
import type { ElementTag, TextTag } from './supported-tags.js';

// Feishu card JSON 2.0 drawn as DOM: the header, and every body component the project's templates
// use. The tables below are typed by supported-tags.ts, so a listed tag without a renderer does not
// compile; an unlisted tag is drawn as a visible "unsupported" box and logged as a console error.

class CardRenderer implements Renderer {
  constructor(
    readonly ctx: CardContext,
    readonly form?: FormScope,
  ) {}

  withForm(form: FormScope): Renderer {
    return new CardRenderer(this.ctx, form);
  }

  elements(list: unknown): Node[] {
    return arr(list).map((el) => this.element(el));
  }

  element(el: unknown): Node {
    if (!isObj(el) || typeof el.tag !== 'string') return document.createTextNode('');
    const draw = (ELEMENTS as Record<string, ((e: Json, r: Renderer) => Node) | undefined>)[el.tag];
    if (!draw) {
      console.error(`card element not supported by the sandbox page: ${el.tag}`);
      return h('div', { class: 'unsupported' }, `此元素暂不支持：${el.tag}`);
    }
    const node = draw(el, this);
    if (node instanceof HTMLElement) {
      node.dataset.tag = el.tag;
      if (typeof el.element_id === 'string') node.dataset.elementId = el.element_id;
    }
    return node;
  }

  /** A text object (plain_text / lark_md) or a bare string. */
  text(t: unknown): Node {
    if (typeof t === 'string') return document.createTextNode(t);
    if (!isObj(t)) return document.createTextNode('');
    // Panel titles and a few others carry a markdown object instead of plain_text / lark_md.
    if (t.tag === 'markdown') return h('span', {}, inline(textOf(t.content), this.ctx));
    const draw = (TEXTS as Record<string, ((e: Json, r: Renderer) => Node) | undefined>)[String(t.tag ?? 'plain_text')];
    return draw ? draw(t, this) : document.createTextNode(textOf(t));
  }
}

const TEXTS: Record<TextTag, (t: Json, r: Renderer) => Node> = {
  // Feishu keeps the line breaks of plain_text (a multi-line input shown back, one company per line).
  plain_text: (t) =>
    h('span', { class: 'plain ' + sizeClass(t.text_size) + ' ' + colorClass(t.text_color) }, textOf(t.content)),
  lark_md: (t, r) => h('span', { class: sizeClass(t.text_size) }, inline(textOf(t.content), r.ctx)),
  text_tag: (t, r) => h('span', { class: `tag tag-${safeToken(t.color, 'neutral')}` }, r.text(t.text)),
  standard_icon: () => h('span', { class: 'icon' }),
  custom_icon: () => h('span', { class: 'icon' }),
};

function sizeClass(v: unknown): string {
  return v ? `ts-${safeToken(v, 'normal')}` : '';
}
function colorClass(v: unknown): string {
  return v ? `fc fc-${safeToken(v, 'default')}` : '';
}
function alignClass(v: unknown): string {
  return v ? `ta-${safeToken(v, 'left')}` : '';
}

function renderButton(el: Json, r: Renderer): Node {
  const kind = safeToken(el.type, 'default');
  const btn = h(
    'button',
    {
      type: 'button',
      class: `btn btn-${kind} btn-${safeToken(el.size, 'medium')} ${el.width === 'fill' ? 'btn-fill' : ''}`,
    },
    r.text(el.text),
  );
  if (typeof el.name === 'string') btn.dataset.name = el.name;
  if (el.disabled === true) {
    btn.disabled = true;
    if (el.disabled_tips) btn.title = textOf(el.disabled_tips);
  }
  const urls = arr(el.behaviors).filter((b): b is Json => isObj(b) && b.type === 'open_url');
  btn.addEventListener('click', async () => {
    const confirm = isObj(el.confirm) ? el.confirm : undefined;
    if (confirm && !(await r.ctx.confirm(textOf(confirm.title), textOf(confirm.text)))) return;
    const url = urls[0] ? String(urls[0].default_url ?? urls[0].pc_url ?? '') : '';
    if (/^https?:\/\//.test(url)) window.open(url, '_blank', 'noopener');
    if (el.form_action_type === 'reset') {
      r.form?.reset();
      return;
    }
    const value = callbackValue(el);
    if (el.form_action_type === 'submit') {
      if (!r.form) return;
      if (r.form.missingRequired().length) {
        r.ctx.toast('error', '有必填项未填写');
        return;
      }
      btn.disabled = true;
      await r.ctx.act({
        tag: 'button',
        name: typeof el.name === 'string' ? el.name : undefined,
        value: value ?? {},
        form_value: r.form.values(),
      });
      btn.disabled = false;
      return;
    }
    if (!value) return;
    btn.disabled = true;
    await r.ctx.act({ tag: 'button', name: typeof el.name === 'string' ? el.name : undefined, value });
    btn.disabled = false;
  });
  return btn;
}

function renderOverflow(el: Json, r: Renderer): Node {
  const menu = h('div', { class: 'overflow-menu', hidden: true });
  const toggle = h('button', { type: 'button', class: 'btn btn-text overflow-toggle', 'aria-label': '更多' }, '⋯');
  toggle.addEventListener('click', () => (menu.hidden = !menu.hidden));
  for (const o of arr(el.options).filter(isObj)) {
    const item = h('button', { type: 'button', class: 'overflow-item' }, r.text(o.text));
    item.addEventListener('click', () => {
      menu.hidden = true;
      const value = callbackValue(el);
      void r.ctx.act({
        tag: 'overflow',
        option: String(o.value ?? ''),
        ...(value ? { value } : {}),
        ...(typeof el.name === 'string' ? { name: el.name } : {}),
      });
    });
    menu.appendChild(item);
  }
  return h('div', { class: 'overflow' }, toggle, menu);
}

function renderColumnSet(el: Json, r: Renderer): Node {
  const set = h('div', {
    class: `cols cols-${safeToken(el.flex_mode, 'none')} bg-${safeToken(el.background_style, 'default')}`,
  });
  for (const c of arr(el.columns)) set.appendChild(r.element(c));
  return set;
}

function renderColumn(el: Json, r: Renderer): Node {
  const col = h('div', { class: `col va-${safeToken(el.vertical_align, 'top')}` });
  if (el.width === 'weighted') col.style.flex = `${Math.min(5, Math.max(1, Number(el.weight) || 1))} 1 0`;
  else if (typeof el.width === 'string' && /^\d+px$/.test(el.width)) col.style.flex = `0 1 ${el.width}`;
  else col.style.flex = '0 0 auto';
  for (const n of r.elements(el.elements)) col.appendChild(n);
  return col;
}

function renderForm(el: Json, r: Renderer): Node {
  const scope = new FormScope();
  const form = h('form', { class: 'card-form', novalidate: true });
  if (typeof el.name === 'string') form.dataset.name = el.name;
  form.addEventListener('submit', (e) => e.preventDefault());
  for (const n of r.withForm(scope).elements(el.elements)) form.appendChild(n);
  return form;
}

function renderPanel(el: Json, r: Renderer): Node {
  const header = isObj(el.header) ? el.header : {};
  const details = h('details', { class: 'panel', open: el.expanded === true });
  details.appendChild(h('summary', {}, r.text(header.title)));
  details.appendChild(h('div', { class: 'panel-body' }, r.elements(el.elements)));
  return details;
}

const ELEMENTS: Record<ElementTag, (el: Json, r: Renderer) => Node> = {
  markdown: (el, r) => {
    const md = renderMarkdown(textOf(el.content), r.ctx);
    md.className += ` ${sizeClass(el.text_size)} ${alignClass(el.text_align)}`;
    return md;
  },
  div: (el, r) => {
    const t = isObj(el.text) ? el.text : {};
    return h(
      'div',
      { class: `div ${sizeClass(t.text_size)} ${alignClass(t.text_align)}` },
      r.text(el.text),
      r.elements(arr(el.fields).map((f) => (isObj(f) ? f.text : f))),
    );
  },
  hr: () => h('hr'),
  column_set: renderColumnSet,
  column: renderColumn,
  form: renderForm,
  input: renderInput,
  select_static: renderSelectStatic,
  multi_select_static: renderMultiSelectStatic,
  date_picker: (el, r) => renderPicker(el, r, 'date_picker'),
  picker_time: (el, r) => renderPicker(el, r, 'picker_time'),
  picker_datetime: (el, r) => renderPicker(el, r, 'picker_datetime'),
  select_person: renderSelectPerson,
  multi_select_person: renderMultiSelectPerson,
  checker: renderChecker,
  button: renderButton,
  overflow: renderOverflow,
  table: renderTable,
  chart: renderChart,
  person: renderPerson,
  person_list: renderPersonList,
  collapsible_panel: renderPanel,
  img: (el) => h('div', { class: 'img-placeholder' }, `[图片] ${textOf(el.alt)}`.trimEnd()),
};

function renderHeader(header: Json, r: Renderer): HTMLElement {
  const tags = arr(header.text_tag_list).map((t) => r.text(t));
  return h(
    'div',
    { class: `card-header hd-${safeToken(header.template, 'default')}` },
    h(
      'div',
      { class: 'card-title' },
      r.text(header.title),
      tags.length ? h('span', { class: 'card-tags' }, tags) : null,
    ),
    header.subtitle ? h('div', { class: 'card-subtitle' }, r.text(header.subtitle)) : null,
  );
}

/** A whole card (JSON 2.0; a 1.0 card's `elements` are drawn the same way). */
export function renderCard(card: unknown, ctx: CardContext): HTMLElement {
  const c = isObj(card) ? card : {};
  const r = new CardRenderer(ctx);
  const box = h('div', { class: 'card' });
  if (isObj(c.header)) box.appendChild(renderHeader(c.header, r));
  const body = isObj(c.body) ? c.body.elements : c.elements;
  box.appendChild(h('div', { class: 'card-body' }, r.elements(body)));
  return box;
}
