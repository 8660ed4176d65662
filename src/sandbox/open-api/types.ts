// Shapes shared by the sandbox's files. Field names follow Feishu's own where they mirror an API object.

export interface SandboxUser {
  open_id: string;
  union_id: string;
  user_id: string;
  name: string;
  en_name?: string;
  mobile?: string | null;
  email?: string | null;
  department_ids?: string[];
  job_title?: string;
  /** A resigned user is left out of batch_get_id unless include_resigned is set. */
  resigned?: boolean;
  frozen?: boolean;
}

export interface SandboxChat {
  chat_id: string;
  name: string;
  description?: string;
  /** open_id of the owner. */
  owner_id?: string;
  chat_mode?: 'group' | 'p2p' | 'topic';
  /** open_ids of the human members. */
  members?: string[];
  /** false: the bot is not in the chat (sending there fails with 230002). Default true. */
  bot_member?: boolean;
  external?: boolean;
}

export interface SandboxRoster {
  name: string;
  mobile?: string | null;
  email?: string | null;
}

interface RateLimitOptions {
  /** Calls per second per app over all APIs (Feishu: 50). */
  perAppPerSecond?: number;
  /** Messages per second into one chat (Feishu: 5 per user and per group). */
  perChatPerSecond?: number;
  /** Updates per second to one message (Feishu: 5). */
  perMessagePerSecond?: number;
}

export interface SandboxOptions {
  appId?: string;
  appSecret?: string;
  users?: SandboxUser[];
  chats?: SandboxChat[];
  /** false turns the real limiter off; failNext('rateLimit') still works. Default on. */
  rateLimits?: false | RateLimitOptions;
  /** Clock in ms, for uuid windows, 14-day edit limits and token lifetimes. Default Date.now. */
  now?: () => number;
  tenantKey?: string;
  /** The bot's own open_id, as GET /open-apis/bot/v3/info reports it. Default `ou_sbx_bot`. */
  botOpenId?: string;
  botName?: string;
  /**
   * true: a reply to a message_id the sandbox never saw fails with 230001, as Feishu would.
   * Default false, because events are usually posted straight to the bot without the sandbox
   * seeing the user's message: such replies go into the chat `oc_sbx_unseen` (see
   * `recordIncomingMessage` to make them land in the right chat).
   */
  strictReplies?: boolean;
}

export interface SandboxCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  headers: Record<string, string | undefined>;
  at: number;
  /** HTTP status and Feishu code the sandbox answered with. */
  status?: number;
  code?: number;
}

/** 'callback': the card in a card callback's 3 s answer replaced it (recorded by the local chat page). */
export type VersionSource = 'create' | 'patch' | 'card.update' | 'callback';

export interface MessageVersion {
  /** The content string as received. */
  raw: string;
  /** Parsed content (the card object for interactive messages). */
  content: unknown;
  at: number;
  via: VersionSource;
}

export interface SandboxMessage {
  message_id: string;
  chat_id: string;
  chat_type: 'p2p' | 'group';
  /** What the sender addressed: the receive_id and its type (for a reply, the parent's chat). */
  receiver: { id: string; id_type: string };
  /** For a message in a 1:1 chat: the user's open_id. */
  receiver_open_id?: string;
  msg_type: string;
  /** Latest content, parsed. */
  content: unknown;
  /** Latest content string. */
  raw: string;
  versions: MessageVersion[];
  batch: boolean;
  batch_message_id?: string;
  uuid?: string;
  parent_id?: string;
  root_id?: string;
  create_time: number;
  update_time: number;
  updated: boolean;
  /** Set for a message a user sent (recorded with recordIncomingMessage); unset = sent by the app. */
  from_open_id?: string;
}

/** The `message` part of an im.message.receive_v1 event, as far as the sandbox needs it. */
export interface IncomingEventMessage {
  message_id: string;
  chat_id: string;
  chat_type?: string;
  message_type?: string;
  content?: string;
  create_time?: string | number;
  root_id?: string;
  parent_id?: string;
}

/**
 * How an injected failure answers: a 429 rate limit, a 500, a 99991663 invalid token, or (a
 * permanent refusal) 230002 "bot not in the group".
 */
export type FailureKind = 'rateLimit' | 'server' | 'invalidToken' | 'botNotInChat';
