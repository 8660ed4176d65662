// The card tags the page can draw. The renderer's table of element renderers is typed by this list
// (tsc fails if a tag here has no renderer), and test/sandbox/page/card-tags.test.ts fails if any
// template in cards/ — or any card the bot sends in the browser flows — uses a tag not listed.

/** Components that may appear in a card body (or inside columns, forms and panels). */
export const ELEMENT_TAGS = [
  'markdown',
  'div',
  'hr',
  'column_set',
  'column',
  'form',
  'input',
  'select_static',
  'multi_select_static',
  'date_picker',
  'picker_time',
  'picker_datetime',
  'select_person',
  'multi_select_person',
  'checker',
  'button',
  'overflow',
  'table',
  'chart',
  'person',
  'person_list',
  'collapsible_panel',
  'img',
] as const;

/** Text objects and decorations that appear inside components and the header. */
const TEXT_TAGS = ['plain_text', 'lark_md', 'text_tag', 'standard_icon', 'custom_icon'] as const;

export type ElementTag = (typeof ELEMENT_TAGS)[number];
export type TextTag = (typeof TEXT_TAGS)[number];

export const SUPPORTED_TAGS: readonly string[] = [...ELEMENT_TAGS, ...TEXT_TAGS];

/** Every `tag` used anywhere in a card (or a template), for the drift test and the page's own check. */
export function collectTags(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const n of node) collectTags(n, out);
  else if (node && typeof node === 'object') {
    const tag = (node as { tag?: unknown }).tag;
    if (typeof tag === 'string') out.add(tag);
    for (const v of Object.values(node)) collectTags(v, out);
  }
  return out;
}
