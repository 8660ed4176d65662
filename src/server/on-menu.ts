import { runMenuItem } from '../commands/menu.js';
import type { Deps } from '../deps.js';
import { noteUnknownSender } from '../db/unknown-senders.js';
import type { Reply } from '../feishu/answer.js';
import { putEnvAdminOnRoster } from '../feishu/env-admin-roster.js';
import { textContent } from '../feishu/outbox.js';
import { BotMenuTap } from '../feishu/payloads.js';
import { batcherOf } from './events/group-commit.js';
import { DuplicateEvent, type EventContext } from './events/batch-transaction.js';
import { ROSTER_HINT, type Flat } from './on-message.js';

const SORRY = '抱歉，处理这个菜单操作时出错了，请稍后再点一次；如果一直出错，请联系区招商局。';

/**
 * `application.bot.menu_v6`: a tap on the bot's custom menu. The event names no chat, so the answer
 * goes to the operator's open_id, which is their 1:1 chat with the bot, where the menu is shown.
 * Handled once per event id, in the same transaction as its reply, like a message.
 */
export async function onBotMenu(flat: Flat, deps: Deps): Promise<void> {
  const eventId = String(flat.event_id ?? '');
  const parsed = BotMenuTap.safeParse(flat);
  if (!eventId || !parsed.success) {
    deps.log.warn({ eventId }, 'menu event of an unexpected shape ignored');
    return;
  }
  const openId = parsed.data.operator.operator_id.open_id;
  const eventKey = parsed.data.event_key;
  const answer = (reply: EventContext['reply'], out: Reply) => {
    if (out.kind === 'none') return;
    reply({
      dedupKey: `menu:${eventId}`,
      to: { type: 'open_id', id: openId },
      msgType: out.kind === 'card' ? 'interactive' : 'text',
      content: out.kind === 'card' ? out.card : textContent(out.text),
    });
  };
  const work = async ({ tx, actor, reply }: EventContext): Promise<void> => {
    if (!actor) {
      // Told once how to get added, as for a typed message; after that, silence.
      if (await noteUnknownSender(tx.db, openId)) answer(reply, { kind: 'text', text: ROSTER_HINT });
      return;
    }
    answer(reply, await runMenuItem({ eventKey, operatorOpenId: openId, actor, eventId }, tx));
  };
  try {
    await putEnvAdminOnRoster(deps, openId);
    await batcherOf(deps).handle({ eventId, type: 'application.bot.menu_v6', openId, work });
  } catch (e) {
    if (e instanceof DuplicateEvent) {
      deps.log.info({ eventId }, 'duplicate event ignored');
      return;
    }
    deps.log.error({ err: e, eventId, eventKey }, 'menu tap handling failed');
    await batcherOf(deps)
      .handle({
        eventId,
        type: 'application.bot.menu_v6',
        openId: '',
        work: async ({ reply }) => answer(reply, { kind: 'text', text: SORRY }),
      })
      .catch(() => undefined);
  }
}
