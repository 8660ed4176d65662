import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { click, createProject, opinionIdFor, settle, startReviewAs } from '../flows/review-helpers.js';
import {
  checkPageAndCloseAfter,
  describeInBrowser,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  shot,
  type Browser,
} from './helpers.js';

// A review where every unit passes with long conditions: the squad's status card shows each
// condition in full once, quotes it briefly in the history, stays within Feishu's 30 KB, and
// reads on a desktop and on a phone.

const SQUAD = 'AGRI_TOURISM_LOGISTICS';
const CAPTAIN = '农业局局长';
const PROJECT = '年产10万吨饲料加工项目';
const REVIEWERS: [string, string][] = [
  ['经贸局局长', 'ECON'],
  ['环保局二分队队员', 'EPB'],
  ['招商局局长', 'INVEST'],
  ['发改局局长', 'DRC'],
  ['区工业园管委主任', 'PARK'],
  ['政务办二分队队员', 'GOV_SERVICE'],
];
const condition = (code: string) =>
  `第${REVIEWERS.findIndex(([, c]) => c === code) + 1}家单位的条件：` +
  '开工前须取得环评批复并落实污染防治设施，按规划条件建设，按期报送投资进度。'.repeat(25);

let bot: TestBot;
let browser: Browser;
let chatId: string;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
  browser = await openBrowser();
  // 环保局 has named a reviewer (经办人): its opinion card goes to them, not to the 局长.
  const epbReviewer = await db().person.findFirstOrThrow({ where: { name: '环保局二分队队员' } });
  await db().personRole.create({ data: { personId: epbReviewer.id, role: 'REVIEWER' } });
  const id = await createProject(bot, { name: PROJECT, squadCode: SQUAD, investment: 25_000 });
  await startReviewAs(bot, '招商局局长', id);
  await settle(bot);
  for (const [name, code] of REVIEWERS) {
    const opinionId = await opinionIdFor(bot, id, code);
    const body = await click(
      bot,
      name,
      { action: 'review.opinion', opinionId },
      { decision: 'CONDITIONAL', conditions: condition(code).slice(0, 1000) },
    );
    expect(body.toast.type, name).toBe('success');
    await settle(bot);
  }
  chatId = (await db().squad.findUniqueOrThrow({ where: { code: SQUAD } })).chatId!;
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

describeInBrowser('the review status card after six long conditions', () => {
  it('reaches the squad within 30 KB, each condition in full once and quoted briefly in the history', () => {
    const content = bot.sb.lastCardMessageTo(chatId)!.versions.at(-1)!.content;
    const text = JSON.stringify(content);
    expect(text).toContain('项目可以签约');
    expect(Buffer.byteLength(text, 'utf8')).toBeLessThanOrEqual(30 * 1024);
    for (const [, code] of REVIEWERS) expect(text.split(condition(code).slice(0, 1000)).length - 1).toBe(1);
    expect(text).toContain('预审记录**（8 条）');
  });

  it.each([
    ['desktop', undefined],
    ['phone', PHONE],
  ])('reads on a %s', async (width, size) => {
    const page = await browser.newPage(size);
    await openAs(page, bot.url, await bot.openIdOf(CAPTAIN));
    await openChat(page, chatId);
    const card = page.locator('.msg', { hasText: '项目可以签约' }).last();
    await card.waitFor();
    const history = card.getByText('预审记录');
    await history.click();
    await card.getByText('全部单位同意，预审通过').waitFor();
    await card.getByText('全部单位同意，预审通过').scrollIntoViewIfNeeded();
    await shot(page, `review-status-long-conditions-${width}`);
    await page.close();
  });
});
