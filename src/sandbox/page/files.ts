import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import { HttpError, parseJsonObject, readRawBody } from '../../server/body.js';
import { IMPORT_MAX_BYTES } from '../../sheets/kinds.js';
import type { Sandbox } from '../open-api/index.js';
import type { SandboxMessage } from '../open-api/types.js';
import { attachRefusal } from './client/attach-rules.js';
import { buildMessageEvent, postToBot, type PageContext } from './feishu-events.js';
import { mayPostIn } from './roster.js';

// Files in the local chat page: a file message's bubble downloads its bytes from the sandbox's file
// store (GET /sandbox/api/files/<message>/<file_key>, only a file that message carries, as Feishu's
// message-resource API), and a spreadsheet the user attaches is stored there like a file sent in
// Feishu and reaches the bot as a real `file` message, which the bot downloads through the Open API.

/** What the page may attach: the spreadsheets the bot imports, no larger than it reads them. */
export const ATTACH_MAX_BYTES = IMPORT_MAX_BYTES;
const MAX_MB = ATTACH_MAX_BYTES / 1024 / 1024;

/** The file of a `file` message as its bubble shows it; undefined when the sandbox does not hold it. */
export interface FileView {
  name: string;
  size: number;
  /** The download address (the page adds its token). */
  url: string;
}

export function fileViewOf(sandbox: Sandbox, m: SandboxMessage): FileView | undefined {
  if (m.msg_type !== 'file') return undefined;
  const key = fileKeyOf(m);
  const f = key ? sandbox.file(key) : undefined;
  if (!f) return undefined;
  return {
    name: f.fileName,
    size: f.bytes.length,
    url: `/sandbox/api/files/${encodeURIComponent(m.message_id)}/${encodeURIComponent(f.fileKey)}`,
  };
}

function fileKeyOf(m: SandboxMessage): string | undefined {
  const c = m.content;
  const key = c && typeof c === 'object' ? (c as { file_key?: unknown }).file_key : undefined;
  return typeof key === 'string' && key ? key : undefined;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** `attachment; filename=…` with the name in ASCII for old clients and in UTF-8 (RFC 6266) for the rest. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

const AttachBody = z.object({
  openId: z.string().min(1),
  chatId: z.string().min(1),
  fileName: z
    .string()
    .trim()
    .min(1, '文件没有名字，请重新选择文件。')
    .max(200, '文件名太长（最多 200 个字），请改短后再发送。'),
  /** The file's bytes, base64: the page's API takes JSON only (see guard.ts). */
  data: z.string(),
});

/** A base64 body of the largest file, with room for the JSON around it. */
const BODY_LIMIT = Math.ceil((ATTACH_MAX_BYTES * 4) / 3) + 64 * 1024;

async function attachBody(ctx: Context): Promise<z.infer<typeof AttachBody> | undefined> {
  let raw: string;
  try {
    raw = await readRawBody(ctx, BODY_LIMIT);
  } catch (e) {
    if (!(e instanceof HttpError) || e.status !== 413) throw e;
    ctx.status = 413;
    ctx.body = { error: `文件超过了 ${MAX_MB} MB 的上限：请删除多余的工作表或行后再发送。` };
    return undefined;
  }
  const parsed = AttachBody.safeParse(parseJsonObject(raw));
  if (parsed.success) return parsed.data;
  ctx.status = 400;
  ctx.body = { error: parsed.error.issues[0]?.message ?? '请求内容有误' };
  return undefined;
}

export function mountFileRoutes(router: Router, page: PageContext): void {
  const { sandbox } = page;

  router.get('/sandbox/api/files/:messageId/:fileKey', (ctx) => {
    const m = sandbox.state.message(String(ctx.params.messageId));
    const f = m && fileKeyOf(m) === ctx.params.fileKey ? sandbox.file(String(ctx.params.fileKey)) : undefined;
    if (!f) {
      ctx.status = 404;
      ctx.body = { error: '找不到这个文件：它不在这条消息里，或者沙箱重启后已不再保存。' };
      return;
    }
    ctx.set('content-disposition', contentDisposition(f.fileName));
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('cache-control', 'no-store');
    ctx.type = /\.xlsx$/i.test(f.fileName) ? XLSX_TYPE : 'application/octet-stream';
    ctx.body = f.bytes;
  });

  router.post('/sandbox/api/file', async (ctx) => {
    const body = await attachBody(ctx);
    if (!body) return;
    const sender = sandbox.state.users.get(body.openId);
    if (!sender || !mayPostIn(sandbox, body.openId, body.chatId)) {
      ctx.status = 403;
      ctx.body = { error: '你不在这个会话里，请从左侧列表选择会话。' };
      return;
    }
    const bytes = Buffer.from(body.data, 'base64');
    const fileName = body.fileName.replace(/^.*[\\/]/, '');
    const refused = attachRefusal(fileName, bytes.length, ATTACH_MAX_BYTES);
    if (refused) {
      ctx.status = bytes.length > ATTACH_MAX_BYTES ? 413 : 400;
      ctx.body = { error: refused };
      return;
    }
    const chat = sandbox.state.chats.get(body.chatId) ?? sandbox.state.p2pChatFor(sender);
    const fileKey = sandbox.putUserFile(bytes, fileName);
    const { payload, message } = buildMessageEvent(page, {
      sender,
      chatId: chat.chat_id,
      chatType: chat.chat_mode === 'p2p' ? 'p2p' : 'group',
      file: { fileKey, fileName },
    });
    sandbox.recordIncomingMessage(message, sender.open_id);
    const res = await postToBot(page, '/webhook/event', payload);
    ctx.body = { status: res.status, messageId: message.message_id };
  });
}
