import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandReply, componentsOf, formValuesOf } from '../helpers/callbacks.js';

// The monthly report card shows only the buttons that will work for the person and the moment,
// and says why the others are not there.
// Squad 3 (机械制造、电子信息): captain 发改局局长, member 人社局三分队队员, responsible leader 陆雨.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
let bot: TestBot;
const who: Record<string, string> = {};
const names = (card: any) => Object.keys(componentsOf(card));
const text = (card: any) => JSON.stringify(card);
const open = async (name: string, args = '2018-06 机械') =>
  (await commandReply(bot, who[name]!, `/report ${args}`)).card;

beforeAll(async () => {
  bot = await startTestBot({}, { clock });
  for (const [k, n] of Object.entries({
    captain: '发改局局长',
    member: '人社局三分队队员',
    leader: '陆雨',
    groupLeader: '曾健清',
    office: '领导小组办公室工作人员',
  }))
    who[k] = await bot.openIdOf(n);
});
afterAll(async () => {
  await bot?.close();
});

describe('before the deadline', () => {
  it('a leader reading the month gets no 保存草稿 or 提交, and is told the card is read-only', async () => {
    const card = await open('groupLeader');
    expect(names(card)).not.toContain('report_save_draft');
    expect(names(card)).not.toContain('report_submit');
    expect(names(card)).not.toContain('economic_trends');
    expect(text(card)).toContain('只读');
  });

  it('a responsible leader gets the 免报 form only', async () => {
    const card = await open('leader');
    expect(names(card)).toEqual(expect.arrayContaining(['exempt_reason', 'report_exempt']));
    expect(names(card)).not.toContain('report_save_draft');
    expect(names(card)).not.toContain('report_submit');
  });

  it('a member may save a draft; 提交 is the captain’s, and the card says so', async () => {
    const card = await open('member');
    expect(names(card)).toContain('report_save_draft');
    expect(names(card)).not.toContain('report_submit');
    expect(text(card)).toContain('由队长提交');
  });

  it('the captain submits; the summary then offers 修改', async () => {
    const { card, messageId } = await commandReply(bot, who.captain!, '/report 2018-06');
    const res = await bot.card(
      cardCallback({
        openId: who.captain!,
        messageId,
        name: 'report_submit',
        value: buttonValue(card, 'report_submit'),
        formValue: formValuesOf(card, { economic_trends: '电子信息产业回暖' }),
      }),
    );
    expect(res.body.toast.content).toBe('已提交，谢谢！');
    expect(names(res.body.card.data)).toContain('report_edit');
  });
});

describe('after the deadline (27th), before the month closes', () => {
  it('a submitted report shows no 修改 to the captain, and says why', async () => {
    clock.set('2018-06-29T10:00:00+08:00');
    const card = await open('captain', '2018-06');
    expect(names(card)).not.toContain('report_edit');
    expect(text(card)).toContain('已过截止时间（6月27日），已提交的汇报不能再修改');
  });

  it('the office still gets 修改', async () => {
    const card = await open('office');
    expect(names(card)).toContain('report_edit');
  });
});

describe('a closed month', () => {
  it('shows the captain no editable form and no “逾期仍可提交”, and says it is closed', async () => {
    clock.set('2018-07-10T10:00:00+08:00');
    const card = await open('captain', '2018-05');
    expect(names(card)).not.toContain('economic_trends');
    expect(names(card)).not.toContain('report_submit');
    expect(text(card)).not.toContain('逾期仍可提交');
    expect(text(card)).toContain('已于6月5日关闭');
  });

  it('the office may still fill it; its footer does not offer a late submission either', async () => {
    const card = await open('office', '2018-05 机械');
    expect(names(card)).toContain('report_submit');
    expect(text(card)).not.toContain('逾期仍可提交');
    expect(text(card)).toContain('只有区招商局可以修改');
  });
});
