// Fresh signed payloads for autocannon: every request is a new event id (the same id twice would be
// answered from the de-dup row and measure nothing).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_LARK } from '../src/config.js';
import { encryptBody, signBody } from '../src/feishu/crypto.js';

export const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(path.resolve('test', 'fixtures', name), 'utf8')) as Record<string, any>;
const HELP = fixture('events/im.message.receive_v1.p2p-help.json');
const CARD = fixture('callbacks/card.action.trigger.button.json');
let seq = 0;

export type Kind = 'help' | 'card';

function payloadOf(kind: Kind, openId: string): Record<string, any> {
  const id = `bench_${process.pid}_${Date.now().toString(36)}_${(seq++).toString(36)}`;
  const p = structuredClone(kind === 'help' ? HELP : CARD);
  p.header.event_id = id;
  p.header.token = SANDBOX_LARK.verificationToken;
  if (kind === 'help') {
    p.event.message.message_id = 'om_' + id;
    p.event.message.content = JSON.stringify({ text: '/help' });
    p.event.sender.sender_id.open_id = openId;
  } else {
    p.event.operator.open_id = openId;
    p.event.context.open_message_id = 'om_' + id;
    p.event.action.form_value = { note: '测试' };
  }
  return p;
}

/** Senders rotate over the roster's sandbox users (72), as in a district: not one person typing 200/s. */
export function signedRequest(
  kind: Kind,
  openId = `ou_sbx_${1 + (seq % 72)}`,
): { headers: Record<string, string>; body: string } {
  return signed(payloadOf(kind, openId));
}

/** Headers and body exactly as Feishu sends them: encrypted, signed, timestamped now. */
export function signed(payload: object): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    encrypt: encryptBody(SANDBOX_LARK.encryptKey, JSON.stringify(payload)),
  });
  const ts = String(Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-lark-request-timestamp': ts,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': signBody(ts, nonce, SANDBOX_LARK.encryptKey, body),
    },
  };
}
