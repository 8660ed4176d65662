// A local stand-in for the Feishu Open API, for tests and the no-credentials mode.
export { createSandbox, DEFAULT_SANDBOX_APP_ID, DEFAULT_SANDBOX_APP_SECRET, type Sandbox } from './server.js';
export { SandboxState, type SandboxEvents, type CardToken } from './state.js';
export {
  defaultSandboxUsers,
  defaultSandboxChats,
  sandboxUsersFor,
  p2pChatId,
  DEFAULT_ROSTER,
  LEADERSHIP_CHAT_ID,
  LEADERSHIP_CHAT_NAME,
} from './roster.js';
export { UNSEEN_CHAT_ID } from './im-messages.js';
export { CARD_MAX_BYTES, TEXT_MAX_BYTES } from './content.js';
export { FILE_MAX_BYTES, type StoredFile } from './files.js';
export { CARD_TOKEN_MAX_USES, CARD_TOKEN_TTL_MS } from './batch-and-cards.js';
export { TOKEN_TTL_SECONDS, revokeTenantTokens } from './tokens.js';
export type {
  SandboxUser,
  SandboxChat,
  SandboxRoster,
  SandboxOptions,
  SandboxMessage,
  SandboxCall,
  MessageVersion,
  FailureKind,
  IncomingEventMessage,
  RateLimitOptions,
} from './types.js';
