import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { runDecisionWarnings } from '../../src/jobs/decision-warnings.js';
import { runQuarterlyBulletin } from '../../src/jobs/quarterly-bulletin.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { commandReply, componentsOf, fieldErrors, formValuesOf } from '../helpers/callbacks.js';
import { buttonValue, cardCallback, textOf } from '../helpers/cards.js';
import { seedActivity, squadByOrder } from '../helpers/district.js';

// The quarterly leadership meeting: its pack (/meeting and the quarterly job), recording a decision
// from a squad's issue (the issue becomes DECIDED, its raiser and the owner are told), closing a
// decision with a note. The ways around each control are tried first.

let bot: TestBot;
const db = () => bot.database.prisma;
const at = (day: string) => new Date(`${day}T09:00:00+08:00`);
let office = ''; // 领导小组办公室工作人员
let captain = ''; // 经贸局局长, captain of squad 4
let raiser = ''; // 市政局四分队队员, squad 4
let leader = ''; // 马明, responsible leader of squad 4
let groupLeader = ''; // 曾健清
let issueId = 0;
let leaderId = 0;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-20T01:00:00Z')) });
  await seedActivity(db());
  office = await bot.openIdOf('领导小组办公室工作人员');
  captain = await bot.openIdOf('经贸局局长');
  raiser = await bot.openIdOf('市政局四分队队员');
  leader = await bot.openIdOf('马明');
  groupLeader = await bot.openIdOf('曾健清');
  const squad = await squadByOrder(db(), 4);
  const person = (name: string) => db().person.findFirstOrThrow({ where: { name } });
  const raiserRow = await person('市政局四分队队员');
  leaderId = (await person('马明')).id;
  const project = await db().project.findFirstOrThrow({ where: { name: '纺织服装产业园' } });
  // Ten open issues: the pack lists the first eight and says how many more.
  for (let n = 1; n <= 10; n++) {
    const issue = await db().meetingIssue.create({
      data: {
        requestKey: `test:issue:${n}`,
        squadId: squad.id,
        projectId: n === 1 ? project.id : null,
        title: n === 1 ? '产业园用地指标不足' : `问题${n}`,
        helpAsked: n === 1 ? '请国土分局调剂 200 亩用地指标' : `请求${n}`,
        raisedById: raiserRow.id,
        createdAt: new Date(`2018-06-${String(n).padStart(2, '0')}T02:00:00Z`),
      },
    });
    if (n === 1) issueId = issue.id;
  }
  const decision = (requestKey: string, data: Record<string, unknown>) =>
    db().meetingDecision.create({
      data: {
        requestKey,
        period: '2018Q1',
        ownerId: leaderId,
        createdById: leaderId,
        dueOn: '2018-05-31',
        title: '',
        ...data,
      } as any,
    });
  await decision('test:d1', { title: '协调羽绒项目电力增容', dueOn: '2018-05-31' }); // open, 20 days over
  await decision('test:d2', {
    title: '落实纺织园区道路建设',
    status: 'DONE',
    closedNote: '道路已于5月通车',
    closedAt: new Date('2018-05-10T02:00:00Z'),
    closedById: leaderId,
  });
  await decision('test:d3', {
    title: '上上季度已办结的决定',
    status: 'DONE',
    closedNote: '早已办结',
    closedAt: new Date('2018-03-01T02:00:00Z'),
    closedById: leaderId,
  });
});
afterAll(() => bot?.close());

const issueStatus = async () => (await db().meetingIssue.findUniqueOrThrow({ where: { id: issueId } })).status;
const save = (openId: string, value: Record<string, unknown>, formValue: Record<string, unknown>, eventId?: string) =>
  bot.card(cardCallback({ openId, messageId: 'om_decision_form', name: 'decision_submit', value, formValue, eventId }));

describe('the meeting pack', () => {
  it('is refused to a captain and a member: only the leading group and the office read it', async () => {
    for (const who of [captain, raiser]) {
      const r = await commandReply(bot, who, '/meeting');
      expect(r.text).toContain('只有领导小组成员和区招商局');
    }
  });

  it('shows the office places, the draft list, the open issues with 记录决定, open and closed decisions', async () => {
    const { card } = await commandReply(bot, office, '/meeting');
    const t = textOf(card);
    expect(t).toContain('领导小组会议材料 · 2018年第二季度');
    expect(t).toContain('一、进度与得分');
    expect(t).toContain('纺织和羽绒产业');
    expect(t).toContain('尚未生成草稿，按当前数据计算');
    expect(t).toContain('产业园用地指标不足');
    expect(t).toContain('请国土分局调剂 200 亩用地指标');
    expect(t).toContain('项目：纺织服装产业园');
    expect(t).toContain('2018-06-01 市政局四分队队员提出');
    expect(t).toContain('10 项未决');
    expect(t).toContain('还有 2 项未列出');
    expect(t).not.toContain('问题10');
    expect(buttonValue(card, `decide_${issueId}`)).toEqual({ action: 'decision.new', issueId });
    expect(t).toContain('协调羽绒项目电力增容');
    expect(t).toContain('已超期 20 天');
    expect(t).toContain('道路已于5月通车');
    expect(t).not.toContain('上上季度已办结的决定');
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(30_000);
  });

  it('the leading group reads it without the office’s buttons', async () => {
    const { card } = await commandReply(bot, groupLeader, '/meeting 2018Q2');
    expect(textOf(card)).toContain('产业园用地指标不足');
    expect(textOf(card)).not.toContain('decision.new');
  });

  it('the quarterly job sends it to each office person once per quarter, with the stored draft list', async () => {
    const packs = async (openId: string) =>
      bot.sb.messagesTo(openId).filter((m) => !m.parent_id && JSON.stringify(m.content).includes('领导小组会议材料'));
    await runQuarterlyBulletin(bot.deps, at('2018-06-20'));
    await runQuarterlyBulletin(bot.deps, at('2018-06-21'));
    await bot.flush();
    for (const who of [office, await bot.openIdOf('招商局局长')]) {
      const got = await packs(who);
      expect(got).toHaveLength(1);
      expect(JSON.stringify(got[0]!.content)).toContain('办公室审核中的草稿');
    }
    expect(await packs(groupLeader)).toHaveLength(0);
    const keys = await db().outbox.findMany({ where: { dedupKey: { startsWith: 'meeting-pack:2018Q2:' } } });
    expect(keys).toHaveLength(2);
  });
});

describe('recording a decision: the ways around it first', () => {
  it('a captain can neither open the form nor record a decision', async () => {
    const tapped = await bot.card(
      cardCallback({
        openId: captain,
        messageId: 'om_pack',
        name: 'decide',
        value: { action: 'decision.new', issueId },
      }),
    );
    expect(tapped.body.toast.content).toContain('由区招商局（领导小组办公室）记录');
    const forged = await save(
      captain,
      { action: 'decision.save', key: `decision:issue-${issueId}`, period: '2018Q2', issueId },
      { decision_title: '队长自己定的', decision_owner: captain, decision_due: '2018-07-30 +0800' },
    );
    expect(forged.body.toast.type).toBe('error');
    expect(forged.body.card).toBeUndefined();
    expect(await db().meetingDecision.count({ where: { title: '队长自己定的' } })).toBe(0);
    expect(await issueStatus()).toBe('OPEN');
  });

  it('an owner off the roster, an empty title or a past date: field errors, nothing stored', async () => {
    const value = { action: 'decision.save', key: `decision:issue-${issueId}`, period: '2018Q2', issueId };
    const offRoster = await save(office, value, {
      decision_title: '调剂用地指标',
      decision_owner: 'ou_not_on_roster',
      decision_due: '2018-07-30 +0800',
    });
    expect(offRoster.body.toast.type).toBe('error');
    expect(fieldErrors(offRoster.body.card.data).join()).toContain('请从列表中选择名册中已绑定飞书的人员');
    // The typed title is kept.
    expect(componentsOf(offRoster.body.card.data).decision_title.default_value).toBe('调剂用地指标');
    const bad = await save(office, value, {
      decision_title: '  ',
      decision_owner: leader,
      decision_due: '2018-06-01 +0800',
    });
    const errors = fieldErrors(bad.body.card.data).join();
    expect(errors).toContain('请填写决定事项');
    expect(errors).toContain('完成时限不能早于今天');
    expect(await db().meetingDecision.count({ where: { issueId } })).toBe(0);
    expect(await issueStatus()).toBe('OPEN');
    expect(await db().auditLog.count({ where: { action: 'meeting.decision.record' } })).toBe(0);
  });
});

describe('recording a decision from an issue', () => {
  let decisionId = 0;

  it('the office’s 记录决定 sends a pre-filled form; saving stores it once, the issue is DECIDED, owner and raiser are told', async () => {
    const tapped = await bot.card(
      cardCallback({
        openId: office,
        messageId: 'om_pack',
        name: `decide_${issueId}`,
        value: { action: 'decision.new', issueId },
      }),
    );
    expect(tapped.body.toast.type).toBe('success');
    await bot.flush();
    const form = bot.sb.lastCardTo(office) as any;
    const fields = componentsOf(form);
    expect(fields.decision_title.default_value).toBe('请国土分局调剂 200 亩用地指标');
    // The squad's responsible leader is offered first and picked; anyone on the roster may be chosen.
    expect(fields.decision_owner.initial_option).toBe(leader);
    expect(fields.decision_owner.options[0].value).toBe(leader);
    expect(fields.decision_owner.options.length).toBeGreaterThan(50);
    const value = buttonValue(form, 'decision_submit');
    const formValue = formValuesOf(form, { decision_owner: leader, decision_title: '由国土分局调剂 200 亩用地指标' });
    const first = await save(office, value, formValue, 'evt_decision_1');
    expect(first.body.toast.content).toContain('决定已记录');
    // The same callback again, and a second tap: one decision.
    await save(office, value, formValue, 'evt_decision_1');
    const again = await save(office, value, formValue);
    expect(again.body.toast.content).toContain('已记录');
    const rows = await db().meetingDecision.findMany({ where: { issueId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ period: '2018Q2', ownerId: leaderId, dueOn: '2018-07-20', status: 'OPEN' });
    decisionId = rows[0]!.id;
    expect(await issueStatus()).toBe('DECIDED');
    expect(await db().auditLog.count({ where: { action: 'meeting.decision.record' } })).toBe(1);
    await bot.flush();
    const ownerCard = textOf(bot.sb.lastCardTo(leader));
    expect(ownerCard).toContain('由国土分局调剂 200 亩用地指标');
    expect(ownerCard).toContain('decision.close');
    const told = bot.sb.messagesTo(raiser).map((m) => JSON.stringify(m.content));
    expect(told.filter((t) => t.includes('产业园用地指标不足') && t.includes('马明'))).toHaveLength(1);
    // The next pack no longer lists the issue.
    expect(textOf((await commandReply(bot, office, '/meeting')).card)).not.toContain('产业园用地指标不足');
  });

  it('a decided issue cannot get a second decision from an old form', async () => {
    const r = await save(
      office,
      { action: 'decision.save', key: 'decision:other-form', period: '2018Q2', issueId },
      { decision_title: '另一个决定', decision_owner: leader, decision_due: '2018-07-30 +0800' },
    );
    expect(r.body.toast.content).toContain('已有会议决定');
    expect(await db().meetingDecision.count({ where: { issueId } })).toBe(1);
  });

  it('closing: a non-owner is refused, a note is required, the owner closes once', async () => {
    const close = (openId: string, formValue: Record<string, unknown>) =>
      bot.card(
        cardCallback({
          openId,
          messageId: 'om_decision',
          name: 'decision_close',
          value: { action: 'decision.close', decisionId },
          formValue,
        }),
      );
    const byCaptain = await close(captain, { close_note: '队长代为办结' });
    expect(byCaptain.body.toast.content).toContain('只有区招商局或这项决定的责任人');
    const empty = await close(leader, { close_note: '好' });
    expect(fieldErrors(empty.body.card.data).join()).toContain('办理情况太短');
    expect((await db().meetingDecision.findUniqueOrThrow({ where: { id: decisionId } })).status).toBe('OPEN');
    const done = await close(leader, { close_note: '已调剂 200 亩，6月底供地' });
    expect(done.body.toast.content).toContain('已办结销号');
    expect(textOf(done.body.card.data)).toContain('已调剂 200 亩');
    const twice = await close(office, { close_note: '办公室再次销号' });
    expect(twice.body.toast.type).toBe('info');
    const row = await db().meetingDecision.findUniqueOrThrow({ where: { id: decisionId } });
    expect(row).toMatchObject({ status: 'DONE', closedNote: '已调剂 200 亩，6月底供地', closedById: leaderId });
    expect(await db().auditLog.count({ where: { action: 'meeting.decision.close' } })).toBe(1);
  });

  it('the next quarter’s pack lists what was done', async () => {
    const t = textOf((await commandReply(bot, office, '/meeting 2018Q3')).card);
    expect(t).toContain('由国土分局调剂 200 亩用地指标');
    expect(t).toContain('已调剂 200 亩，6月底供地');
    expect(t).not.toContain('道路已于5月通车'); // reported at this quarter's meeting already
  });
});

describe('decision warnings', () => {
  let decisionId = 0;
  const ownerCards = () =>
    bot.sb.messagesTo(leader).filter((m) => JSON.stringify(m.content).includes('督促落实加工园供电线路'));
  const officeTexts = () =>
    bot.sb.messagesTo(office).filter((m) => JSON.stringify(m.content).includes('会议决定超时预警'));

  it('/meeting decide records a decision on its own (no issue); a replayed submit stores it once', async () => {
    const { card } = await commandReply(bot, office, '/meeting decide');
    expect(componentsOf(card).decision_owner.initial_option).toBeUndefined();
    const value = buttonValue(card, 'decision_submit');
    const formValue = formValuesOf(card, {
      decision_title: '督促落实加工园供电线路',
      decision_owner: leader,
      decision_due: '2018-07-01 +0800',
    });
    await save(office, value, formValue);
    await save(office, value, formValue);
    const rows = await db().meetingDecision.findMany({ where: { title: '督促落实加工园供电线路' } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.issueId).toBeNull();
    decisionId = rows[0]!.id;
    expect(textOf((await commandReply(bot, captain, '/meeting decide')).text)).toContain('只有领导小组成员和区招商局');
    expect(textOf((await commandReply(bot, groupLeader, '/meeting decide')).text)).toContain('由区招商局');
  });

  it('warns the owner before the due date and at each overdue step, the office when overdue, once each', async () => {
    await bot.flush();
    const before = ownerCards().length; // the card sent when it was recorded
    await runWarnings('2018-06-25'); // 6 days left: not yet
    await bot.flush();
    expect(ownerCards()).toHaveLength(before);
    await runWarnings('2018-06-28');
    await runWarnings('2018-06-28');
    await bot.flush();
    expect(ownerCards()).toHaveLength(before + 1);
    const soon = textOf(ownerCards().at(-1)!.content);
    expect(soon).toContain('限时办结提醒');
    expect(soon).toContain('还剩 3 天');
    expect(soon).toContain('decision.close');
    expect(officeTexts().filter((m) => JSON.stringify(m.content).includes('督促落实加工园供电线路'))).toHaveLength(0);
    await runWarnings('2018-07-02');
    await runWarnings('2018-07-02');
    await bot.flush();
    expect(ownerCards()).toHaveLength(before + 2);
    expect(textOf(ownerCards().at(-1)!.content)).toContain('已超过完成时限 1 天');
    const toOffice = officeTexts().filter((m) => JSON.stringify(m.content).includes('督促落实加工园供电线路'));
    expect(toOffice).toHaveLength(1);
    expect(JSON.stringify(toOffice[0]!.content)).toContain('责任人 马明');
  });

  it('a closed decision warns no more', async () => {
    const closed = await bot.card(
      cardCallback({
        openId: office,
        messageId: 'om_decision',
        name: 'decision_close',
        value: { action: 'decision.close', decisionId },
        formValue: { close_note: '供电线路已架通' },
      }),
    );
    expect(closed.body.toast.content).toContain('已办结销号');
    const sent = ownerCards().length;
    await runWarnings('2018-07-04'); // the day-3 overdue step
    await runWarnings('2018-07-08'); // the day-7 step
    await bot.flush();
    expect(ownerCards()).toHaveLength(sent);
    expect(
      await db().outbox.count({ where: { dedupKey: { startsWith: `decision-overdue:${decisionId}:day-3` } } }),
    ).toBe(0);
  });
});

const runWarnings = (day: string) => runDecisionWarnings(bot.deps, at(day));
