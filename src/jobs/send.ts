import type { Db } from '../db/client.js';
import { enqueueMessage, textContent, type OutgoingMessage } from '../feishu/outbox.js';

/**
 * Enqueues unless a message with the key exists. Two instances racing on the same key: the loser's
 * insert hits the unique index, which means "already there", not an error.
 */
export async function enqueueOnce(db: Db, m: OutgoingMessage): Promise<boolean> {
  try {
    return await enqueueMessage(db, m);
  } catch (e) {
    if ((e as { code?: string }).code === 'P2002' || /unique/i.test((e as Error).message)) return false;
    throw e;
  }
}

/** A plain reminder to several people: one batch call (batch messages cannot be updated; fine for text). */
export async function remindPeople(db: Db, dedupKey: string, openIds: string[], text: string): Promise<boolean> {
  const ids = [...new Set(openIds)].sort();
  if (ids.length === 0) return false;
  if (ids.length === 1) return enqueueOnce(db, { dedupKey, to: { type: 'open_id', id: ids[0]! }, msgType: 'text', content: textContent(text) });
  // Feishu takes at most 200 open_ids per batch call.
  let any = false;
  for (let i = 0; i < ids.length; i += BATCH_MAX) {
    const key = ids.length > BATCH_MAX ? `${dedupKey}:part-${i / BATCH_MAX + 1}` : dedupKey;
    any = (await enqueueOnce(db, { dedupKey: key, to: { type: 'batch', openIds: ids.slice(i, i + BATCH_MAX) }, msgType: 'text', content: textContent(text) })) || any;
  }
  return any;
}

const BATCH_MAX = 200;
