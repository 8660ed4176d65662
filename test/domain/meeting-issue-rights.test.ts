import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { issueSquadIds, mayRaiseIssue, mayWithdrawIssue } from '../../src/domain/authz.js';
import { issueStatusLabel } from '../../src/domain/meeting-issue.js';
import { reportButtons } from '../../src/domain/report-buttons.js';

// Who raises an issue for the leadership meeting, who withdraws it, and when the monthly report shows
// 提请领导小组研究.

const actor = (over: Partial<Actor>): Actor => ({
  id: 1,
  name: '某人',
  openId: 'ou_x',
  rank: null,
  unitId: null,
  roles: [],
  squads: [],
  leaderOf: [],
  ...over,
});
const captain = actor({ id: 2, squads: [{ squadId: 4, role: 'CAPTAIN' }] });
const member = actor({ id: 3, squads: [{ squadId: 4, role: 'MEMBER' }] });
const leader = actor({ id: 4, leaderOf: [4, 5] });
const office = actor({ id: 5, roles: ['OFFICE'] });
const groupLeader = actor({ id: 6, roles: ['GROUP_LEADER'] });
const both = actor({
  id: 7,
  squads: [
    { squadId: 1, role: 'MEMBER' },
    { squadId: 4, role: 'CAPTAIN' },
  ],
  leaderOf: [4],
});

describe('mayRaiseIssue', () => {
  it.each([
    ['the captain, for their squad', captain, 4, true],
    ['the captain, for another squad', captain, 1, false],
    ['a member', member, 4, false],
    ['a responsible leader, for a squad they lead', leader, 5, true],
    ['a responsible leader, for another squad', leader, 1, false],
    ['the office, for any squad', office, 9, true],
    ['the group leader (who decides, not raises)', groupLeader, 4, false],
  ] as const)('%s', (_, a, squadId, allowed) => expect(mayRaiseIssue(a, squadId) === null).toBe(allowed));
});

describe('mayWithdrawIssue', () => {
  const raisedByLeader = { raisedById: leader.id, squadId: 4 };
  it.each([
    ['whoever raised it', leader, true],
    ['the squad captain', captain, true],
    ['the office', office, true],
    ['a member of the squad', member, false],
    ['the group leader', groupLeader, false],
  ] as const)('%s', (_, a, allowed) => expect(mayWithdrawIssue(a, raisedByLeader) === null).toBe(allowed));
});

it('issueSquadIds: the squads captained and led, once each; not those one is only a member of', () => {
  expect(issueSquadIds(both)).toEqual([4]);
  expect(issueSquadIds(leader)).toEqual([4, 5]);
  expect(issueSquadIds(member)).toEqual([]);
});

it('the states read 待研究 / 已研究 / 已撤回', () => {
  expect(['OPEN', 'DECIDED', 'WITHDRAWN'].map(issueStatusLabel)).toEqual(['待研究', '已研究', '已撤回']);
});

describe('提请领导小组研究 on the monthly report', () => {
  const base = { month: '2018-06', now: new Date('2018-07-20T02:00:00Z'), tz: 'Asia/Shanghai', closeDay: 5 };
  it.each([
    ['shown to who may raise, even when the month is closed', true, 'SUBMITTED', true],
    ['shown on a draft', true, 'DRAFT', true],
    ['not shown to a member', false, 'DRAFT', false],
  ] as const)('%s', (_, may, status, shown) => {
    const viewer = { office: false, submit: may, draft: true, raiseIssue: may };
    expect(reportButtons({ ...base, status, amending: false, viewer }).raiseIssue).toBe(shown);
  });
});
