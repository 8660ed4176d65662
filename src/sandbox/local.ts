import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import type { Log } from '../log.js';
import { ConfigError } from '../config.js';
import {
  activePeople,
  activeSquadsWithPeople,
  assignSandboxChats,
  ensureSandboxInspector,
  peopleBoundOutside,
} from '../db/sandbox-roster.js';
import { createSandbox, type Sandbox } from './open-api/index.js';
import { LEADERSHIP_CHAT_ID, SANDBOX_OPEN_ID_PREFIX, sandboxUsersFor } from './open-api/roster.js';
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
  await refuseRealData(db, config, log);
  await ensureSandboxInspector(db);
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

/**
 * A database a real Feishu app has used holds its users' open_ids. The sandbox and its page (where
 * anyone can act as anyone) do not belong on it: the start stops unless LARK_SANDBOX_ON_REAL_DATA=true.
 */
async function refuseRealData(db: Db, config: Config, log: Log): Promise<void> {
  const real = await peopleBoundOutside(db, SANDBOX_OPEN_ID_PREFIX);
  if (!real.count) return;
  const who = `${real.count} people (${real.names.join(', ')}${real.count > real.names.length ? ', …' : ''})`;
  if (config.sandboxOnRealData) {
    log.warn(`LARK_SANDBOX_ON_REAL_DATA=true: sandbox mode on a database a real Feishu app has used (${who})`);
    return;
  }
  throw new ConfigError(
    `No LARK_APP_ID, but this database (DATABASE_URL) has been used with a real Feishu app: ${who} are bound ` +
      'to real Feishu users. Sandbox mode is refused on it, because its local page lets anyone act as anyone. ' +
      'Set LARK_APP_ID and the other LARK_* variables to run with the real app, point DATABASE_URL at another ' +
      'database to try the sandbox, or set LARK_SANDBOX_ON_REAL_DATA=true to run the sandbox on this data anyway.',
  );
}

function squadChatId(squadId: number): string {
  return `oc_squad_${squadId}`;
}
