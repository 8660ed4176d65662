// LARK_EVENT_MODE=ws against a local stand-in for Feishu's long-connection gateway: the SDK's
// WSClient pulls the endpoint (POST /callback/ws/endpoint), connects, and gets event frames
// (protobuf, as Feishu sends them); the bot answers through the same dispatcher and handlers.
// What this does not cover: Feishu's real gateway (auth, fragmented frames, reconnects).
import http from 'node:http';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type RunningBot } from '../../src/bot.js';
import { loadConfig } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { createSandbox, type Sandbox } from '../../src/sandbox/open-api/index.js';
import { fixture, newEventId, postSigned, withText } from '../helpers/feishu.js';
import { createPgDatabase, testingOnPostgres } from '../helpers/pg.js';

void lark; // loads the SDK, which registers its protobuf types (pbbp2.Frame) in protobufjs' root
const load = createRequire(import.meta.url);
const { WebSocketServer } = load('ws') as { WebSocketServer: new (o: { server: http.Server }) => any };
const Frame = (load('protobufjs/minimal') as any).roots.default.pbbp2.Frame as {
  encode(f: object): { finish(): Uint8Array };
  decode(b: Uint8Array): any;
};

const APP_ID = 'cli_0123456789abcdef';
let sb: Sandbox;
let gateway: http.Server;
let socket: any;
let connected: Promise<void>;
let bot: RunningBot;
let dir: string;
let dropPg: (() => Promise<void>) | undefined;
const answers = new Map<string, (payload: any) => void>();

beforeAll(async () => {
  sb = createSandbox({ appId: APP_ID });
  await sb.start(0, '127.0.0.1');
  // The gateway: the endpoint call and the socket are ours, every Open API call goes to the sandbox.
  gateway = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    if (req.url === '/callback/ws/endpoint') {
      const port = (gateway.address() as { port: number }).port;
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          code: 0,
          data: {
            URL: `ws://127.0.0.1:${port}/ws?device_id=d1&service_id=7`,
            ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 1, ReconnectNonce: 0 },
          },
        }),
      );
      return;
    }
    const up = await fetch(sb.url + req.url, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    res.writeHead(up.status, { 'content-type': up.headers.get('content-type') ?? 'application/json' });
    res.end(Buffer.from(await up.arrayBuffer()));
  });
  await new Promise<void>((r) => gateway.listen(0, '127.0.0.1', r));
  const wss = new WebSocketServer({ server: gateway });
  connected = new Promise((resolve) =>
    wss.on('connection', (s: any) => {
      socket = s;
      s.on('message', (buf: Buffer) => {
        const f = Frame.decode(buf);
        resolve(); // the client's first ping: it is listening now
        const id = f.headers.find((h: any) => h.key === 'message_id')?.value;
        if (id && answers.has(id)) answers.get(id)!(JSON.parse(Buffer.from(f.payload).toString()));
      });
    }),
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhaoshang-ws-'));
  const pg = testingOnPostgres() ? await createPgDatabase() : undefined;
  dropPg = pg?.drop;
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATABASE_URL: pg?.url ?? `file:${path.join(dir, 'bot.db')}`,
    LOG_LEVEL: 'silent',
    LARK_APP_ID: APP_ID,
    LARK_APP_SECRET: sb.appSecret,
    LARK_VERIFICATION_TOKEN: 'ws-token',
    LARK_DOMAIN: `http://127.0.0.1:${(gateway.address() as { port: number }).port}`,
    LARK_EVENT_MODE: 'ws',
  });
  bot = await startBot(config, { log: createLog('silent') });
  await connected;
}, 60_000);
afterAll(async () => {
  await bot?.stop();
  socket?.terminate();
  await new Promise((r) => gateway?.close(r));
  await sb?.stop();
  await dropPg?.();
  fs.rmSync(dir, { recursive: true, force: true });
});

let seq = 0;
/** Sends one event frame as Feishu's gateway does and resolves with the decoded response payload. */
function sendFrame(event: Record<string, unknown>): Promise<{ code: number; data?: string }> {
  const id = `msg_${++seq}`;
  const answered = new Promise<any>((resolve) => answers.set(id, resolve));
  const headers = { type: 'event', message_id: id, sum: '1', seq: '0', trace_id: 'trace_' + id };
  socket.send(
    Frame.encode({
      SeqID: seq,
      LogID: seq,
      service: 7,
      method: 1, // data
      headers: Object.entries(headers).map(([key, value]) => ({ key, value })),
      payload: Buffer.from(JSON.stringify(event)),
    }).finish(),
  );
  return answered;
}

describe('LARK_EVENT_MODE=ws', () => {
  it('handles a message event from the long connection with the same handlers, once', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help');
    ev.header.token = 'anything: the long connection carries no verification token check';
    sb.recordIncomingMessage(ev.event.message, ev.event.sender.sender_id.open_id);
    const res = await sendFrame(ev);
    expect(res.code).toBe(200);
    // A re-delivery after a reconnect changes nothing.
    expect((await sendFrame(ev)).code).toBe(200);
    expect(await bot.database.prisma.processedEvent.count({ where: { eventId: ev.header.event_id } })).toBe(1);
    await bot.sender.drain();
    expect(sb.state.messages.filter((m) => m.parent_id === ev.event.message.message_id)).toHaveLength(1);
  });

  it('answers a card callback frame with the dispatcher answer in the response frame', async () => {
    const cb = fixture('callbacks/card.action.trigger.button.json');
    cb.header.event_id = newEventId('card');
    const res = await sendFrame(cb);
    expect(res.code).toBe(200);
    const answer = JSON.parse(Buffer.from(res.data!, 'base64').toString());
    expect(answer.toast.type).toBe('error'); // the fixture's action is unknown: a toast saying what to do
    expect(answer.toast.content).toContain('重新发送命令');
  });

  it('without an encrypt key its HTTP webhook takes nothing, not even a fresh request with the token', async () => {
    const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), '/help');
    ev.header.create_time = String(Date.now());
    const res = await postSigned(`${bot.url}/webhook/event`, ev, { verificationToken: 'ws-token' });
    expect(res.status).toBe(403);
    expect(await bot.database.prisma.processedEvent.count({ where: { eventId: ev.header.event_id } })).toBe(0);
  });
});
