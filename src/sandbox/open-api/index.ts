// A local stand-in for the Feishu Open API, for tests and the no-credentials mode.
export { createSandbox, type Sandbox } from './server.js';
export { sandboxUsersFor, p2pChatId, LEADERSHIP_CHAT_ID } from './roster.js';
export { UNSEEN_CHAT_ID } from './im-messages.js';
export type { SandboxMessage } from './types.js';
export { holdFileCalls, releaseFileCalls } from './files.js';
