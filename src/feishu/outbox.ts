import crypto from 'node:crypto';
import type { Db } from '../db/client.js';
import { insertOutboxRows, type OutboxColumns } from '../db/outbox.js';

type Receiver =
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
  /**
   * A reminder about one day ("汇报今天截止"): not delivered by this time (end of that day), it is
   * dropped rather than arriving late and misleading. Absent: worth delivering however late.
   */
  staleAfter?: Date;
}

export function textContent(text: string): { text: string } {
  return { text };
}

/** A message still not delivered this long after it was written is overdue: /outbox lists it, /metrics counts it. */
export const OUTBOX_OVERDUE_MS = 10 * 60_000;

/** Transactions that wrote to the outbox: the event's commit kicks the sender only for these. */
const wroteOutbox = new WeakSet<object>();

export function enqueuedIn(db: object): boolean {
  return wroteOutbox.has(db);
}

/**
 * Writes the message to the outbox in the caller's transaction. Returns false when a message
 * with the same key is already there (a retry, a second instance, a re-sent event): the insert
 * skips a key already present (db/outbox.ts), so there is no read-then-write race.
 */
export async function enqueueMessage(db: Db, m: OutgoingMessage): Promise<boolean> {
  return (await enqueueMessages(db, [m])) === 1;
}

/** Several messages in one statement; returns how many went in (a key already there is skipped). */
export async function enqueueMessages(db: Db, ms: readonly OutgoingMessage[]): Promise<number> {
  const inserted = await insertOutboxRows(db, ms.map(outboxRowOf), new Date());
  if (inserted > 0) wroteOutbox.add(db);
  return inserted;
}

/** The Outbox columns of a message (the rest start as PENDING, 0 attempts, due now). */
export function outboxRowOf(m: OutgoingMessage): OutboxColumns {
  const to = m.to;
  const where: Pick<OutboxColumns, 'kind' | 'receiveIdType' | 'receiveId' | 'openIds'> =
    to.type === 'batch'
      ? { kind: 'BATCH', receiveIdType: null, receiveId: null, openIds: JSON.stringify(to.openIds) }
      : to.type === 'reply'
        ? {
            kind: 'REPLY',
            receiveIdType: to.chatId ? `chat:${to.chatId}` : null,
            receiveId: to.messageId,
            openIds: null,
          }
        : to.type === 'patch'
          ? { kind: 'PATCH', receiveIdType: null, receiveId: to.messageId, openIds: null }
          : { kind: 'SEND', receiveIdType: to.type, receiveId: to.id, openIds: null };
  return {
    dedupKey: m.dedupKey,
    msgType: m.msgType,
    content: contentText(m.content),
    ...where,
    ...(m.staleAfter ? { staleAfter: m.staleAfter } : {}),
  };
}

const texts = new WeakMap<object, string>();

/** A frozen content object (a shared card such as /help's) is turned into text once. */
function contentText(content: unknown): string {
  if (!content || typeof content !== 'object' || !Object.isFrozen(content)) return JSON.stringify(content);
  let t = texts.get(content);
  if (t === undefined) {
    t = JSON.stringify(content);
    texts.set(content, t);
  }
  return t;
}

/** Feishu's `uuid` de-duplicates sends for an hour; it is at most 50 chars, so hash long keys. */
export function feishuUuid(dedupKey: string): string {
  return dedupKey.length <= 50 ? dedupKey : crypto.createHash('sha256').update(dedupKey).digest('hex').slice(0, 48);
}
