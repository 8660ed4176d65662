import { describe, expect, it } from 'vitest';
import { quarterPeriod } from '../../src/domain/periods.js';
import { bulletinSections, judgeByKind, placesOf, rankableTallies } from '../../src/domain/ranking-by-kind.js';
import { DEFAULT_RULES, DEFAULT_WEIGHTS, rankSquads } from '../../src/domain/scoring.js';
import { emptyActuals, type SquadTally } from '../../src/domain/tally.js';

const q2 = quarterPeriod(2018, 2);

function tally(id: number, kind: SquadTally['kind'], visits: number, retiredOn?: string): SquadTally {
  const actual = { ...emptyActuals(), visits };
  return { squadId: id, name: `S${id}`, kind, sortOrder: id, actual, quota: { VISITS: 12 }, retiredOn };
}

describe('ranking by kind', () => {
  const tallies = [
    tally(1, 'INDUSTRY', 2),
    tally(2, 'INDUSTRY', 3),
    tally(11, 'TOWN', 1),
    tally(12, 'TOWN', 3),
    tally(13, 'TOWN', 2),
    tally(21, 'DEPARTMENT', 3),
  ];
  const judged = judgeByKind(tallies, q2, DEFAULT_WEIGHTS, DEFAULT_RULES);

  it('ranks industry squads, towns and departments in lists of their own, in that order', () => {
    expect(judged.sections.map((s) => [s.label, s.ranked.map((r) => r.squadId)])).toEqual([
      ['产业招商小分队', [2, 1]],
      ['镇（街道办）', [12, 13, 11]],
      ['区直部门', [21]],
    ]);
  });

  it('keeps each squad’s score: grouping changes only whom it is ranked among', () => {
    const flat = new Map(rankSquads(tallies, q2).map((s) => [s.squadId, s.score]));
    for (const s of judged.sections) for (const r of s.ranked) expect(r.score).toBe(flat.get(r.squadId));
  });

  it('gives each kind its own red and black list, with places within the kind', () => {
    const [industry, towns] = judged.bulletin.sections;
    expect(industry!.ranking.map((r) => [r.squadId, r.rank])).toEqual([
      [2, 1],
      [1, 2],
    ]);
    expect(towns!.ranking.map((r) => [r.squadId, r.rank])).toEqual([
      [12, 1],
      [13, 2],
      [11, 3],
    ]);
    // The flat lists are the sections' lists one after the other.
    expect(judged.bulletin.ranking).toHaveLength(6);
    expect(judged.bulletin.red.map((r) => r.squadId)).toEqual(
      judged.bulletin.sections.flatMap((s) => s.red.map((r) => r.squadId)),
    );
    expect(placesOf(judged.sections).get(11)).toEqual({ rank: 3, of: 3, score: expect.any(Number), kind: 'TOWN' });
  });

  it('leaves out a squad retired on or before the period’s last day, and keeps it in earlier periods', () => {
    const t = [tally(1, 'INDUSTRY', 2), tally(2, 'INDUSTRY', 3, '2018-06-30'), tally(3, 'INDUSTRY', 3, '2018-07-01')];
    expect(rankableTallies(t, q2).map((x) => x.squadId)).toEqual([1, 3]);
    expect(rankableTallies(t, quarterPeriod(2018, 1)).map((x) => x.squadId)).toEqual([1, 2, 3]);
  });

  it('reads a bulletin stored before the lists were split as one list', () => {
    const old = { period: '2018Q1', ranking: [{ squadId: 1, name: 'S1', rank: 1, score: 50 }], red: [], black: [] };
    expect(bulletinSections(old)).toEqual([
      { kind: 'INDUSTRY', label: '全部小分队', ranking: old.ranking, red: [], black: [] },
    ]);
  });
});
