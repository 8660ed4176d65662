/**
 * Sliding-window limits of the Open API (Feishu's published frequency limits): ~50 calls/s per app,
 * 1,000 sends/min per app,
 * 5 messages/s to one user or chat. `delayFor` says how long to wait before the next call; `record`
 * notes a call. Time is passed in, so this is testable without a clock.
 */
export interface Window {
  limit: number;
  ms: number;
}

const FEISHU_LIMITS = {
  app: { limit: 45, ms: 1000 }, // a margin under 50/s
  sendsPerMinute: { limit: 950, ms: 60_000 },
  // 4, not 5: the window is measured when a call leaves, Feishu counts when it arrives, and the
  // network's jitter can squeeze two bursts closer together (seen as 429s in the sandbox test).
  perReceiver: { limit: 4, ms: 1000 },
} satisfies Record<string, Window>;

export class SlidingWindow {
  private readonly hits = new Map<string, number[]>();
  constructor(private readonly w: Window) {}

  delayFor(key: string, now: number): number {
    const list = this.prune(key, now);
    if (list.length < this.w.limit) return 0;
    return list[list.length - this.w.limit]! + this.w.ms - now;
  }

  record(key: string, now: number): void {
    const list = this.prune(key, now);
    list.push(now);
    this.hits.set(key, list);
  }

  private prune(key: string, now: number): number[] {
    const list = (this.hits.get(key) ?? []).filter((t) => t > now - this.w.ms);
    if (list.length === 0) this.hits.delete(key);
    else this.hits.set(key, list);
    return list;
  }
}

export class FeishuLimiter {
  private readonly app = new SlidingWindow(FEISHU_LIMITS.app);
  private readonly sends = new SlidingWindow(FEISHU_LIMITS.sendsPerMinute);
  private readonly receivers = new SlidingWindow(FEISHU_LIMITS.perReceiver);

  /** ms to wait before a call (a message send when `receiver` is given). */
  delayFor(now: number, receiver?: string): number {
    let d = this.app.delayFor('app', now);
    if (receiver !== undefined) {
      d = Math.max(d, this.sends.delayFor('app', now), this.receivers.delayFor(receiver, now));
    }
    return d;
  }

  record(now: number, receiver?: string): void {
    this.app.record('app', now);
    if (receiver !== undefined) {
      this.sends.record('app', now);
      this.receivers.record(receiver, now);
    }
  }
}
