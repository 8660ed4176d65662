import { isPrivateChatOf } from '../../db/chats.js';
import type { Db } from '../../db/client.js';
import type { Tapper } from '../../feishu/answer.js';
import type { CardInput } from '../types.js';

/** Who tapped, and whether the callback's chat is their own 1:1 chat with the bot. */
export async function tapperOf(db: Db, input: CardInput): Promise<Tapper> {
  const inPrivateChat = input.actor ? await isPrivateChatOf(db, input.chatId, input.actor.id) : false;
  return { openId: input.operatorOpenId, eventId: input.eventId, inPrivateChat };
}

/** Whether something was typed into any of these form fields (a phone, an address). */
export function typedInto(formValue: Record<string, unknown>, names: string[]): boolean {
  return names.some((n) => typeof formValue[n] === 'string' && formValue[n].trim() !== '');
}
