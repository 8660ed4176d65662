import { expect } from 'vitest';
import type { TestBot } from './app.js';
import { fixture, withText } from './feishu.js';

/**
 * Sends `text` to the bot in the person's 1:1 chat as a real im.message.receive_v1 event and returns
 * the content of the reply the event wrote to the outbox (the card's JSON, or the text message's).
 */
export async function askPrivately(
  bot: Pick<TestBot, 'event' | 'database'>,
  openId: string,
  text: string,
): Promise<string> {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: `oc_p2p_${openId}`,
  });
  expect((await bot.event(ev)).status).toBe(200);
  const row = await bot.database.prisma.outbox.findUniqueOrThrow({
    where: { dedupKey: `reply:${ev.event.message.message_id}` },
  });
  return row.content;
}
