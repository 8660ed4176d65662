import * as lark from '@larksuiteoapi/node-sdk';
import type { Deps } from '../deps.js';
import type { CardAnswer } from '../feishu/answer.js';
import { onCardAction } from './on-card.js';
import { onBotMenu } from './on-menu.js';
import { onMessage, type Flat } from './on-message.js';

export interface BotIdentity {
  /** The bot's own open_id (fetched again while missing); undefined while Feishu cannot tell. */
  openId(): Promise<string | undefined>;
}

/**
 * The SDK's EventDispatcher routes both webhooks (and the long connection) to our handlers. The
 * edge (verify.ts) has already checked signature and token on the raw bytes, so `invoke` is called
 * with needCheck: false; the dispatcher decrypts nothing twice because it gets the plain body.
 */
export function createDispatcher(deps: Deps, bot: BotIdentity): lark.EventDispatcher {
  const d = new lark.EventDispatcher({
    verificationToken: deps.config.lark.verificationToken,
    encryptKey: deps.config.lark.encryptKey,
    loggerLevel: lark.LoggerLevel.error,
  });
  d.register<{
    'im.message.receive_v1': (e: Flat) => Promise<Record<string, never>>;
    'card.action.trigger': (e: Flat) => Promise<CardAnswer>;
    'im.chat.member.bot.added_v1': (e: Flat) => Promise<Record<string, never>>;
    'application.bot.menu_v6': (e: Flat) => Promise<Record<string, never>>;
  }>({
    'im.message.receive_v1': async (e) => {
      await onMessage(e, deps, await bot.openId());
      return {};
    },
    'card.action.trigger': (e) => onCardAction(e, deps),
    'im.chat.member.bot.added_v1': async () => ({}),
    'application.bot.menu_v6': async (e) => {
      await onBotMenu(e, deps);
      return {};
    },
  });
  return d;
}
