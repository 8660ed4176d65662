import { cardActions, runCardAction } from '../cards/index.js';
import { countDbWork } from '../db/op-count.js';
import type { Deps } from '../deps.js';
import { answer, type CardAnswer } from '../feishu/answer.js';
import { putEnvAdminOnRoster } from '../feishu/env-admin-roster.js';
import { CardTrigger } from '../feishu/payloads.js';
import { batcherOf } from './events/group-commit.js';
import { DuplicateEvent, type EventContext } from './events/batch-transaction.js';
import type { Flat } from './on-message.js';

/** `card.action.trigger`: the answer (toast and/or replacement card) is the HTTP body, within 3 s. */
export async function onCardAction(flat: Flat, deps: Deps): Promise<CardAnswer> {
  const eventId = String(flat.event_id ?? '');
  const parsed = CardTrigger.safeParse(flat);
  if (!eventId || !parsed.success) return answer.error('卡片数据不完整，请重新发送命令获取新卡片。');
  const e = parsed.data;
  const value = e.action.value ?? {};
  const action = typeof value.action === 'string' ? value.action : '';
  // The database work of each action is counted (bot_card_db_work in /metrics; the bench prints it).
  const tally = Object.hasOwn(cardActions, action) ? action : 'unknown';
  const work = ({ tx, actor }: EventContext) =>
    countDbWork(tally, () =>
      runCardAction(
        {
          action,
          value,
          formValue: e.action.form_value ?? {},
          componentName: e.action.name,
          option: e.action.option,
          operatorOpenId: e.operator.open_id,
          actor,
          token: e.token,
          messageId: e.context?.open_message_id,
          chatId: e.context?.open_chat_id,
          eventId,
          timezone: e.action.timezone,
        },
        tx,
      ),
    );
  try {
    await putEnvAdminOnRoster(deps, e.operator.open_id);
    return await batcherOf(deps).handle({ eventId, type: 'card.action.trigger', openId: e.operator.open_id, work });
  } catch (err) {
    if (err instanceof DuplicateEvent) return answer.nothing();
    deps.log.error({ err, eventId }, 'card action failed');
    return answer.error('抱歉，处理失败，你填写的内容仍在卡片上，请稍后再点一次。');
  }
}
