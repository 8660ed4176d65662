import { describe, expect, it } from 'vitest';
import {
  assessTrip,
  describeTripProgress,
  isWithinTrip,
  TRIP_MIN_LEADS,
  TRIP_MIN_VISITS,
} from '../../src/domain/trip-rules.js';

describe('assessTrip', () => {
  it('the plan asks 6 visits and 3 leads per trip', () => {
    expect([TRIP_MIN_VISITS, TRIP_MIN_LEADS]).toEqual([6, 3]);
  });
  it.each([
    ['6 visits and 3 leads meet the rule', 6, 3, { short: false, missingVisits: 0, missingLeads: 0 }],
    ['more is fine', 9, 5, { short: false, missingVisits: 0, missingLeads: 0 }],
    ['5 visits is short by one', 5, 3, { short: true, missingVisits: 1, missingLeads: 0 }],
    ['2 leads is short by one', 6, 2, { short: true, missingVisits: 0, missingLeads: 1 }],
    ['nothing entered', 0, 0, { short: true, missingVisits: 6, missingLeads: 3 }],
  ])('%s', (_, visits, leads, out) => expect(assessTrip({ visits, leads })).toEqual(out));
});

describe('trip dates and counters', () => {
  it.each([
    ['first day', '2018-06-10', true],
    ['last day', '2018-06-12', true],
    ['day before', '2018-06-09', false],
    ['day after', '2018-06-13', false],
  ])('%s', (_, d, ok) => expect(isWithinTrip(d, { startDate: '2018-06-10', endDate: '2018-06-12' })).toBe(ok));

  it('counts read like the card', () => {
    expect(describeTripProgress({ visits: 4, leads: 1 })).toEqual({ visits: '已录入 4/6 家', leads: '已录入 1/3 条' });
  });
});
