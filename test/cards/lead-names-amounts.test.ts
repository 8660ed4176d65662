import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';

// The lead card as people fill it: amounts in 亿/万/full-width digits, company names with or
// without the city, in traditional characters, with a 统一社会信用代码, and names close to another.

let bot: TestBot;
let member: string; // squad 3
let otherMember: string; // squad 1
const leads = () => bot.database.prisma.lead.count();

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  otherMember = await bot.openIdOf('发改局一分队队员');
});
afterAll(async () => {
  await bot?.close();
});

const base = { source: 'VISIT', contact_name: '陈经理', description: '拟新建生产线' };

/** Sends /lead and submits its form with the submit button (or the one named). */
async function submit(openId: string, formValue: Record<string, unknown>) {
  const { card, messageId } = await commandCard(bot, openId, '/lead');
  const res = await bot.card(
    cardCallback({ openId, messageId, name: 'lead_submit', value: buttonValue(card, 'lead_submit'), formValue }),
  );
  return { res, messageId };
}

describe('amounts as people type them', () => {
  it.each([
    ['1.2亿', 12000, '意向投资额已按 12000 万元记录', '北辰光学仪器有限公司'],
    ['３５００', 3500, '意向投资额已按 3500 万元记录', '南岭竹木制品有限公司'],
    ['3,500万元', 3500, '意向投资额已按 3500 万元记录', '西江船舶修造有限公司'],
    ['1.2 亿元', 12000, '意向投资额已按 12000 万元记录', '东湖新能源电池有限公司'],
  ])('%s is stored as %s 万元 and the toast and receipt say so', async (typed, wan, echo, company) => {
    const { res } = await submit(member, { ...base, company, investment: typed });
    expect(res.body.toast.type).toBe('success');
    expect(res.body.toast.content).toContain(echo);
    expect(textOf(res.body.card.data)).toContain(echo);
    expect((await bot.database.prisma.lead.findFirstOrThrow({ where: { company } })).intendedInvestment).toBe(wan);
  });

  it('a plain number needs no echo', async () => {
    const { res } = await submit(member, { ...base, company: '荷城陶瓷釉料有限公司', investment: '3500' });
    expect(res.body.toast.content).toBe('线索已登记');
  });

  it('nonsense gets an error under the field naming it, and nothing is stored', async () => {
    const before = await leads();
    const { res } = await submit(member, { ...base, company: '金额测试乱填制品有限公司', investment: '大概几千万' });
    expect(res.body.toast.type).toBe('error');
    const card = textOf(res.body.card.data);
    expect(card).toContain('意向投资额（万元）：看不懂「大概几千万」');
    expect(fieldOf(res.body.card.data, 'investment').default_value).toBe('大概几千万');
    expect(await leads()).toBe(before);
  });
});

describe('one business, however its name is written', () => {
  beforeAll(async () => {
    const { res } = await submit(member, { ...base, company: '东莞盛丰服饰有限公司' });
    expect(res.body.toast.type).toBe('success');
  });

  it.each([['东莞市盛丰服饰有限公司'], ['東莞盛豐服飾有限公司'], ['广东省东莞市盛丰服饰有限公司']])(
    '%s is the same business (撞单): blocked, the owner shown, nothing stored',
    async (company) => {
      const before = await leads();
      const { res } = await submit(otherMember, { ...base, company });
      expect(res.body.toast.type).toBe('warning');
      expect(res.body.toast.content).toContain('撞单');
      expect(textOf(res.body.card.data)).toContain('东莞盛丰服饰有限公司');
      expect(fieldOf(res.body.card.data, 'lead_go_on')).toBeUndefined();
      expect(await leads()).toBe(before);
    },
  );

  it('a close name (盛峰) gets 可能重复 with the other entry; 仍然提交 stores it', async () => {
    const before = await leads();
    const company = '东莞盛峰服饰有限公司';
    const { res, messageId } = await submit(otherMember, { ...base, company });
    expect(res.body.toast.type).toBe('warning');
    expect(res.body.toast.content).toContain('可能重复');
    const card = res.body.card.data;
    expect(textOf(card)).toContain('东莞盛丰服饰有限公司');
    expect(textOf(card)).toContain('财政局三分队队员');
    expect(fieldOf(card, 'company').default_value).toBe(company);
    expect(await leads()).toBe(before);
    // The plain submit on the warned card asks again; the go-on button stores it.
    const goOn = buttonValue(card, 'lead_go_on');
    expect(goOn).toMatchObject({ action: 'lead.submit', goOn: '盛峰服饰' });
    const again = await bot.card(
      cardCallback({
        openId: otherMember,
        messageId,
        name: 'lead_go_on',
        value: goOn,
        formValue: { ...base, company },
      }),
    );
    expect(again.body.toast.type).toBe('success');
    expect(await leads()).toBe(before + 1);
  });

  it('the go-on button does not let another name through unchecked', async () => {
    const before = await leads();
    const { card, messageId } = await commandCard(bot, otherMember, '/lead');
    const value = { ...buttonValue(card, 'lead_submit'), goOn: '盛峰服饰' };
    const res = await bot.card(
      cardCallback({
        openId: otherMember,
        messageId,
        name: 'lead_go_on',
        value,
        formValue: { ...base, company: '东莞盛丰服饰制品有限公司' },
      }),
    );
    expect(res.body.toast.content).toContain('可能重复');
    expect(await leads()).toBe(before);
  });
});

describe('统一社会信用代码', () => {
  const code = '91440300708461136T';

  it('a wrong code gets an error under the field and nothing is stored', async () => {
    const before = await leads();
    const { res } = await submit(member, {
      ...base,
      company: '信用代码测试科技有限公司',
      credit_code: '91440300708461136X',
    });
    expect(res.body.toast.type).toBe('error');
    expect(textOf(res.body.card.data)).toContain('统一社会信用代码校验位不对');
    expect(await leads()).toBe(before);
  });

  it('is stored normalised, and the same code under another name is the same business', async () => {
    const first = await submit(member, {
      ...base,
      company: '腾云计算机系统有限公司',
      credit_code: ' ９１４４０３００７０８４６１１３６ｔ',
    });
    expect(first.res.body.toast.type).toBe('success');
    expect(
      (await bot.database.prisma.lead.findFirstOrThrow({ where: { company: '腾云计算机系统有限公司' } })).creditCode,
    ).toBe(code);
    const before = await leads();
    const { res } = await submit(otherMember, { ...base, company: '深圳市完全另一个名字有限公司', credit_code: code });
    expect(res.body.toast.content).toContain('撞单');
    expect(textOf(res.body.card.data)).toContain('统一社会信用代码相同');
    expect(await leads()).toBe(before);
  });

  it('the same name with another valid code is a different business: 可能重复, and it may go on', async () => {
    const before = await leads();
    const form = { ...base, company: '腾云计算机系统有限公司', credit_code: '91330100799655058B' };
    const { res, messageId } = await submit(otherMember, form);
    expect(res.body.toast.content).toContain('可能重复');
    const again = await bot.card(
      cardCallback({
        openId: otherMember,
        messageId,
        name: 'lead_go_on',
        value: buttonValue(res.body.card.data, 'lead_go_on'),
        formValue: form,
      }),
    );
    expect(again.body.toast.type).toBe('success');
    expect(await leads()).toBe(before + 1);
  });
});
