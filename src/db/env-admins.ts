import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';

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
