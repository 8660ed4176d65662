// Child processes for the bench: the bot (`src/main.ts`) or the baseline server, each on its own
// port, so autocannon in the bench process measures them from a second process over loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

export interface Child {
  url: string;
  proc: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts a server script: TypeScript under tsx, or built JavaScript (dist/) with plain node.
 * BENCH_CPU_PROF=<dir> writes a CPU profile of each bot child there (`--cpu-prof`) when it exits.
 */
export async function spawnServer(script: string, env: Record<string, string>): Promise<Child> {
  const prof =
    process.env.BENCH_CPU_PROF && !script.includes('baseline')
      ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
      : [];
  // Built code runs as `npm start` runs it: with its node flags and environment (package.json).
  const start = script.endsWith('.ts') ? { env: {}, flags: [] } : productionStart();
  const args = script.endsWith('.ts') ? ['--import', 'tsx', ...prof, script] : [...start.flags, ...prof, script];
  const proc = spawn(process.execPath, args, {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...start.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    const t = setTimeout(() => reject(new Error(`${script} did not start`)), 90_000);
    proc.stdout!.on('data', (c: Buffer) => {
      buf += c.toString();
      const m = /"url":"(http:\/\/[^"]+)"[^\n]*"(bot listening|baseline listening)"/.exec(buf);
      if (m) {
        clearTimeout(t);
        resolve(m[1]!);
      }
      if (buf.length > 1e6) buf = buf.slice(-1e5);
    });
    proc.once('exit', (code) => reject(new Error(`${script} exited ${code}`)));
  });
  proc.stdout!.resume();
  running.add(proc);
  proc.once('exit', () => running.delete(proc));
  return {
    url,
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** The environment and node flags of package.json's `start` (`A=1 node --flag dist/main.js`). */
function productionStart(): { env: Record<string, string>; flags: string[] } {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
  const words = pkg.scripts.start!.split(/\s+/);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).map((w) => w.split('=') as [string, string]));
  return { env, flags: words.slice(node + 1, -1) };
}

const running = new Set<ChildProcess>();
// A bench stopped half-way (an error, the time limit) leaves no server behind.
process.once('exit', () => {
  for (const p of running) p.kill('SIGKILL');
});

/** RSS of the process, from its /metrics (prom-client's default process metrics). */
export async function rssOf(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('bot_process_resident_memory_bytes '));
  return line ? Number(line.split(' ')[1]) : NaN;
}
