import type { Deps } from '../deps.js';
import { uploadFile } from '../feishu/files.js';
import { enqueueMessage } from '../feishu/outbox.js';

/**
 * Uploads a workbook and queues it as a `file` message in reply to the asking message, or, with
 * `privatelyTo` (an open_id), in that person's 1:1 chat with the bot.
 */
export async function sendWorkbookReply(
  deps: Deps,
  replyTo: { messageId: string; chatId: string; privatelyTo?: string },
  bytes: Buffer,
  fileName: string,
): Promise<string> {
  const fileKey = await uploadFile(deps.lark, bytes, fileName);
  const { privatelyTo, ...reply } = replyTo;
  await enqueueMessage(deps.db, {
    dedupKey: `file:${replyTo.messageId}`,
    to: privatelyTo ? { type: 'open_id', id: privatelyTo } : { type: 'reply', ...reply },
    msgType: 'file',
    content: { file_key: fileKey },
  });
  return fileKey;
}
