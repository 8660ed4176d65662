import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { startTestBot, type TestBot } from '../helpers/app.js';
import { commandCard } from '../helpers/cards.js';

// Feishu checks `required` fields on the client and says only “有必填项未填写” without naming the
// field, and a select has no label of its own: the lead card labels 线索来源 with a required mark and
// says which fields are required.

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({}, { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) });
});
afterAll(async () => {
  await bot?.close();
});

describe('the lead card’s required fields', () => {
  it('the 线索来源 select has a visible label with a required mark just above it', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('财政局三分队队员'), '/lead');
    const form = card.body.elements.find((e: any) => e.tag === 'form');
    const i = form.elements.findIndex((e: any) => e.name === 'source');
    expect(form.elements[i].required).toBe(true);
    const label = form.elements[i - 1];
    expect(label.tag).toBe('markdown');
    expect(label.content).toContain('线索来源');
    expect(label.content).toContain("<font color='red'>*</font>");
  });

  it('the card names the required fields next to the submit button', async () => {
    const { card } = await commandCard(bot, await bot.openIdOf('财政局三分队队员'), '/lead');
    const form = card.body.elements.find((e: any) => e.tag === 'form');
    const i = form.elements.findIndex((e: any) => e.name === 'lead_submit');
    const note = form.elements[i - 1];
    expect(note.content).toContain('必填');
    for (const field of ['企业名称', '线索来源', '推荐方名称', '约定奖励']) expect(note.content).toContain(field);
    // Every field named as required is required on the form (or checked by the server for non-visit sources).
    expect(form.elements.find((e: any) => e.name === 'company').required).toBe(true);
  });
});
