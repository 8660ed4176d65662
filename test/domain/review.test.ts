import { mayStartReview } from '../../src/domain/review-start.js';
import { describe, expect, it } from 'vitest';
import calendarFile from '../../prisma/calendar-cn.json' with { type: 'json' };
import type { Actor } from '../../src/domain/actor.js';
import { landWaitingList, parseLandStatus } from '../../src/domain/land.js';
import {
  deadlineWarnings,
  formatWan,
  mayOverrule,
  reviewDueOn,
  reviewState,
  signingRefusal,
  type ReviewDecision,
} from '../../src/domain/review.js';
import type { CalendarKind } from '../../src/domain/working-days.js';

const cn = new Map(calendarFile.days.map((d) => [d.date, d.kind as CalendarKind]));
const ops = (...d: ReviewDecision[]) => d.map((decision) => ({ decision }));

describe('reviewState', () => {
  it.each([
    ['all pass → PASSED', ops('PASS', 'PASS', 'PASS'), false, 'PASSED'],
    ['passes with conditions count as passes', ops('PASS', 'CONDITIONAL'), false, 'PASSED'],
    ['one unit still pending keeps it open', ops('PASS', 'PENDING', 'CONDITIONAL'), false, 'OPEN'],
    ['one veto rejects, even with units pending', ops('PASS', 'VETO', 'PENDING'), false, 'VETOED'],
    ['an overruled veto', ops('VETO', 'PASS'), true, 'OVERRULED'],
    ['no units: nothing to pass yet', ops(), false, 'OPEN'],
  ])('%s', (_, opinions, overruled, state) => expect(reviewState(opinions, overruled)).toBe(state));
});

describe('time limits', () => {
  it.each([
    ['normal project started 2018-09-28: 5 working days, after 国庆', false, '2018-10-10'],
    ['key project started 2018-09-28: 3 working days', true, '2018-10-08'],
  ])('%s', (_, isKey, due) => expect(reviewDueOn('2018-09-28', isKey, { normal: 5, key: 3 }, cn)).toBe(due));

  const o = (dueOn: string, decision: ReviewDecision = 'PENDING') => ({ decision, dueOn });
  it.each([
    ['the working day before the due date warns', o('2018-10-10'), '2018-10-09', 'DUE_SOON'],
    [
      'an adjusted working day (Sunday 2018-09-30) warns for a due date right after the holiday',
      o('2018-10-08'),
      '2018-09-30',
      'DUE_SOON',
    ],
    ['a holiday before the due date does not warn', o('2018-10-08'), '2018-10-07', null],
    ['two working days before: no warning yet', o('2018-10-10'), '2018-10-08', null],
    ['on the due date itself: still in time', o('2018-10-10'), '2018-10-10', null],
    ['the day after: overdue', o('2018-10-10'), '2018-10-11', 'OVERDUE'],
    ['a decided opinion never warns', o('2018-10-10', 'PASS'), '2018-10-11', null],
  ])('%s', (_, opinion, today, kind) => {
    const w = deadlineWarnings([opinion], today, cn);
    expect(w[0]?.kind ?? null).toBe(kind);
  });
});

describe('signingRefusal', () => {
  const base = {
    investmentWan: 20_000,
    thresholdWan: 10_000,
    projectId: 7,
    pendingUnits: [] as string[],
    vetoes: [] as string[],
  };
  it.each([
    ['below the threshold: no review needed', { ...base, investmentWan: 9_999, reviewStatus: 'NONE' }, null],
    ['passed', { ...base, reviewStatus: 'PASSED' }, null],
    ['overruled', { ...base, reviewStatus: 'OVERRULED' }, null],
    ['never reviewed: says how to start', { ...base, reviewStatus: 'NONE' }, '/review 7'],
    [
      'in review: names the missing units',
      { ...base, reviewStatus: 'IN_REVIEW', pendingUnits: ['环保局', '政务办'] },
      '尚缺：环保局、政务办的预审意见',
    ],
    [
      'vetoed: gives the reasons',
      { ...base, reviewStatus: 'VETOED', vetoes: ['环保局（环保）：排放超标'] },
      '环保局（环保）：排放超标',
    ],
    ['exactly at the threshold needs review', { ...base, investmentWan: 10_000, reviewStatus: 'NONE' }, '1 亿元'],
  ])('%s', (_, input, expected) => {
    const r = signingRefusal(input);
    if (expected === null) expect(r).toBeNull();
    else expect(r).toContain(expected);
  });

  it.each([
    [10_000, '1 亿元'],
    [25_000, '2.5 亿元'],
    [800, '800 万元'],
  ])('formatWan(%d) = %s', (wan, text) => expect(formatWan(wan)).toBe(text));
});

describe('who may act', () => {
  const actor = (roles: string[], squadId?: number): Actor =>
    ({
      id: 1,
      name: 'x',
      openId: 'ou_x',
      rank: null,
      unitId: null,
      roles,
      squads: squadId ? [{ squadId, role: 'MEMBER' }] : [],
      leaderOf: [],
    }) as Actor;
  it.each([
    ['the office starts any review', actor(['OFFICE']), 3, true],
    ['a member of the owning squad starts it', actor([], 3), 3, true],
    ['a member of another squad does not', actor([], 4), 3, false],
  ])('%s', (_, a, squadId, ok) => expect(mayStartReview(a, squadId) === null).toBe(ok));
  it.each([
    ['the group leader overrules', actor(['GROUP_LEADER']), true],
    ['a deputy overrules', actor(['DEPUTY_LEADER']), true],
    ['the office does not', actor(['OFFICE', 'OFFICE_ADMIN']), false],
    ['a responsible leader does not', actor(['RESPONSIBLE_LEADER']), false],
  ])('%s', (_, a, ok) => expect(mayOverrule(a) === null).toBe(ok));
});

describe('key projects and land', () => {
  const p = (
    id: number,
    isKey: boolean,
    landStatus: string,
    landStatusOn: string | null,
    createdOn = '2018-01-10',
  ) => ({
    id,
    name: `P${id}`,
    isKey,
    landStatus,
    landStatusOn,
    createdOn,
  });
  it.each([
    ['longest wait first', [p(1, true, 'SITE_IDENTIFIED', '2018-05-01'), p(2, true, 'NONE', '2018-03-01')], [2, 1]],
    [
      'supplied land and non-key projects are left out',
      [p(1, true, 'LAND_SUPPLIED', '2018-01-01'), p(2, false, 'NONE', null), p(3, true, 'LAND_APPROVED', '2018-06-01')],
      [3],
    ],
    [
      'no land date: the wait counts from the record',
      [p(1, true, 'NONE', null, '2018-02-01'), p(2, true, 'NONE', '2018-04-01')],
      [1, 2],
    ],
    ['equal waits: older record first', [p(5, true, 'NONE', '2018-04-01'), p(4, true, 'NONE', '2018-04-01')], [4, 5]],
  ])('%s', (_, projects, order) => expect(landWaitingList(projects, '2018-06-30').map((x) => x.id)).toEqual(order));

  it('counts days waiting', () =>
    expect(landWaitingList([p(1, true, 'NONE', '2018-06-01')], '2018-06-30')[0]!.daysWaiting).toBe(29));

  it.each([
    ['已选址', 'SITE_IDENTIFIED'],
    ['land_approved', 'LAND_APPROVED'],
    ['供地', 'LAND_SUPPLIED'],
    ['无', 'NONE'],
    ['随便', undefined],
  ])('parseLandStatus(%s)', (w, s) => expect(parseLandStatus(w)).toBe(s));
});
