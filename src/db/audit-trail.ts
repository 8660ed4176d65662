import type { Actor } from './people.js';
import type { Db } from './client.js';

/**
 * One AuditLog row for a change: who, what, on which record, with details. The actor is a roster
 * person, or only an open_id (an admin from LARK_ADMIN_OPEN_IDS not on the roster), or null (the system).
 */
export async function recordAudit(
  db: Db,
  actor: Actor | { openId: string } | null,
  action: string,
  entity: string,
  entityId: number | string,
  detail: unknown = {},
): Promise<void> {
  const actorId = actor && 'id' in actor ? actor.id : null;
  await db.auditLog.create({
    data: {
      actorId,
      actorOpenId: actor?.openId ?? null,
      action,
      entity,
      entityId: String(entityId),
      detail: JSON.stringify(detail),
    },
  });
}
