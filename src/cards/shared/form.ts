import type { z } from 'zod';
import type { Card } from '../../feishu/answer.js';

/** Field name → the message shown under it, in Chinese, saying what to type. */
export type FieldErrors = Record<string, string>;

/**
 * Turns a zod error on a card form into one message per field. Each schema field should carry its
 * own Chinese message (`z.string().min(1, '请填写企业名称')`); otherwise a generic one is used.
 */
export function fieldErrorsOf(error: z.ZodError, labels: Record<string, string> = {}): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? '');
    if (!field || out[field]) continue;
    const label = labels[field] ?? field;
    out[field] =
      issue.message && !/^(Invalid|Expected|Too )/i.test(issue.message) ? issue.message : `${label}填写有误，请检查`;
  }
  return out;
}

/** Empty strings, missing values and Feishu's "unselected" become undefined, so optional fields parse. */
export function cleanFormValue(v: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(v)) {
    if (val === null || val === undefined) continue;
    if (typeof val === 'string') {
      const t = val.trim();
      if (t !== '') out[k] = t;
    } else out[k] = val;
  }
  return out;
}

/** Feishu date pickers send `2025-06-10 +0800`; keep the calendar date as typed. */
export function pickerDate(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(v.trim());
  return m ? m[1] : undefined;
}

/**
 * Puts what the person typed back into a form card and a red line under each bad field, so a
 * replacement card keeps every value (a Feishu form has no per-field error of its own).
 */
export function refillForm(card: Card, values: Record<string, unknown>, errors: FieldErrors = {}): Card {
  const copy = structuredClone(card);
  const walk = (elements: unknown[]): unknown[] => {
    const out: unknown[] = [];
    for (const el of elements) {
      if (!el || typeof el !== 'object') {
        out.push(el);
        continue;
      }
      const e = el as Record<string, unknown>;
      for (const key of ['elements', 'columns'] as const) if (Array.isArray(e[key])) e[key] = walk(e[key] as unknown[]);
      const name = typeof e.name === 'string' ? e.name : undefined;
      if (name && name in values) setValue(e, values[name]);
      out.push(e);
      if (name && errors[name]) {
        out.push({
          tag: 'markdown',
          element_id: errorId(name),
          content: `<font color='red'>${errors[name]}</font>`,
          text_size: 'notation',
        });
      }
    }
    return out;
  };
  const body = copy.body as { elements?: unknown[] } | undefined;
  if (body?.elements) body.elements = walk(body.elements);
  return copy;
}

function errorId(name: string): string {
  return ('err_' + name.replace(/[^A-Za-z0-9_]/g, '')).slice(0, 20);
}

function setValue(e: Record<string, unknown>, v: unknown): void {
  if (v === undefined || v === null) return;
  switch (e.tag) {
    case 'input':
      e.default_value = String(v);
      break;
    case 'select_static':
    case 'select_person':
      if (typeof v === 'string' && v) e.initial_option = v;
      break;
    case 'multi_select_static':
    case 'multi_select_person':
      if (Array.isArray(v)) e.selected_values = v;
      break;
    case 'date_picker': {
      const d = pickerDate(v);
      if (d) e.initial_date = d;
      break;
    }
    case 'picker_time':
      if (typeof v === 'string') e.initial_time = v.slice(0, 5);
      break;
    case 'picker_datetime':
      if (typeof v === 'string') e.initial_datetime = v.slice(0, 16);
      break;
    case 'checker':
      e.checked = v === true || v === 'true';
      break;
    default:
      break;
  }
}
