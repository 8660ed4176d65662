import { ASSESS_WEIGHTS_KEY, assessWeights, assessYear, type Assessment } from '../domain/assessment.js';
import { yearPeriod } from '../domain/periods.js';
import { loadBulletinInputs } from './bulletins.js';
import type { Db } from './client.js';
import { getSetting } from './settings.js';

// The annual assessment as it stands: the year's tallies (as the red/black list counts them), the
// office's assessment weights per kind of squad, and the inspections' ratings for the spreadsheet.

export interface AssessmentResult extends Assessment {
  /** The version of `assess.weights` in force; null while it was never saved (the red/black weights apply). */
  weightsVersion: number | null;
}

/** The year's assessment counted to `today` (a past year: to its last day). */
export async function loadAssessment(db: Db, year: number, today: string): Promise<AssessmentResult> {
  const period = yearPeriod(year);
  const asOf = today < period.to ? today : period.to;
  const [{ tallies, weights, rules }, stored, version] = await Promise.all([
    loadBulletinInputs(db, period, today),
    getSetting<unknown>(db, ASSESS_WEIGHTS_KEY, null),
    db.setting.findFirst({
      where: { key: ASSESS_WEIGHTS_KEY },
      orderBy: { version: 'desc' },
      select: { version: true },
    }),
  ]);
  const assessment = assessYear(year, asOf, tallies, assessWeights(stored, weights), rules);
  return { ...assessment, weightsVersion: version?.version ?? null };
}

/** Each squad's inspections (督查) of the year's quarters, counted by rating (GOOD, FAIR, AVERAGE, POOR). */
export async function inspectionRatings(db: Db, year: number): Promise<Map<number, Record<string, number>>> {
  const rows = await db.inspection.groupBy({
    by: ['squadId', 'rating'],
    where: { period: { startsWith: `${year}Q` } },
    _count: { _all: true },
  });
  const out = new Map<number, Record<string, number>>();
  for (const r of rows) {
    const m = out.get(r.squadId) ?? {};
    m[r.rating] = r._count._all;
    out.set(r.squadId, m);
  }
  return out;
}
