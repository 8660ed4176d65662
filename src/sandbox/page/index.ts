import type { MessageView } from './client/api.js';
import type Router from '@koa/router';
import type { Context } from 'koa';
import { z } from 'zod';
import type { Deps } from '../../deps.js';
import type { Sandbox } from '../open-api/index.js';
import type { SandboxMessage } from '../open-api/types.js';
import { parseJsonObject, readRawBody } from '../../server/body.js';
import { botMenu } from '../../commands/menu.js';
import { buildCardCallback, buildMenuEvent, buildMessageEvent, postToBot, type PageContext } from './feishu-events.js';
import { ATTACH_MAX_BYTES, fileViewOf, mountFileRoutes } from './files.js';
import { newPageToken, pageApiGuard } from './guard.js';
import { listJobViews, runJobAs } from './jobs.js';
import { chatsOf, listRosterGroups, mayPostIn } from './roster.js';
import { readStatic } from './static.js';

// The local chat page (sandbox mode only): GET /sandbox and its files, a small JSON API under
// /sandbox/api (only for the page opened with this start's token, see guard.ts), and a
// server-sent-event stream of what the bot sends through the sandbox Open API.

export interface SandboxPage {
  /** This start's access token: the page's link is /sandbox?t=<token>. */
  token: string;
  /** Ends the open event streams, so the HTTP server can close. */
  close(): void;
}

function viewOf(sandbox: Sandbox, m: SandboxMessage): MessageView {
  const file = fileViewOf(sandbox, m);
  return {
    ...(file ? { file } : {}),
    id: m.message_id,
    chatId: m.chat_id,
    from: m.from_open_id ?? null,
    msgType: m.msg_type,
    content: m.content,
    createTime: m.create_time,
    updateTime: m.update_time,
    versions: m.versions.length,
  };
}

const SendBody = z.object({
  openId: z.string().min(1),
  chatId: z.string().min(1),
  text: z.string().trim().min(1, '请输入要发送的内容').max(4000),
  mentionBot: z.boolean().default(false),
});
const ClickBody = z.object({
  openId: z.string().min(1),
  messageId: z.string().min(1),
  action: z.object({
    tag: z.string().min(1),
    name: z.string().optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    checked: z.boolean().optional(),
    input_value: z.string().optional(),
  }),
});
const MenuBody = z.object({
  openId: z.string().min(1),
  eventKey: z.string().min(1),
});
const RunBody = z.object({
  openId: z.string().min(1),
  name: z.string().min(1),
  date: z.string(),
  time: z.string().default('09:00'),
});

async function jsonBody<T>(ctx: Context, schema: z.ZodType<T>): Promise<T | undefined> {
  const parsed = schema.safeParse(parseJsonObject(await readRawBody(ctx, 256 * 1024)));
  if (parsed.success) return parsed.data;
  ctx.status = 400;
  ctx.body = { error: parsed.error.issues[0]?.message ?? '请求内容有误' };
  return undefined;
}

export function mountSandboxPage(router: Router, deps: Deps, sandbox: Sandbox, botUrl: () => string): SandboxPage {
  const page: PageContext = { sandbox, config: deps.config, botUrl };
  const streams = new Set<() => void>();
  const token = newPageToken();

  const serveFile = async (ctx: Context, name: string) => {
    const file = await readStatic(name);
    if (!file) {
      ctx.status = 404;
      ctx.body = { error: 'not found' };
      return;
    }
    ctx.type = file.type;
    ctx.set('cache-control', 'no-cache');
    ctx.body = file.body;
  };
  router.get('/sandbox', (ctx) => serveFile(ctx, 'index.html'));
  router.get('/sandbox/static/:name', (ctx) => serveFile(ctx, String(ctx.params.name)));
  router.use('/sandbox/api', pageApiGuard(token));

  router.get('/sandbox/api/roster', async (ctx) => {
    const users = Object.fromEntries([...sandbox.state.users.values()].map((u) => [u.open_id, u.name]));
    ctx.body = {
      bot: { openId: sandbox.botOpenId, name: '招商助手' },
      groups: await listRosterGroups(deps.db),
      names: users,
      menu: botMenu.map((m) => ({ eventKey: m.eventKey, label: m.label })),
      attachMaxBytes: ATTACH_MAX_BYTES,
    };
  });
  router.get('/sandbox/api/chats', (ctx) => {
    ctx.body = { chats: chatsOf(sandbox, String(ctx.query.openId ?? '')) };
  });
  router.get('/sandbox/api/messages', (ctx) => {
    ctx.body = { messages: sandbox.messagesIn(String(ctx.query.chatId ?? '')).map((m) => viewOf(sandbox, m)) };
  });

  router.post('/sandbox/api/send', async (ctx) => {
    const body = await jsonBody(ctx, SendBody);
    if (!body) return;
    const sender = sandbox.state.users.get(body.openId);
    if (!sender || !mayPostIn(sandbox, body.openId, body.chatId)) {
      ctx.status = 403;
      ctx.body = { error: '你不在这个会话里，请从左侧列表选择会话。' };
      return;
    }
    const chat = sandbox.state.chats.get(body.chatId) ?? sandbox.state.p2pChatFor(sender);
    const chatType = chat.chat_mode === 'p2p' ? 'p2p' : 'group';
    // In a group Feishu delivers only messages that @-mention the bot; typing the name counts too.
    let text = body.text;
    let mentionBot = body.mentionBot || chatType === 'p2p';
    if (/^@招商助手\s*/.test(text)) {
      text = text.replace(/^@招商助手\s*/, '');
      mentionBot = true;
    }
    if (chatType === 'p2p') mentionBot = false;
    const { payload, message } = buildMessageEvent(page, { sender, chatId: chat.chat_id, chatType, text, mentionBot });
    sandbox.recordIncomingMessage(message, sender.open_id);
    const res = await postToBot(page, '/webhook/event', payload);
    ctx.body = { status: res.status, messageId: message.message_id };
  });

  router.post('/sandbox/api/card', async (ctx) => {
    const body = await jsonBody(ctx, ClickBody);
    if (!body) return;
    const operator = sandbox.state.users.get(body.openId);
    const message = sandbox.state.message(body.messageId);
    if (!operator || !message || !mayPostIn(sandbox, body.openId, message.chat_id)) {
      ctx.status = 403;
      ctx.body = { error: '你看不到这张卡片，请重新选择会话。' };
      return;
    }
    const payload = buildCardCallback(page, operator, message.message_id, message.chat_id, body.action);
    const res = await postToBot(page, '/webhook/card', payload);
    const answer = (res.body && typeof res.body === 'object' ? res.body : {}) as {
      toast?: unknown;
      card?: { type?: string; data?: unknown };
    };
    let replaced = false;
    if (res.status === 200 && answer.card?.type === 'raw' && answer.card.data) {
      replaced = !!sandbox.recordCallbackCard(message.message_id, answer.card.data);
    }
    ctx.body = { status: res.status, toast: answer.toast ?? null, replaced };
  });

  mountFileRoutes(router, page);

  // A tap on the bot's menu (drawn above the input box of the 1:1 chat with the bot): a real
  // application.bot.menu_v6 event; the answer arrives in that chat like any message from the bot.
  router.post('/sandbox/api/menu', async (ctx) => {
    const body = await jsonBody(ctx, MenuBody);
    if (!body) return;
    const operator = sandbox.state.users.get(body.openId);
    if (!operator) {
      ctx.status = 403;
      ctx.body = { error: '请先在左侧选择你的身份。' };
      return;
    }
    if (!botMenu.some((m) => m.eventKey === body.eventKey)) {
      ctx.status = 400;
      ctx.body = { error: '没有这个菜单项，请刷新页面。' };
      return;
    }
    const res = await postToBot(page, '/webhook/event', buildMenuEvent(page, operator, body.eventKey));
    ctx.body = { status: res.status };
  });

  router.get('/sandbox/api/jobs', (ctx) => {
    ctx.body = { jobs: listJobViews(), timezone: deps.config.timezone };
  });
  router.post('/sandbox/api/jobs/run', async (ctx) => {
    const body = await jsonBody(ctx, RunBody);
    if (!body) return;
    const out = await runJobAs(deps, body.openId, body.name, body.date, body.time);
    if (!out.ok) ctx.status = out.status;
    ctx.body = out;
  });

  router.get('/sandbox/api/stream', (ctx) => {
    // Written straight to the socket: Koa's stream handling reports a client going away as an error.
    const res = ctx.res;
    ctx.respond = false;
    ctx.req.socket.setTimeout(0);
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
    });
    res.write('retry: 2000\n\n');
    const send = (type: string, m: SandboxMessage) =>
      res.write(`event: ${type}\ndata: ${JSON.stringify(viewOf(sandbox, m))}\n\n`);
    const onMessage = (m: SandboxMessage) => send('message', m);
    const onUpdate = (m: SandboxMessage) => send('update', m);
    sandbox.events.on('message', onMessage);
    sandbox.events.on('update', onUpdate);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
    beat.unref();
    const end = () => {
      clearInterval(beat);
      sandbox.events.off('message', onMessage);
      sandbox.events.off('update', onUpdate);
      streams.delete(end);
      res.end();
    };
    streams.add(end);
    res.on('close', end);
  });

  return {
    token,
    close() {
      for (const end of [...streams]) end();
      streams.clear();
    },
  };
}
