// Small builders for card JSON 2.0 elements the report cards share.

export type Element = Record<string, unknown>;

export function md(content: string): Element {
  return { tag: 'markdown', content };
}

export function note(text: string): Element {
  return { tag: 'div', text: { tag: 'plain_text', content: text, text_size: 'notation', text_color: 'grey' } };
}

export interface Column {
  name: string;
  /** Never empty: Feishu shows an empty header as nothing, a phone reader cannot tell the column. */
  display_name: string;
  data_type?: 'text' | 'number' | 'lark_md' | 'options';
  width?: string;
  /** For numbers: digits after the point (counts: 0). */
  format?: { precision: number };
  horizontal_align?: 'left' | 'center' | 'right';
}

/** A column of whole counts (without a format Feishu and the page show 2.00). */
export function countColumn(name: string, display_name: string): Column {
  return { name, display_name, data_type: 'number', format: { precision: 0 }, horizontal_align: 'right' };
}

/** A paged table (text cells are plain text, so user-typed names need no escaping). */
export function table(columns: Column[], rows: Record<string, unknown>[], pageSize = 10): Element {
  return {
    tag: 'table',
    page_size: Math.max(1, Math.min(10, pageSize)),
    row_height: 'low',
    freeze_first_column: true,
    header_style: { text_align: 'left', text_size: 'normal', background_style: 'grey', bold: true, lines: 1 },
    columns: columns.map((c) => ({ data_type: 'text', width: 'auto', horizontal_align: 'left', ...c })),
    rows,
  };
}

export function panel(title: string, elements: Element[], expanded = false): Element {
  return {
    tag: 'collapsible_panel',
    expanded,
    header: { title: { tag: 'markdown', content: title } },
    border: { color: 'grey' },
    elements,
  };
}

/**
 * One line of a list card: markdown on the left, a full-width primary button on the right that
 * sends `value` (weights 3 : `buttonWeight`, both centred, so rows line up on a phone).
 */
export function buttonRow(
  content: string,
  button: { name: string; text: string; value: Record<string, unknown> },
  buttonWeight = 1,
): Element {
  const column = (weight: number, element: Element) => ({
    tag: 'column',
    width: 'weighted',
    weight,
    vertical_align: 'center',
    elements: [element],
  });
  return {
    tag: 'column_set',
    flex_mode: 'none',
    columns: [
      column(3, md(content)),
      column(buttonWeight, {
        tag: 'button',
        name: button.name,
        type: 'primary',
        width: 'fill',
        text: { tag: 'plain_text', content: button.text },
        behaviors: [{ type: 'callback', value: button.value }],
      }),
    ],
  };
}

/**
 * A coloured text tag in markdown: the status is in the words and the colour, so it reads without
 * an emoji font (an emoji-less phone or browser draws 🟢 as an empty box).
 */
export function statusTag(color: 'green' | 'yellow' | 'orange' | 'red' | 'neutral', text: string): string {
  return `<text_tag color='${color}'>${text}</text_tag>`;
}

/**
 * The line a card shows after a change was saved: the outcome in green words, then who and when.
 * Words and colour, not a ✓ emoji, so it reads on a phone without an emoji font.
 */
export function savedNotice(what: string, byAndWhen: string): string {
  return `<font color='green'>**${what}**</font>（${byAndWhen}）`;
}

/** Squad names fit a phone column: “机械制造、电子信息产业招商小分队” → “机械制造、电子信息产业”. */
export function shortSquadName(name: string): string {
  return name.replace(/招商小分队$|小分队$/, '');
}
