import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { listOpenIssues } from '../../src/db/meeting-issues.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandReply, componentsOf, fieldErrors } from '../helpers/callbacks.js';
import { textOf } from '../helpers/cards.js';
import { seedActivity, squadByOrder } from '../helpers/district.js';

// 提请领导小组研究的问题: a squad's captain, its responsible leader or the office raise an issue for
// the quarterly leadership meeting from /issue or from the monthly report; the office is told at
// once; /issues shows each issue's state and what the meeting decided. The ways around each rule
// are tried first: a member, a forged squad, a forged project, a replayed callback, bad input.

let bot: TestBot;
const db = () => bot.database.prisma;
const who = {} as Record<'captain' | 'member' | 'leader' | 'office' | 'otherCaptain', string>;
let own = 0; // 纺织和羽绒 (squad 4): its captain, member and responsible leader
let other = 0; // 重大项目招商谈判 (squad 1)
let ownProject = 0;
let otherProject = 0;
let seq = 0;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  await seedActivity(db());
  own = (await squadByOrder(db(), 4)).id;
  other = (await squadByOrder(db(), 1)).id;
  who.captain = await bot.openIdOf('经贸局局长');
  who.member = await bot.openIdOf('市政局四分队队员');
  who.leader = await bot.openIdOf('马明');
  who.office = await bot.openIdOf('领导小组办公室工作人员');
  // The captain of another squad who is not in the office (招商局局长 captains 重大项目招商谈判 and is an admin).
  const otherCaptain = await db().squadMember.findFirstOrThrow({
    where: {
      squadId: { not: own },
      role: 'CAPTAIN',
      person: { openId: { not: null }, roles: { none: { role: { in: ['OFFICE', 'OFFICE_ADMIN'] } } } },
    },
    include: { person: true },
  });
  who.otherCaptain = otherCaptain.person.openId!;
  ownProject = (await db().project.findFirstOrThrow({ where: { name: '羽绒精深加工项目' } })).id;
  otherProject = (await db().project.findFirstOrThrow({ where: { name: '港口物流园' } })).id;
});
afterAll(async () => {
  await bot?.close();
});

const GOOD = {
  issue_title: '羽绒产业园项目用地指标未落实，影响开工',
  issue_help: '请领导小组协调自然资源局在 7 月底前落实 200 亩用地指标。',
};

/** A tap on a card as Feishu sends it; a new card message each time unless `messageId` is given. */
const tap = (
  openId: string,
  value: Record<string, unknown>,
  formValue?: Record<string, unknown>,
  messageId = `om_issue_${seq++}`,
) => bot.card(cardCallback({ openId, messageId, name: 'issue_submit', value, formValue }));

const issueCount = () => db().meetingIssue.count();

describe('who may raise an issue, and the ways around it', () => {
  it('a member is told who raises issues, on /issue and on a submit carrying their squad', async () => {
    const said = await commandReply(bot, who.member, '/issue');
    expect(said.text).toContain('由小分队队长、责任领导或区招商局提出');
    const res = await tap(who.member, { action: 'issue.submit', squadId: own }, GOOD);
    expect(res.body.toast).toMatchObject({ type: 'error' });
    expect(res.body.toast.content).toContain('由小分队队长、责任领导或区招商局提出');
    expect(res.body.card).toBeUndefined();
    const opened = await tap(who.member, { action: 'issue.open', squadId: own });
    expect(opened.body.toast.type).toBe('error');
    expect(await issueCount()).toBe(0);
  });

  it('a captain cannot raise for another squad by forging its id in the value or in the squad select', async () => {
    const inValue = await tap(who.captain, { action: 'issue.submit', squadId: other }, GOOD);
    expect(inValue.body.toast.type).toBe('error');
    expect(inValue.body.card).toBeUndefined();
    const inSelect = await tap(who.captain, { action: 'issue.submit' }, { ...GOOD, squad: String(other) });
    expect(inSelect.body.toast.type).toBe('error');
    const opened = await tap(who.captain, { action: 'issue.open', squadId: other });
    expect(opened.body.toast.type).toBe('error');
    expect(await issueCount()).toBe(0);
  });

  it('a project of another squad forged into the form is a field error; nothing is stored', async () => {
    const res = await tap(
      who.captain,
      { action: 'issue.submit', squadId: own },
      { ...GOOD, issue_project: String(otherProject) },
    );
    expect(res.body.toast.type).toBe('error');
    expect(fieldErrors(res.body.card.data).join('\n')).toContain('涉及项目：所选项目不属于');
    expect(componentsOf(res.body.card.data).issue_title.default_value).toBe(GOOD.issue_title);
    expect(await issueCount()).toBe(0);
  });

  it('bad input gets a field error under each field that says what to write; nothing is stored', async () => {
    const res = await tap(
      who.captain,
      { action: 'issue.submit', squadId: own },
      { issue_title: '  ', issue_help: '帮忙', issue_project: 'x1' },
    );
    expect(res.body.toast.type).toBe('error');
    const errors = fieldErrors(res.body.card.data).join('\n');
    expect(errors).toContain('问题：请写明要提请研究的问题');
    expect(errors).toContain('需要协调解决的事项：请写具体一些（至少 4 个字）');
    expect(errors).toContain('涉及项目：请从列表中选择');
    const long = await tap(
      who.captain,
      { action: 'issue.submit', squadId: own },
      { issue_title: '问'.repeat(201), issue_help: GOOD.issue_help },
    );
    expect(fieldErrors(long.body.card.data).join('\n')).toContain('问题：最多 200 个字');
    expect(await issueCount()).toBe(0);
    expect(await db().auditLog.count({ where: { action: 'issue.raise' } })).toBe(0);
  });
});

describe('raising an issue', () => {
  let first = 0;

  it('from /issue: the captain files for their squad; stored, audited, the office told at once; a replay writes nothing', async () => {
    const { card, messageId } = await commandReply(bot, who.captain, '/issue');
    const fields = componentsOf(card);
    expect(fields.squad).toBeUndefined(); // captain of one squad: it is implied
    const projects = fields.issue_project.options.map((o: any) => o.value);
    expect(projects).toContain(String(ownProject));
    expect(projects).not.toContain(String(otherProject));
    expect(projects[0]).toBe('none');
    const submit = () =>
      bot.card(
        cardCallback({
          openId: who.captain,
          messageId,
          name: 'issue_submit',
          value: buttonValue(card, 'issue_submit'),
          formValue: { ...GOOD, issue_project: String(ownProject) },
        }),
      );
    const res = await submit();
    expect(res.body.toast).toEqual({ type: 'success', content: '已提交，区招商局已收到通知' });
    const issue = await db().meetingIssue.findFirstOrThrow();
    first = issue.id;
    const captain = await db().person.findFirstOrThrow({ where: { name: '经贸局局长' } });
    expect(issue).toMatchObject({
      squadId: own,
      projectId: ownProject,
      title: GOOD.issue_title,
      helpAsked: GOOD.issue_help,
      raisedById: captain.id,
      status: 'OPEN',
    });
    // Raised when the bot's clock says, which the pack and the card show.
    expect(issue.createdAt).toEqual(new Date('2018-06-25T02:00:00Z'));
    expect(textOf(res.body.card.data)).toContain('待研究');
    expect(await db().auditLog.count({ where: { action: 'issue.raise', entityId: String(first) } })).toBe(1);
    const told = await db().outbox.findMany({ where: { dedupKey: { startsWith: `issue-raised:${first}:` } } });
    const office = await db().person.findMany({
      where: { openId: { not: null }, active: true, roles: { some: { role: 'OFFICE' } } },
    });
    expect(told.map((t) => t.receiveId).sort()).toEqual(office.map((o) => o.openId).sort());
    expect(told[0]!.content).toContain('羽绒产业园项目用地指标未落实');
    await bot.flush();
    const delivered = bot.sb.state.messages.filter((m) => m.receiver.id === who.office);
    expect(JSON.stringify(delivered.at(-1)?.content)).toContain('新的提请研究问题');

    // The same form's callback again (a double tap, a replay): the issue it filed, nothing new.
    const again = await submit();
    expect(again.body.toast).toEqual({ type: 'info', content: '这个问题已经提交过' });
    expect(await issueCount()).toBe(1);
    expect(await db().auditLog.count({ where: { action: 'issue.raise' } })).toBe(1);
    expect(await db().outbox.count({ where: { dedupKey: { startsWith: 'issue-raised:' } } })).toBe(told.length);
  });

  it('from the monthly report: the captain and the responsible leader see 提请领导小组研究, a member does not', async () => {
    const memberCard = (await commandReply(bot, who.member, '/report 2018-06')).card;
    expect(componentsOf(memberCard).report_raise_issue).toBeUndefined();
    for (const [key, title] of [
      ['captain', '园区道路未通'],
      ['leader', '企业融资难'],
    ] as const) {
      const report = (await commandReply(bot, who[key], '/report 2018-06 纺织')).card;
      const value = buttonValue(report, 'report_raise_issue');
      expect(value).toEqual({ action: 'issue.open', squadId: own });
      const opened = await tap(who[key], value);
      const form = opened.body.card.data;
      expect(form.header.subtitle.content).toContain('纺织');
      expect(componentsOf(form).squad).toBeUndefined();
      const res = await tap(who[key], buttonValue(form, 'issue_submit'), {
        issue_title: title,
        issue_help: '请协调有关部门尽快解决',
        issue_project: 'none',
      });
      expect(res.body.toast.type).toBe('success');
    }
    const raised = await db().meetingIssue.findMany({ where: { title: { in: ['园区道路未通', '企业融资难'] } } });
    expect(raised.map((i) => [i.squadId, i.projectId])).toEqual([
      [own, null],
      [own, null],
    ]);
  });

  it('the office picks the squad on the form, and a project of that squad', async () => {
    const { card, messageId } = await commandReply(bot, who.office, '/issue');
    expect(componentsOf(card).squad.options.length).toBeGreaterThan(2);
    const wrong = await bot.card(
      cardCallback({
        openId: who.office,
        messageId,
        name: 'issue_submit',
        value: buttonValue(card, 'issue_submit'),
        formValue: { ...GOOD, squad: String(other), issue_project: String(ownProject) },
      }),
    );
    expect(fieldErrors(wrong.body.card.data).join('\n')).toContain('涉及项目：所选项目不属于');
    const res = await bot.card(
      cardCallback({
        openId: who.office,
        messageId,
        name: 'issue_submit',
        value: buttonValue(card, 'issue_submit'),
        formValue: { ...GOOD, squad: String(other), issue_project: String(otherProject) },
      }),
    );
    expect(res.body.toast.type).toBe('success');
    expect(await db().meetingIssue.count({ where: { squadId: other, projectId: otherProject } })).toBe(1);
  });

  it('/issues shows each issue with its state and, once decided, what the meeting decided', async () => {
    const leader = await db().person.findFirstOrThrow({ where: { name: '马明' } });
    await db().meetingIssue.update({ where: { id: first }, data: { status: 'DECIDED', decidedAt: new Date() } });
    await db().meetingDecision.create({
      data: {
        requestKey: 'test:decision1',
        period: '2018Q2',
        issueId: first,
        title: '自然资源局 7 月 31 日前落实用地指标',
        ownerId: leader.id,
        dueOn: '2018-07-31',
        createdById: leader.id,
      },
    });
    const { card } = await commandReply(bot, who.member, '/issues');
    const text = textOf(card);
    expect(text).toContain('已研究');
    expect(text).toContain('待研究');
    expect(text).toContain('自然资源局 7 月 31 日前落实用地指标');
    expect(text).not.toContain('港口物流园'); // the other squad's issue is not the member's to see
    expect(JSON.stringify(componentsOf(card))).not.toContain('issue.withdraw'); // a member withdraws nothing
    const alias = await commandReply(bot, who.captain, '/issue list');
    expect(textOf(alias.card)).toContain('自然资源局 7 月 31 日前落实用地指标');
    expect(Object.keys(componentsOf(alias.card)).filter((n) => n.startsWith('issue_withdraw_'))).toHaveLength(2);
  });

  it('the meeting pack’s list holds what waits for the meeting, with names, oldest first', async () => {
    const { rows: open, total } = await listOpenIssues(db(), 10);
    expect(total).toBe(3);
    expect(open.map((i) => i.title)).toEqual(['园区道路未通', '企业融资难', GOOD.issue_title]);
    expect(open[2]).toMatchObject({ squadName: expect.stringContaining('重大项目'), projectName: '港口物流园' });
    expect(open[1]).toMatchObject({ raiserName: '马明', projectName: null });
    expect(open[0]!.createdAt).toBeInstanceOf(Date);
    expect((await listOpenIssues(db(), 2)).rows).toHaveLength(2);
  });
});

describe('withdrawing an issue', () => {
  const issueId = async (title: string) =>
    (await db().meetingIssue.findFirstOrThrow({ where: { title, squadId: own } })).id;
  const withdraw = (openId: string, id: number) => tap(openId, { action: 'issue.withdraw', issueId: id });

  it('a member and another squad’s captain are refused; nothing changes', async () => {
    const id = await issueId('企业融资难');
    for (const openId of [who.member, who.otherCaptain]) {
      const res = await withdraw(openId, id);
      expect(res.body.toast.type, `${openId} ${res.body.toast.content}`).toBe('error');
      expect(res.body.toast.content).toContain('只能由提出人、本小分队队长或区招商局撤回');
    }
    expect((await db().meetingIssue.findUniqueOrThrow({ where: { id } })).status).toBe('OPEN');
  });

  it('the raiser withdraws while open; audited; a second tap and a decided issue change nothing', async () => {
    const id = await issueId('企业融资难');
    const res = await withdraw(who.leader, id);
    expect(res.body.toast).toEqual({ type: 'success', content: '已撤回' });
    expect(textOf(res.body.card.data)).toContain('已撤回');
    expect((await db().meetingIssue.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN');
    expect(await db().auditLog.count({ where: { action: 'issue.withdraw', entityId: String(id) } })).toBe(1);
    const again = await withdraw(who.leader, id);
    expect(again.body.toast).toEqual({ type: 'info', content: '这个问题已经撤回' });
    const decided = await withdraw(who.captain, await issueId(GOOD.issue_title));
    expect(decided.body.toast.content).toBe('领导小组已研究这个问题，不能撤回');
    expect(await db().auditLog.count({ where: { action: 'issue.withdraw' } })).toBe(1);
  });

  it('the captain withdraws an issue the leader raised, and the office any squad’s', async () => {
    const leaderIssue = await db().meetingIssue.create({
      data: { requestKey: 'test:leader', squadId: own, title: '待撤回', helpAsked: '协调', raisedById: 1 },
    });
    expect((await withdraw(who.captain, leaderIssue.id)).body.toast.content).toBe('已撤回');
    const otherIssue = await db().meetingIssue.findFirstOrThrow({ where: { squadId: other } });
    expect((await withdraw(who.otherCaptain, otherIssue.id)).body.toast.type).toBe('error');
    expect((await withdraw(who.office, otherIssue.id)).body.toast.content).toBe('已撤回');
  });
});
