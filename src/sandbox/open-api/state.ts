import { EventEmitter } from 'node:events';
import { p2pChatId } from './roster.js';
import type { MessageVersion, SandboxCall, SandboxChat, SandboxMessage, SandboxUser } from './types.js';

export interface CardToken {
  messageId: string;
  uses: number;
  expiresAt: number;
}

export interface SandboxEvents {
  message: [SandboxMessage];
  update: [SandboxMessage, MessageVersion];
  call: [SandboxCall];
}

/**
 * Everything the sandbox received and holds. Tests read it; a local chat page can list it and
 * follow `events` ('message' for every new message, 'update' for every new card version).
 */
export class SandboxState {
  readonly calls: SandboxCall[] = [];
  readonly messages: SandboxMessage[] = [];
  readonly users = new Map<string, SandboxUser>();
  readonly chats = new Map<string, SandboxChat>();
  readonly events = new EventEmitter<SandboxEvents>();
  /** uuid → message, for de-duplication within an hour. */
  readonly byUuid = new Map<string, SandboxMessage>();
  readonly cardTokens = new Map<string, CardToken>();

  constructor(
    private readonly initialUsers: SandboxUser[],
    private readonly initialChats: SandboxChat[],
  ) {
    this.events.setMaxListeners(100);
    this.load();
  }

  private load(): void {
    for (const u of this.initialUsers) this.users.set(u.open_id, { ...u });
    for (const c of this.initialChats) this.chats.set(c.chat_id, { ...c });
  }

  /** Back to the start: no calls, no messages, no tokens, the configured users and chats only. */
  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.byUuid.clear();
    this.cardTokens.clear();
    this.users.clear();
    this.chats.clear();
    this.load();
  }

  message(messageId: string): SandboxMessage | undefined {
    return this.messages.find((m) => m.message_id === messageId);
  }

  userBy(idType: string, id: string): SandboxUser | undefined {
    for (const u of this.users.values()) {
      if (idType === 'open_id' && u.open_id === id) return u;
      if (idType === 'union_id' && u.union_id === id) return u;
      if (idType === 'user_id' && u.user_id === id) return u;
      if (idType === 'email' && u.email && u.email.toLowerCase() === id.toLowerCase()) return u;
    }
    return undefined;
  }

  /** The bot's 1:1 chat with a user, created on first use. */
  p2pChatFor(user: SandboxUser): SandboxChat {
    const chatId = p2pChatId(user.open_id);
    let chat = this.chats.get(chatId);
    if (!chat) {
      chat = { chat_id: chatId, name: user.name, chat_mode: 'p2p', owner_id: user.open_id, members: [user.open_id] };
      this.chats.set(chatId, chat);
    }
    return chat;
  }

  /** Messages the app sent into a chat, or into a user's 1:1 chat (by open_id), oldest first. */
  messagesTo(openIdOrChatId: string): SandboxMessage[] {
    return this.messages.filter(
      (m) => !m.from_open_id && (m.chat_id === openIdOrChatId || m.receiver_open_id === openIdOrChatId),
    );
  }

  /** Everything in a chat, users' recorded messages included, oldest first. */
  messagesIn(chatId: string): SandboxMessage[] {
    return this.messages.filter((m) => m.chat_id === chatId);
  }

  /** The latest interactive message to a user or chat. */
  lastCardMessageTo(openIdOrChatId: string): SandboxMessage | undefined {
    return this.messagesTo(openIdOrChatId)
      .filter((m) => m.msg_type === 'interactive')
      .at(-1);
  }

  /** The current card (parsed, latest version) of the latest interactive message to a user or chat. */
  lastCardTo(openIdOrChatId: string): unknown {
    return this.lastCardMessageTo(openIdOrChatId)?.content;
  }

  /** Calls received (the token call included), optionally only those whose path starts with a prefix. */
  callCount(pathPrefix?: string): number {
    if (!pathPrefix) return this.calls.length;
    return this.calls.filter((c) => c.path.startsWith(pathPrefix)).length;
  }
}
