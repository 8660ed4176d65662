import type { Db } from './database.js';

// Binding roster people to their Feishu open_ids, found by mobile or e-mail (feishu/roster-binding.ts).

/** Active people without an open_id who have a mobile or an e-mail to look them up by. */
export function peopleToBind(db: Db) {
  return db.person.findMany({
    where: { openId: null, active: true, OR: [{ mobile: { not: null } }, { email: { not: null } }] },
    orderBy: { id: 'asc' },
  });
}

/** Gives the person the open_id, unless someone already has it; true when it was given. */
export async function bindOpenId(db: Db, personId: number, openId: string): Promise<boolean> {
  if (await db.person.findUnique({ where: { openId } })) return false;
  await db.person.update({ where: { id: personId }, data: { openId } });
  return true;
}
