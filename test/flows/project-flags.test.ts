import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortSquadName } from '../../src/cards/shared/elements.js';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { buttonValue, cardCallback, commandCard, fieldOf, textOf } from '../helpers/cards.js';
import { fieldErrors } from '../helpers/callbacks.js';
import { fileRepliedTo, loadXlsx, settle } from '../helpers/files.js';
import { fixture, withText } from '../helpers/feishu.js';

// The 战略性新兴产业 and 重大项目 flags on the project card: the owning squad sets them, the office
// corrects them, others cannot; each change is audited, and a strategic signing raises the score.

let bot: TestBot;
let member: string; // 财政局三分队队员 (squad 3)
let office: string; // 领导小组办公室工作人员
let otherCaptain: string; // 经贸局局长 (squad 4)
let projectId = 0;
let squadName = '';
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
  member = await bot.openIdOf('财政局三分队队员');
  office = await bot.openIdOf('领导小组办公室工作人员');
  otherCaptain = await bot.openIdOf('经贸局局长');
  const squad = await db().squad.findFirstOrThrow({ where: { sortOrder: 3 } });
  squadName = squad.name;
  // A ¥200M signing of this year (its review is not what this test is about).
  const p = await db().project.create({
    data: { name: '智能终端产业园', squadId: squad.id, stage: 'SIGNED', investment: 20000, signedOn: '2018-03-01' },
  });
  projectId = p.id;
});
afterAll(async () => {
  await bot?.close();
});

const submitFlags = (openId: string, formValue: Record<string, unknown>) =>
  bot.card(
    cardCallback({
      openId,
      messageId: 'om_flags',
      name: 'flags_submit',
      value: { action: 'project.flags', projectId },
      formValue,
    }),
  );

async function annualScore(): Promise<number> {
  const { card } = await commandCard(bot, office, '/rank 2018');
  // One table per kind of squad; a row names the squad without its 招商小分队 suffix.
  const rows = card.body.elements.filter((e: any) => e.tag === 'table').flatMap((t: any) => t.rows);
  const row = rows.find((r: any) => r.name === shortSquadName(squadName));
  if (!row) throw new Error('squad not in /rank');
  expect(typeof row.score).toBe('number');
  return row.score;
}

describe('project flags', () => {
  it('the card shows the flags and opens their form for the squad', async () => {
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId: 'om_flags',
        name: 'project_flags',
        value: { action: 'project.view', projectId, mode: 'flags' },
      }),
    );
    const card = res.body.card.data;
    expect(textOf(card)).toContain('**产业标记**：无');
    expect(fieldOf(card, 'flag_strategic').initial_option).toBe('no');
    expect(fieldOf(card, 'flag_major').initial_option).toBe('no');
  });

  it('a squad of another squad cannot set them; a missing answer is a field error; nothing stored', async () => {
    const other = await submitFlags(otherCaptain, { flag_strategic: 'yes', flag_major: 'no' });
    expect(other.body.toast.type).toBe('error');
    const missing = await submitFlags(member, { flag_strategic: 'yes' });
    expect(fieldErrors(missing.body.card.data).join()).toContain('请选择是否为重大项目');
    const p = await db().project.findUniqueOrThrow({ where: { id: projectId } });
    expect([p.strategicEmerging, p.majorProject]).toEqual([false, false]);
  });

  it('the squad marks it strategic: stored, audited with before and after, and the annual score rises', async () => {
    const before = await annualScore();
    const res = await submitFlags(member, { flag_strategic: 'yes', flag_major: 'no' });
    expect(res.body.toast.content).toBe('产业标记已保存');
    expect(textOf(res.body.card.data)).toContain('**产业标记**：战略性新兴产业');
    const p = await db().project.findUniqueOrThrow({ where: { id: projectId } });
    expect([p.strategicEmerging, p.majorProject]).toEqual([true, false]);
    const audit = await db().auditLog.findFirstOrThrow({
      where: { action: 'project.flags', entityId: String(projectId) },
    });
    expect(JSON.parse(audit.detail)).toEqual({
      before: { strategicEmerging: false, majorProject: false },
      after: { strategicEmerging: true, majorProject: false },
    });
    const after = await annualScore();
    expect(after).toBeGreaterThan(before);
  });

  it('the office corrects them (audited as a correction); 重大项目 raises the score too', async () => {
    const before = await annualScore();
    const res = await submitFlags(office, { flag_strategic: 'yes', flag_major: 'yes' });
    expect(res.body.toast.type).toBe('success');
    expect(await db().auditLog.count({ where: { action: 'project.flags.correct', entityId: String(projectId) } })).toBe(
      1,
    );
    expect(await annualScore()).toBeGreaterThan(before);
    const same = await submitFlags(office, { flag_strategic: 'yes', flag_major: 'yes' });
    expect(same.body.toast).toEqual({ type: 'info', content: '标记没有变化' });
    expect(await db().auditLog.count({ where: { action: { startsWith: 'project.flags' } } })).toBe(2);
  });

  it('the squad sets them when creating the project (unset is 否), and the creation audit records them', async () => {
    const { card, messageId } = await commandCard(bot, member, '/project new');
    expect(fieldOf(card, 'flag_strategic').options.map((o: any) => o.value)).toEqual(['yes', 'no']);
    const res = await bot.card(
      cardCallback({
        openId: member,
        messageId,
        name: 'project_create',
        value: buttonValue(card, 'project_create'),
        formValue: {
          project_name: '新材料研发中心',
          company: '某某新材料有限公司',
          investment: '8000',
          flag_strategic: 'yes',
        },
      }),
    );
    expect(res.body.toast.type).toBe('success');
    const p = await db().project.findFirstOrThrow({ where: { name: '新材料研发中心' } });
    expect([p.strategicEmerging, p.majorProject]).toEqual([true, false]);
    const audit = await db().auditLog.findFirstOrThrow({ where: { action: 'project.create', entityId: String(p.id) } });
    expect(JSON.parse(audit.detail)).toMatchObject({ strategicEmerging: true, majorProject: false });
  });

  it('the projects export carries the flags', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/export projects 2018', {
      openId: office,
    });
    expect((await bot.event(ev)).status).toBe(200);
    await settle(bot);
    const ws = (await loadXlsx(fileRepliedTo(bot, ev.event.message.message_id).bytes)).worksheets[0]!;
    const headers = (ws.getRow(2).values as unknown[]).map(String);
    const row = (ws.getRow(3).values as unknown[]).map(String);
    expect(row).toContain('智能终端产业园');
    const at = (h: string) => row[headers.indexOf(h)];
    expect([at('战略性新兴产业'), at('重大项目'), at('历史导入')]).toEqual(['是', '是', '']);
  });
});
