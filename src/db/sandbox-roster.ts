import type { Db } from './database.js';

// What the no-credentials sandbox (src/sandbox) reads and writes: the roster it mirrors as sandbox
// users and groups, and the chats it hands to the squads and the leading group.

/** Active people, by id: each becomes a sandbox user, in this order. */
export function activePeople(db: Db) {
  return db.person.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
}

/** Active squads in the plan's order, with their members and leaders (a sandbox group each). */
export function activeSquadsWithPeople(db: Db) {
  return db.squad.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    include: { members: true, leaders: true },
  });
}

/**
 * Gives each squad without a chat the sandbox group `chatIdOf(squadId)`, and the leading group
 * its chat if it has none. A chat already set is left as it is, so a restart changes nothing.
 */
export async function assignSandboxChats(
  db: Db,
  squads: readonly { id: number; chatId: string | null }[],
  chatIdOf: (squadId: number) => string,
  leadership: { chatId: string; name: string },
): Promise<void> {
  for (const s of squads) {
    if (!s.chatId) await db.squad.update({ where: { id: s.id }, data: { chatId: chatIdOf(s.id) } });
  }
  if (!(await db.chat.findFirst({ where: { kind: 'LEADERSHIP' } }))) {
    await db.chat.create({ data: { chatId: leadership.chatId, kind: 'LEADERSHIP', name: leadership.name } });
  }
}

/** People who can be picked on the sandbox page (bound to a sandbox user), with roles, squads and unit. */
export function pickablePeople(db: Db) {
  return db.person.findMany({
    where: { active: true, openId: { not: null } },
    include: { roles: true, memberOf: true, unit: true },
    orderBy: { id: 'asc' },
  });
}

/** Active squads in the plan's order. */
export function activeSquads(db: Db) {
  return db.squad.findMany({ where: { active: true }, orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }] });
}
