import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { type DbWork, dbWorkByName } from '../../src/db/op-count.js';
import { findReview, opinionsWithoutReviewer, reviewersOf } from '../../src/db/reviews.js';
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

// The database work of one opinion submit (同意) on a review whose status card was delivered: it
// does not grow with the units still to answer, and stays within a fixed number of operations.

// 现代农业、旅游物流产业招商小分队: captain 农业局局长; the squad has a group chat.
const SQUAD = 'AGRI_TOURISM_LOGISTICS';
const CAPTAIN = '农业局局长';

let bot: TestBot;
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

/** Who got the opinion card of this opinion (by name). */
async function reviewerOf(opinionId: number): Promise<string> {
  for (const p of await db().person.findMany({ where: { openId: { not: null } }, orderBy: { id: 'asc' } }))
    if ((await opinionCardsTo(bot, p.name)).some((c) => c.opinionId === opinionId)) return p.name;
  throw new Error(`nobody got the card of opinion ${opinionId}`);
}

/** The work counted for `review.opinion` while one submit (同意) runs. */
async function passWork(projectId: number, unit: string): Promise<Omit<DbWork, 'runs'>> {
  const opinionId = await opinionIdFor(bot, projectId, unit);
  const who = await reviewerOf(opinionId);
  const before = { ...(dbWorkByName.get('review.opinion') ?? { runs: 0, operations: 0, statements: 0 }) };
  const body = await click(bot, who, { action: 'review.opinion', opinionId }, { decision: 'PASS' });
  const after = dbWorkByName.get('review.opinion')!;
  expect(body.toast.type).toBe('success');
  expect(after.runs - before.runs).toBe(1);
  await settle(bot);
  return { operations: after.operations - before.operations, statements: after.statements - before.statements };
}

describe('the database work of a pre-review opinion', () => {
  it('is the same for the first of six units as for the fifth, and the sixth passes with a few more', async () => {
    const id = await createProject(bot, { name: '预审计数项目', squadCode: SQUAD, investment: 50_000 });
    expect((await startReviewAs(bot, CAPTAIN, id)).toast.type).toBe('success');
    await settle(bot);
    const work = [];
    for (const unit of DEFAULT_UNITS) work.push(await passWork(id, unit));
    const [first, , , , fifth, sixth] = work;
    expect(fifth).toEqual(first);
    expect(first!.operations).toBeLessThanOrEqual(11);
    expect(first!.statements).toBeLessThanOrEqual(21);
    expect(sixth!.operations).toBeLessThanOrEqual(15);
    expect(sixth!.statements).toBeLessThanOrEqual(25);
    expect((await db().projectReview.findFirstOrThrow({ where: { projectId: id } })).status).toBe('PASSED');
  });

  it('finds the units nobody may answer for in one query, as reviewersOf would one by one', async () => {
    // 项目推进服务小分队: 政务办's only person is its member.
    const id = await createProject(bot, { name: '预审无人项目', squadCode: 'PROJECT_SERVICE', investment: 30_000 });
    expect((await startReviewAs(bot, '区工业园管委主任', id)).toast.type).toBe('success');
    const reviewId = (await db().projectReview.findFirstOrThrow({ where: { projectId: id } })).id;
    const squadId = (await db().project.findUniqueOrThrow({ where: { id } })).squadId;
    const gov = await opinionIdFor(bot, id, 'GOV_SERVICE');
    const outsider = await db().person.findFirstOrThrow({ where: { name: '财政局一分队队员' } });
    const oneByOne = async () => {
      const review = (await findReview(db(), reviewId))!;
      const nobody = [];
      for (const o of review.opinions) if ((await reviewersOf(db(), o, squadId)).length === 0) nobody.push(o.id);
      return { review, nobody };
    };
    const unnamed = await oneByOne();
    expect(unnamed.nobody).toEqual([gov]);
    expect(await opinionsWithoutReviewer(db(), unnamed.review.opinions, squadId)).toEqual(unnamed.nobody);
    await db().reviewOpinion.update({ where: { id: gov }, data: { reviewerId: outsider.id } });
    const named = await oneByOne();
    expect(named.nobody).toEqual([]);
    expect(await opinionsWithoutReviewer(db(), named.review.opinions, squadId)).toEqual([]);
    await db().person.update({ where: { id: outsider.id }, data: { active: false } });
    const gone = await oneByOne();
    expect(gone.nobody).toEqual([gov]);
    expect(await opinionsWithoutReviewer(db(), gone.review.opinions, squadId)).toEqual([gov]);
    await db().person.update({ where: { id: outsider.id }, data: { active: true } });
  });
});
