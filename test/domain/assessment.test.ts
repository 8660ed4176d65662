import { describe, expect, it } from 'vitest';
import { assessWeights, assessYear } from '../../src/domain/assessment.js';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../src/domain/scoring.js';
import { emptyActuals, type SquadTally } from '../../src/domain/tally.js';
import type { SquadKind } from '../../src/domain/vocabulary.js';

const tally = (id: number, kind: SquadKind, visits: number, trips: number): SquadTally => ({
  squadId: id,
  name: `单位${id}`,
  kind,
  sortOrder: id,
  actual: { ...emptyActuals(), visits, trips },
  quota: { VISITS: 10, TRIPS: 4 },
});

const red = { ...DEFAULT_WEIGHTS, trips: 10, visits: 0 };

describe('assessWeights', () => {
  it.each([
    ['never saved: every kind takes the red/black weights', null, { INDUSTRY: false, TOWN: false, DEPARTMENT: false }],
    [
      'one kind saved: the others follow the red/black list',
      { TOWN: { trips: 3 } },
      { INDUSTRY: false, TOWN: true, DEPARTMENT: false },
    ],
    [
      'a kind that is not an object counts as not saved',
      { DEPARTMENT: 5 },
      { INDUSTRY: false, TOWN: false, DEPARTMENT: false },
    ],
  ])('%s', (_, stored, own) => {
    const w = assessWeights(stored, red);
    expect({ INDUSTRY: w.INDUSTRY.own, TOWN: w.TOWN.own, DEPARTMENT: w.DEPARTMENT.own }).toEqual(own);
    expect(w.INDUSTRY.weights).toEqual(red);
  });

  it('a saved kind missing a key (a component added since) takes that key from the red/black list; bad numbers too', () => {
    const w = assessWeights({ TOWN: { trips: 3, visits: -1 } }, red);
    expect(w.TOWN.weights).toEqual({ ...red, trips: 3 });
  });
});

describe('assessYear', () => {
  const tallies = [tally(1, 'TOWN', 5, 4), tally(2, 'TOWN', 10, 0), tally(3, 'DEPARTMENT', 2, 4)];

  it('each kind ranked on its own with its own weights; points add up to the score', () => {
    const visitsOnly = Object.fromEntries(Object.keys(DEFAULT_WEIGHTS).map((k) => [k, k === 'visits' ? 100 : 0]));
    const a = assessYear(2018, '2018-12-31', tallies, assessWeights({ TOWN: visitsOnly }, red), DEFAULT_RULES);
    const towns = a.kinds.find((k) => k.kind === 'TOWN')!;
    // Towns on visits alone: 10/10 beats 5/10 though it made no trip.
    expect(towns.squads.map((s) => [s.name, s.score])).toEqual([
      ['单位2', 100],
      ['单位1', 50],
    ]);
    expect(towns.squads[0]!.components).toEqual([
      { key: 'visits', label: '拜访企业', weight: 100, actual: 10, target: 10, ratio: 1, points: 100 },
    ]);
    // The department keeps the red/black weights: trips only (visits weigh 0 there).
    const dept = a.kinds.find((k) => k.kind === 'DEPARTMENT')!;
    expect(dept.ownWeights).toBe(false);
    expect(dept.squads[0]!.components.map((c) => c.key)).toEqual(['trips']);
    for (const k of a.kinds)
      for (const s of k.squads) expect(s.components.reduce((n, c) => n + c.points, 0)).toBeCloseTo(s.score, 0);
  });

  it('a kind with nobody leaves the assessment; a squad with no quota and nothing done is 未参评', () => {
    const idle: SquadTally = { ...tally(4, 'INDUSTRY', 0, 0), quota: {} };
    const a = assessYear(2018, '2018-12-31', [...tallies, idle], assessWeights(null, red), DEFAULT_RULES);
    expect(a.kinds.map((k) => k.kind)).toEqual(['INDUSTRY', 'TOWN', 'DEPARTMENT']);
    expect(a.kinds[0]!.squads).toEqual([]);
    expect(a.kinds[0]!.unjudged).toEqual(['单位4']);
    expect(
      assessYear(2018, '2018-12-31', tallies, assessWeights(null, red), DEFAULT_RULES).kinds.map((k) => k.kind),
    ).toEqual(['TOWN', 'DEPARTMENT']);
  });
});
