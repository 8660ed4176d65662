import { describe, expect, it } from 'vitest';
import type { QuotaRow } from '../../src/domain/import-rows.js';
import { goalLabel, goalMetricOf, goalProblem, nextYearGoal, quotaSumWarnings } from '../../src/domain/quota-sums.js';

const q = (squadId: number, metric: QuotaRow['metric'], target: number, year = 2019): QuotaRow => ({
  year,
  squadId,
  squadName: `S${squadId}`,
  metric,
  target,
});

describe('quotaSumWarnings', () => {
  it.each([
    ['quotas that add up: nothing to say', [q(1, 'SIGNED_PROJECTS', 10), q(2, 'SIGNED_PROJECTS', 8)], []],
    [
      'more than the goal',
      [q(1, 'SIGNED_PROJECTS', 10), q(2, 'SIGNED_PROJECTS', 10)],
      ['2019 年 新签约亿元以上项目：各小分队合计 20 个，全区目标 18 个，多 2 个'],
    ],
    [
      'a goal not split at all, and another year left alone',
      [q(1, 'SIGNED_PROJECTS', 18), q(1, 'FUNDS_IN_PLACE', 1, 2018)],
      ['2019 年 到位资金：各小分队合计 0 万元，全区目标 800000 万元，少 800000 万元'],
    ],
  ])('%s', (_, quotas, expected) => {
    const goals = [
      { year: 2019, metric: 'SIGNED_PROJECTS', target: 18 },
      { year: 2019, metric: 'COMMENCEMENT_RATE_2016', target: 0.8 }, // not split: never checked
      ...(expected.some((e) => e.includes('到位资金'))
        ? [{ year: 2019, metric: 'FUNDS_IN_PLACE', target: 800000 }]
        : []),
    ];
    expect(quotaSumWarnings(goals, quotas)).toEqual(expected);
  });
});

describe('goals', () => {
  it('reads and writes a cohort rate’s label, and moves the cohort on with the year', () => {
    expect(goalLabel('COMMENCEMENT_RATE_2016')).toBe('2016年签约项目开工率');
    expect(goalMetricOf('2016年签约项目开工率')).toBe('COMMENCEMENT_RATE_2016');
    expect(goalMetricOf('到位资金')).toBe('FUNDS_IN_PLACE');
    expect(nextYearGoal({ year: 2018, metric: 'COMMENCEMENT_RATE_2015', target: 0.8 })).toEqual({
      year: 2019,
      metric: 'COMMENCEMENT_RATE_2016',
      target: 0.8,
    });
  });

  it.each([
    [{ year: 2019, metric: 'SIGNED_PROJECTS', target: 18 }, null],
    [{ year: 2019, metric: 'SIGNED_PROJECTS', target: 1.5 }, '新签约亿元以上项目应为整数'],
    [{ year: 2019, metric: 'COMMENCEMENT_RATE_2016', target: 80 }, '2016年签约项目开工率是比例（0–1，0.8 = 80%）'],
    [{ year: 2019, metric: 'FUNDS_IN_PLACE', target: -1 }, '到位资金应为不小于 0 的数字'],
    [{ year: 2019, metric: 'WHATEVER', target: 1 }, '不认识指标「WHATEVER」'],
    [{ year: 19, metric: 'TRIPS', target: 1 }, '年度应为四位年份，例如 2019'],
  ])('goalProblem %o', (g, expected) => expect(goalProblem(g)).toBe(expected));
});
