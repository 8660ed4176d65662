// Fan-out: time and Open API calls to remind 1,000 people — batch send (200 open_ids per call) vs one
// message each — through the real outbox sender against a sandbox with 1,000 users.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startBot } from '../src/bot.js';
import { loadConfig } from '../src/config.js';
import { enqueueMessage, textContent } from '../src/feishu/outbox.js';
import { createLog } from '../src/log.js';
import { createSandbox, sandboxUsersFor } from '../src/sandbox/open-api/index.js';

export interface FanoutRow {
  way: string;
  people: number;
  calls: number;
  seconds: number;
}

export async function benchFanout(people = 1000): Promise<FanoutRow[]> {
  const sb = createSandbox({
    appId: 'cli_bench_fanout',
    users: sandboxUsersFor(
      Array.from({ length: people }, (_, i) => ({
        name: `用户${i}`,
        mobile: `139${String(i).padStart(8, '0')}`,
        email: null,
      })),
    ),
  });
  await sb.start(0, '127.0.0.1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-fanout-'));
  const bot = await startBot(
    loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATABASE_URL: `file:${path.join(dir, 'f.db')}`,
      LARK_APP_ID: sb.appId,
      LARK_APP_SECRET: sb.appSecret,
      LARK_VERIFICATION_TOKEN: 't',
      LARK_ENCRYPT_KEY: 'bench-fanout-key',
      LARK_DOMAIN: sb.url,
    }),
    { log: createLog('silent'), startSender: false },
  );
  const ids = [...sb.state.users.keys()].slice(0, people);
  const rows: FanoutRow[] = [];
  try {
    for (const way of ['batch', 'one by one'] as const) {
      const calls0 = sb.callCount('/open-apis/message/v4/batch_send') + sb.callCount('/open-apis/im/v1/messages');
      const t0 = Date.now();
      if (way === 'batch') {
        for (let i = 0; i < ids.length; i += 200)
          await enqueueMessage(bot.database.prisma, {
            dedupKey: `fanout:batch:${i}`,
            to: { type: 'batch', openIds: ids.slice(i, i + 200) },
            msgType: 'text',
            content: textContent('请在 28 日前提交本月汇报。'),
          });
      } else {
        for (const [i, id] of ids.entries())
          await enqueueMessage(bot.database.prisma, {
            dedupKey: `fanout:one:${i}`,
            to: { type: 'open_id', id },
            msgType: 'text',
            content: textContent('请在 28 日前提交本月汇报。'),
          });
      }
      await bot.sender.drain();
      const calls =
        sb.callCount('/open-apis/message/v4/batch_send') + sb.callCount('/open-apis/im/v1/messages') - calls0;
      rows.push({ way, people: ids.length, calls, seconds: (Date.now() - t0) / 1000 });
    }
  } finally {
    await bot.stop();
    await sb.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export function formatFanout(rows: FanoutRow[]): string {
  return [
    '| reminder to | way | Open API calls | seconds |',
    '|---|---|---:|---:|',
    ...rows.map((r) => `| ${r.people} people | ${r.way} | ${r.calls} | ${r.seconds.toFixed(1)} |`),
  ].join('\n');
}
