import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { commandReply, replyTo } from '../helpers/callbacks.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';
import { fileRepliedTo, repliesTo, settle } from '../helpers/files.js';

// The person who installed the bot: their open_id is in LARK_ADMIN_OPEN_IDS but the roster has
// never heard of them. They are a full office admin from their first message.
const FIRST_ADMIN = 'ou_first_admin';
// A second env admin whom the contact API does not know (the look-up fails).
const GHOST_ADMIN = 'ou_ghost_admin';
const STRANGER = 'ou_stranger';
const ROSTER_HINT = '你还不在招商工作名册中';

let bot: TestBot;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({ LARK_ADMIN_OPEN_IDS: `${FIRST_ADMIN},${GHOST_ADMIN}` });
  for (const [openId, name] of [
    [FIRST_ADMIN, '韦首任'],
    [STRANGER, '路过的人'],
    ['ou_new_hire', '新同事'],
  ] as const)
    bot.sb.addUser({
      open_id: openId,
      union_id: 'on_' + openId,
      user_id: openId.slice(3),
      name,
      mobile: null,
      email: null,
      department_ids: [],
    });
});
afterAll(async () => {
  await bot?.close();
});

/** The p2p file fixture from an open_id, carrying these bytes. */
function fileFrom(openId: string, bytes: Buffer, fileName: string): Record<string, any> {
  const e = fixture('events/im.message.receive_v1.p2p-file.json');
  e.header.event_id = newEventId('evt_file');
  e.event.message.message_id = 'om_' + e.header.event_id;
  e.event.sender.sender_id.open_id = openId;
  e.event.message.chat_id = `oc_p2p_${openId}`;
  e.event.message.content = JSON.stringify({ file_key: bot.sb.putUserFile(bytes, fileName), file_name: fileName });
  return e;
}

describe('an env admin not on the roster (LARK_ADMIN_OPEN_IDS)', () => {
  it('gets /progress from the first message, not the roster hint', async () => {
    const r = await commandReply(bot, FIRST_ADMIN, '/progress');
    expect(r.text ?? '').not.toContain(ROSTER_HINT);
    expect(r.card).toBeTruthy();
  });

  it('is put on the roster once: in the office unit, named from the contact API, OFFICE_ADMIN, audited', async () => {
    await commandReply(bot, FIRST_ADMIN, '/help');
    const people = await db().person.findMany({
      where: { openId: FIRST_ADMIN },
      include: { roles: true, unit: true },
    });
    expect(people).toHaveLength(1);
    const p = people[0]!;
    expect(p).toMatchObject({ name: '韦首任', active: true });
    expect(p.unit?.kind).toBe('OFFICE');
    expect(p.roles.map((r) => r.role)).toContain('OFFICE_ADMIN');
    const created = await db().auditLog.findMany({ where: { action: 'person.create', entityId: String(p.id) } });
    expect(created).toHaveLength(1);
    expect(JSON.parse(created[0]!.detail)).toMatchObject({ via: 'LARK_ADMIN_OPEN_IDS', openId: FIRST_ADMIN });
    expect(await db().person.count({ where: { name: '韦首任' } })).toBe(1);
  });

  it('gets /export', async () => {
    const r = await commandReply(bot, FIRST_ADMIN, '/export');
    expect(r.text ?? '').not.toContain(ROSTER_HINT);
    expect(r.text ?? '').not.toContain('只有');
  });

  it('gets the roster template and may send the roster back for import', async () => {
    const ask = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/template roster', {
      openId: FIRST_ADMIN,
      chatId: `oc_p2p_${FIRST_ADMIN}`,
    });
    expect((await bot.event(ask)).status).toBe(200);
    await settle(bot);
    const template = fileRepliedTo(bot, ask.event.message.message_id);
    const back = fileFrom(FIRST_ADMIN, template.bytes, template.fileName);
    expect((await bot.event(back)).status).toBe(200);
    await settle(bot);
    const preview = repliesTo(bot, back.event.message.message_id).find((m) => m.msg_type === 'interactive');
    expect(JSON.stringify(preview?.content)).toContain('新增 **0** 项，修改 **0** 项，删除 **0** 项');
  });

  it('may /bind a roster person', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-bind-mention.json'), '/bind 发改局局长 @_user_1', {
      openId: FIRST_ADMIN,
      chatId: `oc_p2p_${FIRST_ADMIN}`,
    });
    ev.event.message.mentions[0].id.open_id = 'ou_new_hire';
    ev.event.message.mentions[0].name = '新同事';
    const r = await replyTo(bot, ev);
    expect(r.text).toContain('已将 发改局局长（发改局');
    expect((await db().person.findFirstOrThrow({ where: { name: '发改局局长' } })).openId).toBe('ou_new_hire');
  });

  it('an env admin the contact API does not know gets a clear placeholder name and full rights', async () => {
    const r = await commandReply(bot, GHOST_ADMIN, '/progress');
    expect(r.text ?? '').not.toContain(ROSTER_HINT);
    const p = await db().person.findUniqueOrThrow({ where: { openId: GHOST_ADMIN }, include: { roles: true } });
    expect(p.name).toContain('管理员');
    expect(p.roles.map((x) => x.role)).toContain('OFFICE_ADMIN');
  });

  it('binding themselves to their real roster entry retires the placeholder person', async () => {
    const stub = await db().person.findUniqueOrThrow({ where: { openId: GHOST_ADMIN } });
    const ev = withText(
      fixture('events/im.message.receive_v1.p2p-bind-mention.json'),
      '/bind 领导小组办公室工作人员 @_user_1',
      { openId: GHOST_ADMIN, chatId: `oc_p2p_${GHOST_ADMIN}` },
    );
    ev.event.message.mentions[0].id.open_id = GHOST_ADMIN;
    ev.event.message.mentions[0].name = '我';
    expect((await replyTo(bot, ev)).text).toContain('已将 领导小组办公室工作人员');
    expect((await db().person.findUniqueOrThrow({ where: { id: stub.id } })).active).toBe(false);
    const real = await db().person.findUniqueOrThrow({ where: { openId: GHOST_ADMIN }, include: { roles: true } });
    expect(real.name).toBe('领导小组办公室工作人员');
    expect(real.roles.map((r) => r.role)).toContain('OFFICE_ADMIN');
  });

  it('a real stranger still gets the roster hint, and is not put on the roster', async () => {
    const r = await commandReply(bot, STRANGER, '/progress');
    expect(r.text).toContain(ROSTER_HINT);
    expect(await db().person.count({ where: { openId: STRANGER } })).toBe(0);
  });
});
