import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';
import { fieldErrors } from '../helpers/callbacks.js';

// 策划包装项目: a squad member registers one on the card, moves its status on its card; 已包装 counts
// toward the squad's PACKAGED_PROJECTS quota in /progress; the office corrects; other squads cannot.

let bot: TestBot;
let member: string; // 财政局三分队队员 (squad 3)
let office: string; // 领导小组办公室工作人员 (OFFICE)
let otherCaptain: string; // 经贸局局长 (captain of squad 4)
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  office = await bot.openIdOf('领导小组办公室工作人员');
  otherCaptain = await bot.openIdOf('经贸局局长');
});
afterAll(async () => {
  await bot?.close();
});

const tap = (openId: string, name: string, value: Record<string, unknown>, formValue?: Record<string, unknown>) =>
  bot.card(cardCallback({ openId, messageId: `om_pk_${name}`, name, value, formValue }));

/** The squad's 策划包装项目 line of /progress: "完成" text. */
async function progressPackaged(openId: string): Promise<string> {
  const { card } = await commandCard(bot, openId, '/progress 3 2018');
  // The squad's metrics are a list: "- 策划包装项目：**1个** / 目标 …".
  const m = /- 策划包装项目：\*\*([^*]+)\*\*/.exec(textOf(card));
  return m?.[1] ?? '(none)';
}

describe('packaged projects', () => {
  let id = 0;

  it('refuses a bad link and a bad amount on the form, with the reasons, storing nothing', async () => {
    const { card, messageId } = await commandCard(bot, member, '/packaged new');
    expect(fieldOf(card, 'pk_name')).toBeTruthy();
    expect(fieldOf(card, 'squad')).toBeUndefined(); // a member registers for their own squad
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'packaged_create',
        value: buttonValue(card, 'packaged_create'),
        formValue: {
          pk_name: '新型建材产业园',
          pk_investment: '五亿',
          pk_status: 'PLANNING',
          pk_date: '2018-06-01 +0800',
          pk_url: 'javascript:alert(1)',
        },
      }),
    );
    expect(res.body.toast.type).toBe('error');
    const errors = fieldErrors(res.body.card.data).join('\n');
    expect(errors).toContain('计划投资额（万元）：看不懂「五亿」，请填写金额');
    expect(errors).toContain('资料链接只能是 https:// 或 http://');
    expect(await db().packagedProject.count()).toBe(0);
  });

  it('registers one (策划中): stored with its squad, owner unit and link, audited; not counted yet', async () => {
    const { card, messageId } = await commandCard(bot, member, '/packaged new');
    const submit = () =>
      cardCallback({
        openId: member,
        messageId,
        name: 'packaged_create',
        value: buttonValue(card, 'packaged_create'),
        formValue: {
          pk_name: '新型建材产业园',
          pk_sector: '新型建材',
          pk_investment: '50,000',
          pk_status: 'PLANNING',
          pk_date: '2018-06-01 +0800',
          pk_url: 'https://example.feishu.cn/docx/abc',
        },
      });
    const res = await bot.card(submit());
    expect(res.body.toast).toEqual({ type: 'success', content: '已登记' });
    const p = await db().packagedProject.findFirstOrThrow();
    id = p.id;
    const squad3 = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
    expect(p).toMatchObject({
      name: '新型建材产业园',
      squadId: squad3.id,
      plannedInvestment: 50000,
      status: 'PLANNING',
      planningOn: '2018-06-01',
      packagedOn: null,
      materialsUrl: 'https://example.feishu.cn/docx/abc',
    });
    expect(p.ownerUnit).not.toBe(''); // the squad's lead unit
    expect(await db().auditLog.count({ where: { action: 'packaged.create', entityId: String(id) } })).toBe(1);
    const shown = res.body.card.data;
    expect(textOf(shown)).toContain('打开项目资料');
    expect(fieldOf(shown, 'pk_to').options.map((o: any) => o.value)).toEqual(['PACKAGED', 'PROMOTED', 'SIGNED']);
    // The same form submitted twice (a double tap) stores one.
    const again = await bot.card(submit());
    expect(again.body.toast).toEqual({ type: 'info', content: '已登记' });
    expect(await db().packagedProject.count()).toBe(1);
    expect(await progressPackaged(member)).toBe('0个');
  });

  it('另一小分队 may neither see nor move it', async () => {
    const seen = await tap(otherCaptain, 'packaged_open', { action: 'packaged.view', id });
    expect(seen.body.toast.type).toBe('error');
    const moved = await tap(
      otherCaptain,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PLANNING' },
      { pk_to: 'PACKAGED', pk_on: '2018-06-10 +0800' },
    );
    expect(moved.body.toast.type).toBe('error');
    expect((await db().packagedProject.findUniqueOrThrow({ where: { id } })).status).toBe('PLANNING');
  });

  it('moves to 已包装 on its card: dated, audited, and counted in /progress toward the quota', async () => {
    const res = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PLANNING' },
      { pk_to: 'PACKAGED', pk_on: '2018-06-10 +0800' },
    );
    expect(res.body.toast.content).toBe('已更新为“已包装”');
    const p = await db().packagedProject.findUniqueOrThrow({ where: { id } });
    expect([p.status, p.packagedOn]).toEqual(['PACKAGED', '2018-06-10']);
    expect(await db().auditLog.count({ where: { action: 'packaged.status', entityId: String(id) } })).toBe(1);
    expect(await progressPackaged(member)).toBe('1个');
  });

  it('a stale card changes nothing; a member cannot move it back; a date before the last step is refused', async () => {
    const stale = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PLANNING' },
      { pk_to: 'PROMOTED', pk_on: '2018-06-12 +0800' },
    );
    expect(stale.body.toast.type).toBe('info');
    const back = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PACKAGED' },
      { pk_to: 'PLANNING', pk_on: '2018-06-12 +0800' },
    );
    expect(back.body.toast.content).toContain('只能向后推进');
    const early = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PACKAGED' },
      { pk_to: 'PROMOTED', pk_on: '2018-06-09 +0800' },
    );
    expect(early.body.toast.content).toContain('不能早于“已包装”的日期（2018-06-10）');
    expect((await db().packagedProject.findUniqueOrThrow({ where: { id } })).status).toBe('PACKAGED');
  });

  it('signed: linked only to its own squad’s project; the card then opens that project', async () => {
    const squad3 = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
    const squad4 = await db().squad.findFirstOrThrow({ where: { sortOrder: 4 } });
    const own = await db().project.create({
      data: { name: '新型建材产业园一期', squadId: squad3.id, stage: 'SIGNED' },
    });
    const other = await db().project.create({ data: { name: '别队项目', squadId: squad4.id } });
    const wrong = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PACKAGED' },
      { pk_to: 'SIGNED', pk_on: '2018-06-20 +0800', pk_project: String(other.id) },
    );
    expect(wrong.body.toast.content).toContain('只能关联本小分队的项目');
    const ok = await tap(
      member,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PACKAGED' },
      { pk_to: 'SIGNED', pk_on: '2018-06-20 +0800', pk_project: String(own.id) },
    );
    expect(ok.body.toast.content).toBe('已更新为“已签约”');
    const p = await db().packagedProject.findUniqueOrThrow({ where: { id } });
    expect([p.status, p.promotedOn, p.signedOn, p.projectId]).toEqual(['SIGNED', '2018-06-20', '2018-06-20', own.id]);
    expect(buttonValue(ok.body.card.data, 'packaged_open_project')).toEqual({
      action: 'project.view',
      projectId: own.id,
    });
    expect(await progressPackaged(member)).toBe('1个'); // still counted, once
  });

  it('the office corrects it back to 策划中 (audited as a correction): it no longer counts', async () => {
    const res = await tap(
      office,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'SIGNED' },
      { pk_to: 'PLANNING', pk_on: '2018-06-01 +0800' },
    );
    expect(res.body.toast.type).toBe('success');
    const p = await db().packagedProject.findUniqueOrThrow({ where: { id } });
    expect([p.status, p.packagedOn, p.signedOn, p.projectId]).toEqual(['PLANNING', null, null, null]);
    expect(await db().auditLog.count({ where: { action: 'packaged.status.correct', entityId: String(id) } })).toBe(1);
    expect(await progressPackaged(member)).toBe('0个');
  });

  it('/packaged lists them with this year’s count against the goal; the office sees every squad', async () => {
    await tap(
      office,
      'packaged_status_submit',
      { action: 'packaged.status', id, from: 'PLANNING' },
      { pk_to: 'PROMOTED', pk_on: '2018-06-21 +0800' },
    );
    const mine = await commandCard(bot, member, '/packaged');
    expect(textOf(mine.card)).toContain('新型建材产业园');
    expect(textOf(mine.card)).toMatch(/2018 年已包装 1 个 \/ 目标 \d+ 个/);
    expect(buttonValue(mine.card, `packaged_open_${id}`)).toEqual({ action: 'packaged.view', id });
    const all = await commandCard(bot, office, '/packaged');
    expect(textOf(all.card)).toContain('2018 年已包装 1 个 / 目标 30 个（3%）');
    const refused = await commandCard(bot, otherCaptain, '/packaged 3');
    expect(textOf(refused.card)).toContain('你只能查看自己所在或负责的小分队');
  });
});
