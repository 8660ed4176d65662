import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { mayInspect } from '../../src/domain/authz.js';
import {
  isInspectablePeriod,
  mayCloseCorrection,
  RATING_LABELS,
  readCloseNote,
  readInspectionForm,
} from '../../src/domain/inspection.js';
import { taskWarning } from '../../src/domain/reminders.js';

const TODAY = '2018-06-20';
const OWNERS = ['ou_captain', 'ou_member'];
const good = {
  insp_date: '2018-06-19 +0800',
  insp_checked: '台账',
  insp_findings: '台账不全',
  insp_rating: 'FAIR',
  corr1_title: '补齐台账',
  corr1_owner: 'ou_member',
  corr1_due: '2018-06-30 +0800',
};

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

describe('readInspectionForm', () => {
  it('reads a good form; empty correction rows are skipped', () => {
    const r = readInspectionForm({ ...good, corr2_title: '', corr2_owner: '', corr2_due: '' }, TODAY, OWNERS);
    expect(r).toEqual({
      ok: true,
      values: {
        inspectedOn: '2018-06-19',
        checked: '台账',
        findings: '台账不全',
        rating: 'FAIR',
        corrections: [{ title: '补齐台账', ownerOpenId: 'ou_member', dueOn: '2018-06-30' }],
      },
    });
  });

  it.each([
    ['no findings', { insp_findings: ' ' }, 'insp_findings', '请填写发现的问题'],
    ['no rating', { insp_rating: '' }, 'insp_rating', '请选择评价'],
    ['an unknown rating', { insp_rating: 'EXCELLENT' }, 'insp_rating', '请选择评价'],
    ['an inspection date ahead', { insp_date: '2018-06-21 +0800' }, 'insp_date', '不能晚于今天'],
    ['no inspection date', { insp_date: '' }, 'insp_date', '请用日期选择器选择'],
    ['a due date in the past', { corr1_due: '2018-06-19 +0800' }, 'corr1_due', '期限不能早于今天'],
    ['an owner from elsewhere', { corr1_owner: 'ou_other' }, 'corr1_owner', '责任人只能是本小分队'],
    ['a row without a title', { corr1_title: '' }, 'corr1_title', '请写明要整改什么'],
    ['a row without an owner', { corr1_owner: '' }, 'corr1_owner', '请选择责任人'],
    ['a row without a due date', { corr1_due: '' }, 'corr1_due', '请选择整改期限'],
  ])('%s is a field error', (_, change, field, message) => {
    const r = readInspectionForm({ ...good, ...change }, TODAY, OWNERS);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[field]).toContain(message);
  });
});

describe('isInspectablePeriod', () => {
  it.each([
    ['2018Q2', true],
    ['2018Q1', true],
    ['2017Q4', true],
    ['2018Q3', false],
    ['2018', false],
    ['2018Q5', false],
    [42, false],
  ])('%s → %s', (p, ok) => expect(isInspectablePeriod(p, TODAY)).toBe(ok));
});

describe('who may inspect and close a correction', () => {
  const correction = { ownerId: 7, squadId: 4 };
  it.each([
    ['an inspector', actor({ roles: ['INSPECTOR'] }), true, true],
    ['the office', actor({ roles: ['OFFICE'] }), true, true],
    ['the owner', actor({ id: 7, squads: [{ squadId: 4, role: 'MEMBER' }] }), false, true],
    ['the squad’s captain', actor({ squads: [{ squadId: 4, role: 'CAPTAIN' }] }), false, true],
    ['another member', actor({ squads: [{ squadId: 4, role: 'MEMBER' }] }), false, false],
    ['another squad’s captain', actor({ squads: [{ squadId: 3, role: 'CAPTAIN' }] }), false, false],
    ['a responsible leader', actor({ roles: ['RESPONSIBLE_LEADER'], leaderOf: [4] }), false, false],
    ['the assessor', actor({ roles: ['ASSESSOR'] }), false, false],
  ])('%s', (_, a, inspects, closes) => {
    expect(mayInspect(a) === null).toBe(inspects);
    expect(mayCloseCorrection(a, correction) === null).toBe(closes);
  });

  it('closing needs a note', () => {
    expect(readCloseNote('  ')).toMatchObject({ ok: false });
    expect(readCloseNote(' 已整改 ')).toEqual({ ok: true, note: '已整改' });
  });
});

describe('ratings and warning keys', () => {
  it('labels the four ratings', () => expect(Object.values(RATING_LABELS)).toEqual(['好', '较好', '一般', '差']));
  it('a correction’s warning keys carry their own prefix', () => {
    const t = { id: 3, dueOn: '2018-06-10', status: 'OPEN' };
    expect(taskWarning(t, TODAY, undefined, 'correction')?.key).toBe('correction-overdue:3:day-7');
    expect(taskWarning(t, TODAY)?.key).toBe('task-overdue:3:day-7');
  });
});
