import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../../src/clock.js';
import { p2pChatId } from '../../src/sandbox/open-api/index.js';
import { cardCallback } from '../helpers/cards.js';
import { fixture, postSigned, withText } from '../helpers/feishu.js';
import { startRealAppBot, type RealAppBot } from '../helpers/real-app.js';

// A real app whose owner set LARK_ALLOW_PLAINTEXT=true instead of an Encrypt Key: requests come in
// clear, carrying the verification token that anyone who has seen one request knows. What still
// keeps an old request from being played again is its event time (header.create_time).

const TOKEN = 'plaintext-verification-token';
let bot: RealAppBot;
let member: string; // 财政局三分队队员: creates the project
let office: string; // 招商局局长: may move a project to any stage
let cardMessageId: string;
let projectId: number;

const nowMs = () => Date.now();
/** Feishu's header.create_time: milliseconds for events, microseconds for card callbacks. */
const eventTime = (ms: number) => String(ms);
const callbackTime = (ms: number) => String(ms * 1000);

async function post(route: 'event' | 'card', payload: Record<string, any>) {
  return postSigned(`${bot.url}/webhook/${route}`, payload, { verificationToken: TOKEN });
}

function stageCallback(createTime: string) {
  const cb = cardCallback({
    openId: office,
    messageId: cardMessageId,
    name: 'stage_submit',
    value: { action: 'project.stage', projectId, seq: 1 },
    formValue: { to_stage: 'STARTED', stage_date: '2018-06-24 +0800', investment: '8000' },
  });
  cb.header.create_time = createTime;
  return cb;
}

const project = () => bot.database.prisma.project.findUniqueOrThrow({ where: { id: projectId } });
const traces = async () => [
  await bot.database.prisma.processedEvent.count(),
  await bot.database.prisma.projectStageChange.count(),
  await bot.database.prisma.auditLog.count(),
];

beforeAll(async () => {
  bot = await startRealAppBot(
    { LARK_VERIFICATION_TOKEN: TOKEN, LARK_ALLOW_PLAINTEXT: 'true' },
    { clock: new FixedClock(new Date('2018-06-25T02:00:00Z')) },
  );
  member = await bot.openIdOf('财政局三分队队员');
  office = await bot.openIdOf('招商局局长');

  // The member asks for the new-project form in clear, with a fresh event time: taken.
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/project new', {
    openId: member,
    chatId: p2pChatId(member),
  });
  ev.header.create_time = eventTime(nowMs());
  bot.sb.recordIncomingMessage(ev.event.message, member);
  expect((await post('event', ev)).status).toBe(200);
  await bot.sender.drain();
  const form = bot.sb.state.messages.find((m) => m.parent_id === ev.event.message.message_id);
  if (!form) throw new Error('no reply to /project new');
  cardMessageId = form.message_id;
  const create = cardCallback({
    openId: member,
    messageId: cardMessageId,
    name: 'project_create',
    value: { action: 'project.create' },
    formValue: { project_name: '电子元件产业园', company: '深圳某电子有限公司', investment: '8000' },
  });
  create.header.create_time = callbackTime(nowMs());
  const created = await post('card', create);
  expect(created.status).toBe(200);
  expect(created.body.toast.content).toBe('项目已创建');
  projectId = (await bot.database.prisma.project.findFirstOrThrow({ where: { name: '电子元件产业园' } })).id;
}, 120_000);
afterAll(async () => {
  await bot?.close();
});

describe('a real app without an Encrypt Key (LARK_ALLOW_PLAINTEXT=true)', () => {
  it('refuses a card callback dated 2001 carrying only the token, naming 招商局局长: nothing changes', async () => {
    const before = await traces();
    const old = await post('card', stageCallback(callbackTime(Date.UTC(2001, 0, 1))));
    expect(old.status).toBe(401);
    expect(old.body.error).toMatch(/create_time outside the allowed window/);
    expect((await project()).stage).toBe('NEGOTIATING');
    expect(await traces()).toEqual(before);
  });

  it('refuses one ten minutes old or without an event time, and takes the same click made now', async () => {
    const before = await traces();
    expect((await post('card', stageCallback(callbackTime(nowMs() - 10 * 60_000)))).status).toBe(401);
    const timeless = stageCallback('');
    delete timeless.header.create_time;
    expect((await post('card', timeless)).status).toBe(401);
    expect(await traces()).toEqual(before);
    // The forged request was valid in every other way: dated now, it moves the project.
    const now = await post('card', stageCallback(callbackTime(nowMs())));
    expect(now.status).toBe(200);
    expect((await project()).stage).toBe('STARTED');
    // The request-URL check has no event time: the token alone answers it (it only echoes the challenge).
    const check = await post('event', fixture('events/url_verification.json'));
    expect(check).toEqual({ status: 200, body: { challenge: 'ajls384kdjx98XX' } });
  });

  it('says in /healthz that requests are not signed', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; warnings?: string[] };
    expect(body.ok).toBe(true);
    expect(body.warnings?.join('\n')).toMatch(/LARK_ALLOW_PLAINTEXT=true.*not signed/);
  });
});
