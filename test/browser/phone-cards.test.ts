import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { seedActivity, squadByOrder } from '../helpers/district.js';
import {
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

// The query cards read on a phone (390 px) and on a desktop: every table fits its card, every
// column has a header, counts are whole numbers, chart labels are readable and the bars follow the
// table, and no status needs an emoji font.

const clock = new FixedClock(new Date('2018-06-20T10:00:00+08:00'));
const OFFICE = '招商局局长';
let bot: TestBot;
let browser: Browser;
let keyProject: { id: number; name: string };
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock, startSender: true });
  browser = await openBrowser();
  await seedActivity(db());
  // Longer, realistic rows: leads of several squads and a task with a long title on a long project name.
  const office = await db().person.findFirstOrThrow({ where: { name: OFFICE } });
  for (const [order, company] of [
    [1, '贵港市港南区华南羽绒制品股份有限公司'],
    [2, '广西壮族自治区贵港市新能源电动车产业有限公司'],
    [5, '东莞盛丰服饰有限公司'],
  ] as const) {
    const squad = await squadByOrder(db(), order);
    await db().lead.create({
      data: {
        requestKey: `phone:${company}`,
        companyKey: company,
        company,
        squadId: squad.id,
        source: 'INTERMEDIARY',
        sector: '轻工制造',
        ownerId: office.id,
        createdOn: '2018-06-18',
        contactName: '欧阳经理',
        phone: '13800138000',
      },
    });
  }
  const project = await db().project.findFirstOrThrow({ where: { name: '羽绒精深加工项目' } });
  await db().projectTask.create({
    data: { projectId: project.id, title: '办理建设工程规划许可证和施工许可证', dueOn: '2018-05-02', status: 'OPEN' },
  });
  // A key project with a long name on a long squad name: /projects must still fit a phone with ★ and #.
  keyProject = await db().project.create({
    data: {
      name: '年产30万件高端羽绒服装及羽绒精深加工产业园项目',
      squadId: (await squadByOrder(db(), 2)).id,
      stage: 'STARTED',
      investment: 128000,
      signedOn: '2018-02-10',
      startedOn: '2018-05-20',
      isKey: true,
    },
  });
}, 120_000);
checkPageAndCloseAfter(() => ({ browser, bot }));

/** Sends a command in the office's 1:1 chat and returns the card that answers it. */
async function ask(page: Page, text: string): Promise<Locator> {
  const cards = page.locator('.msg-bot .card');
  const before = await cards.count();
  await sendText(page, text);
  await expect.poll(() => cards.count(), { timeout: 10_000 }).toBeGreaterThan(before);
  const card = cards.last();
  await card.waitFor();
  return card;
}

/** What the page shows that a phone reader would trip over, measured in the page. */
function measure(card: Locator) {
  return card.evaluate((el) => {
    const tables = Array.from(el.querySelectorAll<HTMLElement>('.tbl-scroll'));
    const overflow = tables
      .filter((t) => t.scrollWidth > t.clientWidth + 1)
      .map((t) => `${t.querySelector('th')?.textContent}…: ${t.scrollWidth} > ${t.clientWidth}`);
    const headers = Array.from(el.querySelectorAll('th')).map((th) => th.textContent ?? '');
    const cells = Array.from(el.querySelectorAll('td.num')).map((td) => td.textContent ?? '');
    // A chart's text as drawn: its font size times the scale of the svg on screen.
    const chartFonts = Array.from(el.querySelectorAll<SVGTextElement>('.chart svg text')).map(
      (t) => Math.round(t.getBoundingClientRect().height * 10) / 10,
    );
    const chartLabels = Array.from(
      el.querySelectorAll<SVGTextElement>('.chart[data-direction] svg text[text-anchor="end"]'),
    ).map((t) => t.textContent ?? '');
    const firstTable = Array.from(el.querySelectorAll('.tbl')[0]?.querySelectorAll('tbody tr') ?? []).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
    );
    return { overflow, headers, cells, chartFonts, chartLabels, firstTable, text: el.textContent ?? '' };
  });
}

// Characters drawn as emoji (🟢, ✅, ⚠️ with its variation selector); ★ and ● are in every CJK font.
const EMOJI = /\p{Emoji_Presentation}|\uFE0F/u;

describeInBrowser('query cards on a phone and a desktop', () => {
  for (const [width, size] of [
    ['desktop', undefined],
    ['phone', PHONE],
  ] as const) {
    it.each([
      ['/leads'],
      ['/overdue'],
      ['/projects'],
      ['/projects 洽谈'],
      ['/rank 2018Q2'],
      ['/progress 2018'],
      ['/quota 2018'],
    ])(`%s on a ${width}: tables fit, headers named, whole counts, readable charts, no emoji`, async (command) => {
      const page = await browser.newPage(size);
      try {
        const office = await bot.openIdOf(OFFICE);
        await openAs(page, bot.url, office);
        await openChat(page, p2pChatId(office));
        const card = await ask(page, command);
        const m = await measure(card);
        const name = command.slice(1).replace(' ', '-');
        await card.scrollIntoViewIfNeeded();
        await shot(page, `phone-cards-${name}-${width}`);
        const charts = card.locator('.chart');
        if ((await charts.count()) > 0) {
          await charts.first().scrollIntoViewIfNeeded();
          await shot(page, `phone-cards-${name}-chart-${width}`);
        }
        expect(m.overflow, 'tables wider than the card').toEqual([]);
        expect(
          m.headers.filter((h) => h.trim() === '' || /^[a-z_]+$/.test(h)),
          'empty or internal headers',
        ).toEqual([]);
        expect(
          m.cells.filter((c) => /\.00$/.test(c)),
          'counts shown with decimals',
        ).toEqual([]);
        expect(
          m.chartFonts.filter((f) => f < 11),
          'chart text smaller than 11 px',
        ).toEqual([]);
        expect(m.text.match(EMOJI), 'symbols that need an emoji font').toBeNull();
        if (command === '/projects') {
          // The key mark and the number stay with the name, whatever the width.
          expect(m.text).toContain(`★ #${keyProject.id} ${keyProject.name}`);
          expect(m.text).toContain('2018-02-10 / 2018-05-20');
        }
        if (command === '/projects 洽谈') expect(m.text).toMatch(/#\d+ 鞋帽洽谈项目/);
        if (command.startsWith('/rank')) {
          // The bars follow the table, top to bottom (labels may be cut short with …).
          const names = m.firstTable.map((row) => row[1] ?? '');
          expect(m.chartLabels.length).toBeGreaterThanOrEqual(names.length);
          for (const [i, n] of names.entries())
            expect(n.startsWith(m.chartLabels[i]!.replace('…', '')), `${n} / ${m.chartLabels[i]}`).toBe(true);
        }
      } finally {
        await page.close();
      }
    });
  }
});
