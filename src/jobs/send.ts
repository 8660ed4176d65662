import type { Db } from '../db/client.js';
import { enqueueMessage, textContent } from '../feishu/outbox.js';

/** A plain reminder to several people: one batch call (batch messages cannot be updated; fine for text). */
export async function remindPeople(db: Db, dedupKey: string, openIds: string[], text: string): Promise<boolean> {
  const ids = [...new Set(openIds)].sort();
  if (ids.length === 0) return false;
  if (ids.length === 1)
    return enqueueMessage(db, {
      dedupKey,
      to: { type: 'open_id', id: ids[0]! },
      msgType: 'text',
      content: textContent(text),
    });
  // Feishu takes at most 200 open_ids per batch call.
  let any = false;
  for (let i = 0; i < ids.length; i += BATCH_MAX) {
    const key = ids.length > BATCH_MAX ? `${dedupKey}:part-${i / BATCH_MAX + 1}` : dedupKey;
    any =
      (await enqueueMessage(db, {
        dedupKey: key,
        to: { type: 'batch', openIds: ids.slice(i, i + BATCH_MAX) },
        msgType: 'text',
        content: textContent(text),
      })) || any;
  }
  return any;
}

const BATCH_MAX = 200;
