import os from 'node:os';
import { Cron } from 'croner';
import {
  claimSlot,
  findSlot,
  finishSlot,
  MAX_SLOT_ATTEMPTS,
  renewSlot,
  SLOT_LEASE_MS,
  slotClaimable,
} from '../db/job-slots.js';
import { getSetting } from '../db/settings.js';
import type { Deps } from '../deps.js';
import { listJobs, type NamedJob as Job } from './index.js';
import type { JobResult } from './types.js';

// Runs each registered job at its cron (in APP_TIMEZONE), reading the time from the injected clock.
// The scheduler wakes at the next cron time and at least once a minute; each time it looks, for
// every job, at the latest slot (the cron's scheduled minute) that is still worth running: today's
// for the daily reminders, the last three days' for the quarterly bulletin. A slot runs once across
// instances: it is claimed by inserting the JobRun row `${job}:${slot ISO}`, and the holder renews
// its lease while the job runs. So the same look also picks up slots missed while every instance
// was down, slots left RUNNING by an instance that died (its lease ran out), and failed runs (tried
// again a few times). Jobs are idempotent through their outbox dedup keys: a resumed run sends only
// what the first one did not.

export interface Scheduler {
  /** Starts no more runs and resolves once the running ones have ended. */
  stop(): Promise<void>;
  /** The crons in force, for logs and the office panel. */
  patterns(): Record<string, string>;
  /** Starts every run due at the clock's now and resolves when the runs of this instance have ended. */
  check(): Promise<void>;
}

export interface SchedulerOptions {
  /** This instance's name in JobRun.holder (default host:pid). */
  holder?: string;
  /** The jobs to schedule (default: the jobs table). */
  jobs?: Job[];
  leaseMs?: number;
  /** The longest sleep between two looks (default one minute, or the lease when shorter). */
  lookEveryMs?: number;
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

export async function startScheduler(deps: Deps, opts: SchedulerOptions = {}): Promise<Scheduler> {
  const holder = opts.holder ?? `${os.hostname()}:${process.pid}`;
  const jobs = opts.jobs ?? listJobs();
  // Looking at least once per lease, a run whose holder died is resumed within two leases.
  const lookEveryMs = opts.lookEveryMs ?? Math.min(60_000, opts.leaseMs ?? SLOT_LEASE_MS);
  const tz = deps.config.timezone;
  const patterns: Record<string, string> = {};
  const running = new Map<string, Promise<void>>();
  const finished = new Set<string>();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  // Looks run one after another, so two never start the same slot.
  let looking: Promise<void> = Promise.resolve();

  const look = async (): Promise<void> => {
    const now = deps.clock.now();
    for (const job of jobs) {
      if (stopped) return;
      const pattern = await cronFor(deps, job);
      patterns[job.name] = pattern;
      const slot = dueSlot(pattern, tz, job.catchUp, now);
      if (!slot) continue;
      const key = slotKey(job, slot);
      if (running.has(key) || finished.has(key)) continue;
      const row = await findSlot(deps.db, key);
      if (row?.status === 'DONE') finished.add(key);
      if (stopped || !slotClaimable(row, now)) continue;
      const run = fireSlot(deps, job, slot, holder, opts.leaseMs)
        .then((o) => {
          if (o.ran) finished.add(key);
        })
        .catch((e: unknown) => deps.log.error({ err: e, job: job.name, slot: slot.toISOString() }, 'job failed'))
        .finally(() => running.delete(key));
      running.set(key, run);
    }
  };
  const check = async (): Promise<void> => {
    looking = looking
      .then(look)
      .catch((e: unknown) => deps.log.error({ err: e }, 'scheduler could not look for due jobs'));
    await looking;
    await Promise.all(running.values());
  };
  const wakeLater = () => {
    if (stopped) return;
    const now = deps.clock.now();
    let wait = lookEveryMs;
    for (const pattern of Object.values(patterns)) {
      const next = new Cron(pattern, { timezone: tz, paused: true }).nextRun(now);
      if (next) wait = Math.min(wait, next.getTime() - now.getTime() + 200);
    }
    timer = setTimeout(
      () => {
        void check();
        wakeLater();
      },
      Math.max(wait, 1000),
    );
    timer.unref();
  };

  // At start: anything missed or left unfinished is taken up at once, without holding up the start.
  void check();
  await looking;
  wakeLater();
  deps.log.info({ jobs: patterns, timezone: tz, holder }, 'scheduler started');
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await looking;
      await Promise.all(running.values());
    },
    patterns: () => ({ ...patterns }),
    check,
  };
}

const DAY_MS = 24 * 3600_000;

/**
 * The latest slot of `pattern` at or before `now` that may still run: on the same local day as `now`
 * (`same-day`), or at most `days` days before it. Null when there is none.
 */
function dueSlot(pattern: string, tz: string, catchUp: Job['catchUp'], now: Date): Date | null {
  const from =
    catchUp === 'same-day'
      ? lastRun('0 0 * * *', tz, new Date(now.getTime() - 2 * DAY_MS), now)!
      : new Date(now.getTime() - catchUp.days * DAY_MS);
  return lastRun(pattern, tz, from, now);
}

/** The last run of the cron in [from, to], or null. */
function lastRun(pattern: string, tz: string, from: Date, to: Date): Date | null {
  const cron = new Cron(pattern, { timezone: tz, paused: true });
  let last: Date | null = null;
  // A cron that fires every minute has a few thousand runs in three days; past that, nothing is missed.
  for (let t = cron.nextRun(new Date(from.getTime() - 1)), i = 0; t && t <= to && i < 10_000; i++) {
    last = t;
    t = cron.nextRun(t);
  }
  return last;
}

const slotKey = (job: Job, slot: Date) => `${job.name}:${slot.toISOString()}`;

export type FireOutcome = { ran: true; result: JobResult } | { ran: false; reason: 'claimed-elsewhere' };

/**
 * Claims `${job}:${slot}` (src/db/job-slots.ts: the first insert wins; a slot whose holder stopped
 * renewing its lease, or whose last run failed, is claimed again) and runs the job for the slot's
 * time, renewing the lease while it runs. Another instance (or a second firing) finds the row taken
 * and does nothing. A failed run is recorded FAILED with the error (and tried again later).
 */
export async function fireSlot(
  deps: Deps,
  job: Job,
  slot: Date,
  holder: string,
  leaseMs = SLOT_LEASE_MS,
): Promise<FireOutcome> {
  const key = slotKey(job, slot);
  if (!(await claimSlot(deps.db, { key, job: job.name, holder, now: deps.clock.now(), leaseMs })))
    return { ran: false, reason: 'claimed-elsewhere' };
  const renew = setInterval(() => {
    renewSlot(deps.db, key, holder, new Date(deps.clock.now().getTime() + leaseMs)).then(
      (ours) => {
        if (!ours)
          deps.log.warn({ job: job.name, slot: slot.toISOString() }, 'job slot was taken over by another instance');
      },
      (e: unknown) => deps.log.warn({ err: e, job: job.name }, 'could not renew the job slot lease'),
    );
  }, leaseMs / 3);
  renew.unref();
  try {
    const result = await job.run(deps, slot);
    clearInterval(renew);
    const ours = await finishSlot(deps.db, key, holder, 'DONE', result.summary, deps.clock.now());
    deps.log.info({ job: job.name, slot: slot.toISOString(), summary: result.summary, recorded: ours }, 'job done');
    deps.kickSender();
    return { ran: true, result };
  } catch (e) {
    clearInterval(renew);
    await finishSlot(deps.db, key, holder, 'FAILED', lastLine(e), deps.clock.now());
    const row = await findSlot(deps.db, key);
    if (row && row.attempts >= MAX_SLOT_ATTEMPTS)
      deps.log.error(
        { job: job.name, slot: slot.toISOString(), attempts: row.attempts },
        'job gave up after its last attempt',
      );
    throw e;
  }
}

/** The line of an error that says what went wrong (Prisma's messages start with the code that called it). */
function lastLine(e: unknown): string {
  const lines = String((e as Error)?.message ?? e)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.at(-1) ?? 'unknown error';
}
