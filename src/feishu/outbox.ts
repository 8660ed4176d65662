import crypto from 'node:crypto';
import type { Db } from '../db/client.js';

export type Receiver =
  | { type: 'open_id' | 'chat_id' | 'user_id' | 'email' | 'union_id'; id: string }
  /** chatId: the chat the reply lands in, so the 5-per-second-per-chat limit counts it there. */
  | { type: 'reply'; messageId: string; chatId?: string }
  | { type: 'patch'; messageId: string }
  | { type: 'batch'; openIds: string[] };

export interface OutgoingMessage {
  /** Unique per intended message (e.g. `monthly-reminder:2018-06:squad-3`): a second enqueue is a no-op. */
  dedupKey: string;
  to: Receiver;
  msgType: 'text' | 'interactive' | 'post' | 'file';
  /** For text: `{ text }`; for interactive: the card object. */
  content: unknown;
}

export function textContent(text: string): { text: string } {
  return { text };
}

/** Transactions that wrote to the outbox: the event's commit kicks the sender only for these. */
const wroteOutbox = new WeakSet<object>();

export function enqueuedIn(db: object): boolean {
  return wroteOutbox.has(db);
}

/**
 * Writes the message to the outbox in the caller's transaction. Returns false when a message
 * with the same key is already there (a retry, a second instance, a re-sent event).
 */
export async function enqueueMessage(db: Db, m: OutgoingMessage): Promise<boolean> {
  const base = {
    dedupKey: m.dedupKey,
    msgType: m.msgType,
    content: JSON.stringify(m.content),
  };
  const to = m.to;
  const row =
    to.type === 'batch'
      ? { ...base, kind: 'BATCH', openIds: JSON.stringify(to.openIds) }
      : to.type === 'reply'
        ? { ...base, kind: 'REPLY', receiveId: to.messageId, receiveIdType: to.chatId ? `chat:${to.chatId}` : null }
        : to.type === 'patch'
          ? { ...base, kind: 'PATCH', receiveId: to.messageId }
          : { ...base, kind: 'SEND', receiveIdType: to.type, receiveId: to.id };
  const existing = await db.outbox.findUnique({ where: { dedupKey: m.dedupKey }, select: { id: true } });
  if (existing) return false;
  await db.outbox.create({ data: row });
  wroteOutbox.add(db);
  return true;
}

/** Feishu's `uuid` de-duplicates sends for an hour; it is at most 50 chars, so hash long keys. */
export function feishuUuid(dedupKey: string): string {
  return dedupKey.length <= 50 ? dedupKey : crypto.createHash('sha256').update(dedupKey).digest('hex').slice(0, 48);
}
