import { cohortAttainment, type Cohort } from '../domain/commencement.js';
import type { Db } from './client.js';

// The signing-year cohorts (the three years before `year`) of each squad, for the annual score's
// 开工率 component. Projects count by their signedOn year; commenced = startedOn by `asOf`.

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

export async function cohortAttainmentBySquad(
  db: Db,
  year: number,
  asOf: string,
): Promise<Map<number, { cohortStarted: number; cohortNeeded: number }>> {
  const from = `${year - 3}-01-01`;
  const to = `${year - 1}-12-31`;
  const [rows, goals] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, substr("signedOn", 1, 4) AS y, COUNT(*) AS n,
        SUM(CASE WHEN "startedOn" IS NOT NULL AND "startedOn" <= ${asOf} THEN 1 ELSE 0 END) AS started
      FROM "Project" WHERE "signedOn" >= ${from} AND "signedOn" <= ${to}
      GROUP BY "squadId", substr("signedOn", 1, 4)`,
    db.districtGoal.findMany({ where: { metric: { startsWith: 'COMMENCEMENT_RATE_' } } }),
  ]);
  const goalOf = Object.fromEntries(goals.map((g) => [g.metric, g.target]));
  const bySquad = new Map<number, Cohort[]>();
  for (const r of rows) {
    const list = bySquad.get(num(r.s)) ?? [];
    list.push({ signedYear: Number(r.y), signed: num(r.n), started: num(r.started) });
    bySquad.set(num(r.s), list);
  }
  return new Map([...bySquad].map(([s, cohorts]) => [s, cohortAttainment(year, cohorts, goalOf)]));
}
