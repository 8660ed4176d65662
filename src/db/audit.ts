import type { Db } from './client.js';

export interface AuditEntry {
  actorId?: number | null;
  actorOpenId?: string | null;
  action: string;
  entity: string;
  entityId: string | number;
  detail?: unknown;
}

/** Who changed what: one AuditLog row, in the caller's transaction. */
export async function writeAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: e.actorId ?? null,
      actorOpenId: e.actorOpenId ?? null,
      action: e.action,
      entity: e.entity,
      entityId: String(e.entityId),
      detail: JSON.stringify(e.detail ?? {}),
    },
  });
}
