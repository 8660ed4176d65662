import type { Db } from './client.js';

/** Review opinions not yet given on open reviews, with their unit's name and the project reviewed, oldest first. */
export async function listPendingOpinions(db: Db) {
  return db.reviewOpinion.findMany({
    where: { decision: 'PENDING', review: { status: 'OPEN' } },
    include: {
      unit: { select: { name: true } },
      review: { select: { projectId: true, project: { select: { squadId: true } } } },
    },
    orderBy: { id: 'asc' },
  });
}
