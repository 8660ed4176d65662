import type { LarkClient } from './client.js';
import type { OutboxColumns } from '../db/outbox.js';
import { feishuUuid } from './outbox.js';

/** An outbox row as the sender needs it. */
export type OutboxRow = OutboxColumns & { id: number };

export type CallResult =
  | { ok: true; messageId?: string }
  | { ok: false; retry: boolean; code: number | string; message: string; waitMs?: number; tokenInvalid?: boolean };

const RATE_LIMITED = 99991400;
/** The tenant token is missing, invalid or expired: fetch a new one and retry. */
const TOKEN_INVALID = new Set([99991661, 99991663, 99991668]);

/** One Open API call per outbox row, through the official SDK; errors classified for retry. */
export async function deliver(lark: LarkClient, row: OutboxRow): Promise<CallResult> {
  try {
    const res = await callFor(lark, row);
    const code = (res as { code?: number }).code ?? 0;
    if (code !== 0) return classify(code, (res as { msg?: string }).msg ?? '', undefined, undefined);
    const data = (res as { data?: { message_id?: string } }).data;
    return { ok: true, messageId: data?.message_id };
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

function classify(
  code: number | string,
  message: string,
  status: number | undefined,
  waitMs: number | undefined,
): CallResult {
  if (typeof code === 'number' && TOKEN_INVALID.has(code))
    return { ok: false, retry: true, code, message, waitMs: 0, tokenInvalid: true };
  if (code === RATE_LIMITED || status === 429) return { ok: false, retry: true, code, message, waitMs: waitMs ?? 1000 };
  if (code === 'network' || (status !== undefined && status >= 500)) return { ok: false, retry: true, code, message };
  // Feishu's "internal error, try again" family.
  if (typeof code === 'number' && (code === 1 || code === 99991401 || code === 230020 || code === 232025))
    return { ok: false, retry: true, code, message };
  return { ok: false, retry: false, code, message };
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
