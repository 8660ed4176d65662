import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';

export interface TripToCancel {
  id: number;
  squadId: number;
  createdById: number;
  approverId: number | null;
  status: string;
  destination: string;
  startDate: string;
  cancelReason: string | null;
  visits: number;
}

export async function findTripToCancel(db: Db, id: number): Promise<TripToCancel | null> {
  const t = await db.trip.findUnique({ where: { id }, include: { _count: { select: { visits: true } } } });
  if (!t) return null;
  return {
    id: t.id,
    squadId: t.squadId,
    createdById: t.createdById,
    approverId: t.approverId,
    status: t.status,
    destination: t.destination,
    startDate: t.startDate,
    cancelReason: t.cancelReason,
    visits: t._count.visits,
  };
}

/**
 * Cancels a plan that is still pending or approved and has no visit entered (a conditional update:
 * a decision or a report that came first wins). Audited. False when it was no longer cancellable.
 */
export async function cancelTrip(db: Db, id: number, by: number, reason: string, at: Date): Promise<boolean> {
  const { count } = await db.trip.updateMany({
    where: { id, status: { in: ['PENDING', 'APPROVED'] }, visits: { none: {} } },
    data: { status: 'CANCELLED', cancelReason: reason, cancelledAt: at, cancelledById: by },
  });
  if (count === 1) await recordAudit(db, { id: by }, 'trip.cancel', 'Trip', id, { reason });
  return count === 1;
}
