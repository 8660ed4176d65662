import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { fieldOf } from '../helpers/cards.js';
import { click, createProject, opinionCardsTo, opinionIdFor, settle, startReviewAs } from './review-helpers.js';

// The veto button asks before it vetoes; the toast after a veto says where the notices really went
// (one 1:1 card per leader and office person, the squad's status card); the overrule says how
// many units never answered; and no message or answer has doubled punctuation.

const SQUAD = 'AGRI_TOURISM_LOGISTICS';
let bot: TestBot;
let projectId: number;
let reviewId: number;
const answers: unknown[] = [];
const db = () => bot.database.prisma;

beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-09-28T02:00:00Z')) });
  projectId = await createProject(bot, { name: '年产10万吨饲料加工项目', squadCode: SQUAD, investment: 25_000 });
  await startReviewAs(bot, '招商局局长', projectId);
  await settle(bot);
  reviewId = (await db().projectReview.findFirstOrThrow({ where: { projectId } })).id;
});
afterAll(async () => {
  await bot?.close();
});

describe('vetoing', () => {
  it('the opinion card has a separate 一票否决 button that asks for confirmation', async () => {
    const card = JSON.parse((await opinionCardsTo(bot, '经贸局局长')).at(-1)!.text);
    const veto = fieldOf(card, 'review_veto_submit');
    expect(veto.text.content).toBe('一票否决');
    expect(veto.form_action_type).toBe('submit');
    expect(veto.confirm.title.content).toContain('一票否决');
    expect(veto.confirm.text.content).toContain('年产10万吨饲料加工项目');
    expect(veto.behaviors[0].value).toMatchObject({ action: 'review.opinion', decision: 'VETO' });
    // The ordinary submit no longer offers a veto (it would go without asking).
    const options = fieldOf(card, 'decision').options.map((o: any) => o.value);
    expect(options).toEqual(['PASS', 'CONDITIONAL']);
  });

  it('the toast says the veto went to each leader and office person privately, with the counts', async () => {
    answers.push(
      await click(
        bot,
        '发改局局长',
        { action: 'review.opinion', opinionId: await opinionIdFor(bot, projectId, 'DRC') },
        {
          decision: 'PASS',
        },
      ),
    );
    const opinionId = await opinionIdFor(bot, projectId, 'EPB');
    const body = await click(
      bot,
      '环保局局长',
      { action: 'review.opinion', opinionId, decision: 'VETO' },
      { veto_category: 'ENVIRONMENT', reason: '项目位于水源保护区内。' },
    );
    answers.push(body);
    expect(body.toast.type).toBe('success');
    expect(body.toast.content).not.toContain('已通知项目所属小分队和领导小组');
    await settle(bot);
    const leaders = await db().person.count({
      where: { openId: { not: null }, roles: { some: { role: { in: ['GROUP_LEADER', 'DEPUTY_LEADER'] } } } },
    });
    const office = await db().person.count({
      where: { openId: { not: null }, roles: { some: { role: { in: ['OFFICE', 'OFFICE_ADMIN'] } } } },
    });
    expect(body.toast.content).toContain(`私信`);
    expect(body.toast.content).toContain(`领导小组组长、副组长 ${leaders} 人`);
    expect(body.toast.content).toContain(`区招商局 ${office} 人`);
    const vetoCards = bot.sb.state.messages.filter(
      (m) => m.msg_type === 'interactive' && JSON.stringify(m.content).includes('review_overrule_submit'),
    );
    expect(vetoCards.length).toBe(leaders + office);
  });
});

describe('overruling', () => {
  it('says how many units never answered, in the toast, on the status card and to the office', async () => {
    const body = await click(
      bot,
      '曾健清',
      { action: 'review.overrule', reviewId },
      { overrule_reason: '经领导小组会议研究，同意调整选址后推进。' },
    );
    answers.push(body);
    expect(body.toast.content).toContain('4 个单位未出具意见');
    expect(JSON.stringify(body.card.data)).toContain('4 个单位未出具意见');
    await settle(bot);
    const officeText = bot.sb.state.messages
      .map((m) => JSON.stringify(m.content))
      .find((t) => t.includes('的否决已由曾健清推翻'));
    expect(officeText).toContain('4 个单位未出具意见');
  });

  it('no message the bot sent and no answer it gave has doubled punctuation', () => {
    const sent = bot.sb.state.messages.flatMap((m) => m.versions.map((v) => JSON.stringify(v.content)));
    for (const text of [...sent, ...answers.map((a) => JSON.stringify(a))]) expect(text).not.toMatch(/。。|，。|；。/);
  });
});
