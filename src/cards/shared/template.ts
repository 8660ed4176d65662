import fs from 'node:fs';
import path from 'node:path';
import type { Card } from '../../feishu/answer.js';

const CARDS_DIR = path.resolve('cards');
const cache = new Map<string, string>();

/** The raw JSON text of `cards/<name>.json` (Feishu card JSON 2.0 with `${var}` placeholders). */
export function templateText(name: string): string {
  let t = cache.get(name);
  if (t === undefined) {
    t = fs.readFileSync(path.join(CARDS_DIR, `${name}.json`), 'utf8');
    cache.set(name, t);
  }
  return t;
}

export function listTemplates(): string[] {
  return fs
    .readdirSync(CARDS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -5))
    .sort();
}

/**
 * Fills a template: a string that is exactly `${name}` becomes the value itself (any JSON: an
 * array of elements, a number, an object); `${name}` inside a longer string is replaced by the
 * value's text. A placeholder without a value is an error, so no `${…}` ever reaches a user.
 */
export function renderCard(name: string, vars: Record<string, unknown>): Card {
  const tree = JSON.parse(templateText(name)) as unknown;
  return fill(tree, vars, name) as Card;
}

function fill(node: unknown, vars: Record<string, unknown>, name: string): unknown {
  if (typeof node === 'string') {
    const whole = /^\$\{(\w+)\}$/.exec(node);
    if (whole) return valueFor(whole[1]!, vars, name);
    return node.replace(/\$\{(\w+)\}/g, (_, k: string) => String(valueFor(k, vars, name)));
  }
  if (Array.isArray(node)) {
    // An element that is exactly `${list}` and whose value is an array is spliced in.
    const out: unknown[] = [];
    for (const item of node) {
      const filled = fill(item, vars, name);
      if (typeof item === 'string' && /^\$\{\w+\}$/.test(item) && Array.isArray(filled)) out.push(...filled);
      else out.push(filled);
    }
    return out;
  }
  if (node && typeof node === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) out[k] = fill(v, vars, name);
    return out;
  }
  return node;
}

function valueFor(key: string, vars: Record<string, unknown>, name: string): unknown {
  if (!(key in vars) || vars[key] === undefined) throw new Error(`card ${name}: no value for \${${key}}`);
  return vars[key];
}

const MARKDOWN_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&#60;',
  '>': '&#62;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&sim;',
  '`': '&#96;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '#': '&#35;',
  ':': '&#58;',
  '!': '&#33;',
  '\\': '&#92;',
};

/**
 * User text shown in markdown must not be read as markup (Feishu's card markdown reads `*`, `[`,
 * `<at>`… as markup). One pass, so the `#` and
 * `;` of an entity already written are never escaped again.
 */
export function escapeMarkdown(s: string): string {
  return s.replace(/[&<>*_~`[\]()#:!\\]/g, (c) => MARKDOWN_ENTITIES[c]!);
}
