// Samples of the annual assessment (/assess): the overview of the three kinds and one kind's details,
// drawn through the real scoring from a district at its fullest (every component applies to every
// squad, long names with planted markup): 7 industry squads, 15 towns, 12 departments.
import { assessKindCard, assessOverviewCard, type AssessView } from '../../../src/cards/assess/view.js';
import { assessWeights, assessYear } from '../../../src/domain/assessment.js';
import { DEFAULT_RULES, DEFAULT_WEIGHTS } from '../../../src/domain/scoring.js';
import { emptyActuals, type SquadTally } from '../../../src/domain/tally.js';
import { METRICS, type SquadKind } from '../../../src/domain/vocabulary.js';
import type { SampleTable } from '../card-samples.js';
import { squads } from './data.js';

const PLANTED = '**<at id=all></at>**';

function tally(i: number, kind: SquadKind, name: string): SquadTally {
  const a = emptyActuals();
  Object.assign(a, {
    signedProjects: i % 5,
    signedInvestment: 12345.67 * (i % 4),
    majorSigned: i % 2,
    strategicSigned: i % 3 === 0 ? 1 : 0,
    fundsInPlace: 98765.4 * (i % 3),
    foreignCapitalUsd: 321 * (i % 2),
    packagedProjects: i % 4,
    commencedProjects: i % 3,
    cohortStarted: i % 6,
    cohortNeeded: 5.7,
    trips: 10 + i,
    tripsReported: 9 + i,
    tripsKeptRule: 7 + (i % 3),
    visits: 60 + i,
    leads: 30 + i,
    reports: { onTime: 8, late: 2, missing: 1, exempt: 1, due: 11 },
  });
  return {
    squadId: i + 1,
    name,
    kind,
    sortOrder: i,
    actual: a,
    quota: Object.fromEntries(METRICS.map((m, j) => [m, 3 + j * 7])),
  };
}

function district(): AssessView {
  const tallies = [
    ...squads.slice(0, 7).map((s, i) => tally(i, 'INDUSTRY', i === 0 ? `${s.name}${PLANTED}` : s.name)),
    ...Array.from({ length: 15 }, (_, i) =>
      tally(100 + i, 'TOWN', i === 0 ? `八塘街道办事处${PLANTED}` : `第${i + 1}镇人民政府`),
    ),
    ...Array.from({ length: 12 }, (_, i) => tally(200 + i, 'DEPARTMENT', `区直第${i + 1}局（中心）招商工作组`)),
  ];
  const town = { ...DEFAULT_WEIGHTS, trips: 20, visits: 20, signedProjects: 5, signedInvestment: 0 };
  const weights = assessWeights({ TOWN: town }, DEFAULT_WEIGHTS);
  return { ...assessYear(2018, '2018-12-31', tallies, weights, DEFAULT_RULES), weightsVersion: 3 };
}

export const assessmentSamples: SampleTable = {
  assess: {
    'overview of the three kinds': () => assessOverviewCard(district()),
    'industry squads in detail': () => assessKindCard(district(), 'INDUSTRY'),
    'fifteen towns in detail, their own weights': () => assessKindCard(district(), 'TOWN'),
    'twelve departments in detail': () => assessKindCard(district(), 'DEPARTMENT'),
    'a year with nobody to assess': () =>
      assessOverviewCard({ year: 2031, asOf: '2031-12-31', cap: 1.2, kinds: [], weightsVersion: null }),
    'a kind with nobody to assess': () =>
      assessKindCard({ year: 2031, asOf: '2031-12-31', cap: 1.2, kinds: [], weightsVersion: null }, 'DEPARTMENT'),
  },
};
