import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { CONTACTS_HIDDEN } from '../../src/domain/contact-rules.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandReply, formValuesOf, replyTo } from '../helpers/callbacks.js';
import { fixture, withText } from '../helpers/feishu.js';

// A card that carries the visited businessmen's addresses and phones is forwarded into a group chat,
// and someone who may see them taps a button there. The replacement card of a callback is shown to
// everyone in that chat, so it must leave them out; the full card goes to the tapper's 1:1 chat.
// Squad 4 (纺织羽绒): captain 经贸局局长.
const clock = new FixedClock(new Date('2018-07-10T10:00:00+08:00'));
const PHONE = '13922223333';
const ADDRESS = '广州市天河区体育西路';
const GROUP = 'oc_group_forwarded_report';
let bot: TestBot;
let squadId: number;
let captain: string, office: string;

const db = () => bot.database.prisma;
const report = () => db().monthlyReport.findUnique({ where: { squadId_month: { squadId, month: '2018-07' } } });
/** Cards the bot sent to this person's open_id (their 1:1 chat), newest last. */
const sentPrivately = async (openId: string) => {
  await bot.flush();
  return bot.sb.state.messages
    .filter((m) => m.receiver.id_type === 'open_id' && m.receiver.id === openId && m.msg_type === 'interactive')
    .map((m) => JSON.stringify(m.versions.at(-1)!.content));
};
/** The cards sent to this person's 1:1 chat after the first `before`, waiting out Feishu's per-chat limit. */
const sentPrivatelyAfter = async (openId: string, before: number) => {
  let sent = await sentPrivately(openId);
  for (let i = 0; i < 40 && sent.length <= before; i++) {
    await new Promise((r) => setTimeout(r, 150));
    sent = await sentPrivately(openId);
  }
  return sent.slice(before);
};
const tap = (openId: string, card: any, name: string, chatId: string, overrides?: Record<string, unknown>) =>
  bot.card(
    cardCallback({
      openId,
      name,
      value: buttonValue(card, name),
      formValue: overrides ? formValuesOf(card, overrides) : undefined,
      messageId: 'om_forwarded_report_card',
      chatId,
    }),
  );

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  squadId = (await db().squad.findUniqueOrThrow({ where: { code: 'TEXTILE_DOWN' } })).id;
  captain = await bot.openIdOf('经贸局局长');
  office = await bot.openIdOf('领导小组办公室工作人员');
  await db().visit.create({
    data: {
      squadId,
      createdById: (await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } })).id,
      visitedOn: '2018-07-03',
      contactName: '赵总',
      company: '广州羽绒制品有限公司',
      address: ADDRESS,
      position: '董事长',
      phone: PHONE,
    },
  });
  // The captain has also spoken to the bot in the group: the bot has seen it as a group chat.
  const inGroup = withText(fixture('events/im.message.receive_v1.group-help.json'), '@_user_1 /help', {
    openId: captain,
    chatId: GROUP,
  });
  inGroup.event.message.mentions[0].id.open_id = bot.sb.botOpenId;
  await replyTo(bot, inGroup);
});
afterAll(async () => {
  await bot?.close();
});

describe('a card with contact details, tapped in a group chat', () => {
  let form: any;

  it('in the 1:1 chat the form shows the captain the phones (the card that gets forwarded)', async () => {
    ({ card: form } = await commandReply(bot, captain, '/report 2018-07 纺织'));
    expect(JSON.stringify(form)).toContain(PHONE);
  });

  it('保存草稿 in the group stores everything typed; the group sees no phones; the full form goes to the 1:1 chat', async () => {
    const before = (await sentPrivately(captain)).length;
    const res = await tap(captain, form, 'report_save_draft', GROUP, { economic_trends: '羽绒市场回暖' });
    expect(res.status).toBe(200);
    const stored = await report();
    expect(stored?.status).toBe('DRAFT');
    expect(stored?.economicTrends).toBe('羽绒市场回暖');
    expect(stored?.visitedBusinessmen).toContain(PHONE);
    expect(stored?.visitedBusinessmen).toContain(ADDRESS);
    const shown = JSON.stringify(res.body);
    expect(shown).not.toContain(PHONE);
    expect(shown).not.toContain(ADDRESS);
    expect(res.body.toast.content).toContain('草稿已保存');
    expect(res.body.toast.content).toContain('私信发给你');
    // The group's card is the draft without them: read only, with the note, no form to save from.
    expect(shown).toContain('赵总｜广州羽绒制品有限公司');
    expect(shown).toContain(CONTACTS_HIDDEN);
    expect(shown).not.toContain('"tag":"form"');
    const privately = await sentPrivatelyAfter(captain, before);
    expect(privately.length).toBe(1);
    expect(privately[0]).toContain(PHONE);
    expect(privately.at(-1)).toContain('羽绒市场回暖');
  });

  it('a form error in the group keeps the typed card there; the refilled form with the phones goes to the 1:1 chat', async () => {
    const before = (await sentPrivately(captain)).length;
    const res = await tap(captain, form, 'report_submit', GROUP, { economic_trends: '', project_info: '' });
    expect(res.body.toast.type).toBe('error');
    expect(res.body.card).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(PHONE);
    const privately = await sentPrivatelyAfter(captain, before);
    expect(privately.length).toBe(1);
    expect(privately[0]).toContain(PHONE);
  });

  it('提交 in the group stores the report in full and shows the group the summary without phones', async () => {
    const before = (await sentPrivately(captain)).length;
    const res = await tap(captain, form, 'report_submit', GROUP, { economic_trends: '羽绒市场回暖' });
    const stored = await report();
    expect(stored?.status).toBe('SUBMITTED');
    expect(stored?.visitedBusinessmen).toContain(PHONE);
    const shown = JSON.stringify(res.body);
    expect(shown).not.toContain(PHONE);
    expect(shown).not.toContain(ADDRESS);
    expect(shown).toContain(CONTACTS_HIDDEN);
    expect((await sentPrivatelyAfter(captain, before))[0]).toContain(PHONE);
  });

  it('查看 and 修改 in the group: the office gets the phones in its 1:1 chat only', async () => {
    const view = { action: 'monthly-report.view', squadId, month: '2018-07', baseVersion: 1 };
    const before = (await sentPrivately(office)).length;
    const viewed = await bot.card(
      cardCallback({ openId: office, name: 'report_cancel', value: view, messageId: 'om_fwd_2', chatId: GROUP }),
    );
    expect(JSON.stringify(viewed.body)).not.toContain(PHONE);
    expect(JSON.stringify(viewed.body.card.data)).toContain(CONTACTS_HIDDEN);
    expect((await sentPrivatelyAfter(office, before))[0]).toContain(PHONE);
    const summary = viewed.body.card.data;
    const edit = await tap(office, summary, 'report_edit', GROUP);
    expect(JSON.stringify(edit.body)).not.toContain(PHONE);
    expect(JSON.stringify(edit.body.card.data)).not.toContain('"tag":"form"');
    expect((await sentPrivatelyAfter(office, before + 1))[0]).toContain('"tag":"form"');
  });

  it('a chat the bot never saw as the tapper’s own counts as shared: another person’s 1:1 chat id, or none', async () => {
    const view = { action: 'monthly-report.view', squadId, month: '2018-07', baseVersion: 1 };
    for (const chatId of [`oc_p2p_${office}`, 'oc_never_seen_chat']) {
      const res = await bot.card(
        cardCallback({ openId: captain, name: 'report_cancel', value: view, messageId: 'om_fwd_3', chatId }),
      );
      expect(JSON.stringify(res.body)).not.toContain(PHONE);
    }
  });

  it('the same tap in the tapper’s own 1:1 chat answers the full card there, and sends nothing else', async () => {
    await commandReply(bot, office, '/report 2018-07 纺织');
    const queued = () => db().outbox.count({ where: { receiveIdType: 'open_id', receiveId: office } });
    const before = await queued();
    const view = { action: 'monthly-report.view', squadId, month: '2018-07', baseVersion: 1 };
    const res = await bot.card(
      cardCallback({
        openId: office,
        name: 'report_cancel',
        value: view,
        messageId: 'om_own',
        chatId: `oc_p2p_${office}`,
      }),
    );
    expect(JSON.stringify(res.body.card.data)).toContain(PHONE);
    expect(await queued()).toBe(before);
  });

  it('a 1:1 chat the bot only sent to (the person never wrote in it) is known as theirs: a tap there gets the full card', async () => {
    // 招商局局长 has never written to the bot in a 1:1 chat. Asked in the group, the report goes to
    // his open_id; the chat Feishu delivered it to is then his 1:1 chat.
    const admin = await bot.openIdOf('招商局局长');
    const ask = withText(fixture('events/im.message.receive_v1.group-help.json'), '@_user_1 /report 2018-07 纺织', {
      openId: admin,
      chatId: GROUP,
    });
    ask.event.message.mentions[0].id.open_id = bot.sb.botOpenId;
    await replyTo(bot, ask);
    await bot.flush();
    const delivered = bot.sb.state.messages.find(
      (m) => m.receiver.id_type === 'open_id' && m.receiver.id === admin && m.msg_type === 'interactive',
    );
    expect(delivered).toBeTruthy();
    const queued = () => db().outbox.count({ where: { receiveIdType: 'open_id', receiveId: admin } });
    const before = await queued();
    const view = { action: 'monthly-report.view', squadId, month: '2018-07', baseVersion: 1 };
    const res = await bot.card(
      cardCallback({
        openId: admin,
        name: 'report_cancel',
        value: view,
        messageId: 'om_sent_only',
        chatId: delivered!.chat_id,
      }),
    );
    expect(JSON.stringify(res.body.card.data)).toContain(PHONE);
    expect(await queued()).toBe(before);
  });

  it('an amendment made in a 1:1 chat updates the report’s card in the group without the phones', async () => {
    // The report's card is the one first saved on: the forwarded card in the group.
    expect((await report())?.cardMessageId).toBe('om_forwarded_report_card');
    const { card: summary, messageId } = await commandReply(bot, office, '/report 2018-07 纺织');
    const own = { openId: office, messageId, chatId: `oc_p2p_${office}` };
    const edit = await bot.card(
      cardCallback({ ...own, name: 'report_edit', value: buttonValue(summary, 'report_edit') }),
    );
    const form = edit.body.card.data;
    expect(JSON.stringify(form)).toContain(PHONE);
    const amended = await bot.card(
      cardCallback({
        ...own,
        name: 'report_submit',
        value: buttonValue(form, 'report_submit'),
        formValue: formValuesOf(form, { suggestions: '办公室补充' }),
      }),
    );
    expect(amended.body.toast.content).toContain('已提交修改');
    expect(JSON.stringify(amended.body.card.data)).toContain(PHONE);
    const patches = await db().outbox.findMany({ where: { kind: 'PATCH', receiveId: 'om_forwarded_report_card' } });
    expect(patches.length).toBe(1);
    expect(patches[0]!.content).toContain('办公室补充');
    expect(patches[0]!.content).not.toContain(PHONE);
    expect(patches[0]!.content).not.toContain(ADDRESS);
    expect(patches[0]!.content).toContain(CONTACTS_HIDDEN);
  });
});

describe('the lead card, tapped in a group chat', () => {
  const LEAD_PHONE = '13800138000';
  const lead = {
    company: '广西群聊羽绒制品有限公司',
    source: 'VISIT',
    sector: '羽绒加工',
    contact_name: '陈经理',
    phone: LEAD_PHONE,
  };
  const submitLead = async (card: any, formValue: Record<string, unknown>, messageId: string) =>
    bot.card(
      cardCallback({
        openId: captain,
        name: 'lead_submit',
        value: buttonValue(card, 'lead_submit'),
        formValue,
        messageId,
        chatId: GROUP,
      }),
    );

  it('a bad field: the typed phone is not drawn again in the group; the refilled form goes to the 1:1 chat', async () => {
    const { card } = await commandReply(bot, captain, '/lead');
    const before = (await sentPrivately(captain)).length;
    const res = await submitLead(card, { ...lead, investment: '很多' }, 'om_fwd_lead_1');
    expect(res.body.toast.type).toBe('error');
    expect(res.body.card).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(LEAD_PHONE);
    const privately = await sentPrivatelyAfter(captain, before);
    expect(privately.length).toBe(1);
    expect(privately[0]).toContain(LEAD_PHONE);
    expect(await db().lead.count({ where: { company: lead.company } })).toBe(0);
  });

  it('stored with its phone; the group’s receipt leaves the phone out, the full receipt goes to the 1:1 chat', async () => {
    const { card } = await commandReply(bot, captain, '/lead');
    const before = (await sentPrivately(captain)).length;
    const res = await submitLead(card, lead, 'om_fwd_lead_2');
    const stored = await db().lead.findFirstOrThrow({ where: { company: lead.company } });
    expect(stored.phone).toBe(LEAD_PHONE);
    const shown = JSON.stringify(res.body);
    expect(shown).toContain('线索已登记');
    expect(shown).toContain(lead.company);
    expect(shown).not.toContain(LEAD_PHONE);
    expect(shown).toContain(CONTACTS_HIDDEN);
    expect((await sentPrivatelyAfter(captain, before))[0]).toContain(LEAD_PHONE);
  });
});

describe('the trip report card, tapped in a group chat', () => {
  it('a visit with a bad field: the typed phone and address are not drawn again in the group', async () => {
    const p = await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } });
    await db().trip.create({
      data: {
        requestKey: 'test:group-trip',
        squadId,
        travellerId: p.id,
        rank: 'SECTION',
        destination: '广州',
        startDate: '2018-07-05',
        endDate: '2018-07-07',
        status: 'APPROVED',
        createdById: p.id,
      },
    });
    const { card } = await commandReply(bot, captain, '/tripreport');
    const before = (await sentPrivately(captain)).length;
    const visitPhone = '020-87654321';
    const res = await bot.card(
      cardCallback({
        openId: captain,
        name: 'visit_submit',
        value: buttonValue(card, 'visit_submit'),
        formValue: {
          visit_date: '2018-06-01 +0800',
          contact_name: '钱总',
          visit_company: '广州群聊拜访有限公司',
          visit_phone: visitPhone,
          address: '广州市越秀区',
        },
        messageId: 'om_fwd_trip',
        chatId: GROUP,
      }),
    );
    expect(res.body.toast.type).toBe('error');
    expect(res.body.card).toBeUndefined();
    expect(JSON.stringify(res.body)).not.toContain(visitPhone);
    const privately = await sentPrivatelyAfter(captain, before);
    expect(privately.length).toBe(1);
    expect(privately[0]).toContain(visitPhone);
    expect(privately[0]).toContain('广州市越秀区');
  });
});
