import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encryptBody, signBody } from '../../src/feishu/crypto.js';

const FIXTURES = path.resolve('test', 'fixtures');

/** A fixture, parsed (a fresh copy each time). */
export function fixture<T = Record<string, any>>(name: string): T {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as T;
}

let seq = 0;
/** A fresh event id, so each variant is a new delivery. */
export function newEventId(prefix = 'evt'): string {
  return `${prefix}_${Date.now().toString(36)}_${(seq++).toString(36)}_${crypto.randomBytes(3).toString('hex')}`;
}

/** Variant of a message event: new ids, this text, this sender. */
export function withText(
  ev: Record<string, any>,
  text: string,
  opts: { openId?: string; chatId?: string; eventId?: string } = {},
): Record<string, any> {
  const e = structuredClone(ev);
  e.header.event_id = opts.eventId ?? newEventId();
  e.event.message.message_id = 'om_' + e.header.event_id;
  e.event.message.content = JSON.stringify({ text });
  if (opts.openId) e.event.sender.sender_id.open_id = opts.openId;
  if (opts.chatId) e.event.message.chat_id = opts.chatId;
  return e;
}

export interface PostOptions {
  encryptKey?: string;
  verificationToken?: string;
  /** Overrides for forging: a wrong signature, an old timestamp, no signature at all. */
  signature?: string | null;
  timestamp?: number;
  raw?: string;
}

/** Encrypts and signs as Feishu does, then POSTs. */
export async function postSigned(
  url: string,
  payload: Record<string, any>,
  o: PostOptions = {},
): Promise<{ status: number; body: any }> {
  const p = structuredClone(payload);
  if (o.verificationToken !== undefined) {
    if (p.header) p.header.token = o.verificationToken;
    else p.token = o.verificationToken;
  }
  const plain = JSON.stringify(p);
  const raw = o.raw ?? (o.encryptKey ? JSON.stringify({ encrypt: encryptBody(o.encryptKey, plain) }) : plain);
  const ts = String(o.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = crypto.randomBytes(8).toString('hex');
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (o.signature !== null && o.encryptKey) {
    headers['x-lark-request-timestamp'] = ts;
    headers['x-lark-request-nonce'] = nonce;
    headers['x-lark-signature'] = o.signature ?? signBody(ts, nonce, o.encryptKey, raw);
  }
  const res = await fetch(url, { method: 'POST', headers, body: raw });
  const text = await res.text();
  let body: any = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
