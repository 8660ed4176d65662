import { drawImportPreview } from '../cards/import-preview/view.js';
import { createImportBatch } from '../db/imports.js';
import { mayImportSpreadsheets } from '../domain/authz.js';
import { localDate } from '../domain/local-date.js';
import { reply } from '../feishu/answer.js';
import { downloadMessageFile } from '../feishu/files.js';
import { queueFeishuTask, replyToTask, type TaskWork } from '../feishu/tasks.js';
import { IMPORT_MAX_BYTES } from '../sheets/kinds.js';
import type { MessageInput } from './message-types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';

// The office sends a filled-in template (.xlsx) to the bot: download → validate → preview card.
// The download and the reading happen after the message's commit (a task), so a slow download or a
// large file holds up no one. Nothing is stored but the preview batch; the card's confirm button
// applies it.

interface ImportInput {
  fileKey: string;
  fileName: string;
}

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
      `${hint}我只能导入 .xlsx 格式的目标任务表、名册和历史项目表；发送 /template quotas、/template roster 或 /template projects 获取模板。`,
    );
  }
  const task: ImportInput = { fileKey, fileName };
  await queueFeishuTask(deps.db, {
    requestKey: `import:${input.messageId}`,
    kind: 'IMPORT',
    input: task,
    actor: input.actor,
    senderOpenId: input.senderOpenId,
    chatId: input.chatId,
    messageId: input.messageId,
  });
  return reply.text(`已收到「${fileName}」，正在读取，稍后把改动发给你确认。`);
}

/** After the commit: download, check and compare; the preview batch and its card are written together. */
export const importTask: TaskWork = {
  async run(task, deps) {
    const x = task.input as ImportInput;
    const bytes = await downloadMessageFile(deps.lark, task.messageId, x.fileKey, IMPORT_MAX_BYTES);
    const today = localDate(deps.clock.now(), deps.config.timezone);
    // exceljs is loaded when the first file is read, not at start (src/sheets/kinds.ts).
    const { prepareImport } = await import('../sheets/prepare-import.js');
    const prepared = await prepareImport(deps.db, bytes, x.fileName, undefined, today);
    return async (tx) => {
      const batchId = await createImportBatch(tx.db, prepared.kind, prepared.payload, prepared.summary, task.actorId);
      const card = drawImportPreview(batchId, prepared.kind, x.fileName, prepared.summary);
      await replyToTask(tx.db, task, 'preview', { msgType: 'interactive', content: card });
    };
  },
  failure(task, reason) {
    const x = task.input as ImportInput;
    return reason
      ? `「${x.fileName}」没有导入，什么也没有修改：\n${reason}`
      : `「${x.fileName}」没有导入，什么也没有修改：飞书文件服务一直没有响应，请稍后重新发送这个文件。`;
  },
};
