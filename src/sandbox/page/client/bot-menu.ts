import { api, type MenuEntry } from './api.js';
import { h } from './dom.js';

// The bot's custom menu, as Feishu shows it in the 1:1 chat with the bot: a row of items above the
// input box. A tap sends a real application.bot.menu_v6 event; the bot's answer arrives in the chat.

export interface MenuContext {
  me(): string;
  toast(type: string, text: string): void;
}

export function drawBotMenu(el: HTMLElement, items: MenuEntry[], ctx: MenuContext): void {
  el.textContent = '';
  for (const item of items) {
    const button = h('button', { type: 'button', class: 'bot-menu-item', 'data-key': item.eventKey }, item.label);
    button.addEventListener('click', () => {
      button.disabled = true;
      api
        .menu(ctx.me(), item.eventKey)
        .then((res) => {
          if (res.status !== 200) ctx.toast('error', `机器人没有正常应答（HTTP ${res.status}），请稍后再试。`);
        })
        .catch((e: Error) => ctx.toast('error', e.message))
        .finally(() => {
          button.disabled = false;
        });
    });
    el.appendChild(button);
  }
}
