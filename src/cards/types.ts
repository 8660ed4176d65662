import type { Actor } from '../domain/actor.js';
import type { Deps } from '../deps.js';
import type { CardAnswer } from '../feishu/answer.js';

export interface CardInput {
  /** The `action` name carried in the button's callback value. */
  action: string;
  value: Record<string, unknown>;
  /** Form submits: the values keyed by component name. */
  formValue: Record<string, unknown>;
  /** Name of the component clicked (the submit button of a form). */
  componentName?: string;
  option?: string;
  operatorOpenId: string;
  actor: Actor | null;
  /** The callback's update token (delayed card update, within 30 min, twice at most). */
  token?: string;
  messageId?: string;
  chatId?: string;
  eventId: string;
  timezone?: string;
}

export type CardHandler = (input: CardInput, deps: Deps) => Promise<CardAnswer>;
