import type http from 'node:http';
import type Router from '@koa/router';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import type { Config } from './config.js';
import { openDatabase, pingDatabase, type Database } from './db/client.js';
import { migrateSqlite } from './db/migrate.js';
import { seedIfEmpty } from './db/seed.js';
import { seedCalendar } from './db/calendar.js';
import type { Deps } from './deps.js';
import { OutboxSender, type SenderOptions } from './feishu/sender.js';
import { fetchBotOpenId } from './feishu/bot-info.js';
import { bindRoster } from './feishu/roster-binding.js';
import { createLarkClient } from './feishu/client.js';
import { createLog, type Log } from './log.js';
import { startLocalSandbox, type LocalSandbox } from './sandbox/local.js';
import { createApp } from './server/app.js';
import { createDispatcher } from './server/dispatcher.js';
import { Metrics } from './server/metrics.js';
import { startWsConnection, type WsConnection } from './server/ws.js';
import { startScheduler, type Scheduler } from './jobs/scheduler.js';
import { mountSandboxPage, type SandboxPage } from './sandbox/page/index.js';

export interface StartOptions {
  clock?: Clock;
  log?: Log;
  sender?: SenderOptions;
  /** Tests drive the sender themselves when false. */
  startSender?: boolean;
  /** Fire the registered jobs on their crons (default true); tests call jobs with a fixed `now`. */
  startScheduler?: boolean;
  extraRoutes?: (router: Router, deps: Deps) => void;
}

export interface RunningBot {
  url: string;
  deps: Deps;
  database: Database;
  sender: OutboxSender;
  scheduler?: Scheduler;
  sandbox?: LocalSandbox;
  server: http.Server;
  metrics: Metrics;
  stop(): Promise<void>;
}

/** config → database → sandbox (no credentials) → SDK client → sender → HTTP server. */
export async function startBot(config: Config, opts: StartOptions = {}): Promise<RunningBot> {
  const log = opts.log ?? createLog(config.logLevel);
  if (config.databaseUrl.startsWith('file:')) {
    const applied = migrateSqlite(config.databaseUrl);
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

  let sandbox: LocalSandbox | undefined;
  if (config.sandbox) {
    sandbox = await startLocalSandbox(database.prisma, config, log);
    config = { ...config, lark: { ...config.lark, domain: sandbox.url } };
  }
  const lark = createLarkClient(config);
  const sender = new OutboxSender(database.prisma, lark, log, { leaseMs: config.outboxLeaseMs, ...opts.sender });
  const deps: Deps = {
    db: database.prisma,
    lark,
    clock: opts.clock ?? systemClock,
    log,
    config,
    kickSender: () => sender.kick(),
  };
  const bot = { openId: await fetchBotOpenId(lark, log) };
  // The roster is resolved to open_ids by mobile/e-mail (in the sandbox, to the sandbox users).
  const binding = await bindRoster(database.prisma, lark, log).catch((e: Error) => {
    log.warn({ err: e.message }, 'roster binding skipped');
    return undefined;
  });
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
      if (sandbox) page = mountSandboxPage(router, deps, sandbox.sandbox, () => url);
      opts.extraRoutes?.(router, deps);
    },
  });
  const server = await new Promise<http.Server>((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  if (opts.startSender !== false) sender.start();
  // The HTTP server still runs in ws mode, for /healthz and /metrics.
  const ws: WsConnection | undefined =
    config.eventMode === 'ws' ? await startWsConnection(config, dispatcher, log, metrics) : undefined;
  const scheduler = opts.startScheduler !== false ? await startScheduler(deps) : undefined;
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.port;
  url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url, sandbox: sandbox?.url, database: database.kind }, 'bot listening');
  if (page) log.info(`local chat page: ${url}/sandbox`);

  const stop = () =>
    (stopping ??= (async () => {
      // Stop firing jobs and taking requests (new ones get 503 and are re-delivered by Feishu to another
      // instance), let in-flight ones finish, finish the message being sent and hand back the other
      // claimed outbox rows, then close the database.
      scheduler?.stop();
      page?.close();
      ws?.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await sender.stop();
      await database.close();
      await sandbox?.stop();
    })());
  return { url, deps, database, sender, scheduler, sandbox, server, metrics, stop };
}
