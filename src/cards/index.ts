import { answer, type CardAnswer } from '../feishu/answer.js';
import type { Deps } from '../deps.js';
import { UserError } from '../errors.js';
import type { CardHandler, CardInput } from './types.js';

// Buttons and forms carry `{ "action": "<name>", … }` in their callback value; each card's file
// registers the actions it handles.
const handlers = new Map<string, CardHandler>();

export function registerCardAction(action: string, handler: CardHandler): void {
  if (handlers.has(action)) throw new Error('card action registered twice: ' + action);
  handlers.set(action, handler);
}

export function cardActions(): string[] {
  return [...handlers.keys()].sort();
}

export async function runCardAction(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const h = handlers.get(input.action);
  if (!h) return answer.error('这张卡片已失效，请重新发送命令获取新卡片。');
  if (!input.actor) return answer.error('你还不在招商工作名册中，请联系区招商局把你加入名册。');
  try {
    return await h(input, deps);
  } catch (e) {
    if (e instanceof UserError) return answer.error(e.message);
    throw e;
  }
}
