import type { Db } from './client.js';

/** Who made a change: a roster person (id), an open_id alone, both, or nobody (null: the system). */
export type AuditActor = { id?: number | null; openId?: string | null } | null;

/**
 * One AuditLog row for a change: who, what, on which record, with details. The actor is a roster
 * person, or only an open_id (an admin from LARK_ADMIN_OPEN_IDS not on the roster), or null (the system).
 */
export async function recordAudit(
  db: Db,
  actor: AuditActor,
  action: string,
  entity: string,
  entityId: number | string,
  detail: unknown = {},
  at?: Date,
): Promise<number> {
  const row = await db.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorOpenId: actor?.openId ?? null,
      action,
      entity,
      entityId: String(entityId),
      detail: JSON.stringify(detail),
      ...(at ? { at } : {}),
    },
  });
  return row.id;
}
