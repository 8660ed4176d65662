// A steady load: one request every 1000/rate ms (spread over the given URLs in turn), each a fresh
// signed event. autocannon's fixed rate sends each connection's share of a second back to back at
// the start of every second, so its "200/s" is really bursts of 20 concurrent requests; this is the
// same rate arriving evenly, as events from a district's people would. Latency is measured from the
// moment a request was due, not when it went out, so a generator that falls behind shows as latency
// (no coordinated omission).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { signedRequest, type Kind } from './payloads.js';

export interface PacedResult {
  reqPerSec: number;
  p50: number;
  p99: number;
  non2xx: number;
}

export async function paced(urls: string[], kind: Kind, rate: number, seconds: number): Promise<PacedResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const path = kind === 'help' ? '/webhook/event' : '/webhook/card';
  const latencies: number[] = [];
  let bad = 0;
  const pending: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0.5) await new Promise((r) => setTimeout(r, wait));
    const { headers, body } = signedRequest(kind);
    pending.push(
      post(urls[i % urls.length]! + path, headers, body, agent).then((status) => {
        latencies.push(performance.now() - due);
        if (status !== 200) bad++;
      }),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))]! * 10) / 10;
  return { reqPerSec: Math.round(total / elapsed), p50: at(0.5), p99: at(0.99), non2xx: bad };
}

function post(url: string, headers: Record<string, string>, body: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
