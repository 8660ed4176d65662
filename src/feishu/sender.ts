import os from 'node:os';
import type { Db } from '../db/client.js';
import { systemClock, type Clock } from '../clock.js';
import {
  claimDueOutboxRows,
  markOutboxDropped,
  markOutboxFailed,
  markOutboxSent,
  releaseOutboxClaims,
  renewOutboxLease,
  retryOutboxRow,
  type ClaimedOutboxRow,
  type Lease,
} from '../db/outbox.js';
import { outsideTransaction } from '../db/sqlite-lane.js';
import { rememberPrivateChatOfOpenId } from '../db/chats.js';
import { resetTenantToken, type LarkClient } from './client.js';
import type { Log } from '../log.js';
import { deliver, receiverKey, type CallResult } from './open-api.js';
import { FeishuLimiter } from './rate-limit.js';

export interface SenderOptions {
  instanceId?: string;
  /** How long a claimed row stays ours; a crashed instance's rows are taken over after it. */
  leaseMs?: number;
  /** How long transient failures (network, timeouts, 5xx) are retried before a row ends FAILED. */
  retryForMs?: number;
  pollMs?: number;
  batchSize?: number;
  /**
   * The clock due times, leases, the retry window and reminders' days are read from (default: the
   * system's). Not the bot's injected clock: messages are written at the real time, and tests and
   * the sandbox set that one to a date in the plan's year.
   */
  clock?: Clock;
}

/** Rows claimed together, sent one after another under one lease (`until`, on the sender's clock, in ms). */
interface Claim {
  rows: ClaimedOutboxRow[];
  until: number;
}

export interface SenderStats {
  sent: number;
  failed: number;
  retried: number;
  /** Day reminders not delivered within their day, not sent. */
  dropped: number;
  /** State changes not written because another instance had taken the row over. */
  leaseLost: number;
}

/** The longest wait between two tries of a row. */
const MAX_BACKOFF_MS = 60_000;
/** A day of failures: a message that arrives late is better than one that never arrives. */
const RETRY_FOR_MS = 24 * 3600_000;

/**
 * Delivers outbox rows: claims each with a conditional update (so two instances never take the
 * same row), sends it through the SDK within Feishu's limits, and records the message id. A row
 * re-claimed after a crash is re-sent with the same Feishu `uuid`, which Feishu de-duplicates.
 *
 * What a failed call leads to (open-api.ts classifies the answer):
 * - an invalid or expired tenant token: a new token is fetched and the call made again at once;
 *   the try does not count;
 * - a rate limit: every send pauses until Feishu's reset time; the try does not count;
 * - a transient error (network, timeout, 5xx): tried again after 0.5 s, 1 s, 2 s … at most a
 *   minute apart, for 24 hours; only then does the row end FAILED;
 * - a permanent refusal (no such user or chat, bot not in the chat, bad content): FAILED at once,
 *   with Feishu's code and message, for the office to see and re-send (/outbox).
 * A day's reminder not delivered within its day is DROPPED instead, with a log line.
 *
 * Every state change is written only while this instance still holds the row's lease (db/outbox.ts);
 * the lease is renewed while a row waits for a rate limit.
 */
export class OutboxSender {
  readonly instanceId: string;
  readonly stats: SenderStats = { sent: 0, failed: 0, retried: 0, dropped: 0, leaseLost: 0 };
  private readonly limiter = new FeishuLimiter();
  private readonly clock: Clock;
  private readonly leaseMs: number;
  private readonly retryForMs: number;
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
    this.retryForMs = opts.retryForMs ?? RETRY_FOR_MS;
    this.clock = opts.clock ?? systemClock;
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
    // Started from wherever the kick came (even inside an event's transaction), the loop is work of
    // its own: its updates must never become part of that transaction.
    this.running = outsideTransaction(() => this.loop()).finally(() => {
      this.running = undefined;
    });
  }

  /** Sends everything due now; resolves when nothing is left that is due. */
  async drain(): Promise<void> {
    while (this.running !== undefined) await this.running;
    await outsideTransaction(() => this.loop());
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
    const released = await releaseOutboxClaims(this.db, this.instanceId, this.clock.now());
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
          const claim = await this.claim();
          if (claim.rows.length === 0) break;
          for (let index = 0; index < claim.rows.length; index++) {
            if (this.stopped) break; // stop(): the rest is released, not sent
            await this.sendOne(claim, index);
          }
        }
      } catch (e) {
        this.log.error({ err: e }, 'outbox sender loop failed');
      }
    } while (this.again && !this.stopped);
  }

  /** Claims up to a batch of due rows, and rows whose lease ran out (db/outbox.ts). */
  private async claim(): Promise<Claim> {
    const now = this.clock.now();
    const until = now.getTime() + this.leaseMs;
    const rows = await claimDueOutboxRows(this.db, {
      instanceId: this.instanceId,
      now,
      until: new Date(until),
      limit: this.batchSize,
    });
    return { rows, until };
  }

  /** Sends the claim's row at `index`; the rows after it wait their turn under the same lease. */
  private async sendOne(claim: Claim, index: number): Promise<void> {
    const row = claim.rows[index]!;
    const lease: Lease = { id: row.id, instanceId: this.instanceId };
    if (row.staleAfter && row.staleAfter.getTime() <= this.clock.now().getTime()) {
      const dropped = await markOutboxDropped(this.db, lease, '提醒已过当天，未再发送');
      if (dropped) {
        this.stats.dropped++;
        this.log.warn(
          { outboxId: row.id, dedupKey: row.dedupKey, staleAfter: row.staleAfter },
          'outbox reminder dropped: not delivered within its day',
        );
      } else this.leaseWasLost(row, 'drop');
      return;
    }
    // Rate limits are Feishu's own clock, so the waits are in real time; the lease is renewed on
    // the bot's clock while they last, for this row and the claim's rows behind it, so that no
    // other instance takes them over meanwhile.
    /** Renews the lease once less than half of it is left; false when another instance has the row. */
    const keepLease = async (): Promise<boolean> => {
      const now = this.clock.now().getTime();
      if (claim.until - now >= this.leaseMs / 2) return true;
      claim.until = now + this.leaseMs;
      const waiting = claim.rows.slice(index + 1).map((r) => r.id);
      return renewOutboxLease(this.db, lease, new Date(claim.until), waiting);
    };
    const receiver = receiverKey(row);
    let result: CallResult | undefined;
    for (let call = 1; ; call++) {
      for (;;) {
        const now = Date.now();
        const wait = Math.max(this.limiter.delayFor(now, receiver), this.pausedUntil - now);
        if (wait <= 0) break;
        if (this.stopped) return; // not sent: released by stop()
        if (!(await keepLease())) return this.leaseWasLost(row, 'wait');
        await sleep(Math.min(wait, 250));
      }
      // Rows late in a batch may have waited for the ones before them.
      if (!(await keepLease())) return this.leaseWasLost(row, 'send');
      this.limiter.record(Date.now(), receiver);
      result = await deliver(this.lark, row);
      // A revoked or expired token: fetch a new one and call again now; once, so that a token that
      // is refused straight away (a wrong app secret) is waited on like any transient error.
      if (result.ok || result.kind !== 'token' || call > 1) break;
      this.log.info({ outboxId: row.id, code: result.code }, 'tenant token refused: fetching a new one');
      resetTenantToken(this.lark);
    }
    const now = this.clock.now();
    if (result.ok) {
      if (await markOutboxSent(this.db, lease, result.messageId ?? null, now)) this.stats.sent++;
      else this.leaseWasLost(row, 'sent');
      if (row.receiveIdType === 'open_id' && row.receiveId && result.chatId) {
        await rememberPrivateChatOfOpenId(this.db, result.chatId, row.receiveId).catch((e: Error) =>
          this.log.warn({ outboxId: row.id, err: e.message }, 'private chat not recorded'),
        );
      }
      return;
    }
    if (result.kind === 'token') resetTenantToken(this.lark);
    const lastError = `${result.code}: ${result.message}`.slice(0, 1000);
    // The 24 hours count from the first transient failure of this run (rate limits do not start it).
    const failingSince = result.kind === 'transient' ? (row.failingSince ?? now) : row.failingSince;
    const giveUp =
      result.kind === 'permanent' ||
      (failingSince !== null && now.getTime() - failingSince.getTime() >= this.retryForMs);
    if (giveUp) {
      const reason = result.kind === 'permanent' ? lastError : `24 小时内一直未能送达，最后一次：${lastError}`;
      if (!(await markOutboxFailed(this.db, lease, reason))) return this.leaseWasLost(row, 'failed');
      this.stats.failed++;
      this.log.warn(
        { outboxId: row.id, dedupKey: row.dedupKey, code: result.code, msg: result.message, kind: result.kind },
        'outbox message failed',
      );
      return;
    }
    // A rate limit is Feishu asking us to wait, and a refused token is ours to renew: neither uses
    // up an attempt. A rate limit pauses the whole sender, not just this row.
    const notTheMessage = result.kind === 'rate-limit' || result.kind === 'token';
    if (result.kind === 'rate-limit')
      this.pausedUntil = Math.max(this.pausedUntil, Date.now() + (result.waitMs ?? 1000));
    const attempts = row.attempts - (notTheMessage ? 1 : 0);
    const backoff = result.waitMs ?? Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(Math.max(attempts - 1, 0), 20));
    const retried = await retryOutboxRow(this.db, lease, {
      lastError,
      nextAttemptAt: new Date(now.getTime() + backoff),
      refundAttempt: notTheMessage,
      failingSince,
    });
    if (!retried) return this.leaseWasLost(row, 'retry');
    this.stats.retried++;
    this.log.info({ outboxId: row.id, code: result.code, backoff }, 'outbox message will be retried');
    const t = setTimeout(() => this.kick(), backoff + 5);
    t.unref();
  }

  /** Another instance took the row over after this one's lease ran out: its state stands. */
  private leaseWasLost(row: ClaimedOutboxRow, step: string): void {
    this.stats.leaseLost++;
    this.log.warn(
      { outboxId: row.id, dedupKey: row.dedupKey, step },
      'outbox lease lost: another instance took the row over; leaving its state alone',
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
