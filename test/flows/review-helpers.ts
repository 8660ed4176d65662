// Shared steps of the joint pre-review flow tests: messages and card clicks as Feishu sends them.
import { expect } from 'vitest';
import type { TestBot } from '../helpers/app.js';
import { fixture, newEventId, withText } from '../helpers/feishu.js';

export const DEFAULT_UNITS = ['ECON', 'EPB', 'INVEST', 'DRC', 'PARK', 'GOV_SERVICE'];

/** A text message from a roster person; returns the reply's outbox content (parsed). */
export async function say(bot: TestBot, name: string, text: string): Promise<any> {
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId: await bot.openIdOf(name),
  });
  expect((await bot.event(ev)).status).toBe(200);
  const row = await bot.database.prisma.outbox.findUnique({
    where: { dedupKey: `reply:${ev.event.message.message_id}` },
  });
  return row ? JSON.parse(row.content) : null;
}

/** A form submit (or button click) by a roster person, as the card callback arrives. */
export async function click(
  bot: TestBot,
  name: string,
  value: Record<string, unknown>,
  formValue?: Record<string, unknown>,
  messageId?: string,
): Promise<any> {
  const p = fixture('callbacks/card.action.trigger.form-submit.json');
  p.header.event_id = newEventId('card');
  p.event.operator.open_id = await bot.openIdOf(name);
  p.event.action.value = value;
  p.event.action.name = 'submit';
  if (formValue) p.event.action.form_value = formValue;
  else delete p.event.action.form_value;
  p.event.context.open_message_id = messageId ?? 'om_' + p.header.event_id;
  const res = await bot.card(p);
  expect(res.status).toBe(200);
  return res.body;
}

export async function createProject(
  bot: TestBot,
  o: { name: string; squadCode: string; investment: number; isKey?: boolean },
): Promise<number> {
  const squad = await bot.database.prisma.squad.findUniqueOrThrow({ where: { code: o.squadCode } });
  const p = await bot.database.prisma.project.create({
    data: {
      name: o.name,
      squadId: squad.id,
      investment: o.investment,
      isKey: o.isKey ?? false,
      company: '某某实业有限公司',
    },
  });
  return p.id;
}

/** Opinion card values the sandbox received at this person's open_id, newest last. */
export async function opinionCardsTo(bot: TestBot, name: string): Promise<{ opinionId: number; text: string }[]> {
  const openId = await bot.openIdOf(name);
  return bot.sb
    .messagesTo(openId)
    .map((m) => JSON.stringify(m.versions.at(-1)!.content))
    .filter((t) => t.includes('review.opinion'))
    .map((t) => ({ opinionId: Number(/"opinionId":(\d+)/.exec(t)![1]), text: t }));
}

export async function opinionIdFor(bot: TestBot, projectId: number, unitCode: string): Promise<number> {
  const o = await bot.database.prisma.reviewOpinion.findFirstOrThrow({
    where: { unit: { code: unitCode }, review: { projectId } },
    orderBy: { id: 'desc' },
  });
  return o.id;
}

/** Taps 发起联合预审 with these units ticked and, when given, the reason typed. */
export async function startReviewAs(
  bot: TestBot,
  name: string,
  projectId: number,
  units = DEFAULT_UNITS,
  reason?: string,
): Promise<any> {
  return click(bot, name, { action: 'review.start', projectId }, reason === undefined ? { units } : { units, reason });
}

/**
 * Delivers everything, including updates Feishu's per-message limit (5 a second) held back for a
 * moment: the sender retries them after the wait the limit asks for.
 */
export async function settle(bot: TestBot): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await bot.flush();
    if ((await bot.database.prisma.outbox.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('outbox did not settle');
}
