import type { MessageView } from './api.js';
import type { CardContext } from './card-context.js';
import { renderCard } from './card.js';
import { arr, h, isObj, textOf } from './dom.js';
import { fileBubble, fileNameOf } from './file-bubble.js';
import { timeText } from './ui.js';

// One chat message as a bubble: the bot's texts and cards on the left, the chosen person's own
// messages on the right, other people's with their name.

export interface MessageContext {
  me: string;
  nameOf(openId: string): string;
  cardContext(messageId: string): CardContext;
}

export function renderMessage(m: MessageView, ctx: MessageContext): HTMLElement {
  const who = m.from === null ? 'bot' : m.from === ctx.me ? 'me' : 'other';
  const name = m.from === null ? '招商助手' : ctx.nameOf(m.from);
  const body =
    m.msgType === 'interactive'
      ? renderCard(m.content, ctx.cardContext(m.id))
      : m.msgType === 'file'
        ? fileBubble(m)
        : h('div', { class: 'bubble' }, textBody(m));
  return h(
    'div',
    { class: `msg msg-${who}`, 'data-id': m.id, 'data-type': m.msgType, 'data-versions': String(m.versions) },
    h('div', { class: 'avatar' }, name.slice(0, 1)),
    h(
      'div',
      { class: 'msg-main' },
      h('div', { class: 'msg-meta' }, `${name} · ${timeText(m.createTime)}`, m.versions > 1 ? ' · 已更新' : ''),
      body,
    ),
  );
}

/** Text and rich-text (post) messages as plain text; @-mention placeholders become names. */
function textBody(m: MessageView): string {
  const c = isObj(m.content) ? m.content : {};
  if (m.msgType === 'text') {
    return textOf(c.text)
      .replace(/@_user_\d+/g, '@招商助手')
      .replace(/<at user_id=["']?[^"'>]*["']?>([^<]*)<\/at>/g, '@$1');
  }
  if (m.msgType === 'post') {
    const post = isObj(c.zh_cn) ? c.zh_cn : c;
    const lines = arr(post.content).map((line) =>
      arr(line)
        .map((seg) => (isObj(seg) ? textOf(seg.text ?? seg.user_name ?? '') : ''))
        .join(''),
    );
    return [textOf(post.title), ...lines].filter(Boolean).join('\n');
  }
  return `[${m.msgType} 消息]`;
}

/** A short line for the chat list. */
export function previewOf(m: MessageView): string {
  if (m.msgType === 'interactive') {
    const c = isObj(m.content) ? m.content : {};
    const summary = isObj(c.config) && isObj(c.config.summary) ? textOf(c.config.summary.content) : '';
    const title = isObj(c.header) ? textOf(c.header.title) : '';
    return `[卡片] ${summary || title}`;
  }
  if (m.msgType === 'file') return `[文件] ${fileNameOf(m)}`.slice(0, 40);
  return textBody(m).slice(0, 40);
}
