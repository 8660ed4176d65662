// `npm run bench`: prints markdown tables for the README's performance section.
// BENCH_SECONDS (default 10) per autocannon run; BENCH_ONLY=webhook|fanout to run one part.
import os from 'node:os';
import { benchFanout, formatFanout } from './fanout.js';
import { benchWebhook, formatWebhook } from './webhook.js';

const only = process.env.BENCH_ONLY;
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}\n`);
if (!only || only === 'fanout') console.log(formatFanout(await benchFanout()) + '\n');
if (!only || only === 'webhook') console.log(formatWebhook(await benchWebhook()));
process.exit(0);
