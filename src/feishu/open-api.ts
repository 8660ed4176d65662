import type { LarkClient } from './client.js';
import type { OutboxColumns } from '../db/outbox.js';
import { feishuUuid } from './outbox.js';

/** An outbox row as the sender needs it. */
export type OutboxRow = OutboxColumns & { id: number };

/**
 * How a call went. A failure is one of: `token` (the tenant token is missing, invalid or expired:
 * fetch a new one and call again), `rate-limit` (Feishu asks us to wait `waitMs`), `transient` (the
 * network, a timeout, a 5xx, Feishu's "internal error, try again": the same call may well work
 * later), `permanent` (Feishu refused this message: no such user or chat, the bot is not in the
 * chat, bad content; trying again cannot help).
 */
type FailureKind = 'token' | 'rate-limit' | 'transient' | 'permanent';

export type CallResult =
  | { ok: true; messageId?: string; chatId?: string }
  | { ok: false; kind: FailureKind; code: number | string; message: string; waitMs?: number };

const RATE_LIMITED = 99991400;
/** The tenant token is missing (99991661), invalid (99991663, 99991664, 99991668) or expired (99991671). */
const TOKEN_INVALID = new Set([99991661, 99991663, 99991664, 99991668, 99991671]);
/** Feishu's "internal error, try again" family. */
const TRY_AGAIN = new Set([1, 99991401, 230020, 232025]);

/** One Open API call per outbox row, through the official SDK; errors classified for retry. */
export async function deliver(lark: LarkClient, row: OutboxRow): Promise<CallResult> {
  try {
    const res = await callFor(lark, row);
    const code = (res as { code?: number }).code ?? 0;
    if (code !== 0) return classify(code, (res as { msg?: string }).msg ?? '', undefined, undefined);
    const data = (res as { data?: { message_id?: string; chat_id?: string } }).data;
    return { ok: true, messageId: data?.message_id, chatId: data?.chat_id };
  } catch (e) {
    const err = e as {
      response?: { status?: number; data?: { code?: number; msg?: string }; headers?: Record<string, string> };
      message?: string;
    };
    const status = err.response?.status;
    const body = err.response?.data;
    const reset = Number(err.response?.headers?.['x-ogw-ratelimit-reset']);
    return classify(
      body?.code ?? status ?? 'network',
      body?.msg ?? err.message ?? String(e),
      status,
      Number.isFinite(reset) ? reset * 1000 : undefined,
    );
  }
}

/**
 * Only an answer Feishu gives about the request itself ends a message: a business error code
 * (HTTP 400 family, e.g. 230002 bot not in the chat, 230013 no availability to the user, 230001
 * and 230099 bad content, 230006, 99992361 no such user). Anything that says nothing about the
 * message (no answer, a 5xx, a code of the "try again" family) is tried again.
 */
function classify(
  code: number | string,
  message: string,
  status: number | undefined,
  waitMs: number | undefined,
): CallResult {
  if (typeof code === 'number' && TOKEN_INVALID.has(code)) return { ok: false, kind: 'token', code, message };
  if (code === RATE_LIMITED || status === 429)
    return { ok: false, kind: 'rate-limit', code, message, waitMs: waitMs ?? 1000 };
  if (typeof code !== 'number' || (status !== undefined && status >= 500) || TRY_AGAIN.has(code))
    return { ok: false, kind: 'transient', code, message };
  // A gateway status without a Feishu code (a proxy's 502 page, a 408): nothing about the message.
  if (status !== undefined && code === status && status !== 400 && status !== 404)
    return { ok: false, kind: 'transient', code, message };
  return { ok: false, kind: 'permanent', code, message };
}

function callFor(lark: LarkClient, row: OutboxRow): Promise<unknown> {
  const uuid = feishuUuid(row.dedupKey);
  switch (row.kind) {
    case 'SEND':
      return lark.im.v1.message.create({
        params: { receive_id_type: row.receiveIdType as 'open_id' },
        data: { receive_id: row.receiveId!, msg_type: row.msgType, content: row.content, uuid },
      });
    case 'REPLY':
      return lark.im.v1.message.reply({
        path: { message_id: row.receiveId! },
        data: { msg_type: row.msgType, content: row.content, uuid },
      });
    case 'PATCH':
      return lark.im.v1.message.patch({ path: { message_id: row.receiveId! }, data: { content: row.content } });
    case 'BATCH': {
      const content = JSON.parse(row.content) as unknown;
      const data: Record<string, unknown> = { open_ids: JSON.parse(row.openIds ?? '[]'), msg_type: row.msgType };
      if (row.msgType === 'interactive') data.card = content;
      else data.content = content;
      return lark.request({ method: 'POST', url: '/open-apis/message/v4/batch_send/', data });
    }
    default:
      return Promise.reject(new Error('unknown outbox kind ' + row.kind));
  }
}

/**
 * The key the per-receiver limit (5 messages/s into one chat) counts against: the receiver of a
 * send, the chat a reply lands in (kept in receiveIdType as `chat:<id>` for REPLY rows), the
 * message of a patch. Batch sends are paced by Feishu itself.
 */
export function receiverKey(row: OutboxRow): string | undefined {
  if (row.kind === 'BATCH') return undefined;
  if (row.kind === 'REPLY' && row.receiveIdType?.startsWith('chat:')) return row.receiveIdType.slice(5);
  return row.receiveId ?? undefined;
}
