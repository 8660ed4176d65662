import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Log } from '../log.js';
import { activePeople, activeSquadsWithPeople, assignSandboxChats } from '../db/sandbox-roster.js';
import { createSandbox, type Sandbox } from './open-api/index.js';
import { LEADERSHIP_CHAT_ID, sandboxUsersFor } from './open-api/roster.js';
import type { SandboxChat } from './open-api/types.js';

export interface LocalSandbox {
  url: string;
  sandbox: Sandbox;
  stop(): Promise<void>;
}

/**
 * No LARK_APP_ID: the built-in sandbox Open API stands in for Feishu. Every person on the roster
 * gets a sandbox user (same mobile/e-mail), the leadership group and one group per squad exist,
 * and the bot is in all of them, so the whole plan can be tried on a fresh machine.
 */
export async function startLocalSandbox(db: Db, config: Config, log: Log): Promise<LocalSandbox> {
  const people = await activePeople(db);
  const users = sandboxUsersFor(people.map((p) => ({ name: p.name, mobile: p.mobile, email: p.email })));
  const squads = await activeSquadsWithPeople(db);
  const openIdOf = new Map(people.map((p, i) => [p.id, users[i]!.open_id]));
  const squadChats: SandboxChat[] = squads.map((s) => ({
    chat_id: squadChatId(s.id),
    name: s.name,
    chat_mode: 'group',
    members: [...s.members.map((m) => m.personId), ...s.leaders.map((l) => l.personId)]
      .map((id) => openIdOf.get(id)!)
      .filter(Boolean),
  }));
  const sandbox = createSandbox({
    appId: config.lark.appId,
    appSecret: config.lark.appSecret,
    users,
    chats: squadChats, // the sandbox adds the leadership group itself
  });
  const url = await sandbox.start(config.sandboxPort, '127.0.0.1');
  // Give the sandbox's groups to the squads and the leadership chat to the leading group, once.
  await assignSandboxChats(db, squads, squadChatId, { chatId: LEADERSHIP_CHAT_ID, name: '招商工作领导小组' });
  log.info({ url, users: users.length, chats: squadChats.length + 1 }, 'sandbox Open API started');
  return { url, sandbox, stop: () => sandbox.stop() };
}

function squadChatId(squadId: number): string {
  return `oc_squad_${squadId}`;
}
