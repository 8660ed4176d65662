import type { Deps } from '../deps.js';
import { uploadFile } from '../feishu/files.js';
import { enqueueMessage } from '../feishu/outbox.js';

/** Uploads a workbook and queues it as a `file` message in reply to the asking message. */
export async function sendWorkbookReply(
  deps: Deps,
  replyTo: { messageId: string; chatId: string },
  bytes: Buffer,
  fileName: string,
): Promise<string> {
  const fileKey = await uploadFile(deps.lark, bytes, fileName);
  await enqueueMessage(deps.db, {
    dedupKey: `file:${replyTo.messageId}`,
    to: { type: 'reply', ...replyTo },
    msgType: 'file',
    content: { file_key: fileKey },
  });
  return fileKey;
}
