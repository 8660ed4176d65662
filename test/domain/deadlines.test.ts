import { describe, expect, it } from 'vitest';
import {
  isFutureMonth,
  isLateSubmission,
  reportCloseAt,
  reportDeadline,
  reportEditRefusal,
  reportWindow,
} from '../../src/domain/deadlines.js';
import { approverRoleFor, tripDateErrors } from '../../src/domain/trip-routing.js';
import { formatBusinessmenLines, parseBusinessmenLines } from '../../src/domain/visited-businessmen.js';

const SH = 'Asia/Shanghai';
const at = (s: string) => new Date(s);

describe('monthly report deadlines (Asia/Shanghai)', () => {
  it('is due before the 28th, local time', () => {
    expect(reportDeadline('2018-06', SH).toISOString()).toBe('2018-06-27T16:00:00.000Z');
    expect(reportCloseAt('2018-06', SH, 5).toISOString()).toBe('2018-07-05T16:00:00.000Z');
    expect(reportCloseAt('2018-12', SH, 5).toISOString()).toBe('2019-01-05T16:00:00.000Z');
  });

  it.each([
    ['the 27th, 23:59 local, is on time', '2018-06-27T23:59:00+08:00', 'OPEN', false],
    ['the 28th, 00:00 local, is late', '2018-06-28T00:00:00+08:00', 'LATE', true],
    ['UTC still the 27th but local the 28th is late', '2018-06-27T17:00:00Z', 'LATE', true],
    ['the close day itself may still be edited', '2018-07-05T23:59:00+08:00', 'LATE', true],
    ['the day after the close day is closed', '2018-07-06T00:00:00+08:00', 'CLOSED', true],
  ])('%s', (_, when, window, late) => {
    expect(reportWindow('2018-06', at(when), SH, 5)).toBe(window);
    expect(isLateSubmission('2018-06', at(when), SH)).toBe(late);
  });

  it.each([
    ['a captain before the deadline', '2018-06-20T10:00:00+08:00', true, false, null],
    ['a captain amending after the deadline', '2018-06-28T10:00:00+08:00', true, false, '已过截止时间'],
    ['a captain submitting late for the first time', '2018-06-28T10:00:00+08:00', false, false, null],
    ['a captain after the close day', '2018-07-06T10:00:00+08:00', false, false, '关闭'],
    ['the office after the close day', '2018-07-06T10:00:00+08:00', true, true, null],
  ])('edit rule: %s', (_, when, submitted, office, refusal) => {
    const r = reportEditRefusal({ month: '2018-06', now: at(when), tz: SH, closeDay: 5, submitted, office });
    if (refusal === null) expect(r).toBeNull();
    else expect(r).toContain(refusal);
  });

  it('a future month is the next one in local time', () => {
    expect(isFutureMonth('2018-07', at('2018-06-30T17:00:00Z'), SH)).toBe(false); // 01:00 on 1 July locally
    expect(isFutureMonth('2018-07', at('2018-06-30T17:00:00Z'), 'UTC')).toBe(true);
  });
});

describe('trip routing and dates', () => {
  it.each([
    ['DIVISION', 'GROUP_LEADER'],
    ['SECTION', 'LEADER_IN_CHARGE'],
    [null, 'LEADER_IN_CHARGE'],
  ])('rank %s goes to %s', (rank, role) => expect(approverRoleFor(rank)).toBe(role));

  it.each([
    ['valid dates', '2018-06-25', '2018-06-28', {}],
    ['end before start', '2018-06-25', '2018-06-24', { end_date: expect.stringContaining('不能早于') }],
    ['start too long ago', '2018-06-01', '2018-06-02', { start_date: expect.stringContaining('2018-06-13') }],
    ['missing both', undefined, undefined, { start_date: expect.any(String), end_date: expect.any(String) }],
  ])('%s', (_, start, end, errors) => expect(tripDateErrors(start, end, '2018-06-20', 7)).toEqual(errors));
});

describe('visited businessmen lines', () => {
  it('round-trips, accepting | and ｜ and short lines', () => {
    const parsed = parseBusinessmenLines('王总|华信电子|深圳|总经理\n\n李总｜鹏达五金');
    expect(parsed.ok && parsed.list.map((b) => [b.name, b.company, b.position])).toEqual([
      ['王总', '华信电子', '总经理'],
      ['李总', '鹏达五金', ''],
    ]);
    if (parsed.ok) expect(formatBusinessmenLines(parsed.list)).toBe('王总｜华信电子｜深圳｜总经理\n李总｜鹏达五金');
  });
  it.each([
    ['a name only', '王总', '第 1 行'],
    ['too many fields', 'a|b|c|d|e|f|g|h', '字段太多'],
  ])('rejects %s', (_, text, msg) => {
    const r = parseBusinessmenLines(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain(msg);
  });
});
