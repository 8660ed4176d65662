// Additions to test/helpers/cards.ts for form flows: waiting for a command's reply (per-chat limits
// may defer it), reading a form's values as a user would submit them, and the red field errors.
import type { SandboxMessage } from '../../src/sandbox/open-api/types.js';
import type { TestBot } from './app.js';
import { fixture, withText } from './feishu.js';

export { buttonValue, cardCallback } from './cards.js';

/** Sends a slash-command as a 1:1 message and returns the card the bot replied with, and its message id. */
export async function commandReply(
  bot: TestBot,
  openId: string,
  text: string,
): Promise<{ card: any; messageId: string; text?: string }> {
  return replyTo(
    bot,
    withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, { openId, chatId: 'oc_p2p_' + openId }),
  );
}

/** Posts a message event and waits for the bot's reply to it. */
export async function replyTo(
  bot: TestBot,
  ev: Record<string, any>,
): Promise<{ card: any; messageId: string; text?: string }> {
  const text = ev.event.message.content;
  const res = await bot.event(ev);
  if (res.status !== 200) throw new Error('event refused: ' + res.status);
  // Many replies into one chat within a second meet Feishu's 5/s per-chat limit (the sandbox answers
  // 429 and the sender retries after a backoff), so wait for the reply rather than for one drain.
  let sent: SandboxMessage | undefined;
  for (let i = 0; i < 40 && !sent; i++) {
    if (i) await new Promise((r) => setTimeout(r, 150));
    await bot.flush();
    sent = bot.sb.state.messages.find((m) => m.parent_id === ev.event.message.message_id);
  }
  if (!sent) throw new Error('no reply to ' + text);
  const content = sent.versions.at(-1)!.content as any;
  return {
    card: sent.msg_type === 'interactive' ? content : undefined,
    text: content?.text,
    messageId: sent.message_id,
  };
}

/** Every component of a card with a name, found anywhere in its body. */
export function componentsOf(card: any): Record<string, any> {
  const out: Record<string, any> = {};
  const walk = (n: any) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      if (typeof n.name === 'string' && n.tag) out[n.name] = n;
      Object.values(n).forEach(walk);
    }
  };
  walk(card?.body);
  return out;
}

/** What a user would submit unchanged: each input's default value, plus overrides. */
export function formValuesOf(card: any, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [name, c] of Object.entries(componentsOf(card))) {
    if (c.tag === 'input') values[name] = c.default_value ?? '';
    if (c.tag === 'date_picker' && c.initial_date) values[name] = `${c.initial_date} +0800`;
    if (c.tag === 'multi_select_person') values[name] = c.selected_values ?? [];
  }
  return { ...values, ...overrides };
}

/** Texts of the red field-error lines in a card. */
export function fieldErrors(card: any): string[] {
  return JSON.stringify(card).match(/<font color='red'>[^<]*<\/font>/g) ?? [];
}
