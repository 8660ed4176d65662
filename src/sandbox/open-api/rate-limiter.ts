import { errors } from './errors.js';

/** Sliding one-second windows per key; only accepted hits count. */
export class RateLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(private readonly enabled: boolean) {}

  /** Throws Feishu's 429 / 99991400 when `key` already had `limit` hits in the last second. */
  take(key: string, limit: number, now: number): void {
    if (!this.enabled) return;
    const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= limit) {
      this.hits.set(key, recent);
      throw errors.rateLimited(1, limit);
    }
    recent.push(now);
    this.hits.set(key, recent);
  }

  reset(): void {
    this.hits.clear();
  }
}
