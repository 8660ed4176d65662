import type { SandboxChat, SandboxRoster, SandboxUser } from './types.js';

export const LEADERSHIP_CHAT_ID = 'oc_leadership';
/** Every open_id the sandbox makes starts with this; a real Feishu open_id never does. */
export const SANDBOX_OPEN_ID_PREFIX = 'ou_sbx_';
const LEADERSHIP_CHAT_NAME = '招商工作领导小组';

/**
 * Users for a roster, in order: the n-th person (from 1) gets open_id `ou_sbx_<n>`, union_id
 * `on_sbx_<n>`, user_id `sbx<n>`. The same roster always gives the same ids.
 */
export function sandboxUsersFor(roster: SandboxRoster[]): SandboxUser[] {
  return roster.map((person, i) => {
    const n = i + 1;
    return {
      open_id: `${SANDBOX_OPEN_ID_PREFIX}${n}`,
      union_id: `on_sbx_${n}`,
      user_id: `sbx${n}`,
      name: person.name,
      mobile: person.mobile ?? null,
      email: person.email ?? null,
      department_ids: ['od_sbx_0'],
    };
  });
}

/**
 * A small default roster: the plan's leading group (组长 and 副组长, named in the plan itself), the
 * office, and a few squad people, with made-up mobiles and e-mails.
 */
const DEFAULT_ROSTER: SandboxRoster[] = [
  { name: '曾健清', mobile: '13800000001', email: 'zengjianqing@sandbox.example' },
  { name: '俸振江', mobile: '13800000002', email: 'fengzhenjiang@sandbox.example' },
  { name: '韦长安', mobile: '13800000003', email: 'weichangan@sandbox.example' },
  { name: '卓天高', mobile: '13800000004', email: 'zhuotiangao@sandbox.example' },
  { name: '招商局办公室', mobile: '13800000005', email: 'office@sandbox.example' },
  { name: '张队长', mobile: '13800000006', email: 'captain1@sandbox.example' },
  { name: '李队员', mobile: '13800000007', email: 'member1@sandbox.example' },
  { name: '王队员', mobile: '13800000008', email: null },
];

export function defaultSandboxUsers(): SandboxUser[] {
  return sandboxUsersFor(DEFAULT_ROSTER);
}

/** The leadership group chat; its members are the given users (the first one owns it). */
export function defaultSandboxChats(users: SandboxUser[]): SandboxChat[] {
  return [
    {
      chat_id: LEADERSHIP_CHAT_ID,
      name: LEADERSHIP_CHAT_NAME,
      description: '全区招商引资项目领导小组',
      owner_id: users[0]?.open_id,
      chat_mode: 'group',
      members: users.map((u) => u.open_id),
    },
  ];
}

/** The bot's 1:1 chat with a user, as the sandbox names it. */
export function p2pChatId(openId: string): string {
  return `oc_p2p_${openId}`;
}
