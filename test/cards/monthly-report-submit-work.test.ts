import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { dbWorkByName } from '../../src/db/op-count.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback } from '../helpers/callbacks.js';

// The database work of one 提交 on the monthly report card, as the bench sends it: the office submits
// a new version of a squad's June report (the report row, its revision, the audit row, the patch of
// the report's card message). Before the write only the report's row is read; after it, its revisions
// and their names once, for the answer and the card's patch alike; the squad's name, the close day and
// the card's chat are each read once.

let bot: TestBot;
let squadId: number;
let office: string;
let version = 0;
const db = () => bot.database.prisma;
const own = () => `oc_p2p_${office}`;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) });
  squadId = (await db().squad.findUniqueOrThrow({ where: { code: 'MACHINERY_ELECTRONICS' } })).id;
  office = await bot.openIdOf('招商局局长');
  // The office has written to the bot: its 1:1 chat is known as his (on-message.ts).
  const officeId = (await db().person.findFirstOrThrow({ where: { openId: office } })).id;
  await db().chat.create({ data: { chatId: own(), kind: 'P2P', boundById: officeId } });
});
afterAll(async () => {
  await bot?.close();
});

const form = (typed: boolean) => ({
  month: '2018-06',
  economic_trends: `6月全区经济运行平稳，规上工业增加值同比增长8.${version}%。`,
  investment_directions: '羽绒精深加工、电子信息配套、现代物流。',
  project_info: '在谈项目3个，签约项目1个，开工项目1个。',
  suggestions: '建议加快标准厂房建设，缩短项目落地周期。',
  visited_businessmen: typed
    ? '王建国｜深圳华信电子有限公司｜深圳市南山区科技园｜总经理｜13800138000｜电子元器件｜有意向'
    : '',
});

/** One submit of the next version; the operations and statements it cost. */
async function submit(chatId: string, typed = true) {
  const before = { operations: 0, statements: 0, ...dbWorkByName.get('monthly-report.submit') };
  const value = { action: 'monthly-report.submit', squadId, month: '2018-06', baseVersion: version };
  const res = await bot.card(
    cardCallback({
      openId: office,
      name: 'report_submit',
      value,
      formValue: form(typed),
      messageId: `om_work_${version}`,
      chatId,
    }),
  );
  expect(res.body.toast.type).toBe('success');
  version++;
  const after = dbWorkByName.get('monthly-report.submit')!;
  return { operations: after.operations - before.operations, statements: after.statements - before.statements };
}

describe('submitting a new version of a monthly report', () => {
  it('in the 1:1 chat the report card lives in: the bench’s submit', async () => {
    await submit(own());
    // The tapper's chat, the report row, the close day; the row written, its revision, the audit row,
    // the card remembered; the revisions, their names, the squad's name; the patch in the outbox.
    const work = await submit(own());
    expect(work.operations).toBeLessThanOrEqual(11);
    expect(work.statements).toBeLessThanOrEqual(11);
    expect((await db().monthlyReport.findFirstOrThrow({ where: { squadId, month: '2018-06' } })).version).toBe(2);
  });

  it('in a group chat, with contact details typed: the summary without them is drawn from the same view', async () => {
    const work = await submit('oc_group_work');
    expect(work.operations).toBeLessThanOrEqual(13);
    expect(work.statements).toBeLessThanOrEqual(13);
  });

  it('in a group chat, with none typed: the stored businessmen are not read again', async () => {
    const work = await submit('oc_group_work', false);
    expect(work.operations).toBeLessThanOrEqual(12);
    expect(work.statements).toBeLessThanOrEqual(12);
  });
});
