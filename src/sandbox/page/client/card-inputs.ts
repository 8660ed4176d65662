import { arr, h, isObj, textOf, type Json } from './dom.js';
import type { ClickedAction, Renderer } from './card-context.js';

// Interactive components. Inside a form they only register a field (one submit sends every value
// as `form_value`, keyed by component name, in Feishu's formats); outside a form a change is a
// callback of its own (`option`, `options`, `checked`, `input_value`).

/** The callback value of a component: its `behaviors` callback, or the older top-level `value`. */
export function callbackValue(el: Json): Record<string, unknown> | undefined {
  for (const b of arr(el.behaviors)) if (isObj(b) && b.type === 'callback' && isObj(b.value)) return b.value;
  return isObj(el.value) ? el.value : undefined;
}

/** The device's UTC offset as Feishu's pickers append it, e.g. `+0800`. */
function offsetText(d = new Date()): string {
  const minutes = -d.getTimezoneOffset();
  const sign = minutes >= 0 ? '+' : '-';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

function labelled(el: Json, control: HTMLElement, r: Renderer): HTMLElement {
  const label = textOf(el.label);
  const wrap = h('label', { class: `field field-${el.label_position === 'left' ? 'left' : 'top'}` });
  if (label)
    wrap.appendChild(h('span', { class: 'field-label' }, label, el.required ? h('span', { class: 'req' }, '*') : null));
  wrap.appendChild(control);
  if (typeof el.name === 'string') control.setAttribute('data-name', el.name);
  void r;
  return wrap;
}

function register(el: Json, r: Renderer, value: () => unknown, reset: () => void): void {
  if (r.form && typeof el.name === 'string')
    r.form.add({ name: el.name, required: el.required === true, value, reset });
}

function fire(el: Json, r: Renderer, action: Omit<ClickedAction, 'value' | 'name'>): void {
  if (r.form) return;
  const value = callbackValue(el);
  void r.ctx.act({ ...action, name: typeof el.name === 'string' ? el.name : undefined, ...(value ? { value } : {}) });
}

export function renderInput(el: Json, r: Renderer): Node {
  const multiline = el.input_type === 'multiline_text';
  const initial = typeof el.default_value === 'string' ? el.default_value : '';
  const control = multiline
    ? h('textarea', { rows: String(Number(el.rows) || 3) })
    : h('input', { type: el.input_type === 'password' ? 'password' : 'text' });
  control.value = initial;
  control.placeholder = textOf(el.placeholder);
  if (Number(el.max_length) > 0) control.maxLength = Number(el.max_length);
  if (el.disabled === true) control.disabled = true;
  register(
    el,
    r,
    () => control.value,
    () => (control.value = initial),
  );
  if (!r.form) {
    control.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Enter' && !multiline) fire(el, r, { tag: 'input', input_value: control.value });
    });
  }
  return labelled(el, control, r);
}

interface Opt {
  value: string;
  text: string;
}

function optionsOf(el: Json): Opt[] {
  return arr(el.options)
    .filter(isObj)
    .map((o) => ({ value: String(o.value ?? ''), text: textOf(o.text) }));
}

function personOptions(el: Json, r: Renderer): Opt[] {
  const ids = arr(el.options)
    .filter(isObj)
    .map((o) => String(o.value ?? ''));
  // With no options Feishu offers the members of the chat the card is in.
  return (ids.length ? ids : r.ctx.chatMembers()).map((id) => ({ value: id, text: r.ctx.nameOf(id) }));
}

function renderSelect(el: Json, r: Renderer, opts: Opt[], tag: string): Node {
  const select = h('select');
  select.appendChild(h('option', { value: '' }, textOf(el.placeholder) || '请选择'));
  for (const o of opts) select.appendChild(h('option', { value: o.value }, o.text));
  const index = Number(el.initial_index);
  const initial =
    typeof el.initial_option === 'string' ? el.initial_option : index > 0 ? (opts[index - 1]?.value ?? '') : '';
  select.value = opts.some((o) => o.value === initial) ? initial : '';
  if (el.disabled === true) select.disabled = true;
  register(
    el,
    r,
    () => select.value || undefined,
    () => (select.value = initial),
  );
  select.addEventListener('change', () => fire(el, r, { tag, option: select.value }));
  return labelled(el, select, r);
}

function renderMultiSelect(el: Json, r: Renderer, opts: Opt[], tag: string): Node {
  const select = h('select', { multiple: true, size: String(Math.min(5, Math.max(2, opts.length))) });
  const initial = arr(el.selected_values).map(String);
  for (const o of opts) select.appendChild(h('option', { value: o.value }, o.text));
  const apply = (values: string[]) => {
    for (const o of Array.from(select.options)) o.selected = values.includes(o.value);
  };
  apply(initial);
  const chosen = () => Array.from(select.selectedOptions).map((o) => o.value);
  register(el, r, chosen, () => apply(initial));
  select.addEventListener('change', () => fire(el, r, { tag, options: chosen() }));
  return labelled(el, select, r);
}

export const renderSelectStatic = (el: Json, r: Renderer) => renderSelect(el, r, optionsOf(el), 'select_static');
export const renderSelectPerson = (el: Json, r: Renderer) => renderSelect(el, r, personOptions(el, r), 'select_person');
export const renderMultiSelectStatic = (el: Json, r: Renderer) =>
  renderMultiSelect(el, r, optionsOf(el), 'multi_select_static');
export const renderMultiSelectPerson = (el: Json, r: Renderer) =>
  renderMultiSelect(el, r, personOptions(el, r), 'multi_select_person');

/**
 * date_picker / picker_time / picker_datetime: values as `2025-06-10 +0800`, `09:30 +0800`,
 * `2025-06-10 09:30 +0800`.
 */
export function renderPicker(el: Json, r: Renderer, kind: 'date_picker' | 'picker_time' | 'picker_datetime'): Node {
  const type = kind === 'date_picker' ? 'date' : kind === 'picker_time' ? 'time' : 'datetime-local';
  const raw = kind === 'date_picker' ? el.initial_date : kind === 'picker_time' ? el.initial_time : el.initial_datetime;
  const initial = typeof raw === 'string' ? raw.replace(' ', 'T') : '';
  const control = h('input', { type });
  control.value = initial;
  if (el.disabled === true) control.disabled = true;
  const value = () => (control.value ? `${control.value.replace('T', ' ')} ${offsetText()}` : undefined);
  register(el, r, value, () => (control.value = initial));
  control.addEventListener('change', () => fire(el, r, { tag: kind, option: value() ?? '' }));
  const placeholder = textOf(el.placeholder);
  if (placeholder) control.title = placeholder;
  return labelled(el, control, r);
}

export function renderChecker(el: Json, r: Renderer): Node {
  const initial = el.checked === true;
  const box = h('input', { type: 'checkbox' });
  box.checked = initial;
  if (el.disabled === true) box.disabled = true;
  if (typeof el.name === 'string') box.setAttribute('data-name', el.name);
  register(
    el,
    r,
    () => box.checked,
    () => (box.checked = initial),
  );
  box.addEventListener('change', () => fire(el, r, { tag: 'checker', checked: box.checked }));
  return h('label', { class: 'checker' }, box, r.text(el.text));
}
