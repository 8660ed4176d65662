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
  say,
  settle,
  startReviewAs,
} from './review-helpers.js';

// The one-vote veto must not be gone around: the plan's six units always review, a vetoed project
// is reviewed again only when the office starts it with a reason (the vetoing unit included), and
// nobody reviews a project of a squad they belong to.

// 纺织和羽绒产业招商小分队: led by 经贸局, captain 经贸局局长 — the head of a reviewing unit.
const TEXTILE = 'TEXTILE_DOWN';
const TEXTILE_CAPTAIN = '经贸局局长';
// 项目推进服务小分队: captain 区工业园管委主任; 政务办's only person (政务办二分队队员) is its member.
const SERVICE = 'PROJECT_SERVICE';
const OFFICE_ADMIN = '招商局局长';
const OFFICE_STAFF = '领导小组办公室工作人员'; // OFFICE, not OFFICE_ADMIN

let bot: TestBot;
const db = () => bot.database.prisma;
const project = (id: number) => db().project.findUniqueOrThrow({ where: { id } });
const signable = async (id: number) => checkSignable(db(), { ...(await project(id)), stage: 'SIGNED' });
const reviewsOf = (id: number) => db().projectReview.count({ where: { projectId: id } });
const unitsOfLatest = async (id: number) =>
  (
    await db().reviewOpinion.findMany({
      where: { review: { projectId: id } },
      include: { unit: true },
      orderBy: { id: 'asc' },
    })
  )
    .filter((o, _, all) => o.reviewId === all.at(-1)!.reviewId)
    .map((o) => o.unit.code);

async function answerAll(id: number, except: string[] = []): Promise<void> {
  for (const code of DEFAULT_UNITS.filter((c) => !except.includes(c))) {
    const opinionId = await opinionIdFor(bot, id, code);
    const reviewer = (await reviewerNames(opinionId))[0]!;
    const body = await click(bot, reviewer, { action: 'review.opinion', opinionId }, { decision: 'PASS' });
    expect(body.toast.type, `${code} by ${reviewer}`).toBe('success');
  }
}

/** Who got the opinion card of this opinion (by name). */
async function reviewerNames(opinionId: number): Promise<string[]> {
  await settle(bot);
  const people = await db().person.findMany({ where: { openId: { not: null } } });
  const out: string[] = [];
  for (const p of people)
    if ((await opinionCardsTo(bot, p.name)).some((c) => c.opinionId === opinionId)) out.push(p.name);
  return out;
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

describe('the plan’s six units always review', () => {
  it('a squad may not start a review with only its own lead unit', async () => {
    const id = await createProject(bot, { name: '羽绒服装项目', squadCode: TEXTILE, investment: 30_000 });
    const body = await startReviewAs(bot, TEXTILE_CAPTAIN, id, ['ECON']);
    expect(body.toast.type).toBe('error');
    expect(body.toast.content).toContain('环保局');
    expect(await reviewsOf(id)).toBe(0);
    expect((await project(id)).reviewStatus).toBe('NONE');
  });

  it('the office may add a unit; the six stay', async () => {
    const id = await createProject(bot, { name: '加审国土项目', squadCode: TEXTILE, investment: 30_000 });
    const body = await startReviewAs(bot, OFFICE_STAFF, id, [...DEFAULT_UNITS, 'LAND']);
    expect(body.toast.type).toBe('success');
    expect((await unitsOfLatest(id)).sort()).toEqual([...DEFAULT_UNITS, 'LAND'].sort());
  });

  it('removing one needs an office admin and a reason', async () => {
    const id = await createProject(bot, { name: '减审项目', squadCode: TEXTILE, investment: 30_000 });
    const five = DEFAULT_UNITS.filter((c) => c !== 'GOV_SERVICE');
    const staff = await click(
      bot,
      OFFICE_STAFF,
      { action: 'review.start', projectId: id },
      { units: five, reason: '无关' },
    );
    expect(staff.toast.type).toBe('error');
    expect(staff.toast.content).toContain('办公室管理员');
    const noReason = await click(bot, OFFICE_ADMIN, { action: 'review.start', projectId: id }, { units: five });
    expect(noReason.toast.type).toBe('error');
    expect(noReason.toast.content).toContain('理由');
    expect(await reviewsOf(id)).toBe(0);
    const ok = await click(
      bot,
      OFFICE_ADMIN,
      { action: 'review.start', projectId: id },
      { units: five, reason: '项目不涉及行政审批事项' },
    );
    expect(ok.toast.type).toBe('success');
    expect((await unitsOfLatest(id)).sort()).toEqual([...five].sort());
    const audit = await db().auditLog.findFirstOrThrow({
      where: { entity: 'Project', entityId: String(id), action: 'review.start' },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ removed: [{ unit: '政务办', reason: '项目不涉及行政审批事项' }] });
    const card = JSON.stringify(ok.card.data);
    expect(card).toContain('政务办');
    expect(card).toContain('项目不涉及行政审批事项');
  });
});

describe('nobody reviews a project of a squad they belong to', () => {
  let id: number;

  it('the captain who heads a reviewing unit does not get its card; someone of the unit outside the squad does', async () => {
    id = await createProject(bot, { name: '羽绒精深加工项目', squadCode: TEXTILE, investment: 30_000 });
    expect((await startReviewAs(bot, TEXTILE_CAPTAIN, id)).toast.type).toBe('success');
    const econ = await opinionIdFor(bot, id, 'ECON');
    const reviewers = await reviewerNames(econ);
    expect(reviewers).not.toContain(TEXTILE_CAPTAIN);
    expect(reviewers.length).toBeGreaterThan(0);
  });

  it('the captain may not answer the card of their own unit', async () => {
    const body = await click(
      bot,
      TEXTILE_CAPTAIN,
      { action: 'review.opinion', opinionId: await opinionIdFor(bot, id, 'ECON') },
      { decision: 'PASS' },
    );
    expect(body.toast.type).toBe('error');
    expect(
      (await db().reviewOpinion.findUniqueOrThrow({ where: { id: await opinionIdFor(bot, id, 'ECON') } })).decision,
    ).toBe('PENDING');
  });

  it('a unit with no one left: the office admins are asked to name a reviewer, and do', async () => {
    const sid = await createProject(bot, { name: '园区标准厂房项目', squadCode: SERVICE, investment: 30_000 });
    expect((await startReviewAs(bot, '区工业园管委主任', sid)).toast.type).toBe('success');
    await settle(bot);
    const gov = await opinionIdFor(bot, sid, 'GOV_SERVICE');
    expect(await reviewerNames(gov)).toEqual([]);
    const asked = bot.sb
      .messagesTo(await bot.openIdOf(OFFICE_ADMIN))
      .map((m) => JSON.stringify(m.versions.at(-1)!.content))
      .find((t) => t.includes('指定') && t.includes('政务办'));
    expect(asked).toBeTruthy();
    expect(asked).toContain(`/review ${sid} 指定 政务办`);
    // A member of the squad may not be named; the office staff (not admin) may not name anyone.
    const member = await say(bot, OFFICE_ADMIN, `/review ${sid} 指定 政务办 政务办二分队队员`);
    expect(JSON.stringify(member)).toContain('属于');
    const staff = await say(bot, OFFICE_STAFF, `/review ${sid} 指定 政务办 财政局一分队队员`);
    expect(JSON.stringify(staff)).toContain('办公室管理员');
    const named = await say(bot, OFFICE_ADMIN, `/review ${sid} 指定 政务办 财政局一分队队员`);
    expect(JSON.stringify(named)).toContain('已指定');
    expect(await reviewerNames(gov)).toEqual(['财政局一分队队员']);
    const body = await click(
      bot,
      '财政局一分队队员',
      { action: 'review.opinion', opinionId: gov },
      { decision: 'PASS' },
    );
    expect(body.toast.type).toBe('success');
  });
});

describe('after a veto', () => {
  let id: number;

  it('a veto is recorded', async () => {
    id = await createProject(bot, { name: '化工中间体项目', squadCode: TEXTILE, investment: 80_000 });
    await startReviewAs(bot, TEXTILE_CAPTAIN, id);
    const epb = await opinionIdFor(bot, id, 'EPB');
    const [epbReviewer] = await reviewerNames(epb);
    const body = await click(
      bot,
      epbReviewer!,
      { action: 'review.opinion', opinionId: epb },
      { decision: 'VETO', veto_category: 'ENVIRONMENT', reason: '不符合园区环评要求' },
    );
    expect(body.toast.type).toBe('success');
    expect((await project(id)).reviewStatus).toBe('VETOED');
  });

  it('the squad may not restart it with a single friendly unit', async () => {
    const body = await startReviewAs(bot, TEXTILE_CAPTAIN, id, ['ECON']);
    expect(body.toast.type).toBe('error');
    const all = await startReviewAs(bot, TEXTILE_CAPTAIN, id);
    expect(all.toast.type).toBe('error');
    expect(await reviewsOf(id)).toBe(1);
    expect(await signable(id)).not.toBeNull();
  });

  it('the office restarts only with a reason, and the vetoing unit reviews again', async () => {
    const noReason = await startReviewAs(bot, OFFICE_STAFF, id);
    expect(noReason.toast.type).toBe('error');
    expect(noReason.toast.content).toContain('理由');
    const withoutEpb = await click(
      bot,
      OFFICE_ADMIN,
      { action: 'review.start', projectId: id },
      { units: DEFAULT_UNITS.filter((c) => c !== 'EPB'), reason: '企业已调整工艺' },
    );
    expect(withoutEpb.toast.type).toBe('error');
    expect(withoutEpb.toast.content).toContain('环保局');
    expect(await reviewsOf(id)).toBe(1);
    const ok = await click(
      bot,
      OFFICE_STAFF,
      { action: 'review.start', projectId: id },
      { units: DEFAULT_UNITS, reason: '企业已调整工艺，重新预审' },
    );
    expect(ok.toast.type).toBe('success');
    expect(await reviewsOf(id)).toBe(2);
    expect(await unitsOfLatest(id)).toContain('EPB');
    const audit = await db().auditLog.findFirstOrThrow({
      where: { entity: 'Project', entityId: String(id), action: 'review.start' },
      orderBy: { id: 'desc' },
    });
    expect(JSON.parse(audit.detail)).toMatchObject({ reason: '企业已调整工艺，重新预审' });
    expect(await signable(id)).not.toBeNull();
    await answerAll(id);
    expect(await signable(id)).toBeNull();
  });
});
