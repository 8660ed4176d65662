import { isUniqueViolation } from './errors.js';
import type { Db } from './client.js';

/** A slot still RUNNING after this long was left by a crashed instance: another may take it. */
const STALE_SLOT_MS = 15 * 60_000;

export interface SlotClaim {
  /** `${job}:${slot}`, e.g. `monthly-reminder:2018-06-25`. */
  key: string;
  job: string;
  /** Who runs it (instance id), for the office panel and for finishSlot. */
  holder: string;
  now: Date;
  staleMs?: number;
}

/**
 * Claims a scheduled job's slot across instances: the first insert of the JobRun row wins, every
 * other instance (same cron tick on another process) gets false and does nothing. The insert runs on
 * its own, never inside a transaction: on PostgreSQL a unique violation would abort the caller's
 * transaction. A slot left RUNNING by a crashed instance is taken over once stale (jobs are
 * idempotent through their outbox dedup keys, so finishing a half-run slot sends nothing twice).
 */
export async function claimSlot(db: Db, c: SlotClaim): Promise<boolean> {
  try {
    await db.jobRun.create({ data: { key: c.key, job: c.job, holder: c.holder, startedAt: c.now } });
    return true;
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
  }
  const staleBefore = new Date(c.now.getTime() - (c.staleMs ?? STALE_SLOT_MS));
  const taken = await db.jobRun.updateMany({
    where: { key: c.key, status: 'RUNNING', startedAt: { lt: staleBefore } },
    data: { holder: c.holder, startedAt: c.now, detail: 'taken over from a stalled run' },
  });
  return taken.count === 1;
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
    data: { status, detail: detail.slice(0, 1000), finishedAt: now },
  });
  return res.count === 1;
}
