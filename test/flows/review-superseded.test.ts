import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { checkSignable } from '../../src/db/signing-guard.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import {
  click,
  createProject,
  DEFAULT_UNITS,
  opinionCardsTo,
  opinionIdFor,
  settle,
  startReviewAs,
} from './review-helpers.js';

// A review the office started again after a veto supersedes the vetoed one: the old cards (the veto
// notice with its overrule form, opinion cards still unanswered) change nothing any more, and the
// signing gate asks only the newest review.

// 现代农业、旅游物流产业招商小分队: captain 农业局局长 (not a reviewer of any unit).
const SQUAD = 'AGRI_TOURISM_LOGISTICS';
const CAPTAIN = '农业局局长';
const OFFICE = '领导小组办公室工作人员';
const GROUP_LEADER = '曾健清';
const DEPUTY = '卓天高';
const SUPERSEDED = '已被新的预审取代';

let bot: TestBot;
const db = () => bot.database.prisma;
const project = (id: number) => db().project.findUniqueOrThrow({ where: { id } });
const signable = async (id: number) => checkSignable(db(), { ...(await project(id)), stage: 'SIGNED' });
const reviewsOf = (projectId: number) => db().projectReview.findMany({ where: { projectId }, orderBy: { id: 'asc' } });
const overruleRows = (id: number) =>
  db().auditLog.count({ where: { entity: 'Project', entityId: String(id), action: 'review.overrule' } });

/** Who got the opinion card of this opinion (by name). */
async function reviewerOf(opinionId: number): Promise<string> {
  await settle(bot);
  for (const p of await db().person.findMany({ where: { openId: { not: null } }, orderBy: { id: 'asc' } }))
    if ((await opinionCardsTo(bot, p.name)).some((c) => c.opinionId === opinionId)) return p.name;
  throw new Error(`nobody got the card of opinion ${opinionId}`);
}

async function opinion(projectId: number, unit: string, form: Record<string, unknown>): Promise<any> {
  const opinionId = await opinionIdFor(bot, projectId, unit);
  return click(bot, await reviewerOf(opinionId), { action: 'review.opinion', opinionId }, form);
}

const veto = { decision: 'VETO', veto_category: 'ENVIRONMENT', reason: '选址位于饮用水水源保护区' };

/** A project whose first review 环保局 vetoed (the other units had not answered yet). */
async function vetoedProject(name: string): Promise<{ id: number; first: number; pendingOld: number }> {
  const id = await createProject(bot, { name, squadCode: SQUAD, investment: 50_000 });
  expect((await startReviewAs(bot, CAPTAIN, id)).toast.type).toBe('success');
  const pendingOld = await opinionIdFor(bot, id, 'DRC');
  expect((await opinion(id, 'EPB', veto)).toast.type).toBe('success');
  expect((await project(id)).reviewStatus).toBe('VETOED');
  return { id, first: (await reviewsOf(id))[0]!.id, pendingOld };
}

async function restart(id: number): Promise<number> {
  const body = await click(
    bot,
    OFFICE,
    { action: 'review.start', projectId: id },
    { units: DEFAULT_UNITS, reason: '企业已调整选址，重新预审' },
  );
  expect(body.toast.type).toBe('success');
  return (await reviewsOf(id)).at(-1)!.id;
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

describe('a superseded review changes nothing', () => {
  it('a leader may not overrule the old veto while the new review is open', async () => {
    const { id, first } = await vetoedProject('旧否决卡片项目');
    const second = await restart(id);
    const body = await click(
      bot,
      GROUP_LEADER,
      { action: 'review.overrule', reviewId: first },
      { overrule_reason: '领导小组同意推进' },
    );
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain(SUPERSEDED);
    expect((await project(id)).reviewStatus).toBe('IN_REVIEW');
    expect((await reviewsOf(id)).map((r) => [r.id, r.status, r.overruledById])).toEqual([
      [first, 'VETOED', null],
      [second, 'OPEN', null],
    ]);
    expect(await overruleRows(id)).toBe(0);
    expect(await signable(id)).not.toBeNull();
  });

  it('nor after the new review was vetoed too; the new veto card still works', async () => {
    const { id, first } = await vetoedProject('两次否决项目');
    const second = await restart(id);
    expect((await opinion(id, 'EPB', veto)).toast.type).toBe('success');
    expect((await project(id)).reviewStatus).toBe('VETOED');
    const old = await click(bot, DEPUTY, { action: 'review.overrule', reviewId: first }, { overrule_reason: '同意' });
    expect(old.toast.type).toBe('error');
    expect(old.toast.content).toContain(SUPERSEDED);
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(['VETOED', 'VETOED']);
    expect(await overruleRows(id)).toBe(0);
    expect(await signable(id)).not.toBeNull();

    const current = await click(
      bot,
      DEPUTY,
      { action: 'review.overrule', reviewId: second },
      { overrule_reason: '领导小组会议同意' },
    );
    expect(current.toast.type).toBe('success');
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(['VETOED', 'OVERRULED']);
    expect(await signable(id)).toBeNull();
  });

  it('nor after the new review passed: the decision would land on a review that is no longer the current one', async () => {
    const { id, first } = await vetoedProject('重新预审通过项目');
    await restart(id);
    for (const unit of DEFAULT_UNITS)
      expect((await opinion(id, unit, { decision: 'PASS' })).toast.type).toBe('success');
    expect((await project(id)).reviewStatus).toBe('PASSED');
    const old = await click(
      bot,
      GROUP_LEADER,
      { action: 'review.overrule', reviewId: first },
      { overrule_reason: '同意' },
    );
    expect(old.toast.content).toContain(SUPERSEDED);
    expect((await project(id)).reviewStatus).toBe('PASSED');
    expect((await reviewsOf(id)).map((r) => r.status)).toEqual(['VETOED', 'PASSED']);
    expect(await overruleRows(id)).toBe(0);
  });

  it('an unanswered opinion card of the old review is refused and records nothing', async () => {
    const { id, pendingOld } = await vetoedProject('旧预审卡片项目');
    await restart(id);
    const reviewer = await reviewerOf(pendingOld);
    const body = await click(bot, reviewer, { action: 'review.opinion', opinionId: pendingOld }, { decision: 'PASS' });
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain(SUPERSEDED);
    expect((await db().reviewOpinion.findUniqueOrThrow({ where: { id: pendingOld } })).decision).toBe('PENDING');
    expect((await project(id)).reviewStatus).toBe('IN_REVIEW');
  });
});

describe('the signing gate asks only the newest review', () => {
  it('an overrule of an older review does not count once a newer review exists', async () => {
    const { id, first } = await vetoedProject('网关只看最新预审项目');
    await restart(id);
    // Even if an overrule had landed on the old review (as stored before this rule), the newer,
    // still open review decides.
    await db().projectReview.update({ where: { id: first }, data: { status: 'OVERRULED', overruleReason: '旧' } });
    await db().project.update({ where: { id }, data: { reviewStatus: 'OVERRULED' } });
    const reason = await signable(id);
    expect(reason).not.toBeNull();
    expect(reason).toContain('环保局');
  });
});
