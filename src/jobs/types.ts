import type { Deps } from '../deps.js';

/**
 * A scheduled job. The schedule only decides *when*; `run(deps, now)` does the work for the
 * instant `now`, so tests and the sandbox's office panel call it with any date. Every message a
 * job sends carries a dedup key made of the job, the period and the receiver, so running a slot
 * twice sends nothing twice.
 */
export interface Job {
  /** Chinese label for the office panel. */
  label: string;
  /** croner pattern in APP_TIMEZONE (may be read from settings by the scheduler). */
  cron: string;
  /**
   * How late a slot missed while no instance ran may still be run: `same-day` (a reminder is only
   * worth sending on its day) or a number of days after the slot.
   */
  catchUp: 'same-day' | { days: number };
  run(deps: Deps, now: Date): Promise<JobResult>;
}

export interface JobResult {
  /** One line for logs and the office panel, e.g. "提醒了 3 个小分队". */
  summary: string;
  messages?: number;
}
