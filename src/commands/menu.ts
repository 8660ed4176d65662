import { helpCard } from '../cards/help/view.js';
import type { Actor } from '../domain/actor.js';
import type { Deps } from '../deps.js';
import { reply, type Reply } from '../feishu/answer.js';
import { commandList, runCommand } from './index.js';

// The bot's custom menu (机器人自定义菜单), configured in the developer console: each item sends
// `application.bot.menu_v6` with its event_key, and is answered as its slash-command typed in the
// tapper's 1:1 chat. The local chat page draws the same items.

export interface MenuItem {
  /** The 事件 ID typed into the console for the item (1–30 characters). */
  eventKey: string;
  /** The item's name in the menu. */
  label: string;
  /** The slash-command it stands for, run without arguments. */
  command: string;
}

export const botMenu: readonly MenuItem[] = [
  { eventKey: 'monthly_report', label: '月度汇报', command: '/report' },
  { eventKey: 'trip_plan', label: '出差计划', command: '/trip' },
  { eventKey: 'new_lead', label: '录入线索', command: '/lead' },
  { eventKey: 'progress', label: '进度', command: '/progress' },
  { eventKey: 'rank', label: '排名', command: '/rank' },
];

export interface MenuTap {
  eventKey: string;
  operatorOpenId: string;
  actor: Actor | null;
  /** The menu event's id: stands in for the message id a typed command would have. */
  eventId: string;
}

const UNKNOWN_ITEM = `这个菜单项已停用。菜单里可用的是：${botMenu.map((m) => m.label).join('、')}；也可以直接发送下面的命令。`;

/** The answer to a tap: the item's command, as if typed in the 1:1 chat (menus exist only there). */
export async function runMenuItem(tap: MenuTap, deps: Deps): Promise<Reply> {
  const item = botMenu.find((m) => m.eventKey === tap.eventKey);
  if (!item) return reply.card(helpCard(commandList, UNKNOWN_ITEM));
  return runCommand(
    {
      name: item.command,
      args: [],
      text: item.command,
      people: [],
      senderOpenId: tap.operatorOpenId,
      actor: tap.actor,
      chatId: '',
      chatType: 'p2p',
      messageId: `menu:${tap.eventId}`,
    },
    deps,
  );
}
