// Load for the submit bench: a closed loop (N connections, each sending its next request as soon as
// the last is answered: "max" throughput) and an open loop (requests due at an even rate, latency
// counted from when each was due). Each request is made when it is sent, by `next()`, so it can
// take a target nobody else is using at that moment (a report version, a pending trip); `next`
// returning undefined ends the run. The answers' toasts are counted, so a run of refusals cannot
// pass for a run of writes.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export interface Req {
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Called with the answer (e.g. to hand a target back with its next version). */
  done?(status: number, body: string): void;
}

export interface LoadResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  count: number;
  non2xx: number;
  /** Answers by toast type (success, error, info, warning), `none` without a toast. */
  toasts: Record<string, number>;
}

function post(r: Req, agent: http.Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.request(
      r.url,
      { method: 'POST', headers: { ...r.headers, 'content-length': Buffer.byteLength(r.body) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: '' }));
    req.end(r.body);
  });
}

function toastOf(body: string): string {
  try {
    return (JSON.parse(body) as { toast?: { type?: string } }).toast?.type ?? 'none';
  } catch {
    return 'none';
  }
}

class Tally {
  latencies: number[] = [];
  non2xx = 0;
  toasts: Record<string, number> = {};
  add(ms: number, status: number, body: string): void {
    this.latencies.push(ms);
    if (status !== 200) this.non2xx++;
    const t = toastOf(body);
    this.toasts[t] = (this.toasts[t] ?? 0) + 1;
  }
  result(elapsedS: number): LoadResult {
    const l = this.latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      l.length ? Math.round(l[Math.min(l.length - 1, Math.floor(q * l.length))]! * 10) / 10 : NaN;
    return {
      reqPerSec: Math.round(l.length / elapsedS),
      p50: at(0.5),
      p99: at(0.99),
      count: l.length,
      non2xx: this.non2xx,
      toasts: this.toasts,
    };
  }
}

/** `connections` requests in flight at all times, until `total` were sent or `seconds` have passed. */
export async function closedLoop(
  connections: number,
  total: number,
  seconds: number,
  next: () => Req | undefined,
): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const tally = new Tally();
  const start = performance.now();
  const end = start + seconds * 1000;
  let sent = 0;
  const worker = async () => {
    while (sent < total && performance.now() < end) {
      const r = next();
      if (!r) return;
      sent++;
      const t0 = performance.now();
      const { status, body } = await post(r, agent);
      tally.add(performance.now() - t0, status, body);
      r.done?.(status, body);
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return tally.result((performance.now() - start) / 1000);
}

/** One request every 1000/rate ms for `seconds`; latency from when each was due. */
export async function openLoop(rate: number, seconds: number, next: () => Req | undefined): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const tally = new Tally();
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    const r = next();
    if (!r) break;
    pending.push(
      post(r, agent).then(({ status, body }) => {
        tally.add(performance.now() - due, status, body);
        r.done?.(status, body);
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  return tally.result((performance.now() - start) / 1000);
}
