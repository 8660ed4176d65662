// npm run replay -- test/fixtures/events/im.message.receive_v1.p2p-help.json [text]
// Signs and encrypts a fixture as Feishu would and posts it to the local bot.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadConfig } from '../config.js';
import { encryptBody, signBody } from '../feishu/crypto.js';

const [file, text] = process.argv.slice(2);
if (!file) {
  console.error('usage: npm run replay -- <fixture.json> [message text]');
  process.exit(2);
}
const config = loadConfig();
const payload = JSON.parse(fs.readFileSync(file, 'utf8'));
if (payload.header) {
  payload.header.token = config.lark.verificationToken;
  payload.header.event_id = `replay_${Date.now()}`;
  if (payload.event?.message) {
    payload.event.message.message_id = `om_${payload.header.event_id}`;
    if (text) payload.event.message.content = JSON.stringify({ text });
  }
} else payload.token = config.lark.verificationToken;
const path = payload.header?.event_type === 'card.action.trigger' ? '/webhook/card' : '/webhook/event';
const key = config.lark.encryptKey;
const raw = key ? JSON.stringify({ encrypt: encryptBody(key, JSON.stringify(payload)) }) : JSON.stringify(payload);
const ts = String(Math.floor(Date.now() / 1000));
const nonce = crypto.randomBytes(8).toString('hex');
const headers: Record<string, string> = { 'content-type': 'application/json' };
if (key)
  Object.assign(headers, {
    'x-lark-request-timestamp': ts,
    'x-lark-request-nonce': nonce,
    'x-lark-signature': signBody(ts, nonce, key, raw),
  });
const res = await fetch(`http://127.0.0.1:${config.port}${path}`, { method: 'POST', headers, body: raw });
console.log(res.status, await res.text());
