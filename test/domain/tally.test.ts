import { describe, expect, it } from 'vitest';
import { commencementByCohort } from '../../src/domain/commencement.js';
import { parsePeriod, quarterPeriod, yearPeriod } from '../../src/domain/periods.js';
import { bucketOfReport, countBuckets, isExemptMonth } from '../../src/domain/report-status.js';
import { emptyActuals, formatAmount, groupTallies, metricLines, type SquadTally } from '../../src/domain/tally.js';

const t = (
  id: number,
  kind: SquadTally['kind'],
  a: Partial<ReturnType<typeof emptyActuals>>,
  quota: SquadTally['quota'],
): SquadTally => ({
  squadId: id,
  name: `S${id}`,
  kind,
  sortOrder: id,
  actual: { ...emptyActuals(), ...a },
  quota,
});

describe('periods', () => {
  it.each([
    ['2018', '2018-01-01', '2018-12-31', 12],
    ['2018Q2', '2018-04-01', '2018-06-30', 3],
    ['2018q1', '2018-01-01', '2018-03-31', 3],
    ['2018年第4季度', '2018-10-01', '2018-12-31', 3],
  ])('%s', (arg, from, to, months) => {
    const p = parsePeriod(arg)!;
    expect([p.from, p.to, p.months.length]).toEqual([from, to, months]);
  });
  it.each(['2018Q5', '18', 'Q2', '纺织'])('refuses %s', (arg) => expect(parsePeriod(arg)).toBeNull());
  it('empty = the year of today', () => expect(parsePeriod('', '2018-06-15')?.key).toBe('2018'));
});

describe('tally lines against quotas', () => {
  it('a year: each metric as count and percentage; reports on time against months due', () => {
    const s = t(
      1,
      'INDUSTRY',
      {
        signedProjects: 2,
        signedInvestment: 80000,
        leads: 9,
        reports: { onTime: 3, late: 1, missing: 1, exempt: 1, due: 5 },
      },
      { SIGNED_PROJECTS: 4, SIGNED_INVESTMENT: 160000, LEADS: 12, TRIPS: 4 },
    );
    const lines = metricLines(s, yearPeriod(2018));
    expect(lines.map((l) => [l.metric, l.actual, l.target, l.ratio])).toEqual([
      ['SIGNED_PROJECTS', 2, 4, 0.5],
      ['SIGNED_INVESTMENT', 80000, 160000, 0.5],
      ['TRIPS', 0, 4, 0],
      ['LEADS', 9, 12, 0.75],
      ['REPORTS_ON_TIME', 3, 5, 0.6],
    ]);
  });

  it('a quarter: a quarter of the annual quota, counts rounded up', () => {
    const s = t(
      1,
      'INDUSTRY',
      { signedProjects: 1, fundsInPlace: 30000 },
      { SIGNED_PROJECTS: 3, FUNDS_IN_PLACE: 100000 },
    );
    const lines = metricLines(s, quarterPeriod(2018, 2));
    expect(lines.slice(0, 2).map((l) => [l.target, l.ratio])).toEqual([
      [1, 1],
      [25000, 1.2],
    ]);
  });

  it('groups by kind and sums the district', () => {
    const g = groupTallies([
      t(1, 'INDUSTRY', { leads: 3 }, { LEADS: 12 }),
      t(2, 'TOWN', { leads: 2 }, { LEADS: 6 }),
      t(3, 'INDUSTRY', { leads: 1 }, { LEADS: 12 }),
    ]);
    expect(g.map((x) => [x.name, x.actual.leads, x.quota.LEADS])).toEqual([
      ['产业小分队', 4, 24],
      ['镇（街道办）', 2, 6],
      ['全区', 6, 30],
    ]);
  });

  it.each([
    [12.5, '万元', '12.5万元'],
    [250000, '万元', '25亿元'],
    [8300, '万美元', '8300万美元'],
  ] as const)('formats %s %s as %s', (v, unit, out) => expect(formatAmount(v, unit)).toBe(out));
});

describe('commencement rate per cohort', () => {
  it('the plan: 80/70/60% for projects signed three, two, one year(s) before', () => {
    const lines = commencementByCohort(2018, [
      { signedYear: 2015, signed: 10, started: 8 },
      { signedYear: 2016, signed: 10, started: 6 },
      { signedYear: 2018, signed: 5, started: 1 },
    ]);
    expect(lines.map((l) => [l.signedYear, l.rate, l.target, l.met])).toEqual([
      [2015, 0.8, 0.8, true],
      [2016, 0.6, 0.7, false],
      [2017, null, 0.6, true],
    ]);
  });
  it('office goals override the defaults', () => {
    expect(commencementByCohort(2018, [], { COMMENCEMENT_RATE_2016: 0.9 })[1]!.target).toBe(0.9);
  });
});

describe('report buckets', () => {
  it.each([
    ['submitted before the 28th', { status: 'SUBMITTED', late: false }, false, '2018-06-29', 'ON_TIME'],
    ['submitted late', { status: 'SUBMITTED', late: true }, false, '2018-06-29', 'LATE'],
    ['draft on the 28th', { status: 'DRAFT', late: false }, false, '2018-06-28', 'MISSING'],
    ['nothing on the 27th', undefined, false, '2018-06-27', 'PENDING'],
    ['exempt by a leader', undefined, true, '2018-07-10', 'EXEMPT'],
    ['report marked EXEMPT', { status: 'EXEMPT', late: false }, false, '2018-07-10', 'EXEMPT'],
  ] as const)('%s', (_, report, exempt, today, bucket) =>
    expect(bucketOfReport(report, exempt, '2018-06', today)).toBe(bucket),
  );

  it('an exemption covers a month when it covers its last on-time day', () => {
    expect(isExemptMonth([{ fromDate: '2018-06-01', toDate: '2018-06-30' }], '2018-06')).toBe(true);
    expect(isExemptMonth([{ fromDate: '2018-06-01', toDate: '2018-06-10' }], '2018-06')).toBe(false);
  });

  it('counts the three buckets; exempt and pending are not due', () => {
    expect(countBuckets(['ON_TIME', 'LATE', 'MISSING', 'EXEMPT', 'PENDING', 'MISSING'])).toEqual({
      onTime: 1,
      late: 1,
      missing: 2,
      exempt: 1,
      due: 4,
    });
  });
});
