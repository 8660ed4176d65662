import { describe, expect, it } from 'vitest';
import { quarterPeriod, yearPeriod } from '../../src/domain/periods.js';
import {
  buildBulletin,
  DEFAULT_RULES,
  DEFAULT_WEIGHTS,
  isUnjudged,
  rankSquads,
  scoreSquad,
} from '../../src/domain/scoring.js';
import { judgeByKind } from '../../src/domain/ranking-by-kind.js';
import { mergeRules, mergeWeights } from '../../src/domain/scoring-settings.js';
import { emptyActuals, type SquadActuals, type SquadTally } from '../../src/domain/tally.js';

const year = yearPeriod(2018);
const q2 = quarterPeriod(2018, 2);

function tally(id: number, actual: Partial<SquadActuals>, quota: SquadTally['quota'], sortOrder = id): SquadTally {
  return { squadId: id, name: `S${id}`, kind: 'INDUSTRY', sortOrder, actual: { ...emptyActuals(), ...actual }, quota };
}
const reports = (onTime: number, late: number, missing: number, exempt = 0) => ({
  onTime,
  late,
  missing,
  exempt,
  due: onTime + late + missing,
});

describe('scoreSquad (hand-computed)', () => {
  it('a town squad is scored only on what applies to it: trips, visits, leads, reports, trip rule', () => {
    // trips 1/2, visits 12/12, leads 3/6, reports (2 + ½·1)/4, trip rule 1/1; weights 5,5,5,5,5 = 25
    // = 100 × (5·0.5 + 5·1 + 5·0.5 + 5·0.625 + 5·1) / 25 = 100 × 18.125 / 25 = 72.5
    const t = tally(
      1,
      { trips: 1, tripsReported: 1, tripsKeptRule: 1, visits: 12, leads: 3, reports: reports(2, 1, 1) },
      { TRIPS: 2, VISITS: 12, LEADS: 6 },
    );
    const s = scoreSquad(t, year);
    expect(s.components.map((c) => c.key)).toEqual(['trips', 'visits', 'leads', 'reportsOnTime', 'tripRules']);
    expect(s.score).toBe(72.5);
  });

  it('caps a ratio at 1.2 and counts a ¥500M+ strategic signing as 2', () => {
    // signed: 1 project, major + strategic → 1 + 0.5 + 0.5 = 2 of quota 1 → 2, capped 1.2;
    // investment 60000/100000 = 0.6
    // = 100 × (20·1.2 + 10·0.6) / 30 = 100 × 30 / 30 = 100
    const t = tally(
      1,
      { signedProjects: 1, majorSigned: 1, strategicSigned: 1, signedInvestment: 60000 },
      { SIGNED_PROJECTS: 1, SIGNED_INVESTMENT: 100000 },
    );
    expect(scoreSquad(t, year).score).toBe(100);
  });

  it('a quarter asks a quarter of the annual quota, counts rounded up', () => {
    // SIGNED_PROJECTS 3/yr → 1 a quarter; FUNDS 100000/yr → 25000 a quarter
    // = 100 × (20·1 + 15·(12500/25000)) / 35 = 100 × 27.5 / 35 = 78.57 → 78.6
    const t = tally(1, { signedProjects: 1, fundsInPlace: 12500 }, { SIGNED_PROJECTS: 3, FUNDS_IN_PLACE: 100000 });
    expect(scoreSquad(t, q2).score).toBe(78.6);
  });

  it('exempt months count neither way', () => {
    const a = scoreSquad(tally(1, { reports: reports(2, 0, 0, 1) }, {}), year);
    expect(a.components).toEqual([{ key: 'reportsOnTime', ratio: 1, weight: 5, actual: 2, target: 2 }]);
    expect(a.score).toBe(100);
    expect(a.missingReports).toBe(0);
  });

  it('office weights replace the defaults; bad values are ignored', () => {
    expect(mergeWeights({ reportsOnTime: 30, leads: -1, trips: 'x' })).toEqual({
      ...DEFAULT_WEIGHTS,
      reportsOnTime: 30,
    });
    expect(mergeRules({ redCount: 1, floors: { score: 50 } })).toEqual({
      ...DEFAULT_RULES,
      redCount: 1,
      floors: { ...DEFAULT_RULES.floors, score: 50 },
    });
  });
});

describe('rankSquads and the red/black list', () => {
  const quota = { LEADS: 10 };
  // Leads completion only (weight 5): scores 100×min(r,1.2)/1 → 120, 80, 60, 50, 30, 10
  const squads = [
    tally(1, { leads: 12, reports: reports(3, 0, 0) }, quota),
    tally(2, { leads: 8, reports: reports(3, 0, 0) }, quota),
    tally(3, { leads: 6, reports: reports(3, 0, 0) }, quota),
    tally(4, { leads: 5, reports: reports(1, 0, 2) }, quota),
    tally(5, { leads: 3, reports: reports(3, 0, 0) }, quota),
    tally(6, { leads: 1, reports: reports(0, 0, 0, 3) }, quota),
  ];
  // with reports weight 5 and leads weight 5:
  // S1 (5·1.2 + 5·1)/10 = 110; S2 (5·0.8+5)/10 = 90; S3 (3+5)/10 = 80; S4 (2.5 + 5/3)/10 = 41.7;
  // S5 (1.5+5)/10 = 65; S6 leads only: 5·0.1/5 = 10
  it.each([['orders by score', [1, 2, 3, 5, 4, 6]]])('%s', (_, order) =>
    expect(rankSquads(squads, year).map((s) => s.squadId)).toEqual(order),
  );

  it('red = top 2; black = bottom 2 plus anyone below a floor, with reasons in Chinese', () => {
    const ranked = rankSquads(squads, year);
    expect(ranked.map((s) => s.score)).toEqual([110, 90, 80, 65, 41.7, 10]);
    const b = buildBulletin(year, ranked, { ...DEFAULT_RULES, redCount: 2, blackCount: 2 });
    expect(b.red.map((r) => r.squadId)).toEqual([1, 2]);
    expect(b.black.map((r) => r.squadId)).toEqual([4, 6]);
    const s4 = b.black.find((r) => r.squadId === 4)!;
    expect(s4.reasons).toContain('综合得分 41.7 分，排名第 5/6');
    expect(s4.reasons).toContain('月度汇报缺报 2 期');
    expect(b.red[0]!.reasons[0]).toBe('综合得分 110 分，排名第 1/6');
    expect(b.red[0]!.reasons).toContain('招商线索完成 120%');
    // S6 was exempt all quarter: on the black list for its leads, never for reports
    expect(b.black.find((r) => r.squadId === 6)!.reasons.join()).not.toContain('缺报');
  });

  it('ties: fewer missing reports first, then the plan order', () => {
    const a = tally(1, { leads: 5, reports: reports(0, 0, 1) }, quota, 1);
    const b = tally(2, { leads: 5 }, quota, 2);
    const c = tally(3, { leads: 5 }, quota, 3);
    // a: (2.5 + 0)/15 = 16.7; b, c: 2.5/5 = 50
    expect(rankSquads([c, a, b], year).map((s) => s.squadId)).toEqual([2, 3, 1]);
  });

  it('a floor puts even a top squad on the black list, and then not on the red list', () => {
    const t = [tally(1, { leads: 20, tripsReported: 3, tripsKeptRule: 1 }, quota), tally(2, { leads: 9 }, quota)];
    const b = buildBulletin(year, rankSquads(t, year), { ...DEFAULT_RULES, redCount: 1, blackCount: 0 });
    expect(b.black.map((x) => x.squadId)).toEqual([1]);
    expect(b.black[0]!.reasons.join()).toContain('外出招商达标率 33%');
    expect(b.red.map((x) => x.squadId)).toEqual([2]);
  });
});

describe('未参评: a squad with no target and no activity is not judged', () => {
  const none = (id: number) => tally(id, {}, {});
  const b = (tallies: SquadTally[], rules = DEFAULT_RULES) =>
    judgeByKind(tallies, year, DEFAULT_WEIGHTS, rules).bulletin;

  it.each([
    ['no quota, nothing done', true, none(1)],
    ['no quota, every month missing', true, tally(1, { reports: reports(0, 0, 5) }, {})],
    ['no quota, all months exempt', true, tally(1, { reports: reports(0, 0, 0, 3) }, {})],
    ['no quota, one lead', false, tally(1, { leads: 1 }, {})],
    ['no quota, one report on time', false, tally(1, { reports: reports(1, 0, 4) }, {})],
    ['no quota, funds in place', false, tally(1, { fundsInPlace: 500 }, {})],
    ['a quota, nothing done', false, tally(1, {}, { LEADS: 6 })],
  ])('%s → 未参评: %s', (_, unjudged, t) => expect(isUnjudged(t)).toBe(unjudged));

  it('is shown apart: never ranked, never black-listed, not counted in 第 x/N', () => {
    const quota = { LEADS: 10 };
    const tallies = [
      tally(1, { leads: 12 }, quota),
      tally(2, { leads: 8 }, quota),
      none(3),
      tally(4, { leads: 2 }, quota),
      none(5),
    ];
    const bulletin = b(tallies, { ...DEFAULT_RULES, redCount: 1, blackCount: 1 });
    expect(bulletin.ranking.map((r) => r.squadId)).toEqual([1, 2, 4]);
    expect(bulletin.unjudged).toEqual([
      { squadId: 3, name: 'S3' },
      { squadId: 5, name: 'S5' },
    ]);
    expect(bulletin.black.map((x) => x.squadId)).toEqual([4]);
    expect(bulletin.black[0]!.reasons[0]).toBe('综合得分 20 分，排名第 3/3，低于 40 分');
    expect(bulletin.red[0]!.reasons[0]).toBe('综合得分 120 分，排名第 1/3');
  });

  it('a year without quotas and without activity has no red or black list at all', () => {
    const bulletin = b([none(1), tally(2, { reports: reports(0, 0, 10) }, {}), none(3)]);
    expect(bulletin.ranking).toEqual([]);
    expect(bulletin.red).toEqual([]);
    expect(bulletin.black).toEqual([]);
    expect(bulletin.unjudged?.map((u) => u.squadId)).toEqual([1, 2, 3]);
  });
});

describe('a black-list reason is given once', () => {
  const quota = { LEADS: 10 };
  const squads = Array.from({ length: 6 }, (_, i) => tally(i + 1, { leads: 10 - 2 * i }, quota));
  // scores: 100, 80, 60, 40, 20, 0 — S5 and S6 are the bottom two and below the 40 floor.
  const bulletin = buildBulletin(year, rankSquads(squads, year), { ...DEFAULT_RULES, redCount: 2, blackCount: 2 });

  it.each([
    [5, ['综合得分 20 分，排名第 5/6，低于 40 分', '招商线索仅完成 20%']],
    [6, ['综合得分 0 分，排名第 6/6，低于 40 分', '招商线索仅完成 0%']],
  ])('S%s: %j', (id, reasons) => expect(bulletin.black.find((x) => x.squadId === id)!.reasons).toEqual(reasons));

  it('no entry says its score twice', () => {
    for (const e of [...bulletin.black, ...bulletin.red])
      expect(e.reasons.join('；').split('综合得分').length - 1).toBeLessThanOrEqual(1);
  });

  it('a squad below the floor but not at the bottom says only the floor', () => {
    const t = [tally(1, { leads: 10 }, quota), tally(2, { leads: 3 }, quota), tally(3, { leads: 9 }, quota)];
    const x = buildBulletin(year, rankSquads(t, year), { ...DEFAULT_RULES, redCount: 1, blackCount: 0 });
    expect(x.black.map((e) => e.reasons)).toEqual([['综合得分 30 分，低于 40 分', '招商线索仅完成 30%']]);
  });
});

describe('a floor and a weak component that say the same thing are said once', () => {
  it('the trip-rule floor is not repeated as 外出招商守规仅完成, nor missing reports as 按时报送仅完成', () => {
    const quota = { LEADS: 10 };
    const weak = tally(2, { leads: 9, tripsReported: 2, tripsKeptRule: 0, reports: reports(0, 0, 3) }, quota);
    const b = buildBulletin(year, rankSquads([tally(1, { leads: 10 }, quota), weak], year), {
      ...DEFAULT_RULES,
      redCount: 1,
      blackCount: 0,
    });
    const reasons = b.black.find((x) => x.squadId === 2)!.reasons;
    expect(reasons).toContain('月度汇报缺报 3 期');
    expect(reasons.join()).toContain('外出招商达标率 0%');
    expect(reasons.join()).not.toContain('守规');
    expect(reasons.join()).not.toContain('按时报送');
  });
});

describe('strategic emerging industries and the cohorts’ commencement rate', () => {
  it('a strategic signing raises the score over the same signing without the flag', () => {
    // quota 2 signings: plain 1/2 = 0.5, strategic (1 + 0.5)/2 = 0.75; investment 60000/100000 = 0.6
    // plain = 100 × (20·0.5 + 10·0.6) / 30 = 53.3; strategic = 100 × (20·0.75 + 10·0.6) / 30 = 70
    const quota = { SIGNED_PROJECTS: 2, SIGNED_INVESTMENT: 100000 };
    const plain = scoreSquad(tally(1, { signedProjects: 1, signedInvestment: 60000 }, quota), year);
    const strategic = scoreSquad(
      tally(1, { signedProjects: 1, strategicSigned: 1, signedInvestment: 60000 }, quota),
      year,
    );
    expect(plain.score).toBe(53.3);
    expect(strategic.score).toBe(70);
  });

  it('the cohorts’ 开工率 counts in the annual ranking with the 开工率 weight, not in a quarter', () => {
    // year: trips 2/2 = 1 (w 5), cohorts 7 of 14 needed = 0.5 (w 10 = commenced) → 100 × (5 + 5) / 15 = 66.7
    const t = tally(1, { trips: 2, cohortStarted: 7, cohortNeeded: 14 }, { TRIPS: 2 });
    const annual = scoreSquad(t, year);
    expect(annual.components.find((c) => c.key === 'cohortCommencement')).toEqual({
      key: 'cohortCommencement',
      ratio: 0.5,
      weight: DEFAULT_WEIGHTS.commenced,
      actual: 7,
      target: 14,
    });
    expect(annual.score).toBe(66.7);
    // Q2: trips 2 of ⌈2/4⌉ = 1 → capped 1.2; no cohort component → 120
    expect(scoreSquad(t, q2).components.map((c) => c.key)).toEqual(['trips']);
  });

  it('a squad with no earlier signings is not scored on the cohorts', () => {
    expect(scoreSquad(tally(1, { trips: 2 }, { TRIPS: 2 }), year).components.map((c) => c.key)).toEqual(['trips']);
  });
});
