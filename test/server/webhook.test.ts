import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, newEventId, postSigned, withText } from '../helpers/feishu.js';
import { startTestBot, type TestBot } from '../helpers/app.js';

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
  // The fixture's sender is a squad member on the roster.
  const member = await bot.database.prisma.person.findFirstOrThrow({
    where: { memberOf: { some: { role: 'MEMBER' } } },
  });
  await bot.database.prisma.person.update({ where: { id: member.id }, data: { openId: 'ou_member_1' } });
  expect(await bot.database.prisma.person.count({ where: { openId: null } })).toBe(0);
});
afterAll(async () => {
  await bot?.close();
});

const p2pHelp = () => withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help');
const processed = () => bot.database.prisma.processedEvent.count();
const outbox = () => bot.database.prisma.outbox.count();

describe('webhook edge', () => {
  it('answers the URL verification with the challenge (encrypted, no signature headers)', async () => {
    const res = await bot.event(fixture('events/url_verification.json'), { signature: null });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ challenge: 'ajls384kdjx98XX' });
    const card = await bot.card(fixture('events/url_verification.json'), { signature: null });
    expect(card.body).toEqual({ challenge: 'ajls384kdjx98XX' });
  });

  it('refuses a URL verification with the wrong token', async () => {
    const res = await bot.event(fixture('events/url_verification.json'), {
      signature: null,
      verificationToken: 'wrong',
    });
    expect(res.status).toBe(401);
  });

  it('answers /help in a 1:1 chat with the help card, sent through the sandbox Open API', async () => {
    const ev = p2pHelp();
    const res = await bot.event(ev);
    expect(res.status).toBe(200);
    await bot.flush();
    const sent = bot.sb.state.messages.filter((m) => m.parent_id === ev.event.message.message_id);
    expect(sent).toHaveLength(1);
    const card = sent[0]!.versions.at(-1)!.content as any;
    expect(card.schema).toBe('2.0');
    expect(card.header.title.content).toContain('命令帮助');
    expect(JSON.stringify(card)).toContain('/help');
    expect(JSON.stringify(card)).not.toContain('${');
  });

  it('answers /help in a group only when the bot is @-mentioned', async () => {
    const ev = fixture('events/im.message.receive_v1.group-help.json');
    ev.header.event_id = newEventId();
    ev.event.message.message_id = 'om_' + ev.header.event_id;
    ev.event.message.mentions[0].id.open_id = bot.sb.botOpenId;
    const before = await outbox();
    expect((await bot.event(ev)).status).toBe(200);
    expect(await outbox()).toBe(before + 1);

    const other = structuredClone(ev);
    other.header.event_id = newEventId();
    other.event.message.message_id = 'om_' + other.header.event_id;
    other.event.message.mentions[0].id.open_id = 'ou_someone_else';
    expect((await bot.event(other)).status).toBe(200);
    expect(await outbox()).toBe(before + 1);
  });

  it('the same event delivered three times is answered once', async () => {
    const ev = p2pHelp();
    const before = await outbox();
    const results = await Promise.all([bot.event(ev), bot.event(ev)]);
    results.push(await bot.event(ev));
    for (const r of results) expect(r.status).toBe(200);
    expect(await outbox()).toBe(before + 1);
    expect(await bot.database.prisma.processedEvent.count({ where: { eventId: ev.header.event_id } })).toBe(1);
    await bot.flush();
    const replies = bot.sb.state.messages.filter((m) => m.parent_id === ev.event.message.message_id);
    expect(replies).toHaveLength(1);
  });

  it('refuses a bad signature with 401 and changes nothing', async () => {
    const before = [await processed(), await outbox()];
    const res = await bot.event(p2pHelp(), { signature: 'f'.repeat(64) });
    expect(res.status).toBe(401);
    expect([await processed(), await outbox()]).toEqual(before);
  });

  it('refuses an unsigned request when an encrypt key is configured', async () => {
    const before = await processed();
    const res = await bot.event(p2pHelp(), { signature: null });
    expect(res.status).toBe(401);
    expect(await processed()).toBe(before);
  });

  it('refuses an unencrypted body when an encrypt key is configured', async () => {
    const res = await postSigned(`${bot.url}/webhook/event`, {
      ...p2pHelp(),
      header: { ...p2pHelp().header, token: bot.config.lark.verificationToken },
    });
    expect(res.status).toBe(401);
  });

  it('refuses the wrong verification token with 401', async () => {
    const before = await processed();
    const res = await bot.event(p2pHelp(), { verificationToken: 'not-the-token' });
    expect(res.status).toBe(401);
    expect(await processed()).toBe(before);
  });

  it('refuses a replayed request (timestamp ten minutes old)', async () => {
    const before = await processed();
    const res = await bot.event(p2pHelp(), { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(res.status).toBe(401);
    expect(await processed()).toBe(before);
  });

  it('answers malformed JSON with 400', async () => {
    const res = await fetch(`${bot.url}/webhook/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"encrypt": ',
    });
    expect(res.status).toBe(400);
    const arr = await fetch(`${bot.url}/webhook/card`, { method: 'POST', body: '[1,2]' });
    expect(arr.status).toBe(400);
  });

  it('answers a body over 1 MB with 413 and keeps serving', async () => {
    const big = JSON.stringify({ encrypt: 'x'.repeat(1024 * 1024 + 10) });
    const res = await fetch(`${bot.url}/webhook/event`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    const ok = await bot.event(p2pHelp());
    expect(ok.status).toBe(200);
  });

  it('answers garbage in the encrypt field with 401, not a crash', async () => {
    const res = await fetch(`${bot.url}/webhook/event`, {
      method: 'POST',
      body: JSON.stringify({ encrypt: 'bm90IGEgcmVhbCBjaXBoZXJ0ZXh0IGF0IGFsbCEhISE=' }),
    });
    expect(res.status).toBe(401);
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
  });

  it('answers an unknown command with the help card naming the closest command', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/hlep');
    await bot.event(ev);
    const row = await bot.database.prisma.outbox.findUnique({
      where: { dedupKey: `reply:${ev.event.message.message_id}` },
    });
    expect(row?.content).toContain('/help');
    expect(row?.content).toContain('/hlep');
  });

  it('tells someone not on the roster once how to get added, then stays quiet', async () => {
    const first = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/report', { openId: 'ou_stranger' });
    const second = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/report', {
      openId: 'ou_stranger',
    });
    await bot.event(first);
    await bot.event(second);
    const a = await bot.database.prisma.outbox.findUnique({
      where: { dedupKey: `reply:${first.event.message.message_id}` },
    });
    const b = await bot.database.prisma.outbox.findUnique({
      where: { dedupKey: `reply:${second.event.message.message_id}` },
    });
    expect(a?.content).toContain('名册');
    expect(b).toBeNull();
  });

  it('answers a card callback in time, with JSON even for an unknown action', async () => {
    const cb = fixture('callbacks/card.action.trigger.button.json');
    cb.header.event_id = newEventId();
    const t0 = Date.now();
    const res = await bot.card(cb);
    expect(Date.now() - t0).toBeLessThan(3000);
    expect(res.status).toBe(200);
    expect(res.body.toast.type).toBe('error');
  });

  it('reports health of the database', async () => {
    const res = await fetch(`${bot.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});
