import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { cardActions } from '../../src/cards/index.js';
import { commands } from '../../src/commands/index.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { cardCallback } from '../helpers/cards.js';
import { seedActivity, squadByOrder } from '../helpers/district.js';
import { fixture, withText } from '../helpers/feishu.js';
import {
  type Cell,
  MATRIX,
  type MatrixRow,
  matrixMarkdown,
  ROLES,
  type RoleKey,
} from './authorization-matrix.table.js';

// The authorization matrix (authorization-matrix.table.ts) run through the real bot: each command
// is a signed message event in the person's 1:1 chat, each card action a signed card callback as
// Feishu sends it. One bot for the whole table, on a small district history at 2018-06-15.
//
// Refused means the bot said no for who the person is: a text reply or an error toast (with no card)
// saying who may do it, the roster hint, or silence (a stranger's second message). Anything else,
// a card, a form with field errors, "not found", "already done", is allowed: the person got past
// the permission check. `MATRIX_LOG=1` prints what each cell answered.

const REFUSALS = [
  '不是这个小分队的成员',
  '只能为自己所在',
  '由小分队队长提交',
  '免报只能由',
  '只有区招商局',
  '只有领导小组',
  '不是报给你审批',
  '只能查看自己所在或负责',
  '不属于任何',
  '不在任何招商小分队',
  '还不在招商工作名册',
  '无权',
  '联系方式（电话、地址）只给',
  '由区招商局（领导小组办公室）',
  '不能查看',
  '只有项目的帮办',
  '只有小分队成员和区招商局',
  '的预审经办人填写',
  '不能为它报外出招商计划',
  '只发给领导小组办公室',
  '只有办公室管理员',
  '只能由提交人或本小分队队长',
  '只给区招商局',
  '督查记录由',
  '整改事项只能由',
  '由小分队队长、责任领导或区招商局提出',
  '只能由提出人、本小分队队长或区招商局撤回',
];
const REFUSAL = new RegExp(REFUSALS.join('|'));

const OWN = 4; // 纺织和羽绒: the squad of the member, captain and responsible leader
const OTHER = 1; // 重大项目招商谈判
type Side = 'own' | 'other';
const SQUAD_WORD: Record<Side, string> = { own: '纺织', other: '重大项目' };
const MONTH = '2018-06';
const REPORT_FORM = {
  month: MONTH,
  economic_trends: '矩阵测试',
  investment_directions: '',
  project_info: '',
  suggestions: '',
  visited_businessmen: '',
};

let bot: TestBot;
const db = () => bot.database.prisma;
const ids = {
  squad: {} as Record<Side, number>,
  /** A project of each squad with a review under way (opinions of ECON and EPB among the units). */
  reviewed: {} as Record<Side, number>,
  /** A project of each squad with no review yet. */
  unreviewed: {} as Record<Side, number>,
  project: {} as Record<Side, number>,
  task: {} as Record<Side, number>,
  packaged: {} as Record<Side, number>,
  approvedTrip: {} as Record<Side, number>,
  lead: {} as Record<Side, number>,
  /** A correction of each squad's inspection, its owner a member of that squad. */
  correction: {} as Record<Side, number>,
  /** An issue for the leadership meeting raised by each squad's captain. */
  issue: {} as Record<Side, number>,
  /** An open issue of the own squad for a meeting decision, and a decision owned by its responsible leader. */
  meetingIssue: 0,
  decision: 0,
  pendingTrips: [] as number[],
  /** A rejected plan of the own squad, travelled by its captain. */
  rejectedTrip: 0,
};
const openIds = {} as Record<RoleKey, string>;
let seq = 0;

async function createTrip(squadId: number, status: string, approverId: number, travellerId: number) {
  const t = await db().trip.create({
    data: {
      requestKey: `matrix:trip:${seq++}`,
      squadId,
      travellerId,
      rank: 'DIVISION',
      destination: '深圳',
      startDate: '2018-06-10',
      endDate: '2018-06-12',
      status,
      approverId,
      createdById: travellerId,
    },
  });
  return t.id;
}

beforeAll(async () => {
  bot = await startTestBot(
    { LARK_ADMIN_OPEN_IDS: 'ou_matrix_env_admin' },
    { clock: new FixedClock(new Date('2018-06-15T02:00:00Z')) },
  );
  await seedActivity(db());
  const epb = await db().unit.findUniqueOrThrow({ where: { code: 'EPB' } });
  await db().person.create({
    data: {
      name: '环保局预审经办人',
      unitId: epb.id,
      openId: 'ou_matrix_reviewer',
      roles: { create: [{ role: 'REVIEWER' }] },
    },
  });
  for (const r of ROLES)
    openIds[r.key] = r.who.startsWith('ou_') && r.key !== 'reviewer' ? r.who : await bot.openIdOf(r.who);
  const person = (name: string) => db().person.findFirstOrThrow({ where: { name } });
  const groupLeader = await person('曾健清');
  for (const [side, order] of [
    ['own', OWN],
    ['other', OTHER],
  ] as const) {
    const squad = await squadByOrder(db(), order);
    ids.squad[side] = squad.id;
    const mk = async (name: string) =>
      (await db().project.create({ data: { name, squadId: squad.id, company: `${name}有限公司`, investment: 20000 } }))
        .id;
    ids.reviewed[side] = await mk(`矩阵预审项目${side}`);
    ids.unreviewed[side] = await mk(`矩阵未预审项目${side}`);
    ids.project[side] = await mk(`矩阵项目${side}`);
    ids.packaged[side] = (
      await db().packagedProject.create({
        data: {
          requestKey: `matrix:packaged:${side}`,
          name: `矩阵包装项目${side}`,
          squadId: squad.id,
          planningOn: '2018-06-01',
        },
      })
    ).id;
    ids.task[side] = (
      await db().projectTask.create({ data: { projectId: ids.project[side], title: '矩阵任务', dueOn: '2018-06-30' } })
    ).id;
    const captain = await db().squadMember.findFirstOrThrow({ where: { squadId: squad.id, role: 'CAPTAIN' } });
    ids.approvedTrip[side] = await createTrip(squad.id, 'APPROVED', groupLeader.id, captain.personId);
    ids.pendingTrips.push(await createTrip(squad.id, 'PENDING', groupLeader.id, captain.personId));
    ids.lead[side] = (
      await db().lead.create({
        data: {
          requestKey: `matrix:lead:${side}`,
          companyKey: `矩阵线索${side}`,
          company: `矩阵线索${side}`,
          squadId: squad.id,
          source: 'VISIT',
          ownerId: captain.personId,
          createdOn: '2018-06-01',
        },
      })
    ).id;
    const owner = await db().squadMember.findFirstOrThrow({
      where: { squadId: squad.id, role: 'MEMBER' },
      orderBy: { personId: 'asc' },
    });
    const inspection = await db().inspection.create({
      data: {
        requestKey: `matrix:inspection:${side}`,
        squadId: squad.id,
        period: '2018Q2',
        inspectedOn: '2018-06-10',
        checked: '矩阵督查',
        findings: '矩阵问题',
        rating: 'AVERAGE',
        createdById: groupLeader.id,
        corrections: { create: [{ title: '矩阵整改', ownerId: owner.personId, dueOn: '2018-06-30' }] },
      },
      include: { corrections: true },
    });
    ids.correction[side] = inspection.corrections[0]!.id;
    ids.issue[side] = (
      await db().meetingIssue.create({
        data: {
          requestKey: `matrix:issue:${side}`,
          squadId: squad.id,
          title: '矩阵问题',
          helpAsked: '矩阵协调事项',
          raisedById: captain.personId,
        },
      })
    ).id;
    if (side === 'own') ids.rejectedTrip = await createTrip(squad.id, 'REJECTED', groupLeader.id, captain.personId);
  }
  const raiser = await person('市政局四分队队员');
  ids.meetingIssue = (
    await db().meetingIssue.create({
      data: {
        requestKey: 'matrix:issue',
        squadId: ids.squad.own,
        title: '矩阵问题',
        helpAsked: '矩阵请求',
        raisedById: raiser.id,
      },
    })
  ).id;
  const leader = await person('马明');
  ids.decision = (
    await db().meetingDecision.create({
      data: {
        requestKey: 'matrix:decision',
        period: '2018Q1',
        title: '矩阵决定',
        ownerId: leader.id,
        dueOn: '2018-06-30',
        createdById: leader.id,
      },
    })
  ).id;
  // The helper serves the own squad's project.
  const helper = await person('帮办中心专员');
  await db().project.update({ where: { id: ids.project.own }, data: { helperId: helper.id } });
  // Reviews under way, started by the office with the plan's six units.
  for (const side of ['own', 'other'] as const) {
    const res = await tap(
      'officeAdmin',
      { action: 'review.start', projectId: ids.reviewed[side] },
      {
        units: ['ECON', 'EPB', 'INVEST', 'DRC', 'PARK', 'GOV_SERVICE'],
      },
    );
    expect(res.card, JSON.stringify(res)).toBeDefined();
  }
});
afterAll(() => bot?.close());

type Outcome = { allowed: boolean; said: string };

/** A slash-command in the person's 1:1 chat; the reply is read from the outbox. */
async function say(role: RoleKey, text: string): Promise<Outcome> {
  const openId = openIds[role];
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: `oc_p2p_${openId}`,
  });
  expect((await bot.event(ev)).status).toBe(200);
  const row = await db().outbox.findUnique({ where: { dedupKey: `reply:${ev.event.message.message_id}` } });
  if (!row) return { allowed: false, said: '(no answer)' };
  const content = JSON.parse(row.content);
  if (row.msgType === 'text') return { allowed: !REFUSAL.test(content.text), said: content.text };
  return { allowed: true, said: `(card) ${content.header?.title?.content ?? ''}` };
}

/** A tap on a card button (a form's submit with formValue), as Feishu's callback carries it. */
async function tap(
  role: RoleKey,
  value: Record<string, unknown>,
  formValue?: Record<string, unknown>,
): Promise<{ toast?: { type: string; content: string }; card?: unknown }> {
  const res = await bot.card(
    cardCallback({ openId: openIds[role], name: 'submit', value, formValue, messageId: `om_matrix_${seq++}` }),
  );
  expect(res.status).toBe(200);
  return res.body ?? {};
}

async function tapOutcome(role: RoleKey, value: Record<string, unknown>, formValue?: Record<string, unknown>) {
  const body = await tap(role, value, formValue);
  const refused = body.toast?.type === 'error' && !body.card && REFUSAL.test(body.toast.content);
  return { allowed: !refused, said: body.toast?.content ?? (body.card ? '(card)' : '(nothing)') };
}

/** How each row is exercised, for a role and (on squad rows) the own or the other squad. */
const exercises: Record<string, (role: RoleKey, side: Side) => Promise<Outcome>> = {
  '/help': (r) => say(r, '/help'),
  '/progress': (r, s) => say(r, `/progress ${SQUAD_WORD[s]}`),
  '/rank': (r) => say(r, '/rank'),
  '/assess': (r) => say(r, '/assess 2018'),
  '/assess excel': (r) => say(r, '/assess 2018 excel'),
  '/quota': (r) => say(r, '/quota'),
  '/report': (r, s) => say(r, `/report ${MONTH} ${SQUAD_WORD[s]}`),
  '/trip': (r, s) => say(r, `/trip ${SQUAD_WORD[s]}`),
  '/tripreport': (r) => say(r, '/tripreport'),
  '/lead': (r) => say(r, '/lead'),
  '/leads': (r, s) => say(r, `/leads ${SQUAD_WORD[s]}`),
  '/project': (r) => say(r, '/project'),
  '/packaged': (r, s) => say(r, `/packaged ${SQUAD_WORD[s]}`),
  '/packaged new': (r) => say(r, '/packaged new'),
  '/projects': (r) => say(r, '/projects'),
  '/overdue': (r) => say(r, '/overdue'),
  '/review': (r, s) => say(r, `/review ${ids.reviewed[s]}`),
  '/key': (r) => say(r, `/key ${ids.project.own} 专人帮办`),
  '/land': (r, s) => say(r, `/land set ${ids.project[s]} 100`),
  '/calendar': (r) => say(r, '/calendar add 2018-10-08 上班 国庆调休'),
  '/export': (r) => say(r, '/export progress 2018'),
  '/export 联系方式': (r) => say(r, '/export visits 2018 联系方式'),
  '/template': (r) => say(r, '/template roster'),
  '/bind': (r) => say(r, '/bind 张三'),
  '/bind-roster': (r) => say(r, '/bind-roster'),
  '/bind-group': (r) => say(r, '/bind-group'),
  '/outbox': (r) => say(r, '/outbox'),
  '/settings': (r) => say(r, '/settings'),
  '/meeting': (r) => say(r, '/meeting'),
  '/meeting decide': (r) => say(r, '/meeting decide'),
  '/reports': (r) => say(r, '/reports 2018-06'),
  '/leadcard': (r, s) => say(r, `/leadcard ${ids.lead[s]}`),
  '/issue': (r, s) => say(r, `/issue ${SQUAD_WORD[s]}`),
  '/issues': (r, s) => say(r, `/issues ${SQUAD_WORD[s]}`),
  'monthly-report.save': (r, s) => tapOutcome(r, report('save', s), REPORT_FORM),
  'monthly-report.submit': (r, s) => tapOutcome(r, report('submit', s), REPORT_FORM),
  'monthly-report.exempt': (r, s) => tapOutcome(r, report('exempt', s), { month: MONTH, exempt_reason: '矩阵测试' }),
  'monthly-report.edit': (r, s) => tapOutcome(r, report('edit', s)),
  'monthly-report.view': (r, s) => tapOutcome(r, report('view', s)),
  'trip.submit': (r, s) => tapOutcome(r, { action: 'trip.submit', squadId: ids.squad[s] }, {}),
  'trip.approve': (r) => tapOutcome(r, { action: 'trip.approve', tripId: ids.pendingTrips[0] }),
  'trip.reject': (r) =>
    tapOutcome(r, { action: 'trip.reject', tripId: ids.pendingTrips[1] }, { reject_reason: '矩阵' }),
  'trip.reopen': (r) => tapOutcome(r, { action: 'trip.reopen', tripId: ids.rejectedTrip }),
  'tripreport.open': (r, s) => tapOutcome(r, { action: 'tripreport.open', tripId: ids.approvedTrip[s] }),
  'tripreport.visit': (r, s) => tapOutcome(r, { action: 'tripreport.visit', tripId: ids.approvedTrip[s], v: 0 }, {}),
  'tripreport.lead': (r, s) => tapOutcome(r, { action: 'tripreport.lead', tripId: ids.approvedTrip[s], v: 0 }),
  'tripreport.submit': (r, s) => tapOutcome(r, { action: 'tripreport.submit', tripId: ids.approvedTrip[s], v: 0 }),
  'lead.submit': (r, s) => tapOutcome(r, { action: 'lead.submit', tripId: ids.approvedTrip[s], v: 0 }, {}),
  'project.view': (r, s) => tapOutcome(r, { action: 'project.view', projectId: ids.project[s] }),
  'project.new': (r) => tapOutcome(r, { action: 'project.new' }),
  'project.create': (r) => tapOutcome(r, { action: 'project.create' }, { squad: String(ids.squad.own) }),
  'project.stage': (r, s) => tapOutcome(r, { action: 'project.stage', projectId: ids.project[s], seq: 0 }, {}),
  'project.task.add': (r, s) => tapOutcome(r, { action: 'project.task.add', projectId: ids.project[s], seq: 0 }, {}),
  'project.task.close': (r, s) => tapOutcome(r, { action: 'project.task.close', taskId: ids.task[s] }),
  'project.helper': (r, s) => tapOutcome(r, { action: 'project.helper', projectId: ids.project[s] }, {}),
  'project.flags': (r, s) => tapOutcome(r, { action: 'project.flags', projectId: ids.project[s] }, {}),
  'packaged.new': (r) => tapOutcome(r, { action: 'packaged.new' }),
  'packaged.create': (r) => tapOutcome(r, { action: 'packaged.create' }, { squad: String(ids.squad.own) }),
  'packaged.view': (r, s) => tapOutcome(r, { action: 'packaged.view', id: ids.packaged[s] }),
  'packaged.status': (r, s) => tapOutcome(r, { action: 'packaged.status', id: ids.packaged[s], from: 'PLANNING' }, {}),
  'review.open': (r, s) => tapOutcome(r, { action: 'review.open', projectId: ids.reviewed[s] }),
  'review.start': (r, s) =>
    tapOutcome(r, { action: 'review.start', projectId: ids.unreviewed[s] }, { units: ['ECON', 'EPB', 'INVEST'] }),
  'review.opinion': async (r, s) =>
    tapOutcome(
      r,
      { action: 'review.opinion', opinionId: await opinionOf(s, r === 'reviewer' ? 'EPB' : 'ECON') },
      {
        decision: 'PASS',
      },
    ),
  'review.overrule': (r) => tapOutcome(r, { action: 'review.overrule' }, {}),
  'assess.open': (r) => tapOutcome(r, { action: 'assess.open', year: 2018, kind: 'INDUSTRY' }),
  'bulletin.publish': (r) => tapOutcome(r, { action: 'bulletin.publish', period: '2018Q2' }),
  'decision.new': (r) => tapOutcome(r, { action: 'decision.new', issueId: ids.meetingIssue }),
  // Every field empty: field errors, nothing stored.
  'decision.save': (r) =>
    tapOutcome(r, { action: 'decision.save', key: 'decision:matrix', issueId: ids.meetingIssue }, {}),
  'decision.close': (r) => tapOutcome(r, { action: 'decision.close', decisionId: ids.decision }, {}),
  'import.confirm': (r) => tapOutcome(r, { action: 'import.confirm', batchId: 999999 }),
  'import.cancel': (r) => tapOutcome(r, { action: 'import.cancel', batchId: 999999 }),
  'settings.open': (r) => tapOutcome(r, { action: 'settings.open', group: 'report' }),
  // The values in force, saved again: "no change", nothing stored.
  'settings.save': (r) =>
    tapOutcome(r, { action: 'settings.save', group: 'report' }, { report_days: '20,25,27', close_day: '5' }),
  'settings.goals': (r) => tapOutcome(r, { action: 'settings.goals', year: 2018 }),
  // Every input empty on a year without goals: "no change", nothing stored.
  'settings.goals.save': (r) => tapOutcome(r, { action: 'settings.goals.save', year: 2031 }, {}),
  'reports.open': (r, s) => tapOutcome(r, { action: 'reports.open', squadId: ids.squad[s], month: MONTH }),
  // The first tap asks for the reason; nothing is cancelled.
  'trip.cancel': (r, s) => tapOutcome(r, { action: 'trip.cancel', tripId: ids.approvedTrip[s] }),
  // No reason: a field error, nothing dropped.
  'lead.drop': (r, s) => tapOutcome(r, { action: 'lead.drop', leadId: ids.lead[s] }, { drop_reason: '' }),
  '/inspect': (r) => say(r, '/inspect 纺织'),
  // An empty form: field errors for whoever may record, nothing stored.
  'inspection.submit': (r) =>
    tapOutcome(r, { action: 'inspection.submit', squadId: ids.squad.own, period: '2018Q2' }, {}),
  // No note: a field error, nothing closed.
  'correction.close': (r, s) => tapOutcome(r, { action: 'correction.close', id: ids.correction[s] }, { corr_note: '' }),
  'issue.open': (r, s) => tapOutcome(r, { action: 'issue.open', squadId: ids.squad[s] }),
  // An empty form: field errors, nothing stored.
  'issue.submit': (r, s) => tapOutcome(r, { action: 'issue.submit', squadId: ids.squad[s] }, {}),
  // The first allowed tap withdraws it; later ones are told it is withdrawn already.
  'issue.withdraw': (r, s) => tapOutcome(r, { action: 'issue.withdraw', issueId: ids.issue[s] }),
  'lead.reward': (r) =>
    tapOutcome(r, { action: 'lead.reward', leadId: ids.lead.own, step: 'approve' }, { reward_amount: '1' }),
};

function report(button: string, s: Side) {
  return { action: `monthly-report.${button}`, squadId: ids.squad[s], month: MONTH, baseVersion: 0 };
}

async function opinionOf(s: Side, unitCode: string): Promise<number> {
  const o = await db().reviewOpinion.findFirstOrThrow({
    where: { unit: { code: unitCode }, review: { projectId: ids.reviewed[s] } },
  });
  return o.id;
}

const expected = (cell: Cell, side: Side): boolean =>
  cell === 'Y' || (cell === 'Y/N' && side === 'own') || (cell === 'N/Y' && side === 'other');

describe('every command and card action has a row, and every row something registered', () => {
  it('commands', () => {
    const rows = new Set(MATRIX.filter((r) => r.kind === 'command').map((r) => r.of));
    expect(Object.keys(commands).filter((c) => !rows.has(c))).toEqual([]);
    expect([...rows].filter((c) => !Object.hasOwn(commands, c))).toEqual([]);
  });
  it('card actions', () => {
    const rows = new Set(MATRIX.filter((r) => r.kind === 'action').map((r) => r.of));
    expect(Object.keys(cardActions).filter((a) => !rows.has(a))).toEqual([]);
    expect([...rows].filter((a) => !Object.hasOwn(cardActions, a))).toEqual([]);
  });
  it('each row is exercised', () => {
    expect(MATRIX.map((r) => r.name).filter((n) => !exercises[n])).toEqual([]);
  });
  it('the README shows the same table', () => {
    const start = '<!-- authorization-matrix:start -->';
    const end = '<!-- authorization-matrix:end -->';
    const drawn = new RegExp(`${start}\\n([\\s\\S]*?)\\n?${end}`);
    if (process.env.UPDATE_README) {
      const readme = fs.readFileSync('README.md', 'utf8');
      fs.writeFileSync('README.md', readme.replace(drawn, `${start}\n${matrixMarkdown()}\n${end}`));
      execFileSync('npx', ['biome', 'format', '--write', 'README.md']);
    }
    const inReadme = drawn.exec(fs.readFileSync('README.md', 'utf8'))?.[1] ?? '';
    expect(cellsOf(inReadme)).toEqual(cellsOf(matrixMarkdown()));
  });
});

/** A markdown table's cells, row by row, whatever the padding the formatter gave it. */
function cellsOf(table: string): string[][] {
  return table
    .trim()
    .split('\n')
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/^(:?)-+(:?)$/, '$1-$2')),
    );
}

describe.each(MATRIX.map((r) => [r.name, r] as [string, MatrixRow]))('%s', (_, row) => {
  it.each(ROLES.map((r) => [r.key] as [RoleKey]))('%s', async (role) => {
    const sides: Side[] = row.squad ? ['own', 'other'] : ['own'];
    const got: string[] = [];
    const want: string[] = [];
    for (const side of sides) {
      const out = await exercises[row.name]!(role, side);
      const label = row.squad ? `${side}: ` : '';
      got.push(`${label}${out.allowed ? 'allowed' : 'refused'} (${out.said.slice(0, 80)})`);
      want.push(`${label}${expected(row.cells[role], side) ? 'allowed' : 'refused'}`);
    }
    if (process.env.MATRIX_LOG) console.log('CELL', row.name, role, got.join('; '));
    expect(
      got.map((g) => g.replace(/ \(.*$/s, '')),
      got.join('; '),
    ).toEqual(want);
  });
});
