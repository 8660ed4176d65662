import type * as lark from '@larksuiteoapi/node-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandbox, LEADERSHIP_CHAT_ID, type Sandbox } from '../../src/sandbox/open-api/index.js';
import {
  card,
  failureOf,
  sdkClient,
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

describe('batch send', () => {
  it('each user gets the card in their 1:1 chat, unknown ids are listed, the messages cannot be patched', async () => {
    const r = await client.request<{ code: number; data: { message_id: string; invalid_open_ids: string[] } }>({
      method: 'POST',
      url: '/open-apis/message/v4/batch_send/',
      data: { msg_type: 'interactive', card: card('月报提醒'), open_ids: [CAPTAIN, MEMBER, 'ou_gone'] },
    });
    expect(r.code).toBe(0);
    expect(r.data.message_id).toMatch(/^bm_/);
    expect(r.data.invalid_open_ids).toEqual(['ou_gone']);
    for (const who of [CAPTAIN, MEMBER]) {
      const [m] = sandbox.messagesTo(who);
      expect(m).toMatchObject({
        batch: true,
        batch_message_id: r.data.message_id,
        chat_id: `oc_p2p_${who}`,
        content: card('月报提醒'),
      });
    }
    const m = sandbox.messagesTo(CAPTAIN)[0]!;
    const f = await failureOf(
      client.im.v1.message.patch({ path: { message_id: m.message_id }, data: { content: JSON.stringify(card('改')) } }),
    );
    expect(f.data.code).toBe(230001);
    expect(m.versions).toHaveLength(1);
  });

  it('sends text by department and refuses an empty recipient list', async () => {
    const r = await client.request<{ code: number; data: { invalid_department_ids: string[] } }>({
      method: 'POST',
      url: '/open-apis/message/v4/batch_send/',
      data: { msg_type: 'text', content: { text: '季度督查' }, department_ids: ['od_sbx_0', 'od_missing'] },
    });
    expect(r.data.invalid_department_ids).toEqual(['od_missing']);
    expect(sandbox.state.messages).toHaveLength(8);
    const empty = await failureOf(
      client.request({
        method: 'POST',
        url: '/open-apis/message/v4/batch_send/',
        data: { msg_type: 'text', content: { text: 'x' } },
      }),
    );
    expect(empty.data.code).toBe(99992402);
  });
});

describe('contacts and chats', () => {
  it('batch_get_id finds people by e-mail and mobile, and returns unknown ones without user_id', async () => {
    const r = await client.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: {
        emails: ['captain1@sandbox.example', 'nobody@sandbox.example'],
        mobiles: ['+8613800000007', '13999999999'],
      },
    });
    expect(r.code).toBe(0);
    expect(r.data?.user_list).toEqual([
      { user_id: CAPTAIN, email: 'captain1@sandbox.example', status: expect.any(Object) },
      { email: 'nobody@sandbox.example' },
      { user_id: MEMBER, mobile: '+8613800000007', status: expect.any(Object) },
      { mobile: '13999999999' },
    ]);
  });

  it('gets a user, a chat and the list of groups the bot is in', async () => {
    const u = await client.contact.v3.user.get({ path: { user_id: CAPTAIN }, params: { user_id_type: 'open_id' } });
    expect(u.data?.user).toMatchObject({
      open_id: CAPTAIN,
      union_id: 'on_sbx_6',
      user_id: 'sbx6',
      name: '张队长',
      mobile: '13800000006',
    });
    expect((await failureOf(client.contact.v3.user.get({ path: { user_id: 'ou_x' } }))).data.code).toBe(41050);
    const c = await client.im.v1.chat.get({ path: { chat_id: LEADERSHIP_CHAT_ID } });
    expect(c.data).toMatchObject({ name: '招商工作领导小组', chat_mode: 'group', owner_id: 'ou_sbx_1' });
    const list = await client.im.v1.chat.list({});
    expect(list.data?.items?.map((i) => i.chat_id)).toEqual([LEADERSHIP_CHAT_ID]);
    expect((await failureOf(client.im.v1.chat.get({ path: { chat_id: 'oc_nope' } }))).data.code).toBe(232006);
  });

  it('answers unknown routes with 404', async () => {
    const f = await failureOf(client.request({ method: 'GET', url: '/open-apis/nothing/v1/here' }));
    expect(f.status).toBe(404);
  });
});

describe('failures and rate limits', () => {
  it('an injected rate limit answers 429 / 99991400 with a reset header, then calls go through again', async () => {
    sandbox.failNext(1, 'rateLimit', { resetSeconds: 3 });
    const f = await failureOf(sendCard(CAPTAIN));
    expect(f.status).toBe(429);
    expect(f.data).toMatchObject({ code: 99991400, msg: 'request trigger frequency limit' });
    expect(f.headers['x-ogw-ratelimit-reset']).toBe('3');
    expect((await sendCard(CAPTAIN)).code).toBe(0);
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(1);
  });

  it('injects server errors and invalid-token answers', async () => {
    sandbox.failNext(1, 'server');
    sandbox.failNext(1, 'invalidToken');
    expect((await failureOf(sendCard(CAPTAIN))).status).toBe(500);
    expect((await failureOf(sendCard(CAPTAIN))).data.code).toBe(99991663);
    expect((await sendCard(CAPTAIN)).code).toBe(0);
  });

  it('a sixth message within a second to one chat is refused, other chats are not affected', async () => {
    for (let i = 0; i < 5; i++) await sendCard(CAPTAIN);
    const f = await failureOf(sendCard(CAPTAIN));
    expect(f).toMatchObject({ status: 429, data: { code: 99991400 } });
    expect((await sendCard(MEMBER)).code).toBe(0);
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(5);
  });

  it('more than 50 calls a second from the app are refused', async () => {
    const results = await Promise.allSettled(Array.from({ length: 60 }, () => client.im.v1.chat.list({})));
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused.length).toBeGreaterThanOrEqual(10);
  });

  it('rateLimits: false turns the limiter off', async () => {
    const free = createSandbox({ appId: APP_ID, appSecret: APP_SECRET, rateLimits: false });
    const c = sdkClient(await free.start(), APP_ID, APP_SECRET);
    for (let i = 0; i < 8; i++) {
      await c.im.v1.message.create({
        params: { receive_id_type: 'open_id' },
        data: { receive_id: CAPTAIN, msg_type: 'text', content: '{"text":"x"}' },
      });
    }
    expect(free.messagesTo(CAPTAIN)).toHaveLength(8);
    await free.stop();
  });

  it('reset() forgets calls, messages and uuids', async () => {
    await sendCard(CAPTAIN, card('a'), 'u1');
    sandbox.reset();
    expect(sandbox.state.messages).toHaveLength(0);
    expect(sandbox.callCount()).toBe(0);
    await sendCard(CAPTAIN, card('a'), 'u1');
    expect(sandbox.messagesTo(CAPTAIN)).toHaveLength(1);
  });
});
