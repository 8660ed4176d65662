import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, newEventId } from '../helpers/feishu.js';

// The bot recognises @bot in a group by its own open_id. When Feishu fails to tell it at start, the
// bot asks again when a group message needs it, instead of answering every group message (or none
// as commands) until a restart.

const BOT_INFO = '/open-apis/bot/v3/info';
let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot({}, { onSandbox: (s) => s.sandbox.failNext(1, 'server') });
});
afterAll(() => bot?.close());

function groupMessage(mentioned: string) {
  const ev = fixture('events/im.message.receive_v1.group-help.json');
  ev.header.event_id = newEventId();
  ev.event.message.message_id = 'om_' + ev.header.event_id;
  ev.event.message.mentions[0].id.open_id = mentioned;
  return ev;
}

const infoCalls = () => bot.sb.state.calls.filter((c) => c.path === BOT_INFO);
const repliesTo = (id: string) => bot.sb.state.messages.filter((m) => m.parent_id === id);

describe('the bot’s own open_id', () => {
  it('is fetched again after a failed fetch at start, so group @mentions are recognised', async () => {
    expect(infoCalls()[0]?.status).toBe(500);

    // A group message that @-mentions someone else is not for the bot.
    const other = groupMessage('ou_someone_else');
    expect((await bot.event(other)).status).toBe(200);
    await bot.flush();
    expect(repliesTo(other.event.message.message_id)).toHaveLength(0);
    expect(infoCalls().length).toBe(2);
    expect(infoCalls()[1]?.status).toBe(200);

    // @bot /help is the /help command (the bot's mention is cut out of the text), not the fallback card.
    const ev = groupMessage(bot.sb.botOpenId);
    expect((await bot.event(ev)).status).toBe(200);
    await bot.flush();
    const sent = repliesTo(ev.event.message.message_id);
    expect(sent).toHaveLength(1);
    const card = JSON.stringify(sent[0]!.versions.at(-1)!.content);
    expect(card).toContain('命令帮助');
    expect(card).not.toContain('发送以 / 开头的命令与我对话');
    // Known now: no further calls.
    expect(infoCalls().length).toBe(2);
  });
});
