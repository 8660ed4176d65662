import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { askPrivately } from '../helpers/ask.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { postSigned } from '../helpers/feishu.js';
import { startRealAppBot } from '../helpers/real-app.js';

// The first look at the sandbox: `npm start` loads the demo district (this year's quotas and a
// year so far of work), so /progress and /rank show numbers; a plain start shows the plan alone and
// says the year has no quotas yet; a real app never gets the demo.

const OFFICE = '招商局局长';
const CAPTAIN = '经贸局局长'; // captain of 纺织和羽绒产业招商小分队
const NOW = new Date('2026-11-30T02:00:00Z'); // 10:00 in Beijing

const ask = (bot: Pick<TestBot, 'event' | 'database'>, openId: string, text: string) => askPrivately(bot, openId, text);
const rows = (card: string) => JSON.parse(card).body.elements.find((e: any) => e.tag === 'table')?.rows ?? [];

describe('the demo start', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({}, { clock: new FixedClock(NOW), demo: true });
  });
  afterAll(() => bot?.close());

  it('/progress shows this year under way: non-zero completions against the plan’s split', async () => {
    const c = await ask(bot, await bot.openIdOf(OFFICE), '/progress');
    expect(c).toContain('2026年');
    expect(c).not.toContain('还没有分解目标任务');
    // The district's lines read "- 新签约亿元以上项目：**N个** / 目标 18个（x%）".
    const line = (label: string) =>
      c.match(new RegExp(`${label}[^：]*：\\*\\*([^*]+)\\*\\* / 目标 ([^（]+)（([^）]+)）`));
    expect(line('新签约亿元以上项目')?.[2]).toBe('18个');
    expect(line('新签约亿元以上项目')?.[1]).not.toBe('0个');
    expect(line('招商线索')?.[3]).not.toBe('0%');
    expect(c).toMatch(/2023年签约 \d+ 个，已开工 \d+ 个/);
    // 策划包装项目 counts the packaged projects of the year (已包装 and later) against the goal of 30.
    expect(line('策划包装项目')?.[2]).toBe('30个');
    expect(line('策划包装项目')?.[1]).not.toBe('0个');
    expect(line('策划包装项目')?.[3]).not.toBe('0%');
  });

  it('/packaged lists the year’s packaged projects, one of them signed', async () => {
    const c = await ask(bot, await bot.openIdOf(OFFICE), '/packaged');
    const card = JSON.parse(c);
    expect(card.header.subtitle.content).toMatch(/^2026 年已包装 [1-9]\d* 个 \/ 目标 30 个/);
    // Each row reads “**name**\n<status> · <squad> · <amount>” (the footer names the statuses too).
    const listed = (status: string) => c.split(`\\n${status} · `).length - 1;
    for (const status of ['策划中', '已包装', '已推介']) expect(listed(status), status).toBeGreaterThan(0);
    expect(listed('已签约')).toBe(1);
    expect(c.match(/packaged\.view/g)?.length).toBeGreaterThan(10);
  });

  it('/rank ranks every squad with a red and a black list, each reason said once', async () => {
    const c = await ask(bot, await bot.openIdOf(OFFICE), '/rank');
    // One table per kind of squad (industry squads, towns), each ranked on its own.
    const elements = JSON.parse(c).body.elements;
    const tables = elements.filter((e: any) => e.tag === 'table').map((t: any) => t.rows);
    expect(tables.map((t: any[]) => t.length)).toEqual([7, 8]);
    const ranked = tables.flat();
    expect(ranked).toHaveLength(15);
    const mark = (r: any) => r.mark?.[0]?.text;
    for (const list of tables) {
      expect(list[0].rank).toBe(1);
      expect(Number(list[0].score)).toBeGreaterThan(0);
      expect(mark(list[0])).not.toBe('黑榜');
    }
    expect(ranked.filter((r: any) => mark(r) === '红榜').length).toBeGreaterThan(0);
    expect(ranked.filter((r: any) => mark(r) === '黑榜').length).toBeGreaterThan(0);
    const blacks = elements.filter((e: any) => String(e.content).startsWith('**黑榜**')).map((e: any) => e.content);
    expect(blacks.length).toBeGreaterThan(0);
    for (const black of blacks)
      for (const line of black.split('\n').slice(1)) expect(line.split('综合得分').length).toBeLessThanOrEqual(2);
  });

  it('every other command has something to show', async () => {
    const office = await bot.openIdOf(OFFICE);
    expect(rows(await ask(bot, office, '/leads')).length).toBeGreaterThan(0);
    // /projects lists each project as a line “**#id name**” (a list fits a phone; a table did not).
    for (const stage of ['洽谈', '签约', '开工', '投产', '达效'])
      expect((await ask(bot, office, `/projects ${stage}`)).match(/\*\*(★ )?#\d+ /g)?.length, stage).toBeGreaterThan(0);
    expect(await ask(bot, office, '/overdue')).toContain('办');
    const inReview = await bot.database.prisma.project.findFirstOrThrow({ where: { reviewStatus: 'IN_REVIEW' } });
    expect(await ask(bot, office, `/review ${inReview.id}`)).toContain('待出具');
    expect(await ask(bot, office, '/quota')).toContain('2026年');
    expect(await ask(bot, await bot.openIdOf(CAPTAIN), '/progress')).toMatch(/招商线索[^：]*：\*\*[1-9]/);
  });

  it('a second start on the same database loads nothing twice', async () => {
    const count = () =>
      Promise.all([
        bot.database.prisma.trip.count(),
        bot.database.prisma.project.count(),
        bot.database.prisma.lead.count(),
      ]);
    const before = await count();
    const again = await startTestBot(
      { DATABASE_URL: bot.config.databaseUrl },
      { clock: new FixedClock(NOW), demo: true },
    );
    await again.close();
    expect(await count()).toEqual(before);
  });
});

describe('a plain start (--empty)', () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({}, { clock: new FixedClock(NOW) });
  });
  afterAll(() => bot?.close());

  it('shows the plan alone; /progress, /quota and /rank say the year has no quotas and how the office sets them', async () => {
    expect(await bot.database.prisma.trip.count()).toBe(0);
    const office = await bot.openIdOf(OFFICE);
    for (const cmd of ['/progress', '/quota', '/rank']) {
      const c = await ask(bot, office, cmd);
      expect(c, cmd).toContain('2026年还没有分解目标任务');
      expect(c, cmd).toContain('/template quotas 2026');
    }
    const captain = await ask(bot, await bot.openIdOf(CAPTAIN), '/progress');
    expect(captain).toContain('由区招商局（领导小组办公室）录入');
    expect(captain).not.toContain('/template');
  });

  it('/rank black-lists nobody: every squad is 未参评', async () => {
    const c = await ask(bot, await bot.openIdOf(OFFICE), '/rank');
    expect(c).toContain('**未参评**：重大项目招商谈判小分队、');
    expect(c).not.toContain('**黑榜**');
    expect(c).not.toContain('**红榜**');
    expect(c).toContain('不参加排名，也不上红黑榜');
  });
});

describe('with a real app', () => {
  it('never loads the demo, and tells the office the year has no quotas', async () => {
    const bot = await startRealAppBot(
      { LARK_ENCRYPT_KEY: 'real-app-encrypt-key', LARK_VERIFICATION_TOKEN: 'real-app-token', SANDBOX_DEMO: 'true' },
      { clock: new FixedClock(NOW), demo: true },
    );
    try {
      expect(bot.deps.config.sandboxDemo).toBe(false);
      expect(await bot.database.prisma.trip.count()).toBe(0);
      expect(await bot.database.prisma.quota.count({ where: { year: 2026 } })).toBe(0);
      const office = await bot.openIdOf(OFFICE);
      const keys = { encryptKey: 'real-app-encrypt-key', verificationToken: 'real-app-token' };
      const progress = await ask(
        {
          database: bot.database,
          event: (p, o) => {
            bot.sb.recordIncomingMessage(p.event.message, office);
            return postSigned(`${bot.url}/webhook/event`, p, { ...keys, ...o });
          },
        },
        office,
        '/progress',
      );
      expect(progress).toContain('2026年还没有分解目标任务');
      expect(progress).toContain('/template quotas 2026');
    } finally {
      await bot.close();
    }
  });
});
