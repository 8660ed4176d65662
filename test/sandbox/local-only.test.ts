import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { createPgDatabase, testingOnPostgres } from '../helpers/pg.js';

// Sandbox mode is for trying the bot on this machine: its page lets whoever opens it act as anyone
// on the roster. So it listens on 127.0.0.1 unless told otherwise, says where it really listens,
// and does not start on a database a real Feishu app has used.

let dir: string;
let databaseUrl: string;
let dropPg: (() => Promise<void>) | undefined;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-local-'));
  const pg = testingOnPostgres() ? await createPgDatabase() : undefined;
  dropPg = pg?.drop;
  databaseUrl = pg?.url ?? `file:${path.join(dir, 'bot.db')}`;
});
afterAll(async () => {
  await dropPg?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Starts the bot as `npm start` does without credentials, its log lines kept as parsed JSON. */
async function start(env: Record<string, string> = {}): Promise<{ bot: RunningBot; lines: any[] }> {
  const lines: any[] = [];
  const log = createLog('info', { destination: { write: (s: string) => void lines.push(JSON.parse(s)) } });
  const config = loadConfig({ PORT: '0', DATABASE_URL: databaseUrl, ...env });
  const bot = await startBot(config, { log, startSender: false, startScheduler: false });
  return { bot, lines };
}

describe('sandbox mode stays on this machine', () => {
  it('listens on 127.0.0.1 by default, and the log says so and gives the page link with its token', async () => {
    const { bot, lines } = await start();
    try {
      const addr = bot.server.address() as { address: string; port: number };
      expect(addr.address).toBe('127.0.0.1');
      const listening = lines.find((l) => l.msg === 'bot listening');
      expect(listening).toMatchObject({ listening: `127.0.0.1:${addr.port}`, url: `http://127.0.0.1:${addr.port}` });
      const page = lines.find((l) => String(l.msg).startsWith('local chat page:'));
      expect(page.msg).toMatch(
        new RegExp(`^local chat page: http://127\\.0\\.0\\.1:${addr.port}/sandbox\\?t=\\S{20,}$`),
      );
      expect(lines.filter((l) => l.level >= 40)).toEqual([]);
    } finally {
      await bot.stop();
    }
  });

  it('an explicit HOST wins, and the start warns that the page lets anyone act as anyone', async () => {
    const { bot, lines } = await start({ HOST: '0.0.0.0' });
    try {
      const addr = bot.server.address() as { address: string; port: number };
      expect(addr.address).toBe('0.0.0.0');
      expect(lines.find((l) => l.msg === 'bot listening').listening).toBe(`0.0.0.0:${addr.port}`);
      const warnings = lines.filter((l) => l.level === 40).map((l) => l.msg);
      expect(warnings.join('\n')).toMatch(/listening on 0\.0\.0\.0.*act as anyone/);
    } finally {
      await bot.stop();
    }
  });

  it('refuses sandbox mode on a database bound to a real app, unless LARK_SANDBOX_ON_REAL_DATA=true', async () => {
    // The database used with a real app: a person bound to a real Feishu open_id.
    const first = await start();
    const director = await first.bot.database.prisma.person.findFirstOrThrow({ where: { name: '招商局局长' } });
    await first.bot.database.prisma.person.update({
      where: { id: director.id },
      data: { openId: 'ou_7d8a6e6df7621556ce0d21922b676706' },
    });
    await first.bot.stop();

    const refused = await start().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConfigError);
    const message = (refused as Error).message;
    expect(message).toContain('real Feishu app');
    expect(message).toContain('招商局局长');
    expect(message).toContain('LARK_SANDBOX_ON_REAL_DATA=true');
    expect(message.split('\n')).toHaveLength(1);

    const { bot, lines } = await start({ LARK_SANDBOX_ON_REAL_DATA: 'true' });
    try {
      expect(bot.pageUrl).toBeDefined();
      expect(
        lines
          .filter((l) => l.level === 40)
          .map((l) => l.msg)
          .join('\n'),
      ).toContain('LARK_SANDBOX_ON_REAL_DATA');
    } finally {
      await bot.stop();
    }
  });
});
