import { drawImportPreview } from '../cards/import-preview/view.js';
import { createImportBatch } from '../db/imports.js';
import { mayImportSpreadsheets } from '../domain/authz.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { downloadMessageFile } from '../feishu/files.js';
import { prepareImport } from '../sheets/prepare-import.js';
import { IMPORT_MAX_BYTES } from '../sheets/workbook.js';
import type { MessageInput } from './message-types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';

// The office sends a filled-in template (.xlsx) to the bot: download → validate → preview card.
// Nothing is stored but the preview batch; the card's confirm button applies it.

export async function receiveSpreadsheet(input: MessageInput, deps: Deps): Promise<Reply> {
  const refused = mayImportSpreadsheets(input.actor!);
  if (refused) return reply.text(refused);
  const fileKey = String(input.content.file_key ?? '');
  const fileName = String(input.content.file_name ?? '');
  if (!fileKey) return reply.text('没有收到文件内容，请重新发送。');
  // Name first: a non-spreadsheet is refused without downloading it.
  if (!/\.xlsx$/i.test(fileName)) {
    const hint = /\.xls$/i.test(fileName)
      ? '这是旧版 .xls 文件：请在 Excel 中“另存为”Excel 工作簿（.xlsx）后再发送。'
      : `「${fileName}」不是 Excel 工作簿（.xlsx）。`;
    return reply.text(
      `${hint}我只能导入 .xlsx 格式的目标任务表和名册；发送 /template quotas 或 /template roster 获取模板。`,
    );
  }
  try {
    const bytes = await downloadMessageFile(deps.lark, input.messageId, fileKey, IMPORT_MAX_BYTES);
    const prepared = await prepareImport(deps.db, bytes, fileName);
    const batchId = await createImportBatch(
      deps.db,
      prepared.kind,
      prepared.payload,
      prepared.summary,
      input.actor!.id,
    );
    return reply.card(drawImportPreview(batchId, prepared.kind, fileName, prepared.summary));
  } catch (e) {
    if (e instanceof UserError) return reply.text(`「${fileName}」没有导入，什么也没有修改：\n${e.message}`);
    throw e;
  }
}
