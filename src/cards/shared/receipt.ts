import type { Card } from '../../feishu/answer.js';
import { localDateTime } from '../../domain/local-date.js';
import { escapeMarkdown, renderCard } from './template.js';

// The read-only card that replaces a form after a submit: what was stored, who, when.

interface ReceiptLine {
  label: string;
  /** Shown as typed (escaped): user text never becomes markup. */
  value: string;
}

export interface Receipt {
  title: string;
  subtitle: string;
  tag: string;
  color?: 'green' | 'orange' | 'red' | 'blue' | 'turquoise';
  lines: ReceiptLine[];
  /** Extra markdown written by us (not user text), e.g. a warning. */
  notes?: string[];
  by: string;
  at: Date;
  timezone: string;
  verb?: string;
}

export function buildReceipt(r: Receipt): Card {
  const color = r.color ?? 'green';
  const fields = r.lines.filter((l) => l.value !== '').map((l) => `**${l.label}**：${escapeMarkdown(l.value)}`);
  const lines: unknown[] = [];
  if (fields.length) lines.push({ tag: 'markdown', content: fields.join('\n') });
  for (const n of r.notes ?? []) lines.push({ tag: 'markdown', content: n });
  return renderCard('receipt', {
    summary: `${r.title} · ${r.tag}`,
    title: r.title,
    subtitle: r.subtitle,
    color,
    tag: r.tag,
    tagColor: color === 'red' ? 'red' : color === 'orange' ? 'orange' : 'green',
    lines,
    footer: `由 ${r.by} 于 ${localDateTime(r.at, r.timezone)} ${r.verb ?? '提交'}`,
  });
}
