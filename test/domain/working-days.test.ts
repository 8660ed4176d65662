import { describe, expect, it } from 'vitest';
import calendarFile from '../../prisma/calendar-cn.json' with { type: 'json' };
import {
  addWorkingDays,
  isIsoDate,
  isWorkingDay,
  localDate,
  workingDaysBetween,
  type CalendarKind,
} from '../../src/domain/working-days.js';

const cn = new Map(calendarFile.days.map((d) => [d.date, d.kind as CalendarKind]));
const none = new Map<string, CalendarKind>();

describe('isWorkingDay', () => {
  it.each([
    ['an ordinary Friday works', '2018-09-28', cn, true],
    ['an ordinary Saturday rests', '2018-09-22', none, false],
    ['Saturday 2018-09-29 was an adjusted working day (国庆调休)', '2018-09-29', cn, true],
    ['Sunday 2018-09-30 was an adjusted working day', '2018-09-30', cn, true],
    ['Monday 2018-10-01 is 国庆', '2018-10-01', cn, false],
    ['Friday 2018-10-05 is inside the 国庆 break', '2018-10-05', cn, false],
    ['Monday 2018-10-08 works again', '2018-10-08', cn, true],
    ['除夕 2025-01-28 rests since the 2025 reform', '2025-01-28', cn, false],
    ['Saturday 2026-02-14 works (春节调休)', '2026-02-14', cn, true],
    ['Wednesday 2026-10-07 is the last day of 国庆', '2026-10-07', cn, false],
    ['Saturday 2026-10-10 works (国庆调休)', '2026-10-10', cn, true],
  ])('%s', (_, date, cal, expected) => expect(isWorkingDay(date, cal)).toBe(expected));
});

describe('addWorkingDays', () => {
  it.each([
    [
      '5 working days from Friday 2018-09-28 run past 国庆 (29th and 30th were adjusted working days)',
      '2018-09-28',
      5,
      cn,
      '2018-10-10',
    ],
    ['without the calendar the same count ends before the holiday', '2018-09-28', 5, none, '2018-10-05'],
    ['3 working days from Friday 2018-09-28 (key project)', '2018-09-28', 3, cn, '2018-10-08'],
    ['5 working days across 春节 2018 (24 Feb was a Saturday working day)', '2018-02-13', 5, cn, '2018-02-26'],
    ['0 days is the start itself', '2018-06-01', 0, cn, '2018-06-01'],
    ['a start on a holiday counts from the next working day', '2018-10-03', 1, cn, '2018-10-08'],
    [
      '5 working days from Friday 2025-09-26 include Sunday 28 Sept (调休) and skip 1–8 Oct',
      '2025-09-26',
      5,
      cn,
      '2025-10-10',
    ],
    ['across 元旦 2026 (Sunday 4 Jan works)', '2025-12-31', 1, cn, '2026-01-04'],
  ])('%s', (_, start, n, cal, due) => expect(addWorkingDays(start, n, cal)).toBe(due));

  it('refuses a negative count', () => expect(() => addWorkingDays('2018-01-01', -1, cn)).toThrow());
});

describe('helpers', () => {
  it.each([
    ['2018-09-28', '2018-10-10', 5],
    ['2018-10-10', '2018-09-28', 0],
    ['2018-09-30', '2018-10-07', 0],
  ])('working days after %s up to %s: %i', (from, to, n) => expect(workingDaysBetween(from, to, cn)).toBe(n));

  it.each([
    ['2018-02-28', true],
    ['2018-02-30', false],
    ['2018-2-3', false],
    ['', false],
  ])('isIsoDate(%s) = %s', (s, ok) => expect(isIsoDate(s)).toBe(ok));

  it('takes the calendar date in Asia/Shanghai, not UTC', () => {
    expect(localDate(new Date('2018-09-27T17:30:00Z'), 'Asia/Shanghai')).toBe('2018-09-28');
  });

  it('has no date listed twice and only weekends as adjusted working days', () => {
    const dates = calendarFile.days.map((d) => d.date);
    expect(new Set(dates).size).toBe(dates.length);
    for (const d of calendarFile.days.filter((x) => x.kind === 'WORKDAY'))
      expect(isWorkingDay(d.date, none), d.date).toBe(false);
  });
});
