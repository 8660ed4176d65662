import type { Actor } from '../domain/actor.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import type { Mention } from '../feishu/payloads.js';

export interface CommandInput {
  name: string;
  args: string[];
  text: string;
  people: Mention[];
  senderOpenId: string;
  /** null when the sender is not on the roster (bound to no person). */
  actor: Actor | null;
  chatId: string;
  chatType: string;
  messageId: string;
}

type CommandHandler = (input: CommandInput, deps: Deps) => Promise<Reply>;

export interface Command {
  run: CommandHandler;
  /** One line for /help, in Chinese: what it does and its arguments. */
  usage: string;
  summary: string;
  /** Commands anyone may run even when not on the roster (e.g. /help). */
  public?: boolean;
}
