import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';

// `npm start` as a new user runs it (src/main.ts under tsx, no Feishu credentials): the first start
// loads the demo district, a second start finds it, and `--empty` or SANDBOX_DEMO=false start on the
// plain plan. The demo's load time is read from its own log line.

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

function freshDb(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-start-'));
  dirs.push(dir);
  return `file:${path.join(dir, 'bot.db')}`;
}

/** Starts src/main.ts, waits for the page link, stops it; returns its pino lines. */
async function start(databaseUrl: string, args: string[] = [], env: Record<string, string> = {}): Promise<any[]> {
  const { LARK_APP_ID: _, ...base } = process.env;
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    env: { ...base, PORT: '0', SANDBOX_PORT: '0', DATABASE_URL: databaseUrl, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: any[] = [];
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no page link in 90 s:\n${JSON.stringify(lines)}`)), 90_000);
    let buf = '';
    proc.stdout!.on('data', (chunk: Buffer) => {
      buf += chunk.toString();
      for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        try {
          lines.push(JSON.parse(line));
        } catch {
          lines.push({ msg: line });
        }
        if (line.includes('local chat page:')) {
          clearTimeout(timer);
          resolve();
        }
      }
    });
    proc.once('exit', (code) => reject(new Error(`exited ${code}: ${JSON.stringify(lines)}`)));
  });
  proc.kill('SIGTERM');
  await exited;
  return lines;
}

async function count(url: string): Promise<{ trips: number; projects: number; quotas: number }> {
  const db = await openDatabase(url);
  const year = new Date().getFullYear();
  try {
    return {
      trips: await db.prisma.trip.count(),
      projects: await db.prisma.project.count(),
      quotas: await db.prisma.quota.count({ where: { year } }),
    };
  } finally {
    await db.close();
  }
}

describe.skipIf(process.env.TEST_DATABASE === 'postgresql')('npm start in sandbox mode', () => {
  it('loads the demo district on the first start, once, and says how long it took', async () => {
    const url = freshDb();
    const first = await start(url);
    const loaded = first.find((l) => String(l.msg).startsWith('loaded the demo district'));
    expect(loaded, JSON.stringify(first)).toBeDefined();
    expect(loaded.msg).toContain('--empty');
    console.info(`demo district loaded in ${loaded.ms} ms`, loaded);
    // About 1,450 statements in one transaction: well under a second on an idle machine. The bound is
    // loose because the test machine is shared (seen: 9 s at a load average of 19 on 2 cores).
    expect(loaded.ms).toBeLessThan(30_000);
    const after = await count(url);
    expect(after.trips).toBeGreaterThan(0);
    expect(after.quotas).toBeGreaterThan(0);
    const second = await start(url);
    expect(
      second.some((l) => String(l.msg).includes('demo district not loaded: the demo district is already loaded')),
    ).toBe(true);
    expect(await count(url)).toEqual(after);
  }, 240_000);

  it.each([
    ['npm start -- --empty', ['--empty'], {}],
    ['SANDBOX_DEMO=false', [], { SANDBOX_DEMO: 'false' }],
  ])(
    '%s starts on the plain plan',
    async (_, args, env) => {
      const url = freshDb();
      const lines = await start(url, args, env);
      expect(lines.some((l) => String(l.msg).includes('demo district'))).toBe(false);
      expect(await count(url)).toEqual({ trips: 0, projects: 0, quotas: 0 });
    },
    120_000,
  );
});
