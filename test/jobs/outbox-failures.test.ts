// The daily note to the office admins about messages the bot could not deliver.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findJob } from '../../src/jobs/index.js';
import { fireSlot } from '../../src/jobs/scheduler.js';
import { endOfLocalDay } from '../../src/jobs/send.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot?.close());

const db = () => bot.database.prisma;
const job = findJob('outbox-failures')!;

describe('outbox-failures job', () => {
  it('is in the jobs table, every morning', () => {
    expect(job.cron).toBe('30 8 * * *');
  });

  it('says nothing on a day without failures', async () => {
    const result = await job.run(bot.deps, new Date());
    expect(result.messages).toBe(0);
    expect(await db().outbox.count({ where: { dedupKey: { startsWith: 'outbox-failures:' } } })).toBe(0);
  });

  it('tells every office admin, once a day, how many failed and points to /outbox', async () => {
    await db().outbox.create({
      data: {
        dedupKey: 'job-test:failed',
        kind: 'SEND',
        receiveIdType: 'open_id',
        receiveId: 'ou_gone',
        msgType: 'text',
        content: '{"text":"x"}',
        status: 'FAILED',
        lastError: '230013: Bot has NO availability to this user.',
      },
    });
    const admins = await db().person.findMany({
      where: { active: true, openId: { not: null }, roles: { some: { role: 'OFFICE_ADMIN' } } },
    });
    expect(admins.length).toBeGreaterThan(0);
    const now = new Date();
    const slot = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    const outcome = await fireSlot(bot.deps, job, slot, 'test');
    expect(outcome.ran && outcome.result.messages).toBe(1);
    await bot.flush();
    for (const a of admins) {
      const note = bot.sb.messagesTo(a.openId!).find((m) => m.raw.includes('消息发送情况'));
      expect(note?.raw).toContain('1 条发送失败');
      expect(note?.raw).toContain('/outbox');
    }
    // The same day again: nothing new.
    expect((await job.run(bot.deps, now)).messages).toBe(0);
  });
});

describe('endOfLocalDay', () => {
  it('is the next local midnight, counted from when the reminder is written', () => {
    // 10:00 in Shanghai (02:00 UTC): 14 hours are left in that day.
    const left = endOfLocalDay(new Date('2018-06-20T02:00:00Z'), 'Asia/Shanghai').getTime() - Date.now();
    expect(Math.abs(left - 14 * 3600_000)).toBeLessThan(60_000);
  });
});
