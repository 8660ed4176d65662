import { isInspectionRating, type InspectionFinding, type SquadInspections } from '../domain/inspection-results.js';
import type { Period } from '../domain/periods.js';
import type { Db } from './client.js';

// What the 督查室 found about each squad in a period, for the red/black list and the digest: the
// period's inspections (a year: its four quarters') and the corrections still open. Plain SQL that
// SQLite and PostgreSQL share; a period holds a few dozen inspections at most.

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Each inspected squad's inspections of the period, and every squad's corrections still open from
 * inspections up to the period, with those due before `today` (or the period's end, for a past
 * period) counted as overdue. Squads with neither are absent.
 */
export async function inspectionsBySquad(
  db: Db,
  period: Period,
  today: string,
): Promise<Map<number, SquadInspections>> {
  // Quarter keys ('2018Q1' … '2018Q4') sort as text, so a year is a range of them.
  const first = period.quarter ? period.key : `${period.year}Q1`;
  const last = period.quarter ? period.key : `${period.year}Q4`;
  const asOf = today < period.to ? today : period.to;
  const [inspections, corrections] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, "period" AS p, "inspectedOn" AS d, "rating" AS r, "findings" AS f
      FROM "Inspection" WHERE "period" >= ${first} AND "period" <= ${last}
      ORDER BY "inspectedOn", "id"`,
    db.$queryRaw<Row[]>`SELECT i."squadId" AS s, COUNT(*) AS n,
        SUM(CASE WHEN c."dueOn" < ${asOf} THEN 1 ELSE 0 END) AS overdue
      FROM "Correction" c JOIN "Inspection" i ON i."id" = c."inspectionId"
      WHERE c."status" = 'OPEN' AND i."period" <= ${last}
      GROUP BY i."squadId"`,
  ]);
  const out = new Map<number, SquadInspections>();
  const of = (squadId: number): SquadInspections => {
    const s = out.get(squadId) ?? { inspections: [], openCorrections: 0, overdueCorrections: 0 };
    out.set(squadId, s);
    return s;
  };
  for (const r of inspections) {
    const rating = String(r.r);
    // A rating this code does not know is not guessed at: that inspection does not count.
    if (!isInspectionRating(rating)) continue;
    const finding: InspectionFinding = {
      period: String(r.p),
      inspectedOn: String(r.d),
      rating,
      findings: String(r.f ?? ''),
    };
    of(num(r.s)).inspections.push(finding);
  }
  for (const r of corrections) {
    const s = of(num(r.s));
    s.openCorrections = num(r.n);
    s.overdueCorrections = num(r.overdue);
  }
  return out;
}
