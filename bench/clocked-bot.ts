// The bot for the submit bench (bench/submits.ts), in its own process: `src/main.ts`'s start with
// the clock set to BENCH_NOW, so the synthetic district's last year is "now" (a monthly report is
// open before its deadline, stage dates are not in the future). Logs `bot listening` like main.ts.
import { startBot } from '../src/bot.js';
import { FixedClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createLog, secretsOf } from '../src/log.js';

const report = process.env.BENCH_SQL_TIMES === '1' ? (await import('./sql-times.js')).timeStatements() : undefined;
const config = loadConfig();
const bot = await startBot(config, {
  log: createLog(config.logLevel, { secrets: secretsOf(config) }),
  startScheduler: false,
  clock: new FixedClock(new Date(process.env.BENCH_NOW ?? '2018-06-15T02:00:00Z')),
});
const { planCacheStats } = await import('../src/db/plan-cache.js');
process.once('SIGTERM', () => {
  console.error('PLANCACHE', JSON.stringify(planCacheStats));
  if (report) console.error(`SQL TIMES\n${report()}`);
  void bot.stop().then(() => process.exit(0));
});
