// Operations: /metrics (prom-client) counts what happened, and the replay window refuses old and
// future-dated requests on both webhook routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enqueueMessage, textContent } from '../../src/feishu/outbox.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(async () => bot?.close());

async function scrape(): Promise<string> {
  const res = await fetch(`${bot.url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/plain');
  return res.text();
}

function seriesValue(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(series + ' '));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const help = async () =>
  withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help', {
    openId: await bot.openIdOf('招商局局长'),
  });

describe('/metrics', () => {
  it('counts events handled, times card answers, and shows outbox depth, send failures and job runs', async () => {
    const before = await scrape();
    await bot.event(await help());
    await bot.event(await help());
    const cb = fixture('callbacks/card.action.trigger.button.json');
    cb.header.event_id = newEventId();
    await bot.card(cb);
    await bot.database.prisma.jobRun.create({
      data: { key: 'monthly-reminder:2018-06-25', job: 'monthly-reminder', holder: 'test', status: 'DONE' },
    });
    const after = await scrape();
    const ev = 'bot_events_handled_total{type="im.message.receive_v1",status="200"}';
    expect(seriesValue(after, ev) - seriesValue(before, ev)).toBe(2);
    expect(
      seriesValue(after, 'bot_answer_seconds_count{route="/webhook/card"}') -
        seriesValue(before, 'bot_answer_seconds_count{route="/webhook/card"}'),
    ).toBe(1);
    // the two replies, once the sender has delivered both (it works after the answers, in the background)
    await expect
      .poll(async () => seriesValue(await scrape(), 'bot_outbox_sent') - seriesValue(before, 'bot_outbox_sent'), {
        timeout: 10_000,
      })
      .toBe(2);
    expect(seriesValue(after, 'bot_job_runs{job="monthly-reminder",status="DONE"}')).toBe(1);
    expect(after).toContain('bot_process_resident_memory_bytes');
    await bot.database.prisma.outbox.create({
      data: {
        dedupKey: 'metrics:later',
        kind: 'SEND',
        receiveIdType: 'open_id',
        receiveId: 'ou_x',
        msgType: 'text',
        content: '{}',
        nextAttemptAt: new Date(Date.now() + 3600_000),
      },
    });
    expect(seriesValue(await scrape(), 'bot_outbox_depth{status="PENDING"}')).toBe(1);

    bot.sb.failNext(1, 'server');
    await enqueueMessage(bot.database.prisma, {
      dedupKey: 'metrics:fail',
      to: { type: 'open_id', id: await bot.openIdOf('招商局局长') },
      msgType: 'text',
      content: textContent('x'),
    });
    await bot.flush();
    const failed = await scrape();
    expect(seriesValue(failed, 'bot_send_failures{kind="retried"}')).toBeGreaterThanOrEqual(1);
    // the failed one waits for its retry
    expect(seriesValue(failed, 'bot_outbox_sent') - seriesValue(after, 'bot_outbox_sent')).toBe(0);
  });

  it('counts FAILED messages and messages still waiting after 10 minutes (what /outbox lists)', async () => {
    const row = (dedupKey: string, status: string, createdAt: Date) => ({
      dedupKey,
      kind: 'SEND',
      receiveIdType: 'open_id',
      receiveId: 'ou_x',
      msgType: 'text',
      content: '{}',
      status,
      createdAt,
      nextAttemptAt: new Date(Date.now() + 3600_000),
    });
    const before = await scrape();
    await bot.database.prisma.outbox.createMany({
      data: [
        row('metrics:failed', 'FAILED', new Date()),
        row('metrics:old-pending', 'PENDING', new Date(Date.now() - 11 * 60_000)),
        row('metrics:new-pending', 'PENDING', new Date()),
      ],
    });
    const after = await scrape();
    const failed = 'bot_outbox_depth{status="FAILED"}';
    expect(seriesValue(after, failed) - seriesValue(before, failed)).toBe(1);
    expect(seriesValue(after, 'bot_outbox_overdue') - seriesValue(before, 'bot_outbox_overdue')).toBe(1);
    expect(after).toContain('bot_send_failures{kind="lease_lost"} 0');
  });

  it('counts refused requests by status', async () => {
    const before = seriesValue(await scrape(), 'bot_events_handled_total{type="none",status="401"}');
    await bot.event(await help(), { signature: 'bad' });
    expect(seriesValue(await scrape(), 'bot_events_handled_total{type="none",status="401"}') - before).toBe(1);
  });
});

describe('replay window (5 minutes)', () => {
  const now = () => Math.floor(Date.now() / 1000);
  it('refuses a card callback signed ten minutes ago, and one dated ten minutes ahead', async () => {
    for (const timestamp of [now() - 600, now() + 600]) {
      const cb = fixture('callbacks/card.action.trigger.button.json');
      cb.header.event_id = newEventId();
      expect((await bot.card(cb, { timestamp })).status).toBe(401);
      expect(
        await bot.database.prisma.processedEvent.findUnique({ where: { eventId: cb.header.event_id } }),
      ).toBeNull();
    }
  });

  it('accepts a request four minutes old, and a replay of it inside the window changes nothing', async () => {
    const ev = await help();
    const timestamp = now() - 240;
    expect((await bot.event(ev, { timestamp })).status).toBe(200);
    const outbox = await bot.database.prisma.outbox.count();
    expect((await bot.event(ev, { timestamp })).status).toBe(200);
    expect(await bot.database.prisma.outbox.count()).toBe(outbox);
  });
});
