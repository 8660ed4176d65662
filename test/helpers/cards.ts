// Variants of the form-submit / button callback fixture, and small waits on what the bot sent.
import { fixture, newEventId } from './feishu.js';
import type { TestBot } from './app.js';

export interface CallbackOptions {
  /** Who tapped. */
  openId: string;
  /** The card message tapped (context.open_message_id). */
  messageId: string;
  chatId?: string;
  /** The button's name (action.name). */
  name: string;
  /** The button's callback value. */
  value: Record<string, unknown>;
  /** The form's values; omitted for a plain button. */
  formValue?: Record<string, unknown>;
  eventId?: string;
}

/** A card callback as Feishu sends it after a tap on a button (a form's submit button with formValue). */
export function cardCallback(o: CallbackOptions): Record<string, any> {
  const cb = fixture('callbacks/card.action.trigger.form-submit.json');
  cb.header.event_id = o.eventId ?? newEventId('evt_card');
  cb.event.operator.open_id = o.openId;
  cb.event.operator.union_id = o.openId.replace(/^ou_/, 'on_');
  cb.event.context.open_message_id = o.messageId;
  cb.event.context.open_chat_id = o.chatId ?? `oc_p2p_${o.openId}`;
  cb.event.action.name = o.name;
  cb.event.action.value = o.value;
  if (o.formValue) cb.event.action.form_value = o.formValue;
  else delete cb.event.action.form_value;
  return cb;
}

/** Sends a slash-command as a 1:1 message from this person; returns the card the bot replied with. */
export async function commandCard(
  bot: TestBot,
  openId: string,
  text: string,
): Promise<{ messageId: string; card: any }> {
  const { withText } = await import('./feishu.js');
  const ev = withText(fixture('events/im.message.receive_v1.p2p-help.json'), text, {
    openId,
    chatId: `oc_p2p_${openId}`,
  });
  const res = await bot.event(ev);
  if (res.status !== 200) throw new Error(`event answered ${res.status}`);
  await bot.flush();
  const reply = bot.sb.state.messages.find((m) => m.parent_id === ev.event.message.message_id);
  if (!reply) throw new Error(`no reply to ${text}`);
  return { messageId: reply.message_id, card: reply.content };
}

/** Every element of a card (nested in forms and columns), flattened. */
function elementsOf(card: any): any[] {
  const out: any[] = [];
  const walk = (els: any[]) => {
    for (const e of els ?? []) {
      if (!e || typeof e !== 'object') continue;
      out.push(e);
      if (Array.isArray(e.elements)) walk(e.elements);
      if (Array.isArray(e.columns)) walk(e.columns);
    }
  };
  walk(card?.body?.elements ?? []);
  return out;
}

/** The element with this name (form field or button). */
export function fieldOf(card: any, name: string): any {
  return elementsOf(card).find((e) => e.name === name);
}

/** The button's callback value. */
export function buttonValue(card: any, name: string): Record<string, unknown> {
  const b = fieldOf(card, name);
  if (!b) throw new Error(`no button ${name}`);
  return b.behaviors[0].value;
}

/** All the text of a card, for "contains" checks. */
export function textOf(card: any): string {
  return JSON.stringify(card);
}
