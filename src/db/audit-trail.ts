import type { Actor } from './people.js';
import type { Db } from './client.js';

/** One AuditLog row for a change made through a card: who, what, on which record, with details. */
export async function recordAudit(db: Db, actor: Actor | null, action: string, entity: string, entityId: number | string, detail: unknown = {}): Promise<void> {
  await db.auditLog.create({
    data: { actorId: actor?.id ?? null, actorOpenId: actor?.openId ?? null, action, entity, entityId: String(entityId), detail: JSON.stringify(detail) },
  });
}
