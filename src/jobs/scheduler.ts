import os from 'node:os';
import { claimSlot, finishSlot } from '../db/job-slots.js';
import { Cron } from 'croner';
import { getSetting } from '../db/settings.js';
import type { Deps } from '../deps.js';
import { listJobs, type NamedJob as Job } from './index.js';
import type { JobResult } from './types.js';

// Fires each registered job on its cron (in APP_TIMEZONE). Every firing first claims the JobRun row
// `${job}:${slot}` (slot = the scheduled minute, ISO): the insert succeeds at one instance only, so a
// slot runs once however many instances run the scheduler. The job's own dedup keys make even a
// second run of the same slot (a retry by hand) send nothing twice.

export interface Scheduler {
  stop(): void;
  /** The crons in force, for logs and the office panel. */
  patterns(): Record<string, string>;
}

/** The cron in force for a job: the office's setting `jobs.<name>.cron`, else the job's default. */
async function cronFor(deps: Deps, job: Job): Promise<string> {
  const v = await getSetting<unknown>(deps.db, `jobs.${job.name}.cron`, null);
  if (typeof v === 'string') {
    try {
      new Cron(v, { paused: true }).stop();
      return v;
    } catch {
      deps.log.warn({ job: job.name, cron: v }, 'invalid cron in settings; using the default');
    }
  }
  return job.cron;
}

export async function startScheduler(deps: Deps, opts: { holder?: string } = {}): Promise<Scheduler> {
  const holder = opts.holder ?? `${os.hostname()}:${process.pid}`;
  const crons: Cron[] = [];
  const patterns: Record<string, string> = {};
  for (const job of listJobs()) {
    const pattern = await cronFor(deps, job);
    patterns[job.name] = pattern;
    const cron: Cron = new Cron(
      pattern,
      { timezone: deps.config.timezone, protect: true, unref: true, name: undefined },
      async () => {
        const slot = slotOf(cron, new Date());
        await fireSlot(deps, job, slot, holder).catch((e: unknown) =>
          deps.log.error({ err: e, job: job.name }, 'job failed'),
        );
      },
    );
    crons.push(cron);
  }
  deps.log.info({ jobs: patterns, timezone: deps.config.timezone }, 'scheduler started');
  return {
    stop: () => {
      for (const c of crons) c.stop();
    },
    patterns: () => ({ ...patterns }),
  };
}

/** The scheduled time this firing is for: croner fires at it or a little after (never a minute late). */
function slotOf(cron: Cron, firedAt: Date): Date {
  const prev = cron.nextRun(new Date(firedAt.getTime() - 60_000));
  if (prev && prev.getTime() <= firedAt.getTime()) return prev;
  const d = new Date(firedAt);
  d.setUTCSeconds(0, 0);
  return d;
}

export type FireOutcome = { ran: true; result: JobResult } | { ran: false; reason: 'claimed-elsewhere' };

/**
 * Claims `${job}:${slot}` (src/jobs/slot.ts: the first insert wins; a slot left RUNNING by a crashed
 * instance is taken over once stale) and runs the job for the slot's time. Another instance (or a
 * second firing) finds the row and does nothing. A failed run is recorded FAILED with the error.
 */
export async function fireSlot(deps: Deps, job: Job, slot: Date, holder: string): Promise<FireOutcome> {
  const key = `${job.name}:${slot.toISOString()}`;
  if (!(await claimSlot(deps.db, { key, job: job.name, holder, now: new Date() })))
    return { ran: false, reason: 'claimed-elsewhere' };
  try {
    const result = await job.run(deps, slot);
    await finishSlot(deps.db, key, holder, 'DONE', result.summary, new Date());
    deps.log.info({ job: job.name, slot: slot.toISOString(), summary: result.summary }, 'job done');
    deps.kickSender();
    return { ran: true, result };
  } catch (e) {
    await finishSlot(deps.db, key, holder, 'FAILED', String((e as Error).message ?? e), new Date());
    throw e;
  }
}
