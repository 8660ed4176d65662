import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { formatAmount } from '../../src/domain/tally.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { loadXlsx } from '../helpers/files.js';
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

// The office's spreadsheets on the local chat page, as in Feishu: the template arrives as a file
// bubble with its name and a download link; the office fills it in Excel (here exceljs), attaches
// it with the 附件 button, checks the preview card and confirms; the next /quota (or the roster)
// shows the change. Files the bot would not take are refused on the page with the reason.

const OFFICE = '招商局局长'; // OFFICE + OFFICE_ADMIN

let bot: TestBot;
let browser: Browser;
let office: string;
let tmp: string;

beforeAll(async () => {
  bot = await startTestBot(
    {},
    { clock: new FixedClock(new Date('2018-07-02T02:00:00Z')), startSender: true, tasks: { retryMs: 100 } },
  );
  office = await bot.openIdOf(OFFICE);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-sheets-'));
  browser = await openBrowser();
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

/** Sends a command that answers with a file; downloads that file from its bubble, as the user would. */
async function downloadFromBubble(page: Page, command: string, fileName: string): Promise<Buffer> {
  const files = page.locator('.msg-bot[data-type="file"]');
  const before = await files.count();
  await sendText(page, command);
  await expect.poll(() => files.count(), { timeout: 20_000 }).toBe(before + 1);
  const bubble = files.last();
  expect(await bubble.locator('.file-name').textContent()).toBe(fileName);
  expect(await bubble.locator('.file-size').textContent()).toMatch(/^\d+(\.\d)? KB$/);
  const [download] = await Promise.all([page.waitForEvent('download'), bubble.locator('.file-download').click()]);
  expect(download.suggestedFilename()).toBe(fileName);
  const saved = path.join(tmp, `${Date.now()}-${fileName}`);
  await download.saveAs(saved);
  return fs.readFileSync(saved);
}

/** Picks the file with the 附件 button's file chooser. */
async function attach(page: Page, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.click('#attach')]);
  await chooser.setFiles(file);
}

/** Attaches the workbook, waits for the preview card and confirms it in the dialog. */
async function sendBackAndConfirm(page: Page, file: string, label: string): Promise<void> {
  const name = path.basename(file);
  await attach(page, file);
  await page.locator('.msg-me[data-type="file"] .file-name', { hasText: name }).waitFor();
  await page.locator('.msg-bot .bubble', { hasText: `已收到「${name}」` }).waitFor();
  // The preview of this file (its subtitle is the file's name; file names differ per test).
  const preview = cardTitled(page, '导入预览').filter({ hasText: name });
  await preview.waitFor({ timeout: 20_000 });
  expect(await preview.textContent()).toContain('修改 1 项');
  expect(await preview.textContent()).toContain('待确认');
  await preview.scrollIntoViewIfNeeded();
  await shot(page, `sheets-02-preview-${label}`);
  await preview.locator('button', { hasText: '确认导入' }).click();
  await page.click('#confirm-ok');
  expect(await toastText(page)).toBe('已导入');
  await expect.poll(() => preview.textContent(), { timeout: 15_000 }).toContain('已导入，全部生效');
}

describeInBrowser('the office’s spreadsheets on the chat page', () => {
  for (const [size, label, value] of [
    [undefined, 'desktop', 171717],
    [PHONE, 'phone', 181818],
  ] as const) {
    it(`quota round trip: download the template, change a quota, send it back, confirm, /quota shows it (${label})`, async () => {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const bytes = await downloadFromBubble(page, '/template quotas 2018', '2018年招商目标任务.xlsx');
      await shot(page, `sheets-01-template-${label}`);

      const wb = await loadXlsx(bytes);
      const ws = wb.worksheets[0]!;
      expect(String(ws.getRow(2).getCell(4).value)).toBe('签约投资额(万元)');
      const squadName = String(ws.getRow(3).getCell(2).value);
      ws.getRow(3).getCell(4).value = value;
      const edited = path.join(tmp, `目标任务-${label}.xlsx`);
      await wb.xlsx.writeFile(edited);
      await sendBackAndConfirm(page, edited, `quotas-${label}`);

      await sendText(page, '/quota 2018');
      const quota = cardTitled(page, '2018年');
      await expect
        .poll(() => quota.textContent(), { timeout: 15_000 })
        .toContain(`签约投资额 ${formatAmount(value, '万元')}`);
      expect(await quota.textContent()).toContain(squadName);
      const squad = await bot.database.prisma.squad.findFirstOrThrow({ where: { name: squadName } });
      const q = await bot.database.prisma.quota.findFirstOrThrow({
        where: { year: 2018, squadId: squad.id, metric: 'SIGNED_INVESTMENT' },
      });
      expect(q.target).toBe(value);
      await quota
        .getByText(squadName)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'center' }));
      await shot(page, `sheets-03-quota-${label}`);
      await page.close();
    });

    it(`roster round trip: change a person's 职务 in the roster workbook; the roster shows it (${label})`, async () => {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const bytes = await downloadFromBubble(page, '/template roster', '招商工作名册.xlsx');
      const wb = await loadXlsx(bytes);
      const ws = wb.getWorksheet('名册')!;
      // A person with one row (one squad), so the change is one change.
      const names = new Map<string, number[]>();
      ws.eachRow((row, r) => {
        if (r > 1) names.set(String(row.getCell(1).value), [...(names.get(String(row.getCell(1).value)) ?? []), r]);
      });
      const [name, [row]] = [...names].find(([n, rows]) => rows.length === 1 && n.includes('队员'))!;
      const title = `招商专员（${label}）`;
      ws.getRow(row!).getCell(8).value = title;
      const edited = path.join(tmp, `名册-${label}.xlsx`);
      await wb.xlsx.writeFile(edited);
      await sendBackAndConfirm(page, edited, `roster-${label}`);

      const person = await bot.database.prisma.person.findFirstOrThrow({ where: { name } });
      expect(person.title).toBe(title);
      // The page's roster is read afresh: the person's line under the picker shows the new 职务.
      await openAs(page, bot.url, person.openId!);
      await expect.poll(() => page.locator('#who-title').textContent()).toContain(title);
      await page.close();
    });
  }

  it('refuses a file that is not .xlsx, or larger than 5 MB, on the page with the reason', async () => {
    const before = bot.sb.state.messages.length;
    for (const [size, label] of [
      [undefined, 'desktop'],
      [PHONE, 'phone'],
    ] as const) {
      const page = await browser.newPage(size);
      await openAs(page, bot.url, office);
      await openChat(page, p2pChatId(office));
      const csv = path.join(tmp, '目标任务.csv');
      fs.writeFileSync(csv, '小分队,签约投资额\n纺织,100\n');
      await attach(page, csv);
      expect(await toastText(page)).toContain('「目标任务.csv」不是 Excel 工作簿：这里只能发送 .xlsx 文件');
      await shot(page, `sheets-04-refused-csv-${label}`);
      const big = path.join(tmp, '太大的名册.xlsx');
      fs.writeFileSync(big, Buffer.alloc(6 * 1024 * 1024, 1));
      await attach(page, big);
      expect(await toastText(page)).toContain('「太大的名册.xlsx」有 6.0 MB，超过了 5 MB 的上限');
      await shot(page, `sheets-05-refused-size-${label}`);
      await page.close();
    }
    expect(bot.sb.state.messages.length).toBe(before);
  });
});
