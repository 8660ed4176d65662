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

/**
 * When a reminder about the day of `now` stops being worth sending: the end of that local day
 * (APP_TIMEZONE), as a time on the clock the outbox is written and sent by. A job runs for a given
 * `now` (the scheduler's slot; tests and the sandbox's office panel run jobs for any date), so the
 * time left in that day is counted from the moment the reminder is written.
 */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const next = addDays(localDate(now, timeZone), 1);
  const midnightUtc = new Date(`${next}T00:00:00Z`);
  // The zone's offset at that moment: its wall-clock time there, read as if it were UTC.
  const wall = new Date(`${midnightUtc.toLocaleString('sv-SE', { timeZone }).replace(' ', 'T')}Z`);
  const end = midnightUtc.getTime() - (wall.getTime() - midnightUtc.getTime());
  return new Date(Date.now() + (end - now.getTime()));
}
