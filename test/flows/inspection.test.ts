import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { inspectionsOfPeriod } from '../../src/db/inspections.js';
import { listRosterGroups } from '../../src/sandbox/page/roster.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';
import { fieldErrors } from '../helpers/callbacks.js';
import { squadByOrder } from '../helpers/district.js';

// 督查 (plan 三(四)): the 督查室 records a squad's quarterly inspection on the /inspect form; the
// captain and responsible leaders get the result, each correction's owner a card to close it with a
// note (办结销号). Through the real server, on 2018-06-20.

let bot: TestBot;
let inspector: string; // 督查室专员 (the sandbox roster's inspector)
let captain: string; // 经贸局局长, captain of squad 4 (纺织和羽绒)
let member: string; // 市政局四分队队员
let otherMember: string; // 交通局四分队队员
let leader: string; // 马明, a responsible leader of squad 4
let outsider: string; // 财政局三分队队员 (squad 3)
let otherCaptain: string; // 发改局局长 (captain of squad 3)
let office: string;
let squad4 = 0;
const db = () => bot.database.prisma;
let seq = 0;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-20T02:00:00Z')) });
  inspector = await bot.openIdOf('督查室专员');
  captain = await bot.openIdOf('经贸局局长');
  member = await bot.openIdOf('市政局四分队队员');
  otherMember = await bot.openIdOf('交通局四分队队员');
  leader = await bot.openIdOf('马明');
  outsider = await bot.openIdOf('财政局三分队队员');
  otherCaptain = await bot.openIdOf('发改局局长');
  office = await bot.openIdOf('领导小组办公室工作人员');
  squad4 = (await squadByOrder(db(), 4)).id;
});
afterAll(() => bot?.close());

const goodForm = () => ({
  insp_date: '2018-06-19 +0800',
  insp_checked: '月度汇报、外出招商台账、在谈项目推进',
  insp_findings: '5 月外出招商台账不全，2 个在谈项目无进展记录',
  insp_rating: 'AVERAGE',
  corr1_title: '补齐 5 月外出招商台账',
  corr1_owner: member,
  corr1_due: '2018-06-22 +0800',
  corr2_title: '在谈项目每月更新进展',
  corr2_owner: captain,
  corr2_due: '2018-07-10 +0800',
  corr3_title: '',
  corr3_owner: '',
  corr3_due: '',
});

const submit = (
  openId: string,
  value: Record<string, unknown>,
  formValue: Record<string, unknown>,
  messageId?: string,
) =>
  bot.card(
    cardCallback({ openId, messageId: messageId ?? `om_insp_${seq++}`, name: 'inspection_submit', value, formValue }),
  );

async function nothingStored() {
  expect(await db().inspection.count()).toBe(0);
  expect(await db().correction.count()).toBe(0);
  expect(await db().auditLog.count({ where: { action: 'inspection.create' } })).toBe(0);
}

describe('who may record an inspection', () => {
  it('the local page offers the sandbox roster’s 督查室 inspector', async () => {
    const others = (await listRosterGroups(db())).find((g) => g.label === '其他')!;
    expect(others.people.find((p) => p.name === '督查室专员')?.title).toMatch(/^督查室 · 督查室/);
  });

  it('a captain asking for the form of their own squad is refused', async () => {
    const { card } = await commandCard(bot, captain, '/inspect 纺织');
    expect(textOf(card)).toContain('督查记录由区委区政府督查室或区招商局填写');
  });

  it('a captain sending a crafted submit for their own squad is refused; nothing stored', async () => {
    const res = await submit(captain, { action: 'inspection.submit', squadId: squad4, period: '2018Q2' }, goodForm());
    expect(res.body.toast).toEqual({ type: 'error', content: '督查记录由区委区政府督查室或区招商局填写。' });
    expect(res.body.card).toBeUndefined();
    await nothingStored();
  });

  it('a forged squad (none, or another squad with these owners) or quarter (ahead, garbled) stores nothing', async () => {
    for (const value of [
      { squadId: 99999, period: '2018Q2' },
      { squadId: squad4, period: '2018Q3' },
      { squadId: squad4, period: '2018Q2; DROP' },
      { squadId: 'x', period: '2018Q2' },
    ]) {
      const res = await submit(inspector, { action: 'inspection.submit', ...value }, goodForm());
      expect(res.body.toast.type, JSON.stringify(value)).toBe('error');
      expect(res.body.toast.content).toContain('已失效');
    }
    // Squad 3 named in the value: squad 4's people are no owners there.
    const squad3 = (await squadByOrder(db(), 3)).id;
    const res = await submit(inspector, { action: 'inspection.submit', squadId: squad3, period: '2018Q2' }, goodForm());
    expect(fieldErrors(res.body.card.data).join('\n')).toContain('责任人只能是本小分队的队长、队员或责任领导');
    await nothingStored();
  });
});

describe('recording an inspection', () => {
  let form: any;
  let messageId = '';

  it('the inspector gets the form for a squad named by a fragment or its number, this quarter by default', async () => {
    const byName = await commandCard(bot, inspector, '/inspect 纺织');
    form = byName.card;
    messageId = byName.messageId;
    expect(form.header.subtitle.content).toBe('纺织和羽绒产业招商小分队 · 2018年第二季度');
    expect(buttonValue(form, 'inspection_submit')).toEqual({
      action: 'inspection.submit',
      squadId: squad4,
      period: '2018Q2',
    });
    const owners = fieldOf(form, 'corr1_owner').options.map((o: any) => o.value);
    expect(owners).toEqual(expect.arrayContaining([captain, member, leader]));
    expect(owners).not.toContain(outsider);
    expect(fieldOf(form, 'insp_rating').options.map((o: any) => o.value)).toEqual(['GOOD', 'FAIR', 'AVERAGE', 'POOR']);
    const byNumber = await commandCard(bot, office, '/inspect 4 2018Q1');
    expect(byNumber.card.header.subtitle.content).toBe('纺织和羽绒产业招商小分队 · 2018年第一季度');
    const ahead = await commandCard(bot, inspector, '/inspect 4 2018Q4');
    expect(textOf(ahead.card)).toContain('还没有到');
  });

  it('missing findings, a due date in the past and an owner from another squad: field errors, typing kept, nothing stored', async () => {
    const res = await submit(
      inspector,
      buttonValue(form, 'inspection_submit'),
      {
        ...goodForm(),
        insp_findings: '  ',
        corr1_due: '2018-06-01 +0800',
        corr2_owner: outsider,
      },
      messageId,
    );
    expect(res.body.toast.type).toBe('error');
    const errors = fieldErrors(res.body.card.data).join('\n');
    expect(errors).toContain('请填写发现的问题');
    expect(errors).toContain('整改事项 1：期限不能早于今天（2018-06-20）');
    expect(errors).toContain('整改事项 2：责任人只能是本小分队的队长、队员或责任领导');
    const again = res.body.card.data;
    expect(fieldOf(again, 'insp_checked').default_value).toBe(goodForm().insp_checked);
    expect(fieldOf(again, 'corr1_title').default_value).toBe('补齐 5 月外出招商台账');
    expect(fieldOf(again, 'insp_rating').initial_option).toBe('AVERAGE');
    const half = await submit(
      inspector,
      buttonValue(form, 'inspection_submit'),
      {
        ...goodForm(),
        corr3_title: '整改会议纪要',
      },
      messageId,
    );
    expect(fieldErrors(half.body.card.data).join('\n')).toContain('整改事项 3：请选择责任人');
    await nothingStored();
  });

  it('a good form stores the inspection and its corrections at once, audited, and tells the squad', async () => {
    const outboxBefore = await db().outbox.count();
    const res = await submit(inspector, buttonValue(form, 'inspection_submit'), goodForm(), messageId);
    expect(res.body.toast).toEqual({ type: 'success', content: '督查记录已提交，已通知队长、责任领导和整改责任人' });
    const i = await db().inspection.findFirstOrThrow({ include: { corrections: { orderBy: { id: 'asc' } } } });
    const person = (openId: string) => db().person.findFirstOrThrow({ where: { openId } });
    expect(i).toMatchObject({ squadId: squad4, period: '2018Q2', inspectedOn: '2018-06-19', rating: 'AVERAGE' });
    expect(i.createdById).toBe((await person(inspector)).id);
    expect(i.corrections.map((c) => [c.title, c.ownerId, c.dueOn, c.status])).toEqual([
      ['补齐 5 月外出招商台账', (await person(member)).id, '2018-06-22', 'OPEN'],
      ['在谈项目每月更新进展', (await person(captain)).id, '2018-07-10', 'OPEN'],
    ]);
    expect(await db().auditLog.count({ where: { action: 'inspection.create', entityId: String(i.id) } })).toBe(1);
    expect(await db().outbox.count()).toBeGreaterThan(outboxBefore);
    expect(textOf(res.body.card.data)).toContain('评价：一般');
    // What the red/black list reads of the quarter.
    expect(await inspectionsOfPeriod(db(), '2018Q2')).toEqual([
      {
        squadId: squad4,
        inspectedOn: '2018-06-19',
        rating: 'AVERAGE',
        findings: goodForm().insp_findings,
        corrections: [
          { status: 'OPEN', dueOn: '2018-06-22' },
          { status: 'OPEN', dueOn: '2018-07-10' },
        ],
      },
    ]);
    expect(await inspectionsOfPeriod(db(), '2018Q1')).toEqual([]);

    // A replay of the same callback writes nothing twice.
    const outboxAfter = await db().outbox.count();
    const replay = await submit(inspector, buttonValue(form, 'inspection_submit'), goodForm(), messageId);
    expect(replay.body.toast).toEqual({ type: 'info', content: '这份督查记录已经提交过' });
    expect(await db().inspection.count()).toBe(1);
    expect(await db().correction.count()).toBe(2);
    expect(await db().outbox.count()).toBe(outboxAfter);

    await bot.flush();
    for (const who of [captain, leader])
      expect(bot.sb.messagesTo(who).some((m) => textOf(m.content).includes('季度督查结果'))).toBe(true);
    expect(bot.sb.messagesTo(member).some((m) => textOf(m.content).includes('季度督查结果'))).toBe(false);
    const memberCard = bot.sb.lastCardTo(member) as any;
    expect(textOf(memberCard)).toContain('补齐 5 月外出招商台账');
    expect(buttonValue(memberCard, 'correction_close')).toEqual({
      action: 'correction.close',
      id: i.corrections[0]!.id,
    });
    expect(textOf(bot.sb.lastCardTo(captain))).toContain('在谈项目每月更新进展');
  });

  it('/inspect without a squad shows the quarter’s inspections and the open corrections', async () => {
    const { card } = await commandCard(bot, inspector, '/inspect');
    const text = textOf(card);
    expect(text).toContain('纺织和羽绒产业 · 2018-06-19 · 评价**一般**');
    expect(text).toContain('补齐 5 月外出招商台账');
    expect(text).toContain('还剩 2 天');
    expect(text).toContain('尚未督查');
  });
});

describe('办结销号 of a correction', () => {
  const close = (openId: string, id: number, note?: string) =>
    bot.card(
      cardCallback({
        openId,
        messageId: `om_corr_${seq++}`,
        name: 'correction_close',
        value: { action: 'correction.close', id },
        formValue: { corr_note: note ?? '' },
      }),
    );
  const corrections = () => db().correction.findMany({ orderBy: { id: 'asc' } });

  it('another member of the squad, a responsible leader and another squad’s captain may not close it', async () => {
    const [first, second] = await corrections();
    for (const [who, id] of [
      [otherMember, first!.id],
      [member, second!.id],
      [leader, first!.id],
      [otherCaptain, first!.id],
    ] as const) {
      const res = await close(who, id, '已整改');
      expect(res.body.toast).toEqual({
        type: 'error',
        content: '整改事项只能由责任人、本小分队队长、督查室或区招商局办结销号。',
      });
    }
    expect((await corrections()).every((c) => c.status === 'OPEN')).toBe(true);
  });

  it('the owner must write what was done; then it is closed, audited, and closing again is harmless', async () => {
    const [first] = await corrections();
    const empty = await close(member, first!.id, ' ');
    expect(fieldErrors(empty.body.card.data).join('')).toContain('请写明整改情况');
    expect((await corrections())[0]!.status).toBe('OPEN');
    const done = await close(member, first!.id, '台账已补齐并报督查室');
    expect(done.body.toast).toEqual({ type: 'success', content: '已办结销号' });
    expect(textOf(done.body.card.data)).toContain('台账已补齐并报督查室');
    const again = await close(captain, first!.id, '再次销号');
    expect(again.body.toast).toEqual({ type: 'info', content: '这项整改已办结销号' });
    const row = (await corrections())[0]!;
    expect(row).toMatchObject({ status: 'DONE', closedNote: '台账已补齐并报督查室' });
    expect(await db().auditLog.count({ where: { action: 'correction.close' } })).toBe(1);
    // The inspector who asked for it hears it was done, with the note, once.
    const told = await db().outbox.findMany({ where: { dedupKey: { startsWith: `correction-closed:${first!.id}` } } });
    expect(told.map((o) => o.receiveId)).toEqual([inspector]);
    expect(JSON.parse(told[0]!.content).text).toContain('台账已补齐并报督查室');
  });

  it('an inspector closing it themselves is not told about their own close', async () => {
    const [, second] = await corrections();
    await close(inspector, second!.id, '督查室复核已整改');
    expect(await db().outbox.count({ where: { dedupKey: { startsWith: `correction-closed:${second!.id}` } } })).toBe(0);
  });

  it('the captain, an inspector and the office may close one', async () => {
    const [, second] = await corrections();
    const res = await close(inspector, second!.id, '督查室复核已整改');
    expect(res.body.toast.content).toMatch(/已办结销号/);
    expect((await corrections())[1]!.closedById).toBe(
      (await db().person.findFirstOrThrow({ where: { openId: inspector } })).id,
    );
  });
});
