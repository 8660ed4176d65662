import type { Db } from '../db/client.js';
import type { Deps } from '../deps.js';
import { uploadFile } from '../feishu/files.js';
import { replyToTask, type FeishuTask } from '../feishu/tasks.js';
import { workbookBytes } from './workbook.js';
import type ExcelJS from 'exceljs';

/** Uploads a workbook (in a task, never inside an event's transaction) and returns its file_key. */
export async function uploadWorkbook(deps: Deps, wb: ExcelJS.Workbook, fileName: string): Promise<string> {
  return uploadFile(deps.lark, await workbookBytes(wb), fileName);
}

/**
 * Queues the uploaded workbook as a `file` message in reply to the message that asked for it, or,
 * with `privatelyTo` (an open_id), in that person's 1:1 chat with the bot.
 */
export async function replyWithFile(db: Db, task: FeishuTask, fileKey: string, privatelyTo?: string): Promise<void> {
  await replyToTask(db, task, 'file', { msgType: 'file', content: { file_key: fileKey } }, privatelyTo);
}
