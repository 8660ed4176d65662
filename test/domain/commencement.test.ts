import { describe, expect, it } from 'vitest';
import { cohortAttainment, commencementByCohort } from '../../src/domain/commencement.js';

describe('commencementByCohort', () => {
  it('the plan’s goals 80/70/60 % for the three years before, real rates from the cohorts', () => {
    const lines = commencementByCohort(2018, [
      { signedYear: 2015, signed: 5, started: 4 },
      { signedYear: 2016, signed: 10, started: 6 },
    ]);
    expect(lines.map((l) => [l.signedYear, l.rate, l.target, l.met])).toEqual([
      [2015, 0.8, 0.8, true],
      [2016, 0.6, 0.7, false],
      [2017, null, 0.6, true],
    ]);
  });
});

describe('cohortAttainment', () => {
  it.each([
    ['nothing signed: nothing needed', [], 0, 0],
    // 2015: 5 × 0.8 = 4; 2016: 10 × 0.7 = 7; 2017: 5 × 0.6 = 3 → 14 needed, 4 + 6 + 5 = 15 started
    [
      'the three cohorts add up',
      [
        { signedYear: 2015, signed: 5, started: 4 },
        { signedYear: 2016, signed: 10, started: 6 },
        { signedYear: 2017, signed: 5, started: 5 },
      ],
      15,
      14,
    ],
    ['older cohorts do not count', [{ signedYear: 2014, signed: 9, started: 0 }], 0, 0],
  ])('%s', (_, cohorts, started, needed) => {
    const a = cohortAttainment(2018, cohorts);
    expect(a.cohortStarted).toBe(started);
    expect(a.cohortNeeded).toBeCloseTo(needed, 9);
  });

  it('the office’s goals replace the plan’s', () => {
    const a = cohortAttainment(2018, [{ signedYear: 2015, signed: 10, started: 5 }], { COMMENCEMENT_RATE_2015: 0.5 });
    expect(a.cohortNeeded).toBe(5);
  });
});
