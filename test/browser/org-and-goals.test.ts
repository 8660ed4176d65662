import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { loadKnownSquads, loadQuotas, loadRoster } from '../../src/db/imports.js';
import { loadOrg } from '../../src/db/org-imports.js';
import { loadGoals } from '../../src/db/quotas.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { addOrgSheets } from '../../src/sheets/org-sheet.js';
import { buildQuotaWorkbook } from '../../src/sheets/quota-sheet.js';
import { buildRosterWorkbook } from '../../src/sheets/roster-sheet.js';
import { workbookBytes } from '../../src/sheets/workbook.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity } from '../helpers/district.js';
import { fileMessage } from '../helpers/files.js';
import {
  cardTitled,
  checkPageAndCloseAfter,
  describeInBrowser,
  openAs,
  openBrowser,
  openChat,
  PHONE,
  sendText,
  shot,
  type Browser,
} from './helpers.js';

// The office on the local chat page: a department squad added through the roster workbook (the
// page cannot attach files yet, so the file goes in as Feishu delivers a file message), /rank in
// three lists, and a quota file whose split no longer adds up to the district goal.

let bot: TestBot;
let browser: Browser;
let office: string;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-20T02:00:00Z')), startSender: true });
  await seedActivity(db());
  browser = await openBrowser();
  office = await bot.openIdOf('招商局局长');
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

async function sendFile(bytes: Buffer, fileName: string) {
  const ev = await fileMessage(bot, '招商局局长', bytes, fileName);
  expect((await bot.event(ev)).status).toBe(200);
}

describeInBrowser('squads of every kind and the district goals, as the office sees them', () => {
  it('adds a department squad from the roster workbook, confirmed on the preview card', async () => {
    const wb = buildRosterWorkbook(await loadRoster(db()), await loadKnownSquads(db()));
    const org = await loadOrg(db());
    addOrgSheets(wb, org.units, org.squads);
    wb.getWorksheet('小分队')!.addRow(['', '发改局招商小分队', '区直部门', 30, '发改局', '科技局', '新能源', '在用']);
    wb.getWorksheet('小分队')!.addRow(['', '经贸局招商小分队', '区直部门', 31, '经贸局', '', '', '在用']);
    wb.getWorksheet('名册')!.addRow(['发改局二分队队员', '发改局', '发改局招商小分队', '队员', '', '', '', '']);
    const page = await browser.newPage();
    await openAs(page, bot.url, office);
    await openChat(page, p2pChatId(office));
    await sendFile(await workbookBytes(wb), '招商工作名册（增加部门小分队）.xlsx');
    const preview = cardTitled(page, '导入预览 · 招商工作名册').filter({ hasText: '发改局招商小分队' });
    await preview.waitFor({ timeout: 20_000 });
    expect(await preview.textContent()).toContain('小分队「发改局招商小分队」（区直部门，牵头 发改局）');
    await preview.scrollIntoViewIfNeeded();
    await shot(page, 'org-01-roster-preview-desktop');
    await preview.locator('button', { hasText: '确认导入' }).click();
    await page.click('#confirm-ok');
    await expect.poll(() => page.locator('#toast').textContent(), { timeout: 10_000 }).toBe('已导入');
    expect(await db().squad.count({ where: { kind: 'DEPARTMENT' } })).toBe(2);
    // The new departments get a lead quota (附表三), so they are ranked rather than 未参评.
    for (const d of await db().squad.findMany({ where: { kind: 'DEPARTMENT' } }))
      await db().quota.create({ data: { year: 2018, squadId: d.id, metric: 'LEADS', target: 4 } });
    await page.close();
  });

  for (const [size, label] of [
    [undefined, 'desktop'],
    [PHONE, 'phone'],
  ] as const)
    it(`/rank shows industry squads, towns and departments in three lists (${label})`, async () => {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      await sendText(page, '/rank');
      const card = cardTitled(page, '招商排名');
      await card.waitFor();
      const text = (await card.textContent()) ?? '';
      expect(text).toContain('产业招商小分队（7 个）');
      expect(text).toContain('镇（街道办）（8 个）');
      expect(text).toContain('区直部门（2 个）');
      await card.getByText('产业招商小分队（7 个）').scrollIntoViewIfNeeded();
      await shot(page, `org-02-rank-top-${label}`);
      await card.getByText('镇（街道办）（8 个）').scrollIntoViewIfNeeded();
      await shot(page, `org-02-rank-towns-${label}`);
      await card.getByText('区直部门（2 个）').scrollIntoViewIfNeeded();
      await shot(page, `org-03-rank-departments-${label}`);
      await page.close();
    });

  for (const [size, label] of [
    [undefined, 'desktop'],
    [PHONE, 'phone'],
  ] as const)
    it(`a quota file that no longer adds up gets a preview with the differences, and can still be imported (${label})`, async () => {
      const wb = buildQuotaWorkbook(await loadKnownSquads(db()), await loadQuotas(db(), [2018]), [2018], {
        goals: await loadGoals(db(), [2018]),
      });
      const goals = wb.getWorksheet('区目标任务')!;
      goals.eachRow((row) => {
        if (row.getCell(2).value === '到位资金') row.getCell(3).value = 900000;
      });
      const towns = wb.getWorksheet('附表二 各镇(街道办)')!;
      towns.getRow(3).getCell(3).value = 2; // the first town gets 2 signings
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const before = await page.locator('.msg-bot .card').count();
      await sendFile(await workbookBytes(wb), `2018年目标任务（${label}）.xlsx`);
      const preview = cardTitled(page, '导入预览 · 目标任务').filter({ hasText: `（${label}）` });
      await preview.waitFor({ timeout: 20_000 });
      expect(await page.locator('.msg-bot .card').count()).toBeGreaterThan(before);
      const text = (await preview.textContent()) ?? '';
      expect(text).toContain('请核对：分解合计与全区目标不一致（共 2 项）');
      expect(text).toContain('2018 年 到位资金：各小分队合计 800000 万元，全区目标 900000 万元，少 100000 万元');
      expect(text).toContain('2018 年 新签约亿元以上项目：各小分队合计 20 个，全区目标 18 个，多 2 个');
      expect(text).toContain('2018 全区目标 到位资金：800000 → 900000');
      expect(text).toContain('确认导入');
      await preview.scrollIntoViewIfNeeded();
      await shot(page, `org-04-quota-sum-warning-${label}`);
      await page.close();
    });
});
