import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import type { CommandInput } from './types.js';

// Messages other than text (a file sent to the bot, …) go to a handler registered for their
// message_type; on-message.ts asks here before falling back to the help card.

export interface MessageInput extends Omit<CommandInput, 'name' | 'args' | 'text' | 'people'> {
  messageType: string;
  /** The message's content, parsed (for a file: { file_key, file_name }). */
  content: Record<string, unknown>;
}

export type MessageTypeHandler = (input: MessageInput, deps: Deps) => Promise<Reply>;

const handlers = new Map<string, MessageTypeHandler>();

export function registerMessageType(messageType: string, handler: MessageTypeHandler): void {
  if (handlers.has(messageType)) throw new Error('message type registered twice: ' + messageType);
  handlers.set(messageType, handler);
}

export function findMessageTypeHandler(messageType: string): MessageTypeHandler | undefined {
  return messageType === 'text' ? undefined : handlers.get(messageType);
}

export function parseContent(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
