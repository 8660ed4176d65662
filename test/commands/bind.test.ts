import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { replyTo } from '../helpers/callbacks.js';
import { fixture, withText } from '../helpers/feishu.js';
import { settle, textRepliedTo } from '../helpers/files.js';

// LARK_ADMIN_OPEN_IDS names one admin who is not on the roster yet (a new office hire).
const ENV_ADMIN = 'ou_env_admin';
let bot: TestBot;
let officeAdmin: string, member: string;
const db = () => bot.database.prisma;

/** `/bind …` from `sender`, mentioning `mention` (the fixture's @_user_1), or no one. */
function bindMessage(sender: string, text: string, mention?: { openId: string; name: string }) {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-bind-mention.json'), text, {
    openId: sender,
    chatId: 'oc_p2p_' + sender,
  });
  if (mention) {
    ev.event.message.mentions[0].id.open_id = mention.openId;
    ev.event.message.mentions[0].name = mention.name;
  } else delete ev.event.message.mentions;
  return ev;
}
const say = async (sender: string, text: string, mention?: { openId: string; name: string }) =>
  (await replyTo(bot, bindMessage(sender, text, mention))).text ?? '';

beforeAll(async () => {
  bot = await startTestBot({ LARK_ADMIN_OPEN_IDS: ENV_ADMIN });
  officeAdmin = await bot.openIdOf('招商局局长'); // OFFICE_ADMIN in the plan
  member = await bot.openIdOf('人社局三分队队员');
  bot.sb.addUser({
    open_id: 'ou_new_1',
    union_id: 'on_new_1',
    user_id: 'new_1',
    name: '新同事',
    mobile: null,
    email: null,
    department_ids: [],
  });
});
afterAll(async () => {
  await bot?.close();
});

describe('/bind', () => {
  it('an office admin binds a roster person to the mentioned user, with an audit row and a welcome', async () => {
    const text = await say(officeAdmin, '/bind 发改局局长 @_user_1', { openId: 'ou_new_1', name: '新同事' });
    expect(text).toContain('已将 发改局局长（发改局');
    const p = await db().person.findFirstOrThrow({ where: { name: '发改局局长' } });
    expect(p.openId).toBe('ou_new_1');
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: 'person.bind', entityId: String(p.id), actorOpenId: officeAdmin },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ openId: 'ou_new_1', via: '/bind' });
    await bot.flush();
    expect(JSON.stringify(bot.sb.messagesTo('ou_new_1').at(-1)!.versions.at(-1)!.content)).toContain(
      '你已加入招商工作名册',
    );
  });

  it('refuses someone who is not an office admin, and binds nothing', async () => {
    const text = await say(member, '/bind 经贸局局长 @_user_1', { openId: 'ou_other', name: '某人' });
    expect(text).toContain('只有区招商局的管理员');
    expect((await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } })).openId).not.toBe('ou_other');
  });

  it('an unknown name is reported with close names', async () => {
    const text = await say(officeAdmin, '/bind 发改局局 @_user_1', { openId: 'ou_other', name: '某人' });
    expect(text).toContain('名册中没有「发改局局」');
    expect(text).toContain('发改局局长');
  });

  it('asks for the mention when none is given', async () => {
    expect(await say(officeAdmin, '/bind 发改局局长')).toContain('@ 要绑定的人');
  });

  it('the same name in two units asks for the unit, and the unit picks the person', async () => {
    const units = await db().unit.findMany({ where: { code: { in: ['DRC', 'ECON'] } } });
    for (const u of units) await db().person.create({ data: { name: '张伟', unitId: u.id } });
    bot.sb.addUser({
      open_id: 'ou_zhang',
      union_id: 'on_zhang',
      user_id: 'zhang',
      name: '张伟',
      mobile: null,
      email: null,
      department_ids: [],
    });
    const ask = await say(officeAdmin, '/bind 张伟 @_user_1', { openId: 'ou_zhang', name: '张伟' });
    expect(ask).toContain('2 位「张伟」');
    expect(ask).toContain('/bind 张伟 单位 @某人');
    expect(await db().person.count({ where: { openId: 'ou_zhang' } })).toBe(0);
    await say(officeAdmin, '/bind 张伟 经贸局 @_user_1', { openId: 'ou_zhang', name: '张伟' });
    const bound = await db().person.findUniqueOrThrow({ where: { openId: 'ou_zhang' }, include: { unit: true } });
    expect(bound.unit?.code).toBe('ECON');
  });

  it('an env admin not on the roster may bind themselves and then holds OFFICE_ADMIN', async () => {
    const text = await say(ENV_ADMIN, '/bind 领导小组办公室工作人员 @_user_1', { openId: ENV_ADMIN, name: '我' });
    expect(text).toContain('已将 领导小组办公室工作人员');
    const p = await db().person.findUniqueOrThrow({ where: { openId: ENV_ADMIN }, include: { roles: true } });
    expect(p.roles.map((r) => r.role)).toContain('OFFICE_ADMIN');
    const grant = await db().auditLog.findFirstOrThrow({ where: { action: 'role.grant', entityId: String(p.id) } });
    expect(JSON.parse(grant.detail)).toMatchObject({ role: 'OFFICE_ADMIN', via: 'LARK_ADMIN_OPEN_IDS' });
  });

  it('/bind-roster re-binds by mobile and reports what it did; members may not run it', async () => {
    const p = await db().person.findFirstOrThrow({ where: { name: '农业局局长' } });
    await db().person.update({ where: { id: p.id }, data: { openId: null } });
    expect(await say(member, '/bind-roster')).toContain('只有区招商局');
    // The look-up runs after the command's commit: it is acknowledged at once, the report follows.
    const ev = bindMessage(officeAdmin, '/bind-roster');
    expect((await replyTo(bot, ev)).text).toContain('正在按手机号和邮箱');
    await settle(bot);
    const text = textRepliedTo(bot, ev.event.message.message_id);
    expect(text).toContain('新绑定 1 人');
    expect((await db().person.findUniqueOrThrow({ where: { id: p.id } })).openId).not.toBeNull();
    expect(
      await db().auditLog.count({ where: { action: 'person.bind', entityId: String(p.id) } }),
    ).toBeGreaterThanOrEqual(2);
  });
});
