// 开工率 per signing-year cohort: of the projects signed in a year, the share that has commenced.
// The plan asks ≥80% for projects signed three years before, ≥70% two years before, ≥60% one year
// before (2015/2016/2017 for 2018); the office can set other goals as COMMENCEMENT_RATE_yyyy.

const DEFAULT_COHORT_TARGETS: Record<number, number> = { 3: 0.8, 2: 0.7, 1: 0.6 };

export interface Cohort {
  signedYear: number;
  signed: number;
  started: number;
}

export interface CohortLine extends Cohort {
  rate: number | null;
  target: number;
  met: boolean;
}

/**
 * One line per cohort of the three years before `year`, oldest first. `goals` maps
 * COMMENCEMENT_RATE_yyyy to a fraction (from DistrictGoal); missing ones use the plan's defaults.
 */
export function commencementByCohort(
  year: number,
  cohorts: Cohort[],
  goals: Record<string, number> = {},
): CohortLine[] {
  return [3, 2, 1].map((back) => {
    const signedYear = year - back;
    const c = cohorts.find((x) => x.signedYear === signedYear) ?? { signedYear, signed: 0, started: 0 };
    const target = goals[`COMMENCEMENT_RATE_${signedYear}`] ?? DEFAULT_COHORT_TARGETS[back]!;
    const rate = c.signed > 0 ? c.started / c.signed : null;
    // A year with nothing signed cannot miss its rate.
    return { ...c, rate, target, met: rate === null || rate >= target - 1e-9 };
  });
}

/** This year's ¥100M+ signings commenced, against the goal (the plan: 7 in 2018). */
export function commencedAgainstGoal(
  commenced: number,
  goal: number,
): { commenced: number; goal: number; ratio: number | null } {
  return { commenced, goal, ratio: goal > 0 ? commenced / goal : null };
}

/**
 * A squad's (or the district's) cohorts as two numbers that add up across squads: the projects of
 * the three cohorts that commenced, and how many had to commence to meet each cohort's goal
 * (Σ goal × signed). The annual score's cohort component is their ratio: 1 = every goal met.
 */
export function cohortAttainment(
  year: number,
  cohorts: Cohort[],
  goals: Record<string, number> = {},
): { cohortStarted: number; cohortNeeded: number } {
  const lines = commencementByCohort(year, cohorts, goals);
  return {
    cohortStarted: lines.reduce((s, l) => s + l.started, 0),
    cohortNeeded: lines.reduce((s, l) => s + l.target * l.signed, 0),
  };
}
