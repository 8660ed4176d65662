import type { Db } from '../../db/client.js';
import { activeSquads, pickablePeople } from '../../db/sandbox-roster.js';
import type { Sandbox } from '../open-api/index.js';
import { LEADERSHIP_CHAT_ID, p2pChatId, UNSEEN_CHAT_ID } from '../open-api/index.js';
import type { SandboxChat } from '../open-api/types.js';

// Who can be picked on the page, grouped as the plan's org reads: leaders, the office, then each
// squad's captain and members. A person in two groups (the office head is also a captain) appears
// in both.

interface RosterEntry {
  openId: string;
  name: string;
  title: string;
}

export interface RosterGroup {
  label: string;
  people: RosterEntry[];
}

const LEADER_ROLES: Record<string, string> = {
  GROUP_LEADER: '组长',
  DEPUTY_LEADER: '副组长',
  LEADER_IN_CHARGE: '分管领导',
  RESPONSIBLE_LEADER: '责任领导',
};
const OFFICE_ROLES = new Set(['OFFICE', 'OFFICE_ADMIN']);
const OTHER_ROLES: Record<string, string> = {
  HELPER: '帮办中心',
  ASSESSOR: '考核中心',
  REVIEWER: '预审经办',
  INSPECTOR: '督查室',
};

export async function listRosterGroups(db: Db): Promise<RosterGroup[]> {
  const people = await pickablePeople(db);
  const squads = await activeSquads(db);
  const entry = (p: (typeof people)[number], extra = ''): RosterEntry => ({
    openId: p.openId!,
    name: p.name,
    title: [extra, p.unit?.name, p.title].filter(Boolean).join(' · '),
  });
  const leaders = people
    .filter((p) => p.roles.some((r) => r.role in LEADER_ROLES))
    .map((p) =>
      entry(
        p,
        p.roles
          .map((r) => LEADER_ROLES[r.role])
          .filter(Boolean)
          .join('、'),
      ),
    );
  const office = people
    .filter((p) => p.roles.some((r) => OFFICE_ROLES.has(r.role)))
    .map((p) => entry(p, '领导小组办公室'));
  const groups: RosterGroup[] = [
    { label: '领导', people: leaders },
    { label: '办公室（招商局）', people: office },
  ];
  for (const s of squads) {
    const inSquad = people.filter((p) => p.memberOf.some((m) => m.squadId === s.id));
    const role = (p: (typeof people)[number]) => p.memberOf.find((m) => m.squadId === s.id)?.role;
    const ordered = [...inSquad.filter((p) => role(p) === 'CAPTAIN'), ...inSquad.filter((p) => role(p) !== 'CAPTAIN')];
    groups.push({ label: s.name, people: ordered.map((p) => entry(p, role(p) === 'CAPTAIN' ? '队长' : '队员')) });
  }
  const others = people
    .filter((p) => p.roles.some((r) => r.role in OTHER_ROLES))
    .map((p) =>
      entry(
        p,
        p.roles
          .map((r) => OTHER_ROLES[r.role])
          .filter(Boolean)
          .join('、'),
      ),
    );
  if (others.length) groups.push({ label: '其他', people: others });
  return groups.filter((g) => g.people.length > 0);
}

export interface ChatEntry {
  chatId: string;
  name: string;
  kind: 'p2p' | 'leadership' | 'group';
}

/** The person's 1:1 chat with the bot first, then the leadership group, then the other groups they are in. */
export function chatsOf(sandbox: Sandbox, openId: string): ChatEntry[] {
  const user = sandbox.state.users.get(openId);
  if (!user) return [];
  const p2p = sandbox.state.p2pChatFor(user);
  const groups = [...sandbox.state.chats.values()].filter(
    (c: SandboxChat) =>
      c.chat_mode !== 'p2p' &&
      c.bot_member !== false &&
      c.chat_id !== UNSEEN_CHAT_ID &&
      (c.members ?? []).includes(openId),
  );
  groups.sort((a, b) => Number(b.chat_id === LEADERSHIP_CHAT_ID) - Number(a.chat_id === LEADERSHIP_CHAT_ID));
  return [
    { chatId: p2p.chat_id, name: '招商助手', kind: 'p2p' },
    ...groups.map((c) => ({
      chatId: c.chat_id,
      name: c.name,
      kind: c.chat_id === LEADERSHIP_CHAT_ID ? ('leadership' as const) : ('group' as const),
    })),
  ];
}

/** May this person post into this chat (their own 1:1 chat, or a group they are a member of)? */
export function mayPostIn(sandbox: Sandbox, openId: string, chatId: string): boolean {
  if (chatId === p2pChatId(openId)) return true;
  const chat = sandbox.state.chats.get(chatId);
  return !!chat && chat.chat_mode !== 'p2p' && (chat.members ?? []).includes(openId);
}
