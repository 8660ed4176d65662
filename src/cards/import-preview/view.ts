import type { ImportKind } from '../../db/imports.js';
import type { DiffSummary } from '../../domain/import-diff.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The preview of a spreadsheet import: what will be added, changed and removed; the office's
// administrator confirms (applied once, however often it is tapped) or cancels.

const KIND_LABELS: Record<ImportKind, string> = { QUOTAS: '目标任务', ROSTER: '招商工作名册', PROJECTS: '历史项目' };
/** PREVIEW: waiting for the office's decision; APPLIED and CANCELLED: the decision, no buttons. */
export type ImportPreviewState = 'PREVIEW' | 'APPLIED' | 'CANCELLED';

export function drawImportPreview(
  batchId: number,
  kind: ImportKind,
  fileName: string,
  s: DiffSummary,
  state: ImportPreviewState = 'PREVIEW',
): Card {
  const nothing = s.added + s.changed + s.removed === 0;
  const section = (label: string, lines: string[], total: number) =>
    total === 0
      ? []
      : [
          {
            tag: 'markdown',
            content:
              `**${label}**（共 ${total} 项${total > lines.length ? `，以下是前 ${lines.length} 项` : ''}）\n` +
              `${lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n')}`,
          },
        ];
  const buttons = [
    {
      tag: 'column_set',
      flex_mode: 'bisect',
      columns: [
        column({
          tag: 'button',
          type: 'primary_filled',
          width: 'fill',
          text: { tag: 'plain_text', content: '确认导入' },
          confirm: {
            title: { tag: 'plain_text', content: '确认导入？' },
            text: {
              tag: 'plain_text',
              content: `将按文件更新${KIND_LABELS[kind]}：新增 ${s.added}、修改 ${s.changed}、删除 ${s.removed}。`,
            },
          },
          behaviors: [{ type: 'callback', value: { action: 'import.confirm', batchId } }],
        }),
        column({
          tag: 'button',
          type: 'default',
          width: 'fill',
          text: { tag: 'plain_text', content: '取消' },
          behaviors: [{ type: 'callback', value: { action: 'import.cancel', batchId } }],
        }),
      ],
    },
  ];
  const note = (text: string) => [
    { tag: 'div', text: { tag: 'plain_text', content: text, text_size: 'notation', text_color: 'grey' } },
  ];
  const actions =
    state === 'APPLIED'
      ? note('已导入，全部生效。')
      : state === 'CANCELLED'
        ? note('已取消，没有做任何修改。需要时请重新发送文件。')
        : nothing
          ? note('文件与现有数据完全一致，无需导入。')
          : [...note('只有点“确认导入”后才会修改；导入是整体生效的：要么全部成功，要么一项都不改。'), ...buttons];
  return renderCard('import-preview', {
    title: `导入预览 · ${KIND_LABELS[kind]}`,
    subtitle: fileName,
    color: state === 'APPLIED' ? 'green' : state === 'CANCELLED' ? 'grey' : 'orange',
    tagColor: state === 'APPLIED' ? 'green' : state === 'CANCELLED' ? 'neutral' : 'orange',
    status: state === 'APPLIED' ? '已导入' : state === 'CANCELLED' ? '已取消' : '待确认',
    counts: `新增 **${s.added}** 项，修改 **${s.changed}** 项，删除 **${s.removed}** 项，不变 ${s.unchanged} 项。`,
    details: [
      ...warningSection(s.warnings ?? []),
      ...section('新增', s.samples.added, s.added),
      ...section('修改', s.samples.changed, s.changed),
      ...section('删除', s.samples.removed, s.removed),
    ],
    actions,
  });
}

/** Differences the office should look at (the quotas do not add up to the goal); they do not stop the import. */
function warningSection(lines: string[]) {
  if (lines.length === 0) return [];
  return [
    {
      tag: 'markdown',
      content:
        `<font color='orange'>**请核对：分解合计与全区目标不一致（共 ${lines.length} 项）**</font>\n` +
        `${lines
          .slice(0, 12)
          .map((l) => `- ${escapeMarkdown(l)}`)
          .join('\n')}\n\n可以照常导入；如不是有意为之，请改正后重新发送。`,
    },
  ];
}

function column(el: Record<string, unknown>) {
  return { tag: 'column', width: 'weighted', weight: 1, elements: [el] };
}
