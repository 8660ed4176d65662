import { errors } from './errors.js';
import { isRecord } from './http.js';

// Message content checks as Feishu makes them on send, reply, PATCH and delayed update.
// Limits: a card or rich-text body at most 30 KB, a text body at most 150 KB (error 230025);
// a card that does not parse is 230099.
// https://open.feishu.cn/document/server-docs/im-v1/message/create

const MSG_TYPES = new Set([
  'text',
  'post',
  'image',
  'file',
  'audio',
  'media',
  'sticker',
  'interactive',
  'share_chat',
  'share_user',
  'system',
]);

const CARD_MAX_BYTES = 30 * 1024;
const TEXT_MAX_BYTES = 150 * 1024;

// JSON 2.0 is strict: an unknown top-level property fails the send.
const CARD_V2_KEYS = new Set(['schema', 'config', 'card_link', 'header', 'body', 'i18n_header']);

export function checkMsgType(msgType: string): void {
  if (!MSG_TYPES.has(msgType)) throw errors.invalidParam(`invalid msg_type: ${msgType}`);
}

/** Parses `content` (a JSON string) for a msg_type, throwing Feishu's error when it would be refused. */
export function parseContent(msgType: string, raw: string): unknown {
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (msgType === 'interactive') return parseCardString(raw);
  if (bytes > (msgType === 'text' ? TEXT_MAX_BYTES : CARD_MAX_BYTES)) throw errors.tooLong();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw errors.invalidParam('invalid message content, content must be a JSON string');
  }
  if (!isRecord(parsed)) throw errors.invalidParam('invalid message content');
  if (msgType === 'text' && typeof parsed.text !== 'string')
    throw errors.invalidParam('invalid message content, text is required');
  return parsed;
}

/** A card sent as a JSON string (send, reply, PATCH). */
export function parseCardString(raw: string): Record<string, unknown> {
  if (Buffer.byteLength(raw, 'utf8') > CARD_MAX_BYTES) throw errors.tooLong();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (e) {
    throw errors.badCard(`parse card json err, please check whether the card json is correct: ${(e as Error).message}`);
  }
  return checkCard(parsed);
}

/** A card sent as an object (batch send, delayed update); returns it with its JSON string. */
export function checkCardObject(card: unknown): { card: Record<string, unknown>; raw: string } {
  const raw = JSON.stringify(card ?? null);
  if (Buffer.byteLength(raw, 'utf8') > CARD_MAX_BYTES) throw errors.tooLong();
  return { card: checkCard(card), raw };
}

function checkCard(card: unknown): Record<string, unknown> {
  if (!isRecord(card)) throw errors.badCard('card content must be a JSON object');
  if (card.type === 'template' || card.type === 'card') {
    if (!isRecord(card.data)) throw errors.badCard(`card of type ${String(card.type)} needs a data object`);
    return card;
  }
  if (card.schema === '2.0') {
    for (const key of Object.keys(card)) {
      if (!CARD_V2_KEYS.has(key)) throw errors.badCard(`unknown property "${key}" in card JSON 2.0`);
    }
    if (card.body !== undefined && !isRecord(card.body)) throw errors.badCard('body must be an object');
  }
  return card;
}
