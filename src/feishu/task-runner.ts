import os from 'node:os';
import {
  claimFeishuTask,
  findDueFeishuTask,
  finishFeishuTask,
  retryFeishuTask,
  type ClaimedFeishuTask,
} from '../db/feishu-tasks.js';
import { runInTransaction } from '../db/transactions.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import { enqueueMessage, textContent } from './outbox.js';
import { tasksQueuedHere, type TaskTable } from './tasks.js';

export interface TaskRunnerOptions {
  instanceId?: string;
  /** How long a claim lasts: longer than a task can take, so only a dead instance's task is taken over. */
  leaseMs?: number;
  /** Tries before the asker is told it failed (a bad file fails at once, without retries). */
  maxAttempts?: number;
  /** Wait before the second try; it doubles for each later one. */
  retryMs?: number;
  /** How often to look for tasks queued by other instances or left behind by a crash. */
  pollMs?: number;
  /** Tasks run side by side, so that one stuck upload does not hold up everyone else's export. */
  concurrency?: number;
}

/** Another instance took the task over after this one's lease ran out: its result is dropped. */
class ClaimLost extends Error {}

/**
 * Runs FeishuTask rows, a few at a time, outside any event's transaction. A task's result (rows and
 * messages) is written in one transaction together with the DONE mark, and only if this instance
 * still holds the claim, so it arrives exactly once however many instances try.
 */
export class FeishuTaskRunner {
  readonly instanceId: string;
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly retryMs: number;
  private readonly pollMs: number;
  private readonly concurrency: number;
  private timer: NodeJS.Timeout | undefined;
  private readonly workers = new Set<Promise<void>>();
  private again = false;
  private stopped = true;
  /** tasksQueuedHere() when this runner last looked after a commit. */
  private seenQueued = 0;

  constructor(
    private readonly deps: Deps,
    private readonly table: TaskTable,
    opts: TaskRunnerOptions = {},
  ) {
    this.instanceId = opts.instanceId ?? `${os.hostname()}:${process.pid}`;
    this.leaseMs = opts.leaseMs ?? Math.max(5 * 60_000, 3 * deps.config.larkFileTimeoutMs);
    this.maxAttempts = opts.maxAttempts ?? 3;
    this.retryMs = opts.retryMs ?? 10_000;
    this.pollMs = opts.pollMs ?? 5_000;
    this.concurrency = opts.concurrency ?? 3;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** After an event's commit: look at once, but only if this process queued a task since the last look. */
  kickIfQueued(): void {
    const queued = tasksQueuedHere();
    if (queued === this.seenQueued) return;
    this.seenQueued = queued;
    this.kick();
  }

  /** Starts a worker to claim due tasks, unless enough are busy (then one looks again when it is done). */
  kick(): void {
    if (this.stopped) return;
    if (this.workers.size >= this.concurrency) {
      this.again = true;
      return;
    }
    const worker: Promise<void> = this.work().finally(() => {
      this.workers.delete(worker);
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
    this.workers.add(worker);
  }

  /** Runs every task due now (tests; a task waiting for a later retry is not due). */
  async drain(): Promise<void> {
    while (this.workers.size) await Promise.all(this.workers);
    await this.work();
  }

  /** Lets the tasks being run finish (each Feishu call has a time limit), then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.workers.size) await Promise.all(this.workers);
  }

  /** Claims and runs tasks until none is due; with a task in hand, lets another worker look for the next. */
  private async work(): Promise<void> {
    try {
      for (;;) {
        const task = await this.claim();
        if (!task) return;
        this.kick();
        await this.runOne(task);
      }
    } catch (e) {
      this.deps.log.error({ err: e }, 'task runner failed');
    }
  }

  private async claim(): Promise<ClaimedFeishuTask | undefined> {
    // A plain read first, so an idle poll writes nothing.
    for (let i = 0; i < 5; i++) {
      const now = new Date();
      const id = await findDueFeishuTask(this.deps.db, now);
      if (id === undefined) return undefined;
      const until = new Date(now.getTime() + this.leaseMs);
      const task = await runInTransaction(this.deps.db, (tx) =>
        claimFeishuTask(tx, id, { owner: this.instanceId, now, until }),
      );
      if (task) return task;
    }
    return undefined;
  }

  private async runOne(task: ClaimedFeishuTask): Promise<void> {
    const work = this.table[task.kind];
    const log = this.deps.log.child({ taskId: task.id, kind: task.kind, attempt: task.attempts });
    try {
      if (!work) throw new UserError('这项工作已不再支持。');
      const commit = await work.run(task, this.deps);
      await runInTransaction(this.deps.db, async (tx) => {
        const owner = this.instanceId;
        if (!(await finishFeishuTask(tx, task, { owner, status: 'DONE', now: new Date() }))) throw new ClaimLost();
        await commit({ ...this.deps, db: tx });
      });
      this.deps.kickSender();
      log.info('task done');
    } catch (e) {
      if (e instanceof ClaimLost) {
        log.warn('task taken over by another instance: this result is dropped');
        return;
      }
      await this.failed(task, e, log).catch((err: unknown) => log.error({ err }, 'task failure not recorded'));
    }
  }

  /** A bad input fails at once; anything else (a timeout, a 5xx) is tried again, then reported. */
  private async failed(task: ClaimedFeishuTask, e: unknown, log: Deps['log']): Promise<void> {
    const owner = this.instanceId;
    const error = e instanceof Error ? e.message : String(e);
    const userError = e instanceof UserError;
    if (!userError && task.attempts < this.maxAttempts) {
      const wait = this.retryMs * 2 ** (task.attempts - 1);
      const kept = await runInTransaction(this.deps.db, (tx) =>
        retryFeishuTask(tx, task, { owner, at: new Date(Date.now() + wait), error }),
      );
      if (!kept) {
        log.warn({ err: error }, 'task failed after another instance took it over: left to that one');
        return;
      }
      log.warn({ err: error, wait }, 'task failed: it will be tried again');
      const t = setTimeout(() => this.kick(), wait + 5);
      t.unref();
      return;
    }
    const text = this.table[task.kind]?.failure(task, userError ? error : undefined) ?? error;
    await runInTransaction(this.deps.db, async (tx) => {
      if (!(await finishFeishuTask(tx, task, { owner, status: 'FAILED', error, now: new Date() }))) return;
      await enqueueMessage(tx, {
        dedupKey: `task-failed:${task.id}`,
        to: { type: 'reply', messageId: task.messageId, chatId: task.chatId },
        msgType: 'text',
        content: textContent(text),
      });
    });
    this.deps.kickSender();
    (userError ? log.info : log.warn).call(log, { err: error }, 'task failed');
  }
}
