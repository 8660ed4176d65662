import type http from 'node:http';
import type Router from '@koa/router';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, pingDatabase, type Database } from './db/client.js';
import { migrateSqliteWithBackup } from './db/migrate.js';
import { seedIfEmpty } from './db/seed.js';
import { seedCalendar } from './db/calendar.js';
import { keyLeadNames } from './db/leads.js';
import { loadDemoDistrict } from './db/demo.js';
import { localDate } from './domain/local-date.js';
import type { Deps } from './deps.js';
import { OutboxSender, type SenderOptions } from './feishu/sender.js';
import { BotIdentity } from './feishu/bot-info.js';
import { FeishuTaskRunner, type TaskRunnerOptions } from './feishu/task-runner.js';
import { feishuTasks } from './commands/feishu-tasks.js';
import { bindRoster } from './feishu/roster-binding.js';
import { createLarkClient } from './feishu/client.js';
import { createLog, secretsOf, type Log } from './log.js';
import type { LocalSandbox } from './sandbox/local.js';
import { createApp } from './server/app.js';
import { createDispatcher } from './server/dispatcher.js';
import { Metrics } from './server/metrics.js';
import { startWsConnection, type WsConnection } from './server/ws.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import type { SandboxPage } from './sandbox/page/index.js';

export interface StartOptions {
  clock?: Clock;
  log?: Log;
  sender?: SenderOptions;
  /** Tests drive the sender themselves when false. */
  startSender?: boolean;
  /** Fire the registered jobs on their crons (default true); tests call jobs with a fixed `now`. */
  startScheduler?: boolean;
  extraRoutes?: (router: Router, deps: Deps) => void;
  /** Retries and leases of the slow Feishu tasks (exports, imports, roster look-ups). */
  tasks?: TaskRunnerOptions;
  /**
   * Load the demo district (a year so far of this year's work) on a database without work of its
   * own. Sandbox mode only: with a real app it is never loaded. main.ts sets it from SANDBOX_DEMO and
   * `--empty`; tests leave it off.
   */
  demo?: boolean;
  /** Called once the built-in sandbox runs, before the bot's first Open API call (tests set faults here). */
  onSandbox?: (sandbox: LocalSandbox) => void;
}

export interface RunningBot {
  url: string;
  deps: Deps;
  database: Database;
  sender: OutboxSender;
  tasks: FeishuTaskRunner;
  scheduler?: Scheduler;
  sandbox?: LocalSandbox;
  server: http.Server;
  /** Sandbox mode: the local chat page's link, with this start's access token. */
  pageUrl?: string;
  metrics: Metrics;
  stop(): Promise<void>;
}

/** config → database → sandbox (no credentials) → SDK client → sender → HTTP server. */
export async function startBot(config: Config, opts: StartOptions = {}): Promise<RunningBot> {
  const log = opts.log ?? createLog(config.logLevel, { secrets: secretsOf(config) });
  for (const warning of config.warnings) log.warn(warning);
  if (config.databaseUrl.startsWith('file:')) {
    const { applied, backup } = await migrateSqliteWithBackup(config.databaseUrl, (opts.clock ?? systemClock).now());
    if (backup) log.info({ backup }, `database copied to ${backup} before migrating`);
    if (applied.length) log.info({ applied }, 'database migrated');
  } else {
    const { migratePostgres } = await import('./db/migrate-postgres.js');
    const applied = await migratePostgres(config.databaseUrl);
    if (applied.length) log.info({ applied }, 'database migrated');
  }
  const database = await openDatabase(config.databaseUrl);
  const seeded = await seedIfEmpty(database.prisma);
  if (seeded) log.info('loaded the 2018 plan: org, goals and quotas');
  const holidays = await seedCalendar(database.prisma);
  if (holidays) log.info({ days: holidays }, 'loaded public holidays and adjusted working days');
  const keyed = await keyLeadNames(database.prisma);
  if (keyed) log.info({ leads: keyed }, 'gave leads written before their compared name one (the duplicate check)');
  if (opts.demo && !config.sandbox) log.warn('demo district not loaded: it is for the built-in sandbox only');
  if (opts.demo && config.sandbox) {
    const started = performance.now();
    const today = localDate((opts.clock ?? systemClock).now(), config.timezone);
    const demo = await loadDemoDistrict(database.prisma, { today, timezone: config.timezone }).catch(async (e) => {
      await database.close();
      throw e;
    });
    const ms = Math.round(performance.now() - started);
    if (demo.loaded)
      log.info(
        { ...demo.counts, ms },
        `loaded the demo district: ${demo.year} so far (start with --empty or SANDBOX_DEMO=false for the plain plan)`,
      );
    else log.info({ ms }, `demo district not loaded: ${demo.reason}`);
  }

  let sandbox: LocalSandbox | undefined;
  // The sandbox and its page are loaded only in sandbox mode: a real app's process never holds them.
  const sandboxPage = config.sandbox ? await import('./sandbox/page/index.js') : undefined;
  if (config.sandbox) {
    const { startLocalSandbox } = await import('./sandbox/local.js');
    sandbox = await startLocalSandbox(database.prisma, config, log).catch(async (e: unknown) => {
      await database.close();
      throw e;
    });
    config = { ...config, lark: { ...config.lark, domain: sandbox.url } };
    opts.onSandbox?.(sandbox);
  }
  const lark = createLarkClient(config, log);
  const sender = new OutboxSender(database.prisma, lark, log, { leaseMs: config.outboxLeaseMs, ...opts.sender });
  const deps: Deps = {
    db: database.prisma,
    lark,
    clock: opts.clock ?? systemClock,
    log,
    config,
    kickSender: () => {
      sender.kick();
      tasks.kickIfQueued();
    },
  };
  const tasks = new FeishuTaskRunner(deps, feishuTasks, opts.tasks);
  const bot = new BotIdentity(lark, log);
  await bot.openId();
  // The roster is resolved to open_ids by mobile/e-mail (in the sandbox, to the sandbox users).
  // bindRoster logs its own failure ('roster not bound') and the bot starts anyway.
  const binding = await bindRoster(database.prisma, lark, log);
  if (binding?.bound)
    log.info({ bound: binding.bound, notFound: binding.notFound.length }, 'roster bound to Feishu users');
  const metrics = new Metrics(database.prisma, sender);
  let stopping: Promise<void> | undefined;
  let page: SandboxPage | undefined;
  let url = '';
  const dispatcher = createDispatcher(deps, bot);
  const app = createApp(deps, dispatcher, {
    metrics,
    isStopping: () => stopping !== undefined,
    healthCheck: () => pingDatabase(database.prisma),
    extraRoutes: (router) => {
      // The local chat page, only with the built-in sandbox (never next to a real Feishu app).
      if (sandbox && sandboxPage) page = sandboxPage.mountSandboxPage(router, deps, sandbox.sandbox, () => url);
      opts.extraRoutes?.(router, deps);
    },
  });
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  if (opts.startSender !== false) sender.start();
  tasks.start();
  // The HTTP server still runs in ws mode, for /healthz and /metrics.
  const ws: WsConnection | undefined =
    config.eventMode === 'ws' ? await startWsConnection(config, dispatcher, log, metrics) : undefined;
  const scheduler =
    opts.startScheduler !== false ? await startScheduler(deps, { leaseMs: config.jobLeaseMs }) : undefined;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  // `listening` is the address the socket is bound to; `url` is how to reach it from this machine.
  const listening = typeof addr === 'object' && addr ? hostPort(addr.address, addr.port) : String(addr);
  const wildcard = config.host === '0.0.0.0' || config.host === '::';
  url = `http://${hostPort(wildcard ? '127.0.0.1' : config.host, port)}`;
  log.info({ url, listening, sandbox: sandbox?.url, database: database.kind }, 'bot listening');
  const pageUrl = page ? `${url}/sandbox?t=${page.token}` : undefined;
  if (pageUrl) log.info(`local chat page: ${pageUrl}`);

  const stop = () =>
    (stopping ??= (async () => {
      // Stop starting jobs and taking requests (new ones get 503 and are re-delivered by Feishu to another
      // instance), let in-flight ones and the running job finish, finish the message being sent and hand
      // back the other claimed outbox rows, then close the database.
      const jobsEnded = scheduler?.stop();
      page?.close();
      ws?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      // A job still running is waited for (main.ts forces the exit after 10 s; a run cut short there
      // is resumed by another instance or the next start once its lease has run out).
      await jobsEnded;
      await tasks.stop();
      await sender.stop();
      await database.close();
      await sandbox?.stop();
    })());
  return { url, deps, database, sender, tasks, scheduler, sandbox, server, pageUrl, metrics, stop };
}

/** `host:port`, with an IPv6 address in brackets. */
function hostPort(host: string, port: number): string {
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}
