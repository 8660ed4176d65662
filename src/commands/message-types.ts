import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import type { CommandInput } from './types.js';

// Messages other than text (a file sent to the bot, …) go to the handler for their message_type in
// commands/index.ts; anything without one gets the help card.

export interface MessageInput extends Omit<CommandInput, 'name' | 'args' | 'text' | 'people'> {
  messageType: string;
  /** The message's content, parsed (for a file: { file_key, file_name }). */
  content: Record<string, unknown>;
}

export type MessageTypeHandler = (input: MessageInput, deps: Deps) => Promise<Reply>;

export function parseContent(raw: string): Record<string, unknown> {
  try {
    const v = JSON.parse(raw) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
