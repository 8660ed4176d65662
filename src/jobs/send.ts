import type { Db } from '../db/client.js';
import { addDays, localDate } from '../domain/periods.js';
import { enqueueMessage, textContent } from '../feishu/outbox.js';

/**
 * A plain reminder to several people: one batch call (batch messages cannot be updated; fine for text).
 * `staleAfter`: a reminder that counts days ("还剩 3 天") is not sent after that time (see endOfLocalDay).
 */
export async function remindPeople(
  db: Db,
  dedupKey: string,
  openIds: string[],
  text: string,
  staleAfter?: Date,
): Promise<boolean> {
  const ids = [...new Set(openIds)].sort();
  if (ids.length === 0) return false;
  const late = staleAfter ? { staleAfter } : {};
  if (ids.length === 1)
    return enqueueMessage(db, {
      dedupKey,
      to: { type: 'open_id', id: ids[0]! },
      msgType: 'text',
      content: textContent(text),
      ...late,
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
        ...late,
      })) || any;
  }
  return any;
}

const BATCH_MAX = 200;

/** The end of the local day (APP_TIMEZONE) that `now` falls in: the next local midnight. */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const next = addDays(localDate(now, timeZone), 1);
  const midnightUtc = new Date(`${next}T00:00:00Z`);
  // The zone's offset at that moment: its wall-clock time there, read as if it were UTC.
  const wall = new Date(`${midnightUtc.toLocaleString('sv-SE', { timeZone }).replace(' ', 'T')}Z`);
  return new Date(midnightUtc.getTime() - (wall.getTime() - midnightUtc.getTime()));
}
