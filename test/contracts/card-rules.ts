// Feishu's card JSON 2.0 rules (https://open.feishu.cn/document/feishu-cards/card-json-v2-structure)
// checked on a rendered card: each function
// returns the problems found, [] when the card is fine.
import { CARD_MAX_BYTES, MAX_CHARTS_PER_CARD, validateCardCharts } from '../../src/cards/shared/charts.js';

type Node = Record<string, unknown>;
const isRecord = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Components a user fills in or taps; inside a form each needs a name unique in the card (§3). */
const INTERACTIVE = new Set([
  'input',
  'select_static',
  'multi_select_static',
  'select_person',
  'multi_select_person',
  'select_img',
  'multi_select_img',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'checker',
  'button',
  'overflow',
]);
const MAX_ELEMENTS = 200;
const HEADER_TEMPLATES = new Set(
  'blue wathet turquoise green yellow orange red carmine violet purple indigo grey default'.split(' '),
);
const TAG_COLOURS = new Set(
  'neutral blue turquoise lime orange violet indigo wathet green yellow red purple carmine'.split(' '),
);
const BUTTON_TYPES = new Set(
  'default primary danger text primary_text danger_text primary_filled danger_filled laser'.split(' '),
);
const MAX_TABLES = 5;

interface Placed {
  el: Node;
  path: string;
  /** Directly in body.elements. */
  root: boolean;
  /** The name of the form it is in, if any. */
  form: string | null;
}

/** Every component of the body (in forms, columns and panels), with where it sits. */
function elementsOf(card: unknown): { placed: Placed[]; problems: string[] } {
  const placed: Placed[] = [];
  const problems: string[] = [];
  const walk = (list: unknown, path: string, root: boolean, form: string | null) => {
    if (!Array.isArray(list)) return;
    list.forEach((el, i) => {
      const at = `${path}[${i}]`;
      if (!isRecord(el) || typeof el.tag !== 'string') {
        problems.push(`${at} is not a component: ${JSON.stringify(el)?.slice(0, 60)}`);
        return;
      }
      placed.push({ el, path: at, root, form });
      const inner = el.tag === 'form' ? String(el.name ?? '') : form;
      walk(el.elements, `${at}.elements`, false, inner);
      // A column_set's columns are components; a table's are column definitions (name, display_name…).
      if (el.tag !== 'table') walk(el.columns, `${at}.columns`, false, inner);
    });
  };
  const body = isRecord(card) && isRecord(card.body) ? card.body : undefined;
  if (!body || !Array.isArray(body.elements)) problems.push('card has no body.elements array');
  else walk(body.elements, 'body.elements', true, null);
  return { placed, problems };
}

/** JSON 2.0 skeleton, no placeholder left, size, charts, element count (§1, §2). */
export function skeletonProblems(card: Node, template: Node): string[] {
  const p: string[] = [];
  if (card.schema !== '2.0') p.push(`schema is ${JSON.stringify(card.schema)}, not "2.0"`);
  const config = isRecord(card.config) ? card.config : {};
  const tplConfig = isRecord(template.config) ? template.config : {};
  if ('update_multi' in tplConfig && config.update_multi !== true)
    p.push(`config.update_multi is ${JSON.stringify(config.update_multi)}; the template sets it, 2.0 allows only true`);
  const text = JSON.stringify(card);
  const left = text.match(/\$\{[^}]*\}?/g);
  if (left) p.push(`placeholders left: ${[...new Set(left)].slice(0, 5).join(', ')}`);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > CARD_MAX_BYTES) p.push(`card is ${bytes} bytes, over ${CARD_MAX_BYTES}`);
  // (validateCardCharts measures the size too: said once above.)
  p.push(
    ...validateCardCharts(card)
      .filter((x) => !x.includes('30 KB'))
      .map((x) => `charts: ${x}`),
  );
  const header = isRecord(card.header) ? card.header : {};
  if (header.template !== undefined && !HEADER_TEMPLATES.has(String(header.template)))
    p.push(`header.template "${header.template}" is not a Feishu colour`);
  const tags = Array.isArray(header.text_tag_list) ? header.text_tag_list : [];
  if (tags.length > 3) p.push(`header has ${tags.length} tags, at most 3`);
  for (const t of tags)
    if (isRecord(t) && !TAG_COLOURS.has(String(t.color)))
      p.push(`header tag colour "${t.color}" is not a Feishu colour`);
  const { placed, problems } = elementsOf(card);
  p.push(...problems);
  const charts = placed.filter((x) => x.el.tag === 'chart').length;
  if (charts > MAX_CHARTS_PER_CARD) p.push(`${charts} charts, at most ${MAX_CHARTS_PER_CARD}`);
  if (placed.length > MAX_ELEMENTS) p.push(`${placed.length} components, at most ${MAX_ELEMENTS}`);
  return p;
}

/** Forms at the body root with a submit button, tables at the root, names non-empty and unique (§2, §3). */
export function layoutProblems(card: Node): string[] {
  const p: string[] = [];
  const { placed } = elementsOf(card);
  const names = new Map<string, string>();
  const fieldsOf = new Map<string, Set<string>>();
  for (const { el, path, root, form } of placed) {
    const name = typeof el.name === 'string' ? el.name : undefined;
    if (el.tag === 'form') {
      if (!root) p.push(`form "${name}" at ${path}: a form may only sit directly in body.elements`);
      if (!name) p.push(`form at ${path} has no name`);
      const inside = placed.filter((x) => x.path.startsWith(`${path}.`));
      if (!inside.some((x) => x.el.tag === 'button' && x.el.form_action_type === 'submit'))
        p.push(`form "${name}" has no submit button`);
    }
    if (el.tag === 'table') {
      if (!root) p.push(`table at ${path}: a table may only sit directly in body.elements`);
      if (form !== null) p.push(`table at ${path} is inside form "${form}"`);
    }
    if (form !== null && INTERACTIVE.has(String(el.tag))) {
      if (!name) p.push(`${el.tag} at ${path} in form "${form}" has no name (client error 200530)`);
      else {
        const seen = fieldsOf.get(form) ?? new Set<string>();
        if (seen.has(name)) p.push(`form "${form}" has two fields named "${name}"`);
        fieldsOf.set(form, seen.add(name));
      }
    }
    if (name !== undefined) {
      const first = names.get(name);
      if (first !== undefined) p.push(`name "${name}" used twice in the card: ${first} and ${path}`);
      else names.set(name, path);
    }
    if (el.tag === 'button' && el.type !== undefined && !BUTTON_TYPES.has(String(el.type)))
      p.push(`button ${name ?? path}: type "${el.type}" is not a button type`);
    if (el.tag === 'button' && isRecord(el.text) && String(el.text.content ?? '').length > 100)
      p.push(`button ${name ?? path}: text longer than 100 characters`);
  }
  const tables = placed.filter((x) => x.el.tag === 'table').length;
  p.push(...elementIdProblems(placed), ...optionProblems(placed));
  if (tables > MAX_TABLES) p.push(`${tables} tables, at most ${MAX_TABLES}`);
  return p;
}

/** `element_id`: letters, digits and `_`, starting with a letter, at most 20 characters, unique (§6). */
function elementIdProblems(placed: Placed[]): string[] {
  const p: string[] = [];
  const seen = new Set<string>();
  for (const { el, path } of placed) {
    if (el.element_id === undefined) continue;
    const id = String(el.element_id);
    if (!/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(id)) p.push(`element_id "${id}" at ${path}: letters, digits, _; ≤ 20`);
    if (seen.has(id)) p.push(`element_id "${id}" used twice`);
    seen.add(id);
  }
  return p;
}

/** Select options: each value a non-empty string, unique within its component (§6). */
function optionProblems(placed: Placed[]): string[] {
  const p: string[] = [];
  for (const { el, path } of placed) {
    if (!Array.isArray(el.options) || el.tag === 'overflow') continue;
    const values = el.options.map((o) => (isRecord(o) ? o.value : undefined));
    const bad = values.filter((v) => typeof v !== 'string' || v === '');
    if (bad.length)
      p.push(`${el.tag} ${el.name ?? path}: option values must be non-empty strings, got ${JSON.stringify(bad[0])}`);
    if (new Set(values).size !== values.length) p.push(`${el.tag} ${el.name ?? path}: option values repeat`);
  }
  return p;
}

/**
 * The sample data plants `<at id=all></at>` in user text (names, companies, reasons…): it must
 * never reach a markdown or lark_md text unescaped, where it would mention everybody (§6).
 */
const PLANTED = '<at id=all></at>';
export function markupProblems(card: unknown): string[] {
  const p: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
      return;
    }
    if (!isRecord(v)) return;
    if ((v.tag === 'markdown' || v.tag === 'lark_md') && String(v.content ?? '').includes(PLANTED))
      p.push(`${path}: user text reaches ${v.tag} unescaped: …${String(v.content).slice(0, 80)}…`);
    for (const [k, x] of Object.entries(v)) walk(x, `${path}.${k}`);
  };
  walk(card, 'card');
  return p;
}

export interface FoundAction {
  action: unknown;
  where: string;
}

/**
 * Every callback the card can send: each `behaviors[]` callback value, each `value` object on a
 * component, and a `{action}` for each form submit button that sends none.
 */
export function actionsOf(card: unknown): FoundAction[] {
  const out: FoundAction[] = [];
  const walk = (v: unknown, path: string) => {
    if (Array.isArray(v)) {
      for (const [i, x] of v.entries()) walk(x, `${path}[${i}]`);
      return;
    }
    if (!isRecord(v)) return;
    const label = typeof v.name === 'string' ? `${path} (${v.name})` : path;
    const callbacks = Array.isArray(v.behaviors) ? v.behaviors.filter((b) => isRecord(b) && b.type === 'callback') : [];
    for (const b of callbacks as Node[])
      out.push({
        action: isRecord(b.value) ? b.value.action : `<value is not an object: ${JSON.stringify(b.value)}>`,
        where: label,
      });
    if (isRecord(v.value) && 'action' in v.value) out.push({ action: v.value.action, where: `${label}.value` });
    if (v.tag === 'button' && v.form_action_type === 'submit' && callbacks.length === 0)
      out.push({ action: '<submit button without a callback>', where: label });
    for (const [k, x] of Object.entries(v)) if (k !== 'value' && k !== 'behaviors') walk(x, `${path}.${k}`);
  };
  walk(card, 'card');
  return out;
}

/** The callbacks whose action names no handler. */
export function unknownActions(card: unknown, handlers: readonly string[]): string[] {
  return actionsOf(card)
    .filter((a) => typeof a.action !== 'string' || !handlers.includes(a.action))
    .map((a) => `${a.where}: action ${JSON.stringify(a.action)} has no handler in cardActions`);
}
