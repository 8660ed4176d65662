import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { normaliseCompanyName } from '../../src/domain/company-name.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard } from '../helpers/cards.js';

// The 撞单 check among thousands of registered leads, some of them written by another instance of the
// bot (straight into the shared database) between two submits of this one.

let bot: TestBot;
let member: string;
let squadId: number;
let ownerId: number;
const leads = () => bot.database.prisma.lead.count();
const base = { source: 'VISIT', contact_name: '陈经理', description: '拟新建生产线' };
const TRADES = ['服饰', '机械', '光电', '食品', '建材', '物流', '医药', '化工', '电子', '家具'];
const WORDS = '安宝昌达德丰富广贵海恒宏华佳建金锦凯康乐利隆茂美明鹏启荣瑞盛顺泰天通万鑫新兴旭亚益永裕远泽正志中';

/** The i-th of 4,000 distinct names: three characters and a trade (安安安服饰, 宝安安机械, …). */
function companyOf(i: number): string {
  const n = WORDS.length;
  const name = `${WORDS[i % n]}${WORDS[Math.floor(i / n) % n]}${WORDS[Math.floor(i / n / n) % n]}`;
  return `${name}${TRADES[i % TRADES.length]}有限公司`;
}

/** A lead written as another instance writes it: the row alone. */
async function writeElsewhere(company: string, n: number) {
  await bot.database.prisma.lead.create({
    data: {
      requestKey: `elsewhere:${n}`,
      companyKey: normaliseCompanyName(company),
      company,
      squadId,
      source: 'VISIT',
      ownerId,
      createdOn: '2018-06-01',
    },
  });
}

async function submit(company: string) {
  const { card, messageId } = await commandCard(bot, member, '/lead');
  const res = await bot.card(
    cardCallback({
      openId: member,
      messageId,
      name: 'lead_submit',
      value: buttonValue(card, 'lead_submit'),
      formValue: { ...base, company },
    }),
  );
  return res.body.toast as { type: string; content: string };
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  const person = await bot.database.prisma.person.findFirstOrThrow({ where: { name: '财政局三分队队员' } });
  ownerId = person.id;
  squadId = (await bot.database.prisma.squad.findFirstOrThrow({ select: { id: true } })).id;
  // Names that lose a leading place (泰安X服饰) may share a key: one lead per key, as the bot keeps them.
  const taken = new Set(
    (await bot.database.prisma.lead.findMany({ select: { companyKey: true } })).map((l) => l.companyKey),
  );
  const data = [];
  for (let i = 0; i < 4000; i++) {
    const companyKey = normaliseCompanyName(companyOf(i));
    if (taken.has(companyKey)) continue;
    taken.add(companyKey);
    data.push({ requestKey: `many:${i}`, companyKey, company: companyOf(i) });
  }
  await bot.database.prisma.lead.createMany({
    data: data.map((d) => ({ ...d, squadId, source: 'VISIT', ownerId, createdOn: '2018-05-01' })),
  });
});
afterAll(async () => {
  await bot?.close();
});

describe('the duplicate check among many leads', () => {
  it('a name one character off one of about 4,000 leads is 可能重复, and nothing is stored', async () => {
    const before = await leads();
    expect(before).toBeGreaterThanOrEqual(3900);
    // Lead 480 is 安X安服饰; 畅X安服饰 differs in its first character only (畅 is in no name), as do the
    // other 服饰 names X安服饰 after it: the first registered is named.
    const registered = companyOf(480);
    expect(registered).toMatch(/^安.安服饰有限公司$/);
    const toast = await submit(`畅${registered.slice(1)}`);
    expect(toast.type).toBe('warning');
    expect(toast.content).toContain(`可能重复：已有相近的「${registered}」`);
    expect(await leads()).toBe(before);
  });

  it('a name unlike all of them is stored', async () => {
    const before = await leads();
    expect((await submit('九曲溪岩茶有限公司')).type).toBe('success');
    expect(await leads()).toBe(before + 1);
  });

  it('a lead another instance wrote after this one last looked is still found, exactly and near', async () => {
    await writeElsewhere('北海琉璃工艺品有限公司', 1);
    const exact = await submit('广西北海琉璃工艺品有限公司');
    expect(exact.type).toBe('warning');
    expect(exact.content).toContain('撞单');
    const near = await submit('北海琉離工艺品有限公司');
    expect(near.type).toBe('warning');
    expect(near.content).toContain('可能重复：已有相近的「北海琉璃工艺品有限公司」');
  });

  it('a lead removed since is no longer in the way', async () => {
    await writeElsewhere('南湖渔具制造有限公司', 2);
    expect((await submit('南湖渔具制造有限公司')).content).toContain('撞单');
    await bot.database.prisma.lead.delete({ where: { requestKey: 'elsewhere:2' } });
    expect((await submit('南湖渔具制造有限公司')).type).toBe('success');
  });
});
