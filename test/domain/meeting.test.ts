import { describe, expect, it } from 'vitest';
import { closedSinceWindow, decisionWarning, meetingDay, previousQuarter } from '../../src/domain/meeting.js';
import { quarterPeriod } from '../../src/domain/periods.js';
import { taskWarning } from '../../src/domain/reminders.js';

describe('the meeting calendar', () => {
  it.each([
    ['Q2 follows Q1', quarterPeriod(2018, 2), '2018Q1'],
    ['Q1 follows last year’s Q4', quarterPeriod(2018, 1), '2017Q4'],
  ])('%s', (_, p, key) => expect(previousQuarter(p).key).toBe(key));

  it('the meeting is on the 20th of the quarter’s last month; closures count from the last meeting day', () => {
    expect(meetingDay(quarterPeriod(2018, 3))).toBe('2018-09-20');
    expect(closedSinceWindow(quarterPeriod(2018, 1))).toEqual({ from: '2017-12-20', before: '2018-03-20' });
  });
});

describe('decision warnings', () => {
  const d = (dueOn: string, status = 'OPEN') => ({ id: 7, dueOn, status });
  it.each([
    ['too early: nothing', d('2018-07-10'), '2018-07-01', undefined],
    ['three days before: due soon', d('2018-07-04'), '2018-07-01', 'decision-due-soon:7'],
    ['one day over: the first step', d('2018-06-30'), '2018-07-01', 'decision-overdue:7:day-1'],
    ['five days over: the day-3 step', d('2018-06-26'), '2018-07-01', 'decision-overdue:7:day-3'],
    ['closed: nothing', d('2018-06-26', 'DONE'), '2018-07-01', undefined],
  ])('%s', (_, decision, today, key) => expect(decisionWarning(decision, today)?.key).toBe(key));

  it('never shares a key with the project task of the same id', () => {
    expect(taskWarning(d('2018-06-30'), '2018-07-01')?.key).toBe('task-overdue:7:day-1');
  });
});
