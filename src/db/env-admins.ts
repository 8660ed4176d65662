import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';
import { isUniqueViolation } from './errors.js';
import { runInTransaction } from './transactions.js';

/**
 * The first office admins come from LARK_ADMIN_OPEN_IDS. When such an open_id is (or becomes)
 * bound to a roster person, that person gets OFFICE_ADMIN once, with an audit row, so the role
 * shows up in the org data like any other.
 */
export async function ensureEnvAdminRole(db: Db, adminOpenIds: readonly string[], openId: string): Promise<boolean> {
  if (!openId || !adminOpenIds.includes(openId)) return false;
  const person = await db.person.findUnique({ where: { openId }, include: { roles: true } });
  if (!person || person.roles.some((r) => r.role === 'OFFICE_ADMIN')) return false;
  await db.personRole.create({ data: { personId: person.id, role: 'OFFICE_ADMIN' } });
  await recordAudit(db, { openId }, 'role.grant', 'Person', person.id, {
    role: 'OFFICE_ADMIN',
    via: 'LARK_ADMIN_OPEN_IDS',
  });
  return true;
}

/** The 职务 of a person the bot put on the roster for an env admin (shown in the roster and /bind). */
export const ENV_ADMIN_TITLE = '系统管理员（首次使用时自动加入名册）';

/**
 * Whether this open_id is an env admin with no active roster person behind it: only then does the
 * bot put them on the roster (see addEnvAdminToRoster). One indexed read, and only for env admins.
 */
export async function envAdminOffRoster(db: Db, adminOpenIds: readonly string[], openId: string): Promise<boolean> {
  if (!openId || !adminOpenIds.includes(openId)) return false;
  const p = await db.person.findUnique({ where: { openId }, select: { active: true } });
  return !p?.active;
}

/**
 * Puts an env admin on the roster, in the office unit (招商局, kind OFFICE), with OFFICE_ADMIN and an
 * audit row, in its own short transaction before their event is handled. A person who left the
 * roster (inactive) comes back: the env variable says they are an admin. An unbound office person of
 * the same name is taken to be them. Two first messages at once store one person.
 */
export async function addEnvAdminToRoster(db: Db, openId: string, name: string): Promise<void> {
  try {
    await runInTransaction(db, async (tx) => {
      const held = await tx.person.findUnique({ where: { openId } });
      if (held?.active) return;
      const office = await tx.unit.findFirst({ where: { kind: 'OFFICE' }, orderBy: { id: 'asc' } });
      let personId: number;
      if (held) {
        await tx.person.update({ where: { id: held.id }, data: { active: true } });
        personId = held.id;
        await recordAudit(tx, { openId }, 'person.reactivate', 'Person', personId, {
          openId,
          via: 'LARK_ADMIN_OPEN_IDS',
        });
      } else {
        const namesake = await tx.person.findFirst({
          where: { name, unitId: office?.id ?? null },
          select: { id: true, openId: true, active: true },
        });
        if (namesake && !namesake.openId && namesake.active) {
          await tx.person.update({ where: { id: namesake.id }, data: { openId } });
          personId = namesake.id;
          await recordAudit(tx, { openId }, 'person.bind', 'Person', personId, {
            openId,
            via: 'LARK_ADMIN_OPEN_IDS',
            name,
          });
        } else {
          const p = await tx.person.create({
            data: {
              name: namesake ? `${name}（${openId.slice(-6)}）` : name,
              unitId: office?.id ?? null,
              title: ENV_ADMIN_TITLE,
              openId,
            },
          });
          personId = p.id;
          await recordAudit(tx, { id: personId, openId }, 'person.create', 'Person', personId, {
            name: p.name,
            unit: office?.name ?? null,
            openId,
            via: 'LARK_ADMIN_OPEN_IDS',
          });
        }
      }
      const hasRole = await tx.personRole.findUnique({ where: { personId_role: { personId, role: 'OFFICE_ADMIN' } } });
      if (!hasRole) {
        await tx.personRole.create({ data: { personId, role: 'OFFICE_ADMIN' } });
        await recordAudit(tx, { id: personId, openId }, 'role.grant', 'Person', personId, {
          role: 'OFFICE_ADMIN',
          via: 'LARK_ADMIN_OPEN_IDS',
        });
      }
      await tx.unknownSender.deleteMany({ where: { openId } });
    });
  } catch (e) {
    // Another instance (or a second event of the same person) put them on the roster first.
    if (!isUniqueViolation(e)) throw e;
  }
}
