import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { commandCard, textOf } from '../helpers/cards.js';
import { createProject, say } from '../flows/review-helpers.js';

// A project's number is what /review, /key and /land take; every list and card shows it, and those
// commands (and /project) also take a fragment of the project's name.

let bot: TestBot;
let feed: number; // squad 3
let down1: number; // squad 3
let down2: number; // squad 3
let foreign: number; // squad 1: not visible to a member of squad 3
const MEMBER = '财政局三分队队员';
const OFFICE = '领导小组办公室工作人员';
const text = (r: any) => String(r?.text ?? JSON.stringify(r));

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  const sq = 'MACHINERY_ELECTRONICS';
  feed = await createProject(bot, { name: '年产10万吨饲料加工项目', squadCode: sq, investment: 20_000 });
  down1 = await createProject(bot, { name: '电子元件产业园', squadCode: sq, investment: 8000, isKey: true });
  down2 = await createProject(bot, { name: '电子元件产业园二期', squadCode: sq, investment: 9000 });
  foreign = await createProject(bot, { name: '光伏组件项目', squadCode: 'MAJOR_PROJECTS', investment: 50_000 });
  await bot.database.prisma.project.updateMany({
    where: { id: feed },
    data: { stage: 'SIGNED', signedOn: '2018-06-01' },
  });
});
afterAll(async () => {
  await bot?.close();
});

describe('project numbers are shown', () => {
  it('/project lists each project with its number', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(MEMBER), '/project');
    for (const [id, name] of [
      [feed, '年产10万吨饲料加工项目'],
      [down1, '电子元件产业园'],
    ] as const)
      expect(textOf(card)).toContain(`#${id} ${name}`);
  });

  it('/projects shows the number beside each name', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(OFFICE), '/projects 签约');
    expect(textOf(card)).toContain(`#${feed} 年产10万吨饲料加工项目`);
  });

  it('the project card shows its number and the commands that take it', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(MEMBER), `/project ${feed}`);
    expect(card.header.subtitle.content).toContain(`编号 ${feed}`);
    expect(textOf(card)).toContain(`/review ${feed}`);
  });
});

describe('a project named by a fragment of its name', () => {
  it('/project 饲料 opens that project card', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf(MEMBER), '/project 饲料');
    expect(card.header.title.content).toBe('年产10万吨饲料加工项目');
  });

  it('/review with a fragment that fits several lists them with their numbers', async () => {
    const r = text(await say(bot, MEMBER, '/review 电子元件'));
    expect(r).toContain('名称含“电子元件”的项目有 2 个');
    expect(r).toContain(`#${down1} 电子元件产业园（机械制造、电子信息产业招商小分队）`);
    expect(r).toContain(`#${down2} 电子元件产业园二期`);
    expect(r).toContain(`/review ${down1}`);
  });

  it('an exact name wins over a longer one that contains it', async () => {
    const r = text(await say(bot, MEMBER, '/review 电子元件产业园'));
    expect(r).not.toContain('项目有 2 个');
    expect(r).toContain('电子元件产业园');
    expect(r).not.toContain('没有找到');
  });

  it('a name of another squad is not found by a member, and the answer says where numbers are', async () => {
    const r = text(await say(bot, MEMBER, '/review 光伏'));
    expect(r).toContain('没有找到名称含“光伏”的项目');
    expect(r).toContain('/project');
    expect(r).not.toContain(String(foreign) + ' 光伏');
  });

  it('/key and /land set take a name fragment (office)', async () => {
    expect(text(await say(bot, OFFICE, '/key 饲料 专人帮办'))).toContain('已将「年产10万吨饲料加工项目」列为重点项目');
    expect((await bot.database.prisma.project.findUniqueOrThrow({ where: { id: feed } })).isKey).toBe(true);
    expect(text(await say(bot, OFFICE, '/land set 光伏 120亩 已选址'))).toContain('已记录「光伏组件项目」用地');
    expect((await bot.database.prisma.project.findUniqueOrThrow({ where: { id: foreign } })).landNeedMu).toBe(120);
  });

  it('no argument asks for a number or a name', async () => {
    const r = JSON.stringify(await say(bot, MEMBER, '/review'));
    expect(r).toContain('请写上项目编号或项目名称中的几个字');
  });
});
