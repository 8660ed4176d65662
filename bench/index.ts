// `npm run bench`: every part, one after the other, printing markdown tables for the README.
// BENCH_ONLY=commands|fanout|webhook runs one part; BENCH_SECONDS (default 10) per autocannon run.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { benchFanout, formatFanout } from './fanout.js';
import { benchWebhook, formatWebhook } from './webhook.js';

const only = process.env.BENCH_ONLY;
console.log(
  `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ` +
    `Node ${process.version}, ${os.platform()} ${os.release()}\n`,
);
// Commands on a synthetic district (bench/commands.ts), in its own process so memory figures stay apart.
if (!only || only === 'commands')
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/commands.ts'], { stdio: 'inherit' });
if (!only || only === 'fanout') console.log('\n' + formatFanout(await benchFanout()) + '\n');
if (!only || only === 'webhook') console.log(formatWebhook(await benchWebhook()));
process.exit(0);
