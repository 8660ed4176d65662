import type { Locator } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fileMessage, loadXlsx, settle, xlsxBytes } from '../helpers/files.js';
import { buildProjectsWorkbook } from '../../src/sheets/projects-sheet.js';
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
  toastText,
  type Browser,
} from './helpers.js';

// On the local chat page: a squad member registers a packaged project (策划包装项目) and moves it
// to 已包装; a member marks a project 战略性新兴产业; the office imports a history-projects workbook
// (sent through the real file-message path), confirms the preview, and /progress shows the
// cohorts' commencement rates. Each at desktop and phone width.

const MEMBER = '财政局三分队队员'; // squad 3
const OFFICE = '招商局局长'; // OFFICE_ADMIN
let bot: TestBot;
let browser: Browser;
const db = () => bot.database.prisma;
const widths: [string, { width: number; height: number } | undefined][] = [
  ['desktop', undefined],
  ['phone', PHONE],
];

beforeAll(async () => {
  bot = await startTestBot(
    {},
    { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')), startSender: true, tasks: { retryMs: 100 } },
  );
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

/** The card says what was saved in green words, with no symbol that needs an emoji font. */
async function expectSavedInGreen(card: Locator, what: string): Promise<void> {
  const saved = card.locator('.fc-green', { hasText: what });
  await saved.waitFor();
  expect(await card.textContent()).not.toMatch(/\p{Extended_Pictographic}|\uFE0F/u);
}

describeInBrowser('packaged projects, project flags and the history import on the page', () => {
  it.each(widths)('a member registers a packaged project and moves it to 已包装 (%s)', async (width, size) => {
    const member = await bot.openIdOf(MEMBER);
    const name = `新型建材产业园（${width}）`;
    const page = await browser.newPage(size);
    await openAs(page, bot.url, member);
    await openChat(page, p2pChatId(member));
    await sendText(page, '/packaged new');
    const form = cardTitled(page, '登记策划包装项目');
    await form.waitFor();
    await form.locator('[data-name="pk_name"]').fill(name);
    await form.locator('[data-name="pk_sector"]').fill('新型建材');
    await form.locator('[data-name="pk_investment"]').fill('50000');
    await form.locator('[data-name="pk_date"]').fill('2018-06-01');
    await form.locator('[data-name="pk_url"]').fill('不是链接');
    await shot(page, `packaged-01-form-${width}`);
    await form.locator('button[data-name="packaged_create"]').click();
    expect(await toastText(page)).toContain('资料链接应为完整网址');
    await shot(page, `packaged-02-bad-link-${width}`);
    const again = cardTitled(page, '登记策划包装项目');
    await again.locator('[data-name="pk_url"]').fill('https://example.feishu.cn/docx/abc');
    await again.locator('button[data-name="packaged_create"]').click();
    const card = cardTitled(page, name);
    await card.waitFor();
    await card.getByText('打开项目资料').waitFor();
    await shot(page, `packaged-03-registered-${width}`);
    await card.locator('[data-name="pk_to"]').selectOption('PACKAGED');
    await card.locator('[data-name="pk_on"]').fill('2018-06-20');
    await card.locator('button[data-name="packaged_status_submit"]').click();
    // The toast of the registration may still be showing: wait for the status change's own.
    await expect.poll(() => toastText(page)).toContain('已更新为“已包装”');
    await cardTitled(page, name).getByText('● 已包装 2018-06-20').waitFor();
    await expectSavedInGreen(cardTitled(page, name), '已更新为“已包装”');
    await shot(page, `packaged-04-packaged-${width}`);
    const p = await db().packagedProject.findFirstOrThrow({ where: { name } });
    expect([p.status, p.packagedOn]).toEqual(['PACKAGED', '2018-06-20']);
    await sendText(page, '/packaged');
    const list = cardTitled(page, '策划包装项目 · ');
    await list.waitFor();
    await list.getByText(name).waitFor();
    await shot(page, `packaged-05-list-${width}`);
    await page.close();
  });

  it.each(widths)('a member marks a project 战略性新兴产业 on its card (%s)', async (width, size) => {
    const member = await bot.openIdOf(MEMBER);
    const squad = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
    const name = `智能终端产业园（${width}）`;
    const project = await db().project.create({
      data: {
        name,
        squadId: squad.id,
        company: '某某智能科技有限公司',
        stage: 'SIGNED',
        investment: 20000,
        signedOn: '2018-03-01',
      },
    });
    const page = await browser.newPage(size);
    await openAs(page, bot.url, member);
    await openChat(page, p2pChatId(member));
    await sendText(page, '/project');
    const list = cardTitled(page, '项目');
    await list.waitFor();
    await list.locator(`button[data-name="project_open_${project.id}"]`).click();
    const card = cardTitled(page, name);
    await card.locator('button[data-name="project_flags"]').click();
    const form = cardTitled(page, name);
    await form.locator('[data-name="flag_strategic"]').waitFor();
    await form.locator('[data-name="flag_strategic"]').selectOption('yes');
    await shot(page, `project-flags-01-form-${width}`);
    await form.locator('button[data-name="flags_submit"]').click();
    expect(await toastText(page)).toContain('产业标记已保存');
    await cardTitled(page, name).getByText('产业标记：战略性新兴产业').waitFor();
    await expectSavedInGreen(cardTitled(page, name), '产业标记已保存');
    await shot(page, `project-flags-02-saved-${width}`);
    expect((await db().project.findUniqueOrThrow({ where: { id: project.id } })).strategicEmerging).toBe(true);
    await page.close();
  });

  it.each(widths)(
    'the office imports history projects, confirms, and /progress shows the cohorts (%s)',
    async (width, size) => {
      const office = await bot.openIdOf(OFFICE);
      const squads = await db().squad.findMany({ where: { sortOrder: { in: [3, 4] } }, orderBy: { sortOrder: 'asc' } });
      const row = (name: string, squad: number, signedOn: string, startedOn: string | null) => ({
        name: `${name}（${width}）`,
        squadId: squads[squad]!.id,
        squadName: squads[squad]!.name,
        company: '',
        sector: '',
        investment: 15000,
        fundsInPlace: 0,
        foreignCapitalUsd: 0,
        signedOn,
        startedOn,
        producingOn: null,
        atTargetOn: null,
        strategicEmerging: false,
        majorProject: false,
      });
      // The office's filled workbook (the template's own layout), sent as a file message to the bot.
      const wb = await loadXlsx(
        await xlsxBytes(
          buildProjectsWorkbook([
            row('羽绒精深加工项目', 0, '2015-03-01', '2015-09-01'),
            row('电子元器件项目', 0, '2015-04-01', null),
            row('新能源电池项目', 1, '2016-05-01', '2016-08-01'),
            row('高端装备项目', 1, '2017-07-01', null),
          ]),
        ),
      );
      const ev = await fileMessage(bot, OFFICE, await xlsxBytes(wb), `历史签约项目-${width}.xlsx`);
      expect((await bot.event(ev)).status).toBe(200);
      await settle(bot);
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const preview = cardTitled(page, '导入预览 · 历史项目');
      await preview.waitFor();
      await preview.getByText('新增 4 项').first().waitFor();
      await shot(page, `projects-import-01-preview-${width}`);
      await preview.getByRole('button', { name: '确认导入' }).click();
      await page.click('#confirm-ok');
      expect(await toastText(page)).toContain('已导入');
      await cardTitled(page, '导入预览 · 历史项目').getByText('已导入，全部生效。').waitFor();
      await shot(page, `projects-import-02-applied-${width}`);
      expect(await db().project.count({ where: { importedHistory: true, name: { endsWith: `（${width}）` } } })).toBe(
        4,
      );
      await sendText(page, '/progress 2018');
      const progress = cardTitled(page, '进度');
      await progress.waitFor();
      await progress.getByText('2015年签约').first().waitFor();
      await progress.getByText('2015年签约').first().scrollIntoViewIfNeeded();
      await shot(page, `projects-import-03-progress-${width}`);
      await page.close();
    },
  );
});
