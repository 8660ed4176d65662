import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { WILL_SEND_PRIVATELY } from '../../src/feishu/answer.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity } from '../helpers/district.js';
import { fixture, withText } from '../helpers/feishu.js';
import { repliesTo, settle } from '../helpers/files.js';

// Answers that carry phones and addresses (/leads, /export … 联系方式, the monthly report's form) are
// for the asker alone: asked in a group, they go to the asker's 1:1 chat with the bot and the group
// is told so. An answer without them stays in the group.

const OFFICE = '招商局局长';
const CAPTAIN = '经贸局局长'; // captain of squad 4, whose leads carry the phone 13900000000
const GROUP_LEADER = '曾健清';
const GROUP = 'oc_squad4_group';
const NOTE = '联系方式已私信发给你';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  const db = bot.database.prisma;
  await seedActivity(db);
  // An approved trip of squad 4 waiting for its report.
  const captain = await db.person.findFirstOrThrow({ where: { name: CAPTAIN } });
  const squad = await db.squad.findUniqueOrThrow({ where: { code: 'TEXTILE_DOWN' } });
  await db.trip.create({
    data: {
      requestKey: 'test:approved-trip',
      squadId: squad.id,
      travellerId: captain.id,
      rank: 'SECTION',
      destination: '广州',
      startDate: '2018-06-10',
      endDate: '2018-06-12',
      status: 'APPROVED',
      createdById: captain.id,
    },
  });
});
afterAll(() => bot?.close());

/** `text` with @招商助手 in the squad's group, as Feishu sends it; returns the message id after delivery. */
async function inGroup(who: string, text: string): Promise<{ messageId: string; openId: string }> {
  const openId = await bot.openIdOf(who);
  const ev = withText(fixture('events/im.message.receive_v1.group-help.json'), `@_user_1 ${text}`, {
    openId,
    chatId: GROUP,
  });
  ev.event.message.mentions[0].id.open_id = bot.sb.botOpenId;
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return { messageId: ev.event.message.message_id, openId };
}

/** What the bot sent into the asker's 1:1 chat (not as a reply in the group). */
const privateMessages = (openId: string) =>
  bot.sb.state.messages.filter((m) => !m.from_open_id && m.receiver_open_id === openId && m.chat_id !== GROUP);
const groupText = (messageId: string) => JSON.stringify(repliesTo(bot, messageId).map((m) => m.content));

describe('answers with contact details asked in a group', () => {
  it('/leads by the office: the card with phones goes to the 1:1 chat, the group gets a note', async () => {
    const { messageId, openId } = await inGroup(OFFICE, '/leads');
    expect(groupText(messageId)).toContain(NOTE);
    expect(groupText(messageId)).not.toContain('13900000000');
    const card = privateMessages(openId).find((m) => m.msg_type === 'interactive');
    expect(JSON.stringify(card?.content)).toContain('13900000000');
  });

  it('/leads by the group leader, who sees no phones, is answered in the group', async () => {
    const { messageId, openId } = await inGroup(GROUP_LEADER, '/leads');
    const replies = repliesTo(bot, messageId);
    expect(replies.map((m) => m.msg_type)).toEqual(['interactive']);
    expect(JSON.stringify(replies[0]!.content)).not.toContain('13900000000');
    expect(privateMessages(openId)).toEqual([]);
  });

  it('/export visits … 联系方式 by the office: the file goes to the 1:1 chat, the group gets a note', async () => {
    const { messageId, openId } = await inGroup(OFFICE, '/export visits 2018 联系方式');
    const inTheGroup = repliesTo(bot, messageId);
    expect(inTheGroup.map((m) => m.msg_type)).toEqual(['text']);
    expect(groupText(messageId)).toContain(WILL_SEND_PRIVATELY);
    expect(groupText(messageId)).not.toContain('已导出');
    expect(privateMessages(openId).filter((m) => m.msg_type === 'file')).toHaveLength(1);
  });

  it('/export progress (no contact details) by the office is answered in the group', async () => {
    const { messageId } = await inGroup(OFFICE, '/export progress 2018');
    expect(
      repliesTo(bot, messageId)
        .map((m) => m.msg_type)
        .sort(),
    ).toEqual(['file', 'text', 'text']); // 正在生成…, the file, 已导出…
    expect(groupText(messageId)).not.toContain(NOTE);
  });

  it('/report by the captain: the form, where phones are typed, goes to the 1:1 chat', async () => {
    const before = privateMessages(await bot.openIdOf(CAPTAIN)).length;
    const { messageId, openId } = await inGroup(CAPTAIN, '/report');
    expect(groupText(messageId)).toContain(NOTE);
    const sent = privateMessages(openId).slice(before);
    expect(sent.map((m) => m.msg_type)).toEqual(['interactive']);
    expect(JSON.stringify(sent[0]!.content)).toContain('月度汇报');
  });

  it.each([
    ['/lead', '招商线索登记'],
    ['/tripreport', '外出招商报告'],
  ])('%s by the captain: the form where phones are typed goes to the 1:1 chat', async (command, title) => {
    const captain = await bot.openIdOf(CAPTAIN);
    const before = privateMessages(captain).length;
    const { messageId } = await inGroup(CAPTAIN, command);
    expect(groupText(messageId)).toContain('这张表要填写联系方式');
    const sent = privateMessages(captain).slice(before);
    expect(sent.map((m) => m.msg_type)).toEqual(['interactive']);
    expect(JSON.stringify(sent[0]!.content)).toContain(title);
  });
});
