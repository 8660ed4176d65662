import type { ClickedAction } from './card-context.js';

// The page's calls to its own server (/sandbox/api): plain JSON, errors carried as Chinese text.
// Each call carries the access token of the page's link (/sandbox?t=…), which the server requires.

/** The token from the page's address, as the start log printed it. */
const token = new URLSearchParams(location.search).get('t') ?? '';

/** Opened without the token (not by the link from the start log): every call would be refused. */
export const NO_TOKEN = token
  ? undefined
  : '这个地址缺少访问口令：请打开启动日志里 “local chat page:” 一行给出的完整地址（?t= 和它后面的那串字符不能少；重启后要用新的地址）。';

/** The event stream's address: EventSource cannot send headers, so the token goes in the query. */
export const streamUrl = `/sandbox/api/stream?t=${encodeURIComponent(token)}`;

/** A file's download address: a link cannot send headers either. */
export const downloadUrl = (url: string) => `${url}?t=${encodeURIComponent(token)}`;

interface RosterEntry {
  openId: string;
  name: string;
  title: string;
}
export interface MenuEntry {
  eventKey: string;
  label: string;
}
export interface Roster {
  bot: { openId: string; name: string };
  groups: { label: string; people: RosterEntry[] }[];
  names: Record<string, string>;
  /** The bot's custom menu, shown above the input box of the 1:1 chat with the bot. */
  menu: MenuEntry[];
  /** The largest file the page may attach. */
  attachMaxBytes: number;
}
export interface ChatEntry {
  chatId: string;
  name: string;
  kind: 'p2p' | 'leadership' | 'group';
}
export interface MessageView {
  id: string;
  chatId: string;
  /** open_id of the person who typed it; null = sent by the bot. */
  from: string | null;
  msgType: string;
  content: unknown;
  createTime: number;
  updateTime: number;
  versions: number;
  /** A file message's file, when the sandbox holds it: its name, size and download address. */
  file?: { name: string; size: number; url: string };
}
export interface JobView {
  name: string;
  label: string;
  cron: string;
}
export interface ClickAnswer {
  status: number;
  toast: { type?: string; content?: string } | null;
  replaced: boolean;
}
export type JobRun = { ok: true; summary: string; messages?: number; at: string } | { ok: false; error: string };

async function call<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(
    `/sandbox/api/${path}`,
    body === undefined
      ? { headers: { 'x-sandbox-token': token } }
      : {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-sandbox-token': token },
          body: JSON.stringify(body),
        },
  );
  const data = (await res.json().catch(() => ({}))) as T & { error?: string };
  if (!res.ok && !(data && typeof data === 'object' && 'ok' in data))
    throw new Error(data.error ?? `请求失败（HTTP ${res.status}），请稍后再试。`);
  return data;
}

export const api = {
  roster: () => call<Roster>('roster'),
  chats: (openId: string) =>
    call<{ chats: ChatEntry[] }>(`chats?openId=${encodeURIComponent(openId)}`).then((r) => r.chats),
  messages: (chatId: string) =>
    call<{ messages: MessageView[] }>(`messages?chatId=${encodeURIComponent(chatId)}`).then((r) => r.messages),
  send: (openId: string, chatId: string, text: string, mentionBot: boolean) =>
    call<{ status: number }>('send', { openId, chatId, text, mentionBot }),
  /** A file the user attached (its bytes as base64): sent to the bot as a `file` message. */
  sendFile: (openId: string, chatId: string, fileName: string, data: string) =>
    call<{ status: number }>('file', { openId, chatId, fileName, data }),
  /** A tap on the bot's menu: an application.bot.menu_v6 event. */
  menu: (openId: string, eventKey: string) => call<{ status: number }>('menu', { openId, eventKey }),
  click: (openId: string, messageId: string, action: ClickedAction) =>
    call<ClickAnswer>('card', { openId, messageId, action }),
  jobs: () => call<{ jobs: JobView[]; timezone: string }>('jobs'),
  runJob: (openId: string, name: string, date: string, time: string) =>
    call<JobRun>('jobs/run', { openId, name, date, time }),
};
