import type { Readable } from 'node:stream';
import type { LarkClient } from './client.js';
import { UserError } from '../errors.js';

// Spreadsheets in and out through the Open API: upload (im/v1/files, multipart) and the download
// of a file a user sent the bot (im/v1/messages/:id/resources/:file_key, scope im:resource).

/** Uploads bytes and returns the file_key to send as a `file` message. */
export async function uploadFile(lark: LarkClient, bytes: Buffer, fileName: string): Promise<string> {
  const res = await lark.im.v1.file.create({
    data: { file_type: fileTypeOf(fileName), file_name: fileName, file: bytes },
  });
  const key = res?.file_key;
  if (!key) throw new Error(`file upload returned no file_key for ${fileName}`);
  return key;
}

/** Feishu's upload types: xls covers .xlsx; anything else goes up as a plain stream. */
function fileTypeOf(fileName: string): 'xls' | 'stream' {
  return /\.xlsx?$/i.test(fileName) ? 'xls' : 'stream';
}

export class FileTooLarge extends UserError {}

/**
 * Downloads a file from a user's message, stopping as soon as it is larger than maxBytes
 * (the Content-Length is checked first, so an oversized file is refused before it is read).
 */
export async function downloadMessageFile(
  lark: LarkClient,
  messageId: string,
  fileKey: string,
  maxBytes: number,
): Promise<Buffer> {
  const res = await lark.im.v1.messageResource.get({
    path: { message_id: messageId, file_key: fileKey },
    params: { type: 'file' },
  });
  const stream = res.getReadableStream() as Readable;
  const declared = Number((res.headers as Record<string, unknown> | undefined)?.['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    stream.destroy();
    throw new FileTooLarge(tooLargeText(declared, maxBytes));
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > maxBytes) {
      stream.destroy();
      throw new FileTooLarge(tooLargeText(size, maxBytes));
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function tooLargeText(size: number, maxBytes: number): string {
  const mb = (n: number) => Math.round((n / 1024 / 1024) * 10) / 10;
  return `文件太大（${(size / 1024 / 1024).toFixed(1)} MB），最多 ${mb(maxBytes)} MB。请删除多余的工作表或行后再发送。`;
}
