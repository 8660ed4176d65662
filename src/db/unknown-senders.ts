import type { Db } from './database.js';

// People who wrote to the bot without being on the roster: each is told once how to get added,
// and after that the bot stays silent to them.

/** Records that `openId` has been told; false when they had been already. */
export async function noteUnknownSender(db: Db, openId: string): Promise<boolean> {
  if (await db.unknownSender.findUnique({ where: { openId } })) return false;
  await db.unknownSender.create({ data: { openId } });
  return true;
}
