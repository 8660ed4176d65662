import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import type { LarkClient } from './feishu/client.js';
import type { Log } from './log.js';

/** Built once in main.ts (and by tests from a fresh database and the sandbox); passed to every handler. */
export interface Deps {
  /** The Prisma client — inside a handler, the transaction the event is handled in. */
  db: Db;
  lark: LarkClient;
  clock: Clock;
  log: Log;
  config: Config;
  /** Asks the outbox sender to deliver what was just committed. */
  kickSender(): void;
}
