import { api, NO_TOKEN, streamUrl, type ChatEntry, type MessageView, type Roster } from './api.js';
import type { CardContext } from './card-context.js';
import { setUpAttach } from './attach.js';
import { drawBotMenu } from './bot-menu.js';
import { h } from './dom.js';
import { previewOf, renderMessage, type MessageContext } from './messages.js';
import { renderOfficePanel } from './office.js';
import { confirmDialog, toast } from './ui.js';

// The local chat page: pick who you are, see your chats with the bot, type, click cards. Everything
// the bot sends arrives over /sandbox/api/stream (server-sent events) and is drawn newest last.

const OFFICE_VIEW = '__office__';
const OFFICE_LABEL = '办公室（招商局）';

interface State {
  roster?: Roster;
  me: string;
  chats: ChatEntry[];
  current?: string;
  previews: Map<string, string>;
  unread: Map<string, number>;
  isOffice: boolean;
}

const state: State = { me: '', chats: [], previews: new Map(), unread: new Map(), isOffice: false };
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function nameOf(openId: string): string {
  if (openId === state.roster?.bot.openId) return '招商助手';
  return state.roster?.names[openId] ?? openId;
}

function cardContext(messageId: string): CardContext {
  return {
    nameOf,
    toast,
    confirm: confirmDialog,
    chatMembers: () => Object.keys(state.roster?.names ?? {}),
    act: async (action) => {
      try {
        const res = await api.click(state.me, messageId, action);
        if (res.status !== 200) toast('error', `机器人没有正常应答（HTTP ${res.status}），请稍后再试。`);
        else if (res.toast?.content) toast(res.toast.type ?? 'info', res.toast.content);
      } catch (e) {
        toast('error', (e as Error).message);
      }
    },
  };
}

const messageContext = (): MessageContext => ({ me: state.me, nameOf, cardContext });

function fillWhoPicker(roster: Roster): void {
  const select = $<HTMLSelectElement>('who');
  select.appendChild(h('option', { value: '' }, '— 请选择你的身份 —'));
  for (const g of roster.groups) {
    const group = h('optgroup', { label: g.label });
    for (const p of g.people) group.appendChild(h('option', { value: p.openId, title: p.title }, p.name));
    select.appendChild(group);
  }
}

let choice = 0;
/** Messages streamed for the chat being opened, drawn once its messages are read. */
let arriving: { chatId: string; messages: MessageView[] } | undefined;

/**
 * Becomes this person. The chats of the one before are cleared at once, so none of them can be
 * opened while this person's load; a later choice wins over an earlier one still loading, and a
 * chat opened once this person's list is drawn stays open.
 */
async function choose(openId: string): Promise<void> {
  const mine = ++choice;
  arriving = undefined;
  state.me = openId;
  state.current = undefined;
  state.chats = [];
  state.previews.clear();
  state.unread.clear();
  localStorage.setItem('sandbox.who', openId);
  $<HTMLSelectElement>('who').value = openId;
  const office = state.roster?.groups.find((g) => g.label === OFFICE_LABEL);
  state.isOffice = !!office?.people.some((p) => p.openId === openId);
  const entry = state.roster?.groups.flatMap((g) => g.people).find((p) => p.openId === openId);
  $('who-title').textContent = entry?.title ?? '';
  drawChatList();
  showMain();
  document.body.classList.remove('in-chat');
  const chats = openId ? await api.chats(openId) : [];
  const previews = new Map<string, string>();
  await Promise.all(
    chats.map(async (c) => {
      const last = (await api.messages(c.chatId)).at(-1);
      if (last) previews.set(c.chatId, previewOf(last));
    }),
  );
  if (mine !== choice) return;
  state.chats = chats;
  state.previews = previews;
  drawChatList();
  showMain();
}

function drawChatList(): void {
  const list = $('chats');
  list.textContent = '';
  for (const c of state.chats) {
    const unread = state.unread.get(c.chatId) ?? 0;
    const icon = c.kind === 'p2p' ? '助' : c.kind === 'leadership' ? '领' : '群';
    const li = h(
      'li',
      { class: `chat-item ${c.chatId === state.current ? 'active' : ''}`, 'data-chat': c.chatId, tabindex: '0' },
      h('div', { class: `avatar av-${c.kind}` }, icon),
      h(
        'div',
        { class: 'chat-text' },
        h('div', { class: 'chat-name' }, c.name),
        h('div', { class: 'chat-preview' }, state.previews.get(c.chatId) ?? ''),
      ),
      unread ? h('span', { class: 'badge' }, String(unread)) : null,
    );
    li.addEventListener('click', () => void openChat(c.chatId));
    list.appendChild(li);
  }
  if (state.isOffice) {
    const li = h(
      'li',
      { class: `chat-item ${state.current === OFFICE_VIEW ? 'active' : ''}`, 'data-chat': OFFICE_VIEW, tabindex: '0' },
      h('div', { class: 'avatar av-office' }, '定'),
      h(
        'div',
        { class: 'chat-text' },
        h('div', { class: 'chat-name' }, '定时任务（办公室）'),
        h('div', { class: 'chat-preview' }, '按所选日期立即运行提醒、预警和红黑榜'),
      ),
    );
    li.addEventListener('click', () => void openChat(OFFICE_VIEW));
    list.appendChild(li);
  }
}

function showMain(): void {
  const chat = state.chats.find((c) => c.chatId === state.current);
  const office = state.current === OFFICE_VIEW;
  $('chat-title').textContent = office ? '定时任务（办公室）' : (chat?.name ?? '请选择会话');
  $('messages').hidden = office || !chat;
  $('composer').hidden = office || !chat;
  $('office').hidden = !office;
  $('empty').hidden = office || !!chat;
  $('mention-toggle').hidden = !chat || chat.kind === 'p2p';
  // Feishu shows the bot's menu in the 1:1 chat with the bot only.
  $('bot-menu').hidden = chat?.kind !== 'p2p';
}

async function openChat(chatId: string): Promise<void> {
  state.current = chatId;
  state.unread.delete(chatId);
  document.body.classList.add('in-chat');
  drawChatList();
  showMain();
  const opening = chatId === OFFICE_VIEW ? undefined : { chatId, messages: [] as MessageView[] };
  arriving = opening;
  if (!opening) return renderOfficePanel($('office'), state.me, toast);
  const box = $('messages');
  box.textContent = '';
  // Busy until the chat's messages are drawn (tests and screen readers wait on it).
  box.dataset.chat = chatId;
  box.setAttribute('aria-busy', 'true');
  const messages = await api.messages(chatId).catch((e: Error) => e);
  // Another chat opened meanwhile: this reading is stale.
  if (arriving !== opening) return;
  arriving = undefined;
  box.removeAttribute('aria-busy');
  if (messages instanceof Error) return toast('error', `没能打开这个会话：${messages.message}`);
  for (const m of messages) box.appendChild(renderMessage(m, messageContext()));
  for (const m of opening.messages) drawMessage(box, m);
  scrollDown();
  $<HTMLInputElement>('text').focus();
}

/** Draws a message of the open chat: a new one at the bottom, a changed one in its place. */
function drawMessage(box: HTMLElement, m: MessageView): void {
  const node = renderMessage(m, messageContext());
  const old = box.querySelector<HTMLElement>(`[data-id="${CSS.escape(m.id)}"]`);
  if (old) old.replaceWith(node);
  else {
    box.appendChild(node);
    scrollDown();
  }
}

function scrollDown(): void {
  const box = $('messages');
  box.scrollTop = box.scrollHeight;
}

function onStream(kind: 'message' | 'update', m: MessageView): void {
  if (!state.chats.some((c) => c.chatId === m.chatId)) return;
  state.previews.set(m.chatId, previewOf(m));
  if (m.chatId !== state.current) {
    if (kind === 'message' && m.from !== state.me) state.unread.set(m.chatId, (state.unread.get(m.chatId) ?? 0) + 1);
    drawChatList();
    return;
  }
  drawChatList();
  if (arriving?.chatId === m.chatId) arriving.messages.push(m);
  else drawMessage($('messages'), m);
}

async function send(): Promise<void> {
  const input = $<HTMLInputElement>('text');
  const text = input.value.trim();
  if (!text || !state.current) return;
  const mention = $<HTMLInputElement>('mention').checked;
  input.value = '';
  try {
    const res = await api.send(state.me, state.current, text, mention);
    if (res.status !== 200) toast('error', `机器人没有收下这条消息（HTTP ${res.status}）。`);
  } catch (e) {
    input.value = text;
    toast('error', (e as Error).message);
  }
}

async function start(): Promise<void> {
  if (NO_TOKEN) throw new Error(NO_TOKEN);
  state.roster = await api.roster();
  fillWhoPicker(state.roster);
  $<HTMLSelectElement>('who').addEventListener('change', (e) => void choose((e.target as HTMLSelectElement).value));
  $('back').addEventListener('click', () => document.body.classList.remove('in-chat'));
  $('composer').addEventListener('submit', (e) => {
    e.preventDefault();
    void send();
  });
  const roster = state.roster;
  drawBotMenu($('bot-menu'), roster.menu, { me: () => state.me, toast });
  setUpAttach($<HTMLButtonElement>('attach'), $<HTMLInputElement>('attach-file'), {
    me: () => state.me,
    chatId: () => (state.current === OFFICE_VIEW ? undefined : state.current),
    maxBytes: () => roster.attachMaxBytes,
    toast,
  });
  const events = new EventSource(streamUrl);
  events.addEventListener('message', (e) =>
    onStream('message', JSON.parse((e as MessageEvent<string>).data) as MessageView),
  );
  events.addEventListener('update', (e) =>
    onStream('update', JSON.parse((e as MessageEvent<string>).data) as MessageView),
  );
  events.addEventListener('open', () => document.body.setAttribute('data-live', 'yes'));
  const saved = localStorage.getItem('sandbox.who');
  if (saved && Object.hasOwn(state.roster.names, saved)) await choose(saved);
  else showMain();
  document.body.setAttribute('data-ready', 'yes');
}

start().catch((e: Error) => {
  // Kept on the page too (under the person picker, and where the chat would be): nothing works until
  // the page is opened correctly.
  for (const id of ['who-title', 'empty']) $(id).textContent = `页面加载失败：${e.message}`;
  toast('error', `页面加载失败：${e.message}`);
});
