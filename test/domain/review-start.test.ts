import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { decideReviewStart, type ReviewStartRequest } from '../../src/domain/review-start.js';
import type { Role } from '../../src/domain/vocabulary.js';

const actor = (roles: Role[], squadId?: number): Actor => ({
  id: 1,
  name: '某人',
  openId: 'ou_x',
  rank: null,
  unitId: null,
  roles,
  squads: squadId ? [{ squadId, role: 'CAPTAIN' }] : [],
  leaderOf: [],
});
const u = (id: number, name: string) => ({ id, name });
const PLAN = [u(1, '经贸局'), u(2, '环保局'), u(3, '招商局'), u(4, '发改局'), u(5, '区工业园'), u(6, '政务办')];
const LAND = u(7, '国土分局');
const captain = actor([], 3);
const office = actor(['OFFICE']);
const admin = actor(['OFFICE', 'OFFICE_ADMIN']);
const vetoedByEpb = { status: 'VETOED' as const, vetoUnits: [PLAN[1]!] };

const req = (over: Partial<ReviewStartRequest>): ReviewStartRequest => ({
  actor: captain,
  squadId: 3,
  previous: null,
  planUnits: PLAN,
  selected: PLAN,
  reason: '',
  ...over,
});

describe('decideReviewStart', () => {
  it.each([
    ['the squad starts with the six', req({}), true],
    ['the squad may add a unit', req({ selected: [...PLAN, LAND] }), true],
    ['the squad may not start with its own unit only', req({ selected: [PLAN[0]!] }), false],
    [
      'the office (not admin) may not remove one',
      req({ actor: office, selected: PLAN.slice(1), reason: '无关' }),
      false,
    ],
    ['an office admin may not remove one without a reason', req({ actor: admin, selected: PLAN.slice(1) }), false],
    ['an office admin removes one with a reason', req({ actor: admin, selected: PLAN.slice(1), reason: '无关' }), true],
    ['another squad may not start', req({ actor: actor([], 4) }), false],
    ['after a veto the squad may not restart', req({ previous: vetoedByEpb, reason: '调整了' }), false],
    ['after a veto the office needs a reason', req({ actor: office, previous: vetoedByEpb }), false],
    [
      'after a veto the office restarts with a reason',
      req({ actor: office, previous: vetoedByEpb, reason: '调整了' }),
      true,
    ],
    [
      'after a veto even an admin may not leave the vetoing unit out',
      req({ actor: admin, previous: vetoedByEpb, selected: PLAN.filter((x) => x.id !== 2), reason: '调整了' }),
      false,
    ],
    ['nothing ticked at all is refused', req({ actor: admin, selected: [], reason: '无' }), false],
  ])('%s', (_, r, ok) => expect(decideReviewStart(r).ok).toBe(ok));

  it('reports the removed plan units and whether it is a restart', () => {
    const d = decideReviewStart(req({ actor: admin, selected: PLAN.slice(0, 5), reason: '不涉及审批' }));
    expect(d).toEqual({ ok: true, units: PLAN.slice(0, 5), removed: [PLAN[5]], restart: false });
    const r = decideReviewStart(req({ actor: office, previous: vetoedByEpb, reason: '调整了' }));
    expect(r).toMatchObject({ ok: true, restart: true, removed: [] });
  });

  it('names the missing plan units to the squad', () => {
    const d = decideReviewStart(req({ selected: [PLAN[0]!] }));
    expect(d.ok ? '' : d.refusal).toContain('环保局、招商局、发改局、区工业园、政务办');
  });
});
