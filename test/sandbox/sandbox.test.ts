import * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSandbox,
  LEADERSHIP_CHAT_ID,
  UNSEEN_CHAT_ID,
  type Sandbox,
  type SandboxMessage,
} from '../../src/sandbox/open-api/index.js';
import {
  card,
  cardOfSize,
  failureOf,
  sdkClient,
  silentLogger,
  APP_ID,
  APP_SECRET,
  CAPTAIN,
  MEMBER,
  sendCardWith,
  startSandbox,
} from './helpers.js';

let sandbox: Sandbox;
let client: lark.Client;

beforeEach(async () => {
  ({ sandbox, client } = await startSandbox());
});
afterEach(() => sandbox.stop());

const sendCard = (receiveId: string, c: unknown = card('出差计划'), uuid?: string) =>
  sendCardWith(client, receiveId, c, uuid);

describe('tokens', () => {
  it('the SDK gets one tenant token and sends it as a Bearer header on every call', async () => {
    await sendCard(CAPTAIN);
    await sendCard(MEMBER);
    expect(sandbox.callCount('/open-apis/auth/v3/tenant_access_token/internal')).toBe(1);
    const sends = sandbox.state.calls.filter((c) => c.path === '/open-apis/im/v1/messages');
    expect(sends).toHaveLength(2);
    for (const s of sends) expect(s.headers.authorization).toMatch(/^Bearer t-[0-9a-f]{40}$/);
    const tokenCall = sandbox.state.calls[0]!;
    expect(tokenCall.body).toEqual({ app_id: APP_ID, app_secret: APP_SECRET });
  });

  it('answers the token call with the token at the top level and a 7200 s lifetime', async () => {
    const r = await fetch(`${sandbox.url}/open-apis/auth/v3/tenant_access_token/internal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ app_id: APP_ID, app_secret: APP_SECRET }),
    });
    const body = (await r.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ code: 0, msg: 'ok', expire: expect.any(Number) });
    expect(body.expire).toBeGreaterThan(7200 - 60);
    expect(body.tenant_access_token).toMatch(/^t-/);
  });

  it('a wrong app secret fails the call with 10014 and sends nothing', async () => {
    await sendCard(CAPTAIN); // the right client has a valid token by now
    const wrong = sdkClient(sandbox.url, APP_ID, 'not-the-secret');
    const f = await failureOf(
      wrong.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: CAPTAIN, msg_type: 'text', content: JSON.stringify({ text: 'hi' }) },
      }),
    );
    expect(f.status).toBe(400);
    expect(f.data).toMatchObject({ code: 10014, msg: 'app secret invalid' });
    expect(sandbox.state.calls.at(-1)?.path).toBe('/open-apis/auth/v3/tenant_access_token/internal');
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(1);
  });

  it('refuses calls without a token (99991661) or with an unknown one (99991663)', async () => {
    const send = (headers: Record<string, string>) =>
      fetch(`${sandbox.url}/open-apis/im/v1/chats`, { headers }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { code: number },
      }));
    expect(await send({})).toMatchObject({ status: 400, body: { code: 99991661 } });
    expect(await send({ authorization: 'Bearer t-forged' })).toMatchObject({ status: 400, body: { code: 99991663 } });
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('a client with the SDK’s shared token cache keeps working against a new sandbox with the same app', async () => {
    const appId = 'cli_shared_cache';
    const first = createSandbox({ appId, appSecret: 's' });
    const shared = new lark.Client({
      appId,
      appSecret: 's',
      domain: await first.start(),
      disableTokenCache: false,
      logger: silentLogger,
    });
    await shared.im.v1.chat.list({});
    await first.stop();
    const second = createSandbox({ appId, appSecret: 's' });
    await second.start();
    // The SDK caches the token per app id, not per domain: point a client at the second sandbox.
    const again = new lark.Client({
      appId,
      appSecret: 's',
      domain: second.url,
      disableTokenCache: false,
      logger: silentLogger,
    });
    const r = await again.im.v1.chat.list({});
    expect(r.code).toBe(0);
    expect(second.callCount('/open-apis/auth')).toBe(0);
    await second.stop();
  });
});

describe('sending', () => {
  it('a card to a user lands in the bot’s 1:1 chat with them, answered like Feishu', async () => {
    const r = await sendCard(CAPTAIN, card('月度汇报'));
    expect(r.code).toBe(0);
    expect(r.msg).toBe('success');
    expect(r.data).toMatchObject({
      message_id: expect.stringMatching(/^om_/),
      chat_id: `oc_p2p_${CAPTAIN}`,
      msg_type: 'interactive',
      create_time: expect.stringMatching(/^\d{13}$/),
      sender: { id: APP_ID, id_type: 'app_id', sender_type: 'app' },
      body: { content: JSON.stringify(card('月度汇报')) },
    });
    expect(sandbox.lastCardTo(CAPTAIN)).toEqual(card('月度汇报'));
    expect(sandbox.messagesTo(`oc_p2p_${CAPTAIN}`)).toHaveLength(1);
    const chat = await client.im.v1.chat.get({ path: { chat_id: `oc_p2p_${CAPTAIN}` } });
    expect(chat.data?.chat_mode).toBe('p2p');
  });

  it('sends text to a group by chat_id and by e-mail to a user', async () => {
    await client.im.v1.message.create({
      params: { receive_id_type: 'chat_id' },
      data: { receive_id: LEADERSHIP_CHAT_ID, msg_type: 'text', content: JSON.stringify({ text: '红黑榜已发布' }) },
    });
    await client.im.v1.message.create({
      params: { receive_id_type: 'email' },
      data: { receive_id: 'captain1@sandbox.example', msg_type: 'text', content: JSON.stringify({ text: '请提交' }) },
    });
    expect(sandbox.messagesTo(LEADERSHIP_CHAT_ID)[0]).toMatchObject({
      chat_type: 'group',
      content: { text: '红黑榜已发布' },
    });
    expect(sandbox.messagesTo(CAPTAIN)[0]).toMatchObject({
      receiver: { id: 'captain1@sandbox.example', id_type: 'email' },
    });
  });

  it('refuses unknown receivers, bad msg_type and content that is not JSON', async () => {
    const create = (receive_id: string, msg_type: string, content: string) =>
      failureOf(
        client.im.v1.message.create({
          params: { receive_id_type: 'open_id' },
          data: { receive_id, msg_type, content },
        }),
      );
    expect((await create('ou_nobody', 'text', '{"text":"x"}')).data.code).toBe(230013);
    expect((await create(CAPTAIN, 'telegram', '{"text":"x"}')).data.code).toBe(230001);
    expect((await create(CAPTAIN, 'text', 'plain words')).data.code).toBe(230001);
    const noType = await failureOf(
      client.request({
        method: 'POST',
        url: '/open-apis/im/v1/messages',
        data: { receive_id: CAPTAIN, msg_type: 'text', content: '{"text":"x"}' },
      }),
    );
    expect(noType.data.code).toBe(99992402);
    expect(sandbox.state.messages).toHaveLength(0);
  });

  it('the same uuid within the hour gives back the same message and sends nothing new', async () => {
    const a = await sendCard(CAPTAIN, card('提醒'), 'remind-2018-06-captain');
    const b = await sendCard(CAPTAIN, card('提醒'), 'remind-2018-06-captain');
    const c = await sendCard(CAPTAIN, card('提醒'), 'remind-2018-07-captain');
    expect(b.data?.message_id).toBe(a.data?.message_id);
    expect(c.data?.message_id).not.toBe(a.data?.message_id);
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(2);
    expect(sandbox.messagesTo(CAPTAIN)[0]?.uuid).toBe('remind-2018-06-captain');
  });

  it('a card over 30 KB is refused with 230025, one at the limit goes through, bad card JSON is 230099', async () => {
    expect((await sendCard(CAPTAIN, cardOfSize(30 * 1024))).code).toBe(0);
    const big = await failureOf(sendCard(CAPTAIN, cardOfSize(30 * 1024 + 1)));
    expect(big).toMatchObject({ status: 400, data: { code: 230025 } });
    const broken = await failureOf(
      client.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: CAPTAIN, msg_type: 'interactive', content: '{"schema":"2.0",' },
      }),
    );
    expect(broken.data.code).toBe(230099);
    const v1InV2 = await failureOf(sendCard(CAPTAIN, { schema: '2.0', elements: [] }));
    expect(v1InV2.data.code).toBe(230099);
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(1);
  });

  it('a reply goes into the parent’s chat with parent_id and root_id', async () => {
    const parent = await sendCard(CAPTAIN);
    const parentId = parent.data!.message_id!;
    const r = await client.im.v1.message.reply({
      path: { message_id: parentId },
      data: { msg_type: 'text', content: JSON.stringify({ text: '已收到' }) },
    });
    expect(r.data).toMatchObject({ parent_id: parentId, root_id: parentId, chat_id: `oc_p2p_${CAPTAIN}` });
    const second = await client.im.v1.message.reply({
      path: { message_id: r.data!.message_id! },
      data: { msg_type: 'text', content: JSON.stringify({ text: '再回复' }) },
    });
    expect(second.data?.root_id).toBe(parentId);
    expect(sandbox.messagesTo(CAPTAIN).map((m) => m.parent_id)).toEqual([undefined, parentId, r.data!.message_id]);
  });
});

describe('messages from users', () => {
  const incoming = {
    message_id: 'om_user_1',
    chat_id: 'oc_fixture_p2p',
    chat_type: 'p2p',
    message_type: 'text',
    content: '{"text":"/help"}',
  };

  it('a reply to a recorded user message lands in its chat, addressed to the user', async () => {
    sandbox.recordIncomingMessage(incoming, CAPTAIN);
    const r = await client.im.v1.message.reply({
      path: { message_id: 'om_user_1' },
      data: { msg_type: 'interactive', content: JSON.stringify(card('帮助')) },
    });
    expect(r.data).toMatchObject({ chat_id: 'oc_fixture_p2p', parent_id: 'om_user_1' });
    expect(sandbox.lastCardTo(CAPTAIN)).toEqual(card('帮助'));
    expect(sandbox.messagesTo('oc_fixture_p2p')).toHaveLength(1); // the bot's only
    expect(sandbox.state.messagesIn('oc_fixture_p2p').map((m) => m.from_open_id)).toEqual([CAPTAIN, undefined]);
    const got = await client.im.v1.message.get({ path: { message_id: 'om_user_1' } });
    expect(got.data?.items?.[0]?.sender).toMatchObject({ id: CAPTAIN, id_type: 'open_id', sender_type: 'user' });
    const f = await failureOf(
      client.im.v1.message.patch({ path: { message_id: 'om_user_1' }, data: { content: JSON.stringify(card('x')) } }),
    );
    expect(f.data.code).toBe(230012);
  });

  it('a reply to a message never seen goes to oc_sbx_unseen, or fails with strictReplies', async () => {
    const r = await client.im.v1.message.reply({
      path: { message_id: 'om_never_seen' },
      data: { msg_type: 'text', content: '{"text":"hi"}' },
    });
    expect(r.data).toMatchObject({ chat_id: UNSEEN_CHAT_ID, parent_id: 'om_never_seen' });
    const strict = createSandbox({ appId: APP_ID, appSecret: APP_SECRET, strictReplies: true });
    const c = sdkClient(await strict.start(), APP_ID, APP_SECRET);
    const f = await failureOf(
      c.im.v1.message.reply({
        path: { message_id: 'om_never_seen' },
        data: { msg_type: 'text', content: '{"text":"hi"}' },
      }),
    );
    expect(f.data.code).toBe(230001);
    await strict.stop();
  });

  it('reports the bot’s own open_id on /open-apis/bot/v3/info', async () => {
    const r = await client.request<{ code: number; bot: { open_id: string; app_name: string } }>({
      method: 'GET',
      url: '/open-apis/bot/v3/info',
    });
    expect(r).toMatchObject({ code: 0, bot: { open_id: sandbox.botOpenId } });
    expect(sandbox.botOpenId).toBe('ou_sbx_bot');
  });
});

describe('updating cards', () => {
  it('PATCH replaces the card, keeps every version, and GET shows the latest', async () => {
    const sent = await sendCard(CAPTAIN, card('待审批'));
    const id = sent.data!.message_id!;
    const updates: SandboxMessage[] = [];
    sandbox.events.on('update', (m) => updates.push(m));
    const r = await client.im.v1.message.patch({
      path: { message_id: id },
      data: { content: JSON.stringify(card('已批准')) },
    });
    expect(r).toMatchObject({ code: 0, data: {} });
    const m = sandbox.state.message(id)!;
    expect(m.versions.map((v) => [v.via, (v.content as ReturnType<typeof card>).header.title.content])).toEqual([
      ['create', '待审批'],
      ['patch', '已批准'],
    ]);
    expect(updates).toHaveLength(1);
    const got = await client.im.v1.message.get({ path: { message_id: id } });
    expect(got.data?.items?.[0]).toMatchObject({ updated: true, body: { content: JSON.stringify(card('已批准')) } });
  });

  it('PATCH refuses text messages, unknown ids and oversize cards', async () => {
    const text = await client.im.v1.message.create({
      params: { receive_id_type: 'open_id' },
      data: { receive_id: CAPTAIN, msg_type: 'text', content: JSON.stringify({ text: 'hi' }) },
    });
    const patch = (id: string, c: unknown) =>
      failureOf(client.im.v1.message.patch({ path: { message_id: id }, data: { content: JSON.stringify(c) } }));
    expect((await patch(text.data!.message_id!, card('x'))).data.code).toBe(230001);
    expect((await patch('om_unknown', card('x'))).data.code).toBe(230001);
    const sent = await sendCard(CAPTAIN);
    expect((await patch(sent.data!.message_id!, cardOfSize(40 * 1024))).data.code).toBe(230025);
    expect(sandbox.state.message(sent.data!.message_id!)!.versions).toHaveLength(1);
  });

  it('a callback token updates its card at most twice (300040); an unknown token is 300030', async () => {
    const sent = await sendCard(CAPTAIN, card('表单'));
    sandbox.registerCardToken('c-callback-1', sent.data!.message_id!);
    const update = (token: string, title: string) =>
      client.request<{ code: number }>({
        method: 'POST',
        url: '/open-apis/interactive/v1/card/update',
        data: { token, card: card(title) },
      });
    expect((await update('c-callback-1', '处理中')).code).toBe(0);
    expect((await update('c-callback-1', '已完成')).code).toBe(0);
    expect((await failureOf(update('c-callback-1', '第三次'))).data.code).toBe(300040);
    expect((await failureOf(update('c-nope', 'x'))).data.code).toBe(300030);
    expect(sandbox.lastCardTo(CAPTAIN)).toEqual(card('已完成'));
    expect(sandbox.lastCardMessageTo(CAPTAIN)!.versions.map((v) => v.via)).toEqual([
      'create',
      'card.update',
      'card.update',
    ]);
  });
});
