import type { MonthPoint } from '../domain/monthly-trend.js';
import { MAJOR_PROJECT_WAN } from '../domain/vocabulary.js';
import type { Db } from './client.js';

type Row = { m: string; v: number | bigint | null };

/**
 * Signed ¥100M+ investment and funds in place per month of a year, up to `today` (YYYY-MM-DD),
 * for the given squads (all when undefined): the line chart of /progress. Two GROUP BY queries.
 */
export async function monthlyTrend(db: Db, year: number, today: string, squadIds?: number[]): Promise<MonthPoint[]> {
  const from = `${year}-01-01`;
  const to = today < `${year}-12-31` ? today : `${year}-12-31`;
  if (to < from) return [];
  const [signed, funds] = await Promise.all([
    db.$queryRaw<
      (Row & { s: number })[]
    >`SELECT substr("signedOn", 1, 7) AS m, "squadId" AS s, SUM("investment") AS v FROM "Project"
      WHERE "signedOn" >= ${from} AND "signedOn" <= ${to} AND "investment" >= ${MAJOR_PROJECT_WAN}
      GROUP BY substr("signedOn", 1, 7), "squadId"`,
    db.$queryRaw<(Row & { s: number })[]>`SELECT substr(c."on", 1, 7) AS m, p."squadId" AS s, SUM(c."fundsInPlace") AS v
      FROM "ProjectStageChange" c JOIN "Project" p ON p."id" = c."projectId"
      WHERE c."on" >= ${from} AND c."on" <= ${to} GROUP BY substr(c."on", 1, 7), p."squadId"`,
  ]);
  const keep = (r: { s: number }) => !squadIds || squadIds.includes(Number(r.s));
  const months = Array.from({ length: Number(to.slice(5, 7)) }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  const sum = (rows: (Row & { s: number })[], m: string) =>
    rows.filter((r) => r.m === m && keep(r)).reduce((a, r) => a + Number(r.v ?? 0), 0);
  return months.map((m) => ({ month: m, signedInvestment: sum(signed, m), fundsInPlace: sum(funds, m) }));
}
