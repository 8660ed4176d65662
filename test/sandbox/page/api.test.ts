import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs } from '../../../src/jobs/index.js';
import { p2pChatId } from '../../../src/sandbox/open-api/index.js';
import { startTestBot, type TestBot } from '../../helpers/app.js';

// The chat page's own endpoints, without a browser: who may post where, the office panel's job
// runs, the event stream, that no file outside the page is ever served, and that only the page
// itself (this start's token, same origin, JSON) may call them.

const runs: Date[] = [];
jobs['sandbox-test.job'] = {
  label: '测试任务',
  cron: '0 9 * * *',
  catchUp: 'same-day',
  run: async (_deps, now) => {
    runs.push(now);
    return { summary: '提醒了 0 个小分队', messages: 0 };
  },
};

let bot: TestBot;
let office: string;
let captain: string;
let token: string;
beforeAll(async () => {
  bot = await startTestBot();
  token = new URL(bot.pageUrl ?? bot.url).searchParams.get('t') ?? '';
  office = await bot.openIdOf('招商局局长');
  const squad = await bot.database.prisma.squad.findFirstOrThrow({
    where: { sortOrder: { gt: 1 } },
    include: { members: { include: { person: true } } },
  });
  captain = squad.members.find((m) => m.role === 'CAPTAIN')!.person.openId!;
});
afterAll(async () => {
  await bot?.close();
});

const post = async (path: string, body: unknown) => {
  const res = await fetch(`${bot.url}/sandbox/api/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-sandbox-token': token },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
};
/** A POST with this Host header (fetch does not let one set it), as a browser sends it after DNS rebinding. */
const statusThroughHost = (host: string) =>
  new Promise<number>((resolve, reject) => {
    const body = JSON.stringify({ openId: captain, chatId: p2pChatId(captain), text: '/help' });
    const req = http.request(
      `${bot.url}/sandbox/api/send`,
      { method: 'POST', headers: { host, 'content-type': 'application/json', 'x-sandbox-token': token } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
const get = (path: string) => fetch(`${bot.url}/sandbox/api/${path}`, { headers: { 'x-sandbox-token': token } });

describe('the sandbox page API', () => {
  it('serves the page and its modules, and nothing else', async () => {
    const page = await fetch(`${bot.url}/sandbox`);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('/sandbox/static/app.js');
    const js = await fetch(`${bot.url}/sandbox/static/card.js`);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(await js.text()).not.toMatch(/: Json\b/); // types stripped
    for (const bad of ['..%2Fpackage.json', 'card.ts', '..%2F..%2F.env', 'missing.js']) {
      expect((await fetch(`${bot.url}/sandbox/static/${bad}`)).status, bad).toBe(404);
    }
  });

  it('a typed /help reaches the bot as a signed event and the answer lands in the chat', async () => {
    const res = await post('send', { openId: captain, chatId: p2pChatId(captain), text: '/help' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe(200);
    await bot.flush();
    const inChat = bot.sb.messagesIn(p2pChatId(captain));
    expect(inChat.map((m) => (m.from_open_id ? 'user' : m.msg_type))).toEqual(['user', 'interactive']);
    expect(inChat[1]!.parent_id).toBe(res.body.messageId);
  });

  it('refuses to post into a chat the person is not in, and records nothing', async () => {
    const before = bot.sb.state.messages.length;
    const res = await post('send', { openId: captain, chatId: p2pChatId(office), text: '/help' });
    expect(res.status).toBe(403);
    expect(res.body.error).toContain('不在这个会话');
    expect((await post('send', { openId: captain, chatId: p2pChatId(captain), text: '   ' })).status).toBe(400);
    expect(bot.sb.state.messages.length).toBe(before);
  });

  it('refuses a click on a card the person cannot see', async () => {
    const card = bot.sb.messagesIn(p2pChatId(captain)).find((m) => m.msg_type === 'interactive')!;
    const res = await post('card', {
      openId: office,
      messageId: card.message_id,
      action: { tag: 'button', value: { action: 'x' } },
    });
    expect(res.status).toBe(403);
  });

  it('runs a scheduled job for the chosen date, for the office only', async () => {
    const list = await (await get('jobs')).json();
    expect(list.jobs).toContainEqual({ name: 'sandbox-test.job', label: '测试任务', cron: '0 9 * * *' });
    const refused = await post('jobs/run', {
      openId: captain,
      name: 'sandbox-test.job',
      date: '2018-06-27',
      time: '09:00',
    });
    expect(refused.status).toBe(403);
    expect(runs).toHaveLength(0);
    const ok = await post('jobs/run', { openId: office, name: 'sandbox-test.job', date: '2018-06-27', time: '09:00' });
    expect(ok.body).toMatchObject({ ok: true, summary: '提醒了 0 个小分队', at: '2018-06-27 09:00' });
    expect(runs.map((d) => d.toISOString())).toEqual(['2018-06-27T01:00:00.000Z']);
    expect(
      (await post('jobs/run', { openId: office, name: 'sandbox-test.job', date: '27/06/2018', time: '09:00' })).status,
    ).toBe(400);
  });

  it('streams what the bot sends as server-sent events', async () => {
    const ctrl = new AbortController();
    expect((await fetch(`${bot.url}/sandbox/api/stream`)).status).toBe(403);
    const res = await fetch(`${bot.url}/sandbox/api/stream?t=${token}`, { signal: ctrl.signal });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    await post('send', { openId: captain, chatId: p2pChatId(captain), text: '/help' });
    await bot.flush();
    let text = '';
    while (!text.includes('"msgType":"interactive"')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: message');
    ctrl.abort();
  });

  it('the start log gives the page link with a token of this start', () => {
    expect(bot.pageUrl).toMatch(new RegExp(`^${bot.url}/sandbox\\?t=[a-z]{24}$`));
  });

  it('refuses a cross-site text/plain POST (a foreign page running /export as the office): 4xx, nothing happens', async () => {
    const before = [bot.sb.state.messages.length, await bot.database.prisma.outbox.count()];
    const body = JSON.stringify({ openId: office, chatId: p2pChatId(office), text: '/export leads 2018 联系方式' });
    // What a form or fetch(no-cors) on another site can send without asking: text/plain, its own Origin.
    const crossSite = await fetch(`${bot.url}/sandbox/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      body,
    });
    expect(crossSite.status).toBeGreaterThanOrEqual(400);
    expect(crossSite.status).toBeLessThan(500);
    // Even one that somehow knew the token is refused for its origin, and text/plain is refused as such.
    const withToken = await fetch(`${bot.url}/sandbox/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'x-sandbox-token': token },
      body,
    });
    expect(withToken.status).toBe(403);
    const plain = await fetch(`${bot.url}/sandbox/api/send`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'x-sandbox-token': token },
      body,
    });
    expect(plain.status).toBe(415);
    await bot.flush();
    expect([bot.sb.state.messages.length, await bot.database.prisma.outbox.count()]).toEqual(before);
  });

  it('refuses calls without the token, with a wrong one, from another origin or through a DNS name', async () => {
    const send = (headers: Record<string, string>) =>
      fetch(`${bot.url}/sandbox/api/send`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ openId: captain, chatId: p2pChatId(captain), text: '/help' }),
      });
    const before = bot.sb.state.messages.length;
    const missing = await send({});
    expect(missing.status).toBe(403);
    expect(((await missing.json()) as { error: string }).error).toContain('?t=');
    expect((await send({ 'x-sandbox-token': `${token}x` })).status).toBe(403);
    expect((await send({ 'x-sandbox-token': token, 'sec-fetch-site': 'same-site' })).status).toBe(403);
    expect(await statusThroughHost('rebound.example')).toBe(403); // DNS rebinding: a name pointing here
    expect((await fetch(`${bot.url}/sandbox/api/roster`)).status).toBe(403);
    expect(bot.sb.state.messages.length).toBe(before);
    // The page's own call: same origin, JSON, the token.
    const own = await send({ 'x-sandbox-token': token, origin: bot.url, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
  });
});
