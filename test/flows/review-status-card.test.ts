import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
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

// The owning squad's status card must end up showing the review as it is, even when every change
// happened while its first send was still under way (the row SENDING, no message id yet).

// 现代农业、旅游物流产业招商小分队: captain 农业局局长; the squad has a group chat.
const SQUAD = 'AGRI_TOURISM_LOGISTICS';
const CAPTAIN = '农业局局长';

let bot: TestBot;
const db = () => bot.database.prisma;

/** Who got the opinion card of this opinion (by name); sends what is waiting, leaves a held row alone. */
async function reviewerOf(opinionId: number): Promise<string> {
  await bot.flush();
  for (const p of await db().person.findMany({ where: { openId: { not: null } }, orderBy: { id: 'asc' } }))
    if ((await opinionCardsTo(bot, p.name)).some((c) => c.opinionId === opinionId)) return p.name;
  throw new Error(`nobody got the card of opinion ${opinionId}`);
}

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

describe('the squad’s review status card', () => {
  it('shows the last change even when all of them came while its first send was under way', async () => {
    const id = await createProject(bot, { name: '状态卡片项目', squadCode: SQUAD, investment: 50_000 });
    expect((await startReviewAs(bot, CAPTAIN, id)).toast.type).toBe('success');
    const reviewId = (await db().projectReview.findFirstOrThrow({ where: { projectId: id } })).id;
    const key = `review-status:${reviewId}`;
    // Another instance has claimed the first send and is still talking to Feishu.
    await db().outbox.update({
      where: { dedupKey: key },
      data: { status: 'SENDING', lockedBy: 'another-instance', lockedUntil: new Date(Date.now() + 3_600_000) },
    });

    for (const unit of DEFAULT_UNITS) {
      const opinionId = await opinionIdFor(bot, id, unit);
      const body = await click(
        bot,
        await reviewerOf(opinionId),
        { action: 'review.opinion', opinionId },
        { decision: 'PASS' },
      );
      expect(body.toast.type).toBe('success');
    }

    // That instance stopped before recording the send: its lease runs out and this one sends the
    // row as it was claimed (0/6); the later changes must follow it.
    await db().outbox.update({ where: { dedupKey: key }, data: { lockedUntil: new Date(Date.now() - 1000) } });
    await settle(bot);
    const chatId = (await db().squad.findUniqueOrThrow({ where: { code: SQUAD } })).chatId!;
    const card = bot.sb.messagesTo(chatId).find((m) => JSON.stringify(m.versions[0]!.content).includes('状态卡片项目'));
    expect(card).toBeTruthy();
    expect(JSON.stringify(card!.versions[0]!.content)).toContain('已出具 0/6');
    expect(JSON.stringify(card!.versions.at(-1)!.content)).toContain('已出具 6/6');
  });
});
