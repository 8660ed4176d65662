import type { Db } from './client.js';
import { AFTER_SEND, insertOutboxRows, NEVER_DUE } from './outbox.js';

// A card that is sent once and then kept current (the review status card): its outbox rows. New
// rows go through enqueueMessage (feishu/outbox.ts); these only read them and swap the content of
// a row still waiting to be sent.

/** The first send of such a card, by its dedup key, with Feishu's message id once delivered. */
export async function findCardMessage(
  db: Db,
  dedupKey: string,
): Promise<{ id: number; messageId: string | null } | null> {
  return db.outbox.findUnique({ where: { dedupKey }, select: { id: true, messageId: true } });
}

/** New content for the row if it is still waiting (PENDING); false when it is sent or being sent. */
export async function replaceWaitingCard(db: Db, id: number, card: object): Promise<boolean> {
  const r = await db.outbox.updateMany({
    where: { id, status: 'PENDING' },
    data: { content: JSON.stringify(card) },
  });
  return r.count === 1;
}

/** New content for the waiting updates of a card (dedup keys `<dedupKey>:…`); how many there were. */
export async function replaceWaitingCardUpdates(db: Db, dedupKey: string, card: object): Promise<number> {
  const r = await db.outbox.updateMany({
    where: { dedupKey: { startsWith: `${dedupKey}:` }, status: 'PENDING' },
    data: { content: JSON.stringify(card) },
  });
  return r.count;
}

/**
 * The card's first send is under way (claimed, no message id yet): its newest content is kept in one
 * PATCH row that waits, never due, until the send is recorded (markOutboxSent then points it at the
 * message and makes it due). The first row is locked meanwhile, so a send recorded at the same time
 * either came first (false: the caller PATCHes the message) or waits and then finds the row.
 */
export async function updateAfterSend(db: Db, first: { id: number; dedupKey: string }, card: object): Promise<boolean> {
  const held = await db.outbox.updateMany({ where: { id: first.id, status: 'SENDING' }, data: { status: 'SENDING' } });
  if (held.count !== 1) return false;
  const dedupKey = `${first.dedupKey}${AFTER_SEND}`;
  const content = JSON.stringify(card);
  const row = { dedupKey, kind: 'PATCH', receiveIdType: null, receiveId: null, msgType: 'interactive', openIds: null };
  await insertOutboxRows(db, [{ ...row, content }], new Date());
  await db.outbox.updateMany({
    where: { dedupKey, status: 'PENDING', receiveId: null },
    data: { content, nextAttemptAt: NEVER_DUE },
  });
  return true;
}
