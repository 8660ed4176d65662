import { describe, expect, it } from 'vitest';
import { inspectionRatio, quoteFindings, type InspectionRating } from '../../src/domain/inspection-results.js';
import { quarterPeriod, yearPeriod } from '../../src/domain/periods.js';
import { buildBulletin, DEFAULT_RULES, DEFAULT_WEIGHTS, rankSquads, scoreSquad } from '../../src/domain/scoring.js';
import { mergeWeights } from '../../src/domain/scoring-settings.js';
import { emptyActuals, type SquadActuals, type SquadTally } from '../../src/domain/tally.js';

// The 督查 component of the red/black-list score (scoring.ts, inspection-results.ts), hand-computed.

const year = yearPeriod(2018);
const q2 = quarterPeriod(2018, 2);

function tally(id: number, actual: Partial<SquadActuals>, quota: SquadTally['quota']): SquadTally {
  return {
    squadId: id,
    name: `S${id}`,
    kind: 'INDUSTRY',
    sortOrder: id,
    actual: { ...emptyActuals(), ...actual },
    quota,
  };
}

describe('督查: the 督查室’s rating counts for a squad inspected in the period', () => {
  const quota = { LEADS: 40 }; // 10 a quarter
  const found = (ratings: [string, InspectionRating, string?][], open = 0, overdue = 0): SquadTally['inspections'] => ({
    inspections: ratings.map(([period, rating, findings], i) => ({
      period,
      rating,
      inspectedOn: `2018-0${4 + i}-1${i}`,
      findings: findings ?? '台账齐全',
    })),
    openCorrections: open,
    overdueCorrections: overdue,
  });
  const inspected = (id: number, leads: number, f?: SquadTally['inspections']): SquadTally => ({
    ...tally(id, { leads }, quota),
    ...(f ? { inspections: f } : {}),
  });

  // leads 10/10 (weight 5) and the rating (weight 10): 100 × (5·1 + 10·r) / 15
  it.each([
    ['not inspected: not penalised, the component does not apply', undefined, ['leads'], 100],
    ['好 1.0', found([['2018Q2', 'GOOD']]), ['leads', 'inspections'], 100],
    ['较好 0.85', found([['2018Q2', 'FAIR']]), ['leads', 'inspections'], 90],
    ['一般 0.6', found([['2018Q2', 'AVERAGE']]), ['leads', 'inspections'], 73.3],
    ['差 0: never a gain', found([['2018Q2', 'POOR']]), ['leads', 'inspections'], 33.3],
    [
      'two in the quarter: their mean (1 + 0)/2',
      found([
        ['2018Q2', 'GOOD'],
        ['2018Q2', 'POOR'],
      ]),
      null,
      66.7,
    ],
    ['only corrections open from earlier: still not inspected this period', found([], 2, 1), ['leads'], 100],
  ])('%s', (_, f, keys, score) => {
    const s = scoreSquad(inspected(1, 10, f), q2);
    if (keys) expect(s.components.map((c) => c.key)).toEqual(keys);
    expect(s.score).toBe(score);
  });

  it('a year is the mean of its inspected quarters, not of its inspections', () => {
    // Q1 好 (1); Q2 差 twice (0): (1 + 0)/2 = 0.5, not (1 + 0 + 0)/3; 100 × (5 + 5)/15 = 66.7
    const f = found([
      ['2018Q1', 'GOOD'],
      ['2018Q2', 'POOR'],
      ['2018Q2', 'POOR'],
    ]);
    expect(scoreSquad(inspected(1, 40, f), year).components.at(-1)).toEqual({
      key: 'inspections',
      ratio: 0.5,
      weight: 10,
    });
    expect(scoreSquad(inspected(1, 40, f), year).score).toBe(66.7);
  });

  it('the office’s weight counts: 0 leaves the rating out, 30 weighs it more', () => {
    const t = inspected(1, 10, found([['2018Q2', 'POOR']]));
    expect(scoreSquad(t, q2, { ...DEFAULT_WEIGHTS, inspections: 0 }).score).toBe(100);
    // 100 × (5 + 30·0)/35 = 14.3
    expect(scoreSquad(t, q2, { ...DEFAULT_WEIGHTS, inspections: 30 }).score).toBe(14.3);
  });

  it('settings stored before the rating existed keep working: its default weight applies', () => {
    const old = { ...DEFAULT_WEIGHTS } as Record<string, number>;
    delete old.inspections;
    expect(mergeWeights({ ...old, trips: 15 }).inspections).toBe(DEFAULT_WEIGHTS.inspections);
  });

  const findings =
    '招商引资台账不完整，线索跟踪记录缺失；外出招商报告迟交两次，联合责任单位未参加季度调度会，项目推进慢';
  // Leads 12, 9 and 4 of 10 a quarter (a year: 4 times as many of 40).
  const ranked = (period: typeof q2, f: SquadTally['inspections']) => {
    const n = period.quarter ? 1 : 4;
    return buildBulletin(
      period,
      rankSquads(
        [
          inspected(1, 12 * n, found([[period.quarter ? '2018Q2' : '2018Q1', 'GOOD']])),
          inspected(2, 9 * n),
          inspected(3, 4 * n, f),
        ],
        period,
      ),
      { ...DEFAULT_RULES, redCount: 1, blackCount: 1 },
    );
  };

  it('the black list quotes the finding of a 差 inspection, cut short, and counts corrections overdue', () => {
    const b = ranked(q2, found([['2018Q2', 'POOR', `  ${findings}\n`]], 3, 2));
    expect(b.black.map((x) => x.squadId)).toEqual([3]);
    expect(b.black[0]!.reasons).toEqual([
      '综合得分 13.3 分，排名第 3/3，低于 40 分', // 100 × (5·0.4 + 10·0)/15
      `督查评价“差”：${Array.from(findings.replace('；', '，')).slice(0, 40).join('')}…`,
      '整改事项逾期未办结 2 项',
      '招商线索仅完成 40%',
    ]);
    expect(b.black[0]!.reasons.join()).not.toContain('督查评价仅完成');
  });

  it('a 差 black-lists a squad whatever its rank, and keeps it off the red list', () => {
    const b = buildBulletin(
      q2,
      rankSquads([inspected(1, 30, found([['2018Q2', 'POOR', '虚报拜访企业']])), inspected(2, 2), inspected(3, 1)], q2),
      { ...DEFAULT_RULES, redCount: 1, blackCount: 1 },
    );
    // leads 30/10 capped at 1.2: 100 × (5·1.2 + 10·0)/15 = 40, first place
    expect(b.ranking[0]).toMatchObject({ squadId: 1, rank: 1, score: 40 });
    expect(b.red.map((x) => x.squadId)).not.toContain(1);
    const entry = b.black.find((x) => x.squadId === 1);
    expect(entry?.reasons).toEqual(['督查评价“差”：虚报拜访企业']);
  });

  it('of several, the worst is quoted (the latest of equally bad); 较好 and 好 are not quoted', () => {
    const f = found([
      ['2018Q2', 'POOR', '第一次：台账缺失'],
      ['2018Q2', 'AVERAGE', '复查：已补台账'],
      ['2018Q2', 'POOR', '第三次：仍未整改'],
    ]);
    expect(ranked(q2, f).black[0]!.reasons[1]).toBe('督查评价“差”：第三次：仍未整改');
    const fair = ranked(q2, found([['2018Q2', 'FAIR', '基本规范']])).black[0]!.reasons.join();
    expect(fair).not.toContain('督查');
  });

  it('in a year’s list the quarter of the quoted inspection is named', () => {
    const b = ranked(year, found([['2018Q3', 'AVERAGE', '项目推进慢；台账不全']]));
    // (a “；” inside the quote would read as the next reason: it becomes “，”)
    expect(b.black[0]!.reasons).toContain('督查评价“一般”（第三季度）：项目推进慢，台账不全');
  });

  it('an uninspected squad at the bottom is told about overdue corrections, not about a rating', () => {
    const b = ranked(q2, found([], 1, 1));
    expect(b.black[0]!.reasons).toContain('整改事项逾期未办结 1 项');
    expect(b.black[0]!.reasons.join()).not.toContain('督查评价');
  });

  it('the red list may name a 好 rating, never as a percentage', () => {
    const b = ranked(q2, undefined);
    expect(b.red[0]!.reasons).toEqual(['综合得分 106.7 分，排名第 1/3', '督查评价“好”', '招商线索完成 120%']);
  });
});

describe('quoting findings', () => {
  it.each([
    ['short text as written', '台账不全', 40, '台账不全'],
    ['line breaks and runs of spaces folded', ' 台账不全\n\n  线索未跟踪 ', 40, '台账不全 线索未跟踪'],
    ['cut at the limit with …', '一二三四五六七八九十', 4, '一二三四…'],
    ['a character outside the BMP is not split', '𠀋𠀋𠀋', 2, '𠀋𠀋…'],
    ['empty stays empty', '   ', 40, ''],
  ])('%s', (_, text, max, quoted) => expect(quoteFindings(text, max)).toBe(quoted));

  it('no inspection: no ratio', () => expect(inspectionRatio([])).toBeNull());
});
