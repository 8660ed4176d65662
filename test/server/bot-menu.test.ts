import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { botMenu } from '../../src/commands/menu.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { settle } from '../helpers/files.js';

// The bot's custom menu (机器人自定义菜单): a tap arrives as `application.bot.menu_v6` with the
// item's event_key and the operator, and no chat. Each item answers in the operator's 1:1 chat
// exactly as its slash-command typed there does. The sandbox keeps Feishu's 5 messages a second per
// chat, so each step waits until the outbox is empty (settle) before it looks.

let bot: TestBot;
let captain: string;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  const squad = await bot.database.prisma.squad.findFirstOrThrow({
    where: { sortOrder: { gt: 1 }, kind: 'INDUSTRY' },
    include: { members: { include: { person: true } } },
  });
  captain = squad.members.find((m) => m.role === 'CAPTAIN')!.person.openId!;
});
afterAll(async () => {
  await bot?.close();
});

/** The fixture, tapped by this person on the item with this key, as a new delivery. */
function menuTap(eventKey: string, openId: string, eventId = newEventId('evt_menu')): Record<string, any> {
  const e = fixture('events/application.bot.menu_v6.json');
  e.header.event_id = eventId;
  e.header.create_time = String(Date.now());
  e.event.operator.operator_id.open_id = openId;
  e.event.event_key = eventKey;
  e.event.timestamp = String(Math.floor(Date.now() / 1000));
  return e;
}

/** What the bot sent into this person's 1:1 chat after `since` (index into the sandbox's messages). */
const botMessagesIn = (chatId: string, since: number) =>
  bot.sb.state.messages.slice(since).filter((m) => m.chat_id === chatId && !m.from_open_id);

/** The answer to the command typed in the 1:1 chat. */
async function typed(text: string, openId: string) {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: p2pChatId(openId),
  });
  const since = bot.sb.state.messages.length;
  expect((await bot.event(ev)).status).toBe(200);
  await settle(bot);
  return botMessagesIn(p2pChatId(openId), since);
}

async function tapped(eventKey: string, openId: string) {
  const since = bot.sb.state.messages.length;
  expect((await bot.event(menuTap(eventKey, openId))).status).toBe(200);
  await settle(bot);
  return botMessagesIn(p2pChatId(openId), since);
}

describe('the bot menu', () => {
  it('has the five items of the plan, each with the command it stands for', () => {
    expect(botMenu.map((m) => [m.label, m.command])).toEqual([
      ['月度汇报', '/report'],
      ['出差计划', '/trip'],
      ['录入线索', '/lead'],
      ['进度', '/progress'],
      ['排名', '/rank'],
    ]);
    for (const m of botMenu) expect(m.eventKey).toMatch(/^[a-z_]{1,30}$/);
  });

  for (const item of [
    { key: 'monthly_report', command: '/report', title: '月度汇报' },
    { key: 'trip_plan', command: '/trip', title: '外出招商计划' },
    { key: 'new_lead', command: '/lead', title: '线索' },
    { key: 'progress', command: '/progress', title: '进度' },
    { key: 'rank', command: '/rank', title: '排名' },
  ]) {
    it(`${item.key} answers in the 1:1 chat exactly as ${item.command} typed there`, async () => {
      const byMenu = await tapped(item.key, captain);
      const byCommand = await typed(item.command, captain);
      expect(byMenu).toHaveLength(1);
      expect(byCommand).toHaveLength(1);
      expect(byMenu[0]!.msg_type).toBe('interactive');
      expect(byMenu[0]!.receiver).toEqual({ id: captain, id_type: 'open_id' });
      expect(JSON.stringify(byMenu[0]!.content)).toContain(item.title);
      expect(byMenu[0]!.content).toEqual(byCommand[0]!.content);
    });
  }

  it('a refusal reads as the command’s: a leader’s tap on 录入线索 gets the same text as /lead', async () => {
    const leader = await bot.database.prisma.person.findFirstOrThrow({
      where: { roles: { some: { role: 'GROUP_LEADER' } } },
    });
    const byMenu = await tapped('new_lead', leader.openId!);
    const byCommand = await typed('/lead', leader.openId!);
    expect(byMenu.map((m) => m.content)).toEqual(byCommand.map((m) => m.content));
  });

  it('the same tap delivered twice is answered once', async () => {
    const tap = menuTap('rank', captain);
    const since = bot.sb.state.messages.length;
    const results = await Promise.all([bot.event(tap), bot.event(tap)]);
    results.push(await bot.event(tap));
    for (const r of results) expect(r.status).toBe(200);
    await settle(bot);
    expect(botMessagesIn(p2pChatId(captain), since)).toHaveLength(1);
    expect(await bot.database.prisma.processedEvent.count({ where: { eventId: tap.header.event_id } })).toBe(1);
  });

  it('a forged tap (bad signature, wrong token, unsigned, ten minutes old) is refused and changes nothing', async () => {
    const count = async () => [
      await bot.database.prisma.processedEvent.count(),
      await bot.database.prisma.outbox.count(),
    ];
    const before = await count();
    const now = Math.floor(Date.now() / 1000);
    for (const o of [
      { signature: 'f'.repeat(64) },
      { verificationToken: 'forged' },
      { signature: null },
      { timestamp: now - 600 },
    ])
      expect((await bot.event(menuTap('progress', captain), o)).status, JSON.stringify(o)).toBe(401);
    expect(await count()).toEqual(before);
  });

  it('a tap of an unexpected shape (no operator) is answered 200 and changes nothing', async () => {
    const tap = menuTap('rank', captain);
    delete tap.event.operator;
    const before = [await bot.database.prisma.processedEvent.count(), await bot.database.prisma.outbox.count()];
    expect((await bot.event(tap)).status).toBe(200);
    expect([await bot.database.prisma.processedEvent.count(), await bot.database.prisma.outbox.count()]).toEqual(
      before,
    );
  });

  it('someone not on the roster is told once how to get added', async () => {
    bot.sb.addUser({
      open_id: 'ou_menu_stranger',
      union_id: 'on_menu_stranger',
      user_id: 'menu_stranger',
      name: '路人',
    });
    const first = await tapped('monthly_report', 'ou_menu_stranger');
    const second = await tapped('progress', 'ou_menu_stranger');
    expect(first).toHaveLength(1);
    expect((first[0]!.content as { text: string }).text).toContain('名册');
    expect(second).toHaveLength(0);
  });

  it('an item the bot does not know gets the help card, naming the menu items it does', async () => {
    const out = await tapped('no_such_item', captain);
    expect(out).toHaveLength(1);
    const text = JSON.stringify(out[0]!.content);
    expect(text).toContain('命令帮助');
    expect(text).toContain('月度汇报');
  });
});
