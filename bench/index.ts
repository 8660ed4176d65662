// `npm run bench`: every part, one after the other, printing markdown tables for the README.
// BENCH_ONLY=commands|submits|fanout|webhook runs one part. BENCH_SHORT=1 is a quick run (a few
// minutes: fewer requests, 3 s per load run); BENCH_SECONDS (default 10) per autocannon run;
// BENCH_PG=0 leaves PostgreSQL out. The bench builds the production bundle first (dist/, as
// `npm start` runs it) and stops itself after BENCH_LIMIT_MIN minutes (default 25), servers included.
// Every server listens on 127.0.0.1.
import { execFileSync } from 'node:child_process';
import os from 'node:os';

const only = process.env.BENCH_ONLY;
if (process.env.BENCH_SHORT === '1') {
  process.env.BENCH_SECONDS ??= '3';
  process.env.BENCH_ROUNDS ??= '50';
}
const limitMin = Number(process.env.BENCH_LIMIT_MIN ?? 25);
setTimeout(() => {
  console.error(`bench: stopped after the ${limitMin}-minute limit (BENCH_LIMIT_MIN)`);
  process.exit(2);
}, limitMin * 60_000).unref();

console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}; ${new Date().toISOString()}; ` +
    `load average at start ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}\n`,
);
execFileSync(process.execPath, ['scripts/build.mjs', '--bench'], { stdio: 'inherit' });
// Commands on a synthetic district (bench/commands.ts), in its own process so memory figures stay apart.
if (!only || only === 'commands')
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/commands.ts'], { stdio: 'inherit' });
if (!only || only === 'submits') {
  const { benchSubmits, formatSubmits } = await import('./submits.js');
  console.log('\n' + formatSubmits(await benchSubmits()) + '\n');
}
if (!only || only === 'fanout') {
  const { benchFanout, formatFanout } = await import('./fanout.js');
  console.log('\n' + formatFanout(await benchFanout()) + '\n');
}
if (!only || only === 'webhook') {
  const { benchWebhook, formatWebhook } = await import('./webhook.js');
  console.log(formatWebhook(await benchWebhook()));
}
console.log(
  `\nload average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
process.exit(0);
