import os from 'node:os';
import type { Db } from '../db/client.js';
import {
  claimDueOutboxRows,
  markOutboxFailed,
  markOutboxSent,
  releaseOutboxClaims,
  retryOutboxRow,
  type ClaimedOutboxRow,
} from '../db/outbox.js';
import { resetTenantToken, type LarkClient } from './client.js';
import type { Log } from '../log.js';
import { deliver, receiverKey } from './open-api.js';
import { FeishuLimiter } from './rate-limit.js';

export interface SenderOptions {
  instanceId?: string;
  /** How long a claimed row stays ours; a crashed instance's rows are taken over after it. */
  leaseMs?: number;
  maxAttempts?: number;
  pollMs?: number;
  batchSize?: number;
}

export interface SenderStats {
  sent: number;
  failed: number;
  retried: number;
}

/**
 * Delivers outbox rows: claims each with a conditional update (so two instances never take the
 * same row), sends it through the SDK within Feishu's limits, retries transient errors with
 * backoff, and records the message id. A row re-claimed after a crash is re-sent with the same
 * Feishu `uuid`, which Feishu de-duplicates.
 */
export class OutboxSender {
  readonly instanceId: string;
  readonly stats: SenderStats = { sent: 0, failed: 0, retried: 0 };
  private readonly limiter = new FeishuLimiter();
  private readonly leaseMs: number;
  private readonly maxAttempts: number;
  private readonly pollMs: number;
  private readonly batchSize: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  /** After a rate-limit answer every send waits until Feishu's reset time, not just the row that hit it. */
  private pausedUntil = 0;

  constructor(
    private readonly db: Db,
    private readonly lark: LarkClient,
    private readonly log: Log,
    opts: SenderOptions = {},
  ) {
    this.instanceId = opts.instanceId ?? `${os.hostname()}:${process.pid}`;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.pollMs = opts.pollMs ?? 2_000;
    this.batchSize = opts.batchSize ?? 25;
  }

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => this.kick(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Drain soon; calls while a drain runs make it go round once more. */
  kick(): void {
    if (this.stopped) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
  }

  /** Sends everything due now; resolves when nothing is left that is due. */
  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
    await this.loop();
  }

  /** Finishes the message being sent, hands back the rest of this instance's claims, stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    while (this.running !== undefined) await this.running;
    await this.releaseClaims().catch((e: Error) => this.log.warn({ err: e.message }, 'outbox leases not released'));
  }

  /** Rows this instance claimed but did not send go back to PENDING now, not after the lease. */
  async releaseClaims(): Promise<number> {
    const released = await releaseOutboxClaims(this.db, this.instanceId, new Date());
    if (released) this.log.info({ released }, 'outbox leases released');
    return released;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        // Not `|| this.again`: after stop() a pending kick would claim rows it may not send, for ever,
        // in a loop of synchronous SQLite statements that never lets the process exit.
        while (!this.stopped) {
          const rows = await this.claim();
          if (rows.length === 0) break;
          for (const row of rows) {
            if (this.stopped) break; // stop(): the rest is released, not sent
            await this.sendOne(row);
          }
        }
      } catch (e) {
        this.log.error({ err: e }, 'outbox sender loop failed');
      }
    } while (this.again && !this.stopped);
  }

  /** Claims up to a batch of due rows, and rows whose lease ran out (db/outbox.ts). */
  private claim(): Promise<ClaimedOutboxRow[]> {
    const now = new Date();
    return claimDueOutboxRows(this.db, {
      instanceId: this.instanceId,
      now,
      until: new Date(now.getTime() + this.leaseMs),
      limit: this.batchSize,
    });
  }

  private async sendOne(row: ClaimedOutboxRow): Promise<void> {
    const receiver = receiverKey(row);
    for (;;) {
      const now = Date.now();
      const wait = Math.max(this.limiter.delayFor(now, receiver), this.pausedUntil - now);
      if (wait <= 0) break;
      if (this.stopped) return; // not sent: released by stop()
      await sleep(Math.min(wait, 250));
    }
    this.limiter.record(Date.now(), receiver);
    const result = await deliver(this.lark, row);
    if (result.ok) {
      await markOutboxSent(this.db, row.id, result.messageId ?? null, new Date());
      this.stats.sent++;
      return;
    }
    if (result.tokenInvalid) resetTenantToken(this.lark);
    // A rate-limit answer is Feishu asking us to wait, not a failure: it pauses the whole sender
    // and does not use up the row's attempts.
    const rateLimited = result.code === 99991400 || result.code === 429;
    if (rateLimited) this.pausedUntil = Math.max(this.pausedUntil, Date.now() + (result.waitMs ?? 1000));
    const attempts = row.attempts - (rateLimited ? 1 : 0);
    const giveUp = !result.retry || attempts >= this.maxAttempts;
    const backoff = result.waitMs ?? Math.min(60_000, 500 * 2 ** (attempts - 1));
    const lastError = `${result.code}: ${result.message}`;
    if (giveUp) await markOutboxFailed(this.db, row.id, lastError);
    else
      await retryOutboxRow(this.db, row.id, {
        lastError,
        nextAttemptAt: new Date(Date.now() + backoff),
        refundAttempt: rateLimited,
      });
    if (giveUp) {
      this.stats.failed++;
      this.log.warn(
        { outboxId: row.id, dedupKey: row.dedupKey, code: result.code, msg: result.message },
        'outbox message failed',
      );
    } else {
      this.stats.retried++;
      this.log.info({ outboxId: row.id, code: result.code, backoff }, 'outbox message will be retried');
      const t = setTimeout(() => this.kick(), backoff + 5);
      t.unref();
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
