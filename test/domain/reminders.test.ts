import { describe, expect, it } from 'vitest';
import {
  DEFAULT_REMINDER_RULES,
  DEFAULT_TASK_RULES,
  escalationsDue,
  mergeReminderRules,
  reportReminderDue,
  taskColour,
  taskWarning,
} from '../../src/domain/reminders.js';
import { matchSquad } from '../../src/domain/squad-match.js';

const rules = DEFAULT_REMINDER_RULES;

describe('monthly report reminders', () => {
  it.each([
    ['2018-06-20', { month: '2018-06', day: 20, daysLeft: 8 }],
    ['2018-06-27', { month: '2018-06', day: 27, daysLeft: 1 }],
    ['2018-06-21', undefined],
    ['2018-06-28', undefined],
  ])('%s', (today, due) => expect(reportReminderDue(today, rules)).toEqual(due));

  it('escalates on the 28th and three days later, across the month boundary', () => {
    expect(escalationsDue('2018-06-28', rules).map((e) => [e.month, e.step])).toEqual([['2018-06', 0]]);
    expect(escalationsDue('2018-07-01', rules).map((e) => [e.month, e.step, e.notify])).toEqual([
      ['2018-06', 1, ['LEADER', 'OFFICE']],
    ]);
    expect(escalationsDue('2018-07-02', rules)).toEqual([]);
    // February: the 28th + 3 = March 3
    expect(escalationsDue('2018-03-03', rules).map((e) => e.month)).toEqual(['2018-02']);
  });

  it('settings: days must be 1–27, audiences known', () => {
    expect(mergeReminderRules(undefined, [15, 26]).reportDays).toEqual([15, 26]);
    expect(mergeReminderRules(undefined, [15, 30]).reportDays).toEqual([20, 25, 27]);
    expect(mergeReminderRules({ reportAudience: ['CAPTAIN', 'MEMBER'] }).reportAudience).toEqual(['CAPTAIN', 'MEMBER']);
  });
});

describe('task warnings (限时办结、超时预警、办结销号)', () => {
  const task = (dueOn: string, status = 'OPEN') => ({ id: 7, dueOn, status });
  it.each([
    ['2018-06-10', '2018-06-06', undefined],
    ['2018-06-10', '2018-06-07', { kind: 'DUE_SOON', daysLeft: 3, key: 'task-due-soon:7' }],
    ['2018-06-10', '2018-06-10', { kind: 'DUE_SOON', daysLeft: 0, key: 'task-due-soon:7' }],
    ['2018-06-10', '2018-06-11', { kind: 'OVERDUE', daysOver: 1, step: 1, key: 'task-overdue:7:day-1' }],
    ['2018-06-10', '2018-06-12', { kind: 'OVERDUE', daysOver: 2, step: 1, key: 'task-overdue:7:day-1' }],
    ['2018-06-10', '2018-06-20', { kind: 'OVERDUE', daysOver: 10, step: 7, key: 'task-overdue:7:day-7' }],
  ])('due %s, today %s', (due, today, w) => expect(taskWarning(task(due), today)).toEqual(w));

  it('a closed task never warns', () => expect(taskWarning(task('2018-06-10', 'DONE'), '2018-06-20')).toBeUndefined());

  it.each([
    ['2018-06-10', 'green'],
    ['2018-06-11', 'yellow'],
    ['2018-06-17', 'yellow'],
    ['2018-06-18', 'red'],
  ] as const)('on %s a task due 2018-06-10 is %s', (today, colour) =>
    expect(taskColour('2018-06-10', today, DEFAULT_TASK_RULES)).toBe(colour),
  );
});

describe('squad argument', () => {
  const squads = [
    { id: 1, name: '重大项目招商谈判小分队', sortOrder: 1 },
    { id: 4, name: '纺织和羽绒产业招商小分队', sortOrder: 4 },
    { id: 9, name: '木格镇招商小分队', sortOrder: 14 },
    { id: 10, name: '木梓镇招商小分队', sortOrder: 15 },
  ];
  it.each([
    ['纺织', 'found'],
    ['4', 'found'],
    ['4队', 'found'],
    ['木', 'ambiguous'],
    ['99', 'none'],
    ['化工', 'none'],
  ])('%s → %s', (arg, kind) => expect(matchSquad(arg, squads).kind).toBe(kind));
});
