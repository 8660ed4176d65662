import { isUniqueViolation } from './errors.js';
import type { Db } from './client.js';

/** How long a claim holds without renewal: the holder renews it while the job runs. */
export const SLOT_LEASE_MS = 2 * 60_000;
/** A failed run is tried again after this long, up to MAX_SLOT_ATTEMPTS runs in all. */
const FAILED_SLOT_RETRY_MS = 5 * 60_000;
export const MAX_SLOT_ATTEMPTS = 5;
/** Rows written before slots had a lease: RUNNING this long since the start means the holder is gone. */
const LEGACY_STALE_MS = 15 * 60_000;

export interface SlotClaim {
  /** `${job}:${slot}`, e.g. `report-reminders:2018-06-25T01:00:00.000Z`. */
  key: string;
  job: string;
  /** Who runs it (instance id), for the office panel and for finishSlot. */
  holder: string;
  now: Date;
  leaseMs?: number;
}

export interface SlotRow {
  status: string;
  holder: string;
  attempts: number;
  leaseUntil: Date | null;
  finishedAt: Date | null;
}

/** The slot's row, or null when no instance has claimed it yet. */
export async function findSlot(db: Db, key: string): Promise<SlotRow | null> {
  return db.jobRun.findUnique({
    where: { key },
    select: { status: true, holder: true, attempts: true, leaseUntil: true, finishedAt: true },
  });
}

/**
 * Claims a scheduled job's slot across instances: the first insert of the JobRun row wins, every
 * other instance (same cron tick on another process) gets false and does nothing. The insert runs on
 * its own, never inside a transaction: on PostgreSQL a unique violation would abort the caller's
 * transaction.
 *
 * A slot already claimed is claimed again (the run resumed) when its holder is gone — still RUNNING
 * but its lease not renewed in time — or when its last run FAILED a while ago and it has attempts
 * left. Each update is conditional on the row as read, so of several instances one wins. Jobs are
 * idempotent through their outbox dedup keys, so finishing a half-done slot sends nothing twice.
 */
export async function claimSlot(db: Db, c: SlotClaim): Promise<boolean> {
  const leaseUntil = new Date(c.now.getTime() + (c.leaseMs ?? SLOT_LEASE_MS));
  try {
    await db.jobRun.create({ data: { key: c.key, job: c.job, holder: c.holder, startedAt: c.now, leaseUntil } });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const resumed = await db.jobRun.updateMany({
    where: {
      key: c.key,
      status: 'RUNNING',
      OR: [
        { leaseUntil: { lt: c.now } },
        { leaseUntil: null, startedAt: { lt: new Date(c.now.getTime() - LEGACY_STALE_MS) } },
      ],
    },
    data: {
      holder: c.holder,
      startedAt: c.now,
      leaseUntil,
      attempts: { increment: 1 },
      detail: 'resumed: the instance running it stopped',
    },
  });
  if (resumed.count === 1) return true;
  const retried = await db.jobRun.updateMany({
    where: {
      key: c.key,
      status: 'FAILED',
      attempts: { lt: MAX_SLOT_ATTEMPTS },
      finishedAt: { lte: new Date(c.now.getTime() - FAILED_SLOT_RETRY_MS) },
    },
    data: {
      status: 'RUNNING',
      holder: c.holder,
      startedAt: c.now,
      finishedAt: null,
      leaseUntil,
      attempts: { increment: 1 },
    },
  });
  return retried.count === 1;
}

/** Whether `claimSlot` could take the slot now (read only; the claim itself decides races). */
export function slotClaimable(row: SlotRow | null, now: Date): boolean {
  if (!row) return true;
  if (row.status === 'RUNNING') return row.leaseUntil === null || row.leaseUntil < now;
  if (row.status === 'FAILED')
    return (
      row.attempts < MAX_SLOT_ATTEMPTS &&
      row.finishedAt !== null &&
      row.finishedAt.getTime() <= now.getTime() - FAILED_SLOT_RETRY_MS
    );
  return false;
}

/** Extends the holder's lease while its job runs; false when the slot was taken over meanwhile. */
export async function renewSlot(db: Db, key: string, holder: string, until: Date): Promise<boolean> {
  const res = await db.jobRun.updateMany({
    where: { key, holder, status: 'RUNNING' },
    data: { leaseUntil: until },
  });
  return res.count === 1;
}

/** Records how the slot ended; only its holder may (a taken-over slot is no longer ours). */
export async function finishSlot(
  db: Db,
  key: string,
  holder: string,
  status: 'DONE' | 'FAILED',
  detail: string,
  now: Date,
): Promise<boolean> {
  const res = await db.jobRun.updateMany({
    where: { key, holder, status: 'RUNNING' },
    data: { status, detail: detail.slice(0, 1000), finishedAt: now, leaseUntil: null },
  });
  return res.count === 1;
}
