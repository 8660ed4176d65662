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

/**
 * People bound to an open_id the sandbox did not make (it makes only `<prefix><n>`): the marks a
 * real Feishu app leaves on a database. A few names, and how many there are.
 */
export async function peopleBoundOutside(db: Db, sandboxPrefix: string) {
  const where = { openId: { not: null }, NOT: { openId: { startsWith: sandboxPrefix } } };
  const [count, some] = await Promise.all([
    db.person.count({ where }),
    db.person.findMany({ where, select: { name: true }, orderBy: { id: 'asc' }, take: 3 }),
  ]);
  return { count, names: some.map((p) => p.name) };
}

/** The sandbox's 督查室 inspector: the plan names no person for the office, so the page has one to try /inspect with. */
const SANDBOX_INSPECTOR = { name: '督查室专员', title: '区委区政府督查室专员', mobile: '13800000090' } as const;

/**
 * Puts one 督查室 inspector (role INSPECTOR, unit 督查室) on the roster when nobody has the role, so
 * the local page can record an inspection. A roster that has an inspector is left as it is.
 */
export async function ensureSandboxInspector(db: Db): Promise<void> {
  if (await db.personRole.findFirst({ where: { role: 'INSPECTOR', person: { active: true } } })) return;
  const unit = await db.unit.findUnique({ where: { code: 'INSPECTION' } });
  const found = await db.person.findFirst({ where: { mobile: SANDBOX_INSPECTOR.mobile } });
  const person =
    found ??
    (await db.person.create({
      data: {
        name: SANDBOX_INSPECTOR.name,
        title: SANDBOX_INSPECTOR.title,
        mobile: SANDBOX_INSPECTOR.mobile,
        unitId: unit?.id ?? null,
      },
    }));
  await db.personRole.create({ data: { personId: person.id, role: 'INSPECTOR' } });
}
