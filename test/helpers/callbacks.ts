// Card callbacks as Feishu sends them, built from the fixtures (variants, not copies), and small
// readers for the cards the bot answers with.
import { fixture, newEventId, withText } from './feishu.js';
import type { TestBot } from './app.js';

export interface SubmitOptions {
  openId: string;
  value: Record<string, unknown>;
  /** The clicked button's name. */
  name: string;
  formValue?: Record<string, unknown>;
  messageId?: string;
  chatId?: string;
  eventId?: string;
}

/** A form submit (or, without formValue, a plain button click) on a card message. */
export function cardCallback(o: SubmitOptions): Record<string, any> {
  const cb = fixture('callbacks/card.action.trigger.form-submit.json');
  cb.header.event_id = o.eventId ?? newEventId('evt_card');
  cb.event.operator.open_id = o.openId;
  cb.event.operator.union_id = o.openId.replace(/^ou_/, 'on_');
  cb.event.operator.user_id = o.openId.replace(/^ou_/, '');
  cb.event.token = 'c-' + cb.header.event_id;
  cb.event.action.value = o.value;
  cb.event.action.name = o.name;
  if (o.formValue) cb.event.action.form_value = o.formValue;
  else delete cb.event.action.form_value;
  cb.event.context.open_message_id = o.messageId ?? 'om_card_form_0001';
  cb.event.context.open_chat_id = o.chatId ?? 'oc_p2p_' + o.openId;
  return cb;
}

/** Sends a slash-command as a 1:1 message and returns the card the bot replied with, and its message id. */
export async function commandReply(bot: TestBot, openId: string, text: string): Promise<{ card: any; messageId: string; text?: string }> {
  return replyTo(bot, withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, { openId, chatId: 'oc_p2p_' + openId }));
}

/** Posts a message event and waits for the bot's reply to it. */
export async function replyTo(bot: TestBot, ev: Record<string, any>): Promise<{ card: any; messageId: string; text?: string }> {
  const text = ev.event.message.content;
  const res = await bot.event(ev);
  if (res.status !== 200) throw new Error('event refused: ' + res.status);
  // Many replies into one chat within a second meet Feishu's 5/s per-chat limit (the sandbox answers
  // 429 and the sender retries after a backoff), so wait for the reply rather than for one drain.
  let sent;
  for (let i = 0; i < 40 && !sent; i++) {
    if (i) await new Promise((r) => setTimeout(r, 150));
    await bot.flush();
    sent = bot.sb.state.messages.find((m) => m.parent_id === ev.event.message.message_id);
  }
  if (!sent) throw new Error('no reply to ' + text);
  const content = sent.versions.at(-1)!.content as any;
  return { card: sent.msg_type === 'interactive' ? content : undefined, text: content?.text, messageId: sent.message_id };
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

/** The callback value of a named button. */
export function buttonValue(card: any, name: string): Record<string, unknown> {
  const b = componentsOf(card)[name];
  if (!b) throw new Error('no button ' + name);
  return b.behaviors[0].value;
}

/** Texts of the red field-error lines in a card. */
export function fieldErrors(card: any): string[] {
  return JSON.stringify(card).match(/<font color='red'>[^<]*<\/font>/g) ?? [];
}
