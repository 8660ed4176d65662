import { helpCard } from '../cards/help/view.js';
import { commandList, findMessageTypeHandler, runCommand } from '../commands/index.js';
import { parseContent } from '../commands/message-types.js';
import type { Deps } from '../deps.js';
import { rememberPrivateChat } from '../db/chats.js';
import { noteUnknownSender } from '../db/unknown-senders.js';
import type { Reply } from '../feishu/answer.js';
import { putEnvAdminOnRoster } from '../feishu/env-admin-roster.js';
import { parseMessage } from '../feishu/message.js';
import { textContent } from '../feishu/outbox.js';
import { MessageReceive } from '../feishu/payloads.js';
import { batcherOf } from './events/group-commit.js';
import { DuplicateEvent, type EventContext } from './events/batch-transaction.js';

/** Said once to someone not on the roster who writes to (or taps the menu of) the bot. */
export const ROSTER_HINT =
  '你好！你还不在招商工作名册中。请联系区招商局（领导小组办公室），提供姓名、单位和手机号，把你加入名册；加入后即可在这里填报和查询。发送 /help 可查看命令。';

const SORRY = '抱歉，处理这条消息时出错了，请稍后再试；如果一直出错，请联系区招商局。';

export interface Flat {
  event_id?: string;
  event_type?: string;
  [k: string]: unknown;
}

/** `im.message.receive_v1`: a text in a 1:1 chat, or with @bot in a group. */
export async function onMessage(flat: Flat, deps: Deps, botOpenId: string | undefined): Promise<void> {
  const eventId = String(flat.event_id ?? '');
  const parsed = MessageReceive.safeParse(flat);
  if (!eventId || !parsed.success) {
    deps.log.warn({ eventId }, 'message event of an unexpected shape ignored');
    return;
  }
  const { sender, message } = parsed.data;
  if (sender.sender_type && sender.sender_type !== 'user') return;
  const senderOpenId = sender.sender_id.open_id ?? '';
  const cmd = parseMessage(message, botOpenId);
  const isGroup = message.chat_type === 'group';
  // In groups the bot answers only when @-mentioned (Feishu sends others only with extra scopes).
  if (isGroup && botOpenId && !cmd.botMentioned) return;
  const typeHandler = findMessageTypeHandler(message.message_type);
  const replyTo = { type: 'reply' as const, messageId: message.message_id, chatId: message.chat_id };
  const work = async ({ tx, actor, reply }: EventContext): Promise<void> => {
    let out: Reply;
    // Card callbacks name only their chat: remember which chat is this person's 1:1 chat.
    if (actor && message.chat_type === 'p2p') await rememberPrivateChat(tx.db, message.chat_id, actor.id);
    if (!actor && cmd.name !== '/help') {
      // Told once how to get added; after that, silence (except /help).
      if (!(await noteUnknownSender(tx.db, senderOpenId))) return;
      out = { kind: 'text', text: ROSTER_HINT };
    } else if (typeHandler && actor) {
      out = await typeHandler(
        {
          messageType: message.message_type,
          content: parseContent(message.content),
          senderOpenId,
          actor,
          chatId: message.chat_id,
          chatType: message.chat_type,
          messageId: message.message_id,
        },
        tx,
      );
    } else if (!cmd.name) {
      out = { kind: 'card', card: helpCard(commandList, '发送以 / 开头的命令与我对话，例如 **/help**。') };
    } else {
      out = await runCommand(
        {
          name: cmd.name,
          args: cmd.args,
          text: cmd.text,
          people: cmd.people,
          senderOpenId,
          actor,
          chatId: message.chat_id,
          chatType: message.chat_type,
          messageId: message.message_id,
        },
        tx,
      );
    }
    if (out.kind === 'none') return;
    reply({
      dedupKey: `reply:${message.message_id}`,
      to: replyTo,
      msgType: out.kind === 'card' ? 'interactive' : 'text',
      content: out.kind === 'card' ? out.card : textContent(out.text),
    });
  };
  // Ours, not theirs: record the event so Feishu's retries don't repeat it, and apologise.
  const apologise = async ({ reply }: EventContext): Promise<void> =>
    reply({ dedupKey: `reply:${message.message_id}`, to: replyTo, msgType: 'text', content: textContent(SORRY) });
  try {
    // An env admin not on the roster yet is put there first, so the event sees them as an office admin.
    await putEnvAdminOnRoster(deps, senderOpenId);
    await batcherOf(deps).handle({ eventId, type: 'im.message.receive_v1', openId: senderOpenId, work });
  } catch (e) {
    if (e instanceof DuplicateEvent) {
      deps.log.info({ eventId }, 'duplicate event ignored');
      return;
    }
    deps.log.error({ err: e, eventId }, 'message handling failed');
    await batcherOf(deps)
      .handle({ eventId, type: 'im.message.receive_v1', openId: '', work: apologise })
      .catch(() => undefined);
  }
}
