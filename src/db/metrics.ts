import type { Db } from './database.js';

// What the Prometheus metrics read from the database at scrape time: figures of all instances,
// the same whichever instance is scraped.

/** Messages not yet delivered, by status (all instances), for the metrics. */
export async function outboxDepth(db: Db): Promise<Record<'PENDING' | 'SENDING' | 'FAILED', number>> {
  const rows = await db.outbox.groupBy({
    by: ['status'],
    where: { status: { in: ['PENDING', 'SENDING', 'FAILED'] } },
    _count: { _all: true },
  });
  const count = (s: string) => rows.find((r) => r.status === s)?._count._all ?? 0;
  return { PENDING: count('PENDING'), SENDING: count('SENDING'), FAILED: count('FAILED') };
}

/** Scheduled job slots run, by job and status (all instances). */
export async function jobRunCounts(db: Db): Promise<{ job: string; status: string; count: number }[]> {
  const rows = await db.jobRun.groupBy({ by: ['job', 'status'], _count: { _all: true } });
  return rows.map((r) => ({ job: r.job, status: r.status, count: r._count._all }));
}
