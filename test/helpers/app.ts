// Starts the real bot (Koa on a free port, a fresh SQLite file, the in-process sandbox Open API)
// exactly as `npm start` does without Feishu credentials. With TEST_DATABASE=postgresql, a fresh
// PostgreSQL database instead of the SQLite file (created here, dropped at close).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot, type RunningBot, type StartOptions } from '../../src/bot.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import type { Sandbox } from '../../src/sandbox/open-api/index.js';
import { postSigned, type PostOptions } from './feishu.js';
import { createPgDatabase, testingOnPostgres } from './pg.js';

export interface TestBot extends RunningBot {
  config: Config;
  sb: Sandbox;
  dir: string;
  /** Signs, encrypts and posts a payload to /webhook/event. */
  event(payload: Record<string, any>, o?: PostOptions): Promise<{ status: number; body: any }>;
  /** Same to /webhook/card. */
  card(payload: Record<string, any>, o?: PostOptions): Promise<{ status: number; body: any }>;
  /** The open_id the roster person of that name was bound to. */
  openIdOf(name: string): Promise<string>;
  /** Waits until the sender has delivered everything due. */
  flush(): Promise<void>;
  close(): Promise<void>;
}

const pageUrls = new Map<string, string>();
/** The local chat page's link (with this start's token) of the test bot at this URL. */
export function pageUrlOf(botUrl: string): string {
  const url = pageUrls.get(botUrl);
  if (!url) throw new Error(`no test bot with a sandbox page at ${botUrl}`);
  return url;
}

export async function startTestBot(env: Record<string, string> = {}, opts: StartOptions = {}): Promise<TestBot> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-bot-'));
  const pgDb = testingOnPostgres() && !env.DATABASE_URL ? await createPgDatabase() : undefined;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: pgDb?.url ?? `file:${path.join(dir, 'bot.db')}`,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const bot = await startBot(config, {
    log: createLog(config.logLevel),
    startSender: false,
    startScheduler: false,
    ...opts,
  });
  if (!bot.sandbox) throw new Error('test bot expects sandbox mode');
  if (bot.pageUrl) pageUrls.set(bot.url, bot.pageUrl);
  const keys = {
    encryptKey: bot.deps.config.lark.encryptKey,
    verificationToken: bot.deps.config.lark.verificationToken,
  };
  return {
    ...bot,
    config: bot.deps.config,
    sb: bot.sandbox.sandbox,
    dir,
    event: (p, o) => {
      // The user's own message, as Feishu would have it, so the bot's reply lands in that chat.
      const m = p.event?.message;
      if (m?.message_id && !bot.sandbox!.sandbox.state.messages.some((x) => x.message_id === m.message_id)) {
        bot.sandbox!.sandbox.recordIncomingMessage(m, p.event.sender?.sender_id?.open_id ?? '');
      }
      return postSigned(`${bot.url}/webhook/event`, p, { ...keys, ...o });
    },
    card: (p, o) => postSigned(`${bot.url}/webhook/card`, p, { ...keys, ...o }),
    flush: () => bot.sender.drain(),
    openIdOf: async (name) => {
      const p = await bot.database.prisma.person.findFirstOrThrow({ where: { name } });
      if (!p.openId) throw new Error(`${name} is not bound`);
      return p.openId;
    },
    async close() {
      pageUrls.delete(bot.url);
      await bot.stop();
      await pgDb?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
