import { commencementByCohort, type Cohort, type CohortLine } from '../domain/commencement.js';
import type { Period } from '../domain/periods.js';
import { bucketOfReport, countBuckets, isExemptMonth, type DateRange } from '../domain/report-status.js';
import { emptyActuals, type SquadTally } from '../domain/tally.js';
import { MAJOR_PROJECT_WAN, type Metric, type SquadKind } from '../domain/vocabulary.js';
import type { Db } from './client.js';

// Tallies aggregated in SQL (GROUP BY squad), one query per fact, never row by row: a command over
// a district of 100k visits reads a few dozen rows. Plain SQL that SQLite and PostgreSQL share.

/** ¥500M+ signings are 重大项目 and weigh more in the score. */
export const MAJOR_SIGNING_WAN = 5 * MAJOR_PROJECT_WAN;

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Every active squad's (or only `squadIds`') tally for the period; `today` decides which reports are due. */
export async function tallySquads(db: Db, period: Period, today: string, squadIds?: number[]): Promise<SquadTally[]> {
  const squads = await db.squad.findMany({
    where: { active: true, ...(squadIds ? { id: { in: squadIds } } : {}) },
    orderBy: [{ sortOrder: 'asc' }, { id: 'asc' }],
    select: { id: true, name: true, kind: true, sortOrder: true },
  });
  const { from, to } = period;
  const yearFrom = `${period.year}-01-01`;
  const yearTo = `${period.year}-12-31`;
  const [signed, commenced, packaged, funds, trips, visits, leads, quotas, reports, exemptions] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n, SUM("investment") AS inv,
        SUM(CASE WHEN "investment" >= ${MAJOR_SIGNING_WAN} THEN 1 ELSE 0 END) AS major,
        SUM(CASE WHEN "strategicEmerging" THEN 1 ELSE 0 END) AS strategic
      FROM "Project" WHERE "signedOn" >= ${from} AND "signedOn" <= ${to} AND "investment" >= ${MAJOR_PROJECT_WAN}
      GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n FROM "Project"
      WHERE "signedOn" >= ${yearFrom} AND "signedOn" <= ${yearTo} AND "investment" >= ${MAJOR_PROJECT_WAN}
        AND "startedOn" >= ${from} AND "startedOn" <= ${to}
      GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n FROM "Project"
      WHERE "packaged" AND "packagedOn" >= ${from} AND "packagedOn" <= ${to} GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT p."squadId" AS s, SUM(c."fundsInPlace") AS f, SUM(c."foreignCapitalUsd") AS u
      FROM "ProjectStageChange" c JOIN "Project" p ON p."id" = c."projectId"
      WHERE c."on" >= ${from} AND c."on" <= ${to} GROUP BY p."squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n,
        SUM(CASE WHEN "status" = 'REPORTED' THEN 1 ELSE 0 END) AS reported,
        SUM(CASE WHEN "status" = 'REPORTED' AND NOT "shortOfRule" THEN 1 ELSE 0 END) AS kept
      FROM "Trip" WHERE "startDate" >= ${from} AND "startDate" <= ${to} AND "status" IN ('APPROVED', 'REPORTED')
      GROUP BY "squadId"`,
    db.visit.groupBy({ by: ['squadId'], where: { visitedOn: { gte: from, lte: to } }, _count: { _all: true } }),
    db.lead.groupBy({ by: ['squadId'], where: { createdOn: { gte: from, lte: to } }, _count: { _all: true } }),
    db.quota.findMany({ where: { year: period.year }, select: { squadId: true, metric: true, target: true } }),
    db.monthlyReport.findMany({ where: { month: { in: period.months } }, select: { squadId: true, month: true, status: true, late: true } }),
    db.exemption.findMany({ where: { squadId: { not: null }, fromDate: { lte: to }, toDate: { gte: from } }, select: { squadId: true, fromDate: true, toDate: true } }),
  ]);
  const by = (rows: Row[]) => new Map(rows.map((r) => [num(r.s), r]));
  const [signedBy, commencedBy, packagedBy, fundsBy, tripsBy] = [by(signed), by(commenced), by(packaged), by(funds), by(trips)];
  const visitsBy = new Map(visits.map((v) => [v.squadId, v._count._all]));
  const leadsBy = new Map(leads.map((v) => [v.squadId, v._count._all]));
  const months = period.months.filter((m) => `${m}-01` <= today);
  return squads.map((s) => {
    const a = emptyActuals();
    const sg = signedBy.get(s.id);
    a.signedProjects = num(sg?.n);
    a.signedInvestment = num(sg?.inv);
    a.majorSigned = num(sg?.major);
    a.strategicSigned = num(sg?.strategic);
    a.commencedProjects = num(commencedBy.get(s.id)?.n);
    a.packagedProjects = num(packagedBy.get(s.id)?.n);
    a.fundsInPlace = num(fundsBy.get(s.id)?.f);
    a.foreignCapitalUsd = num(fundsBy.get(s.id)?.u);
    const tr = tripsBy.get(s.id);
    a.trips = num(tr?.n);
    a.tripsReported = num(tr?.reported);
    a.tripsKeptRule = num(tr?.kept);
    a.visits = visitsBy.get(s.id) ?? 0;
    a.leads = leadsBy.get(s.id) ?? 0;
    const ex: DateRange[] = exemptions.filter((e) => e.squadId === s.id);
    a.reports = countBuckets(
      months.map((m) => bucketOfReport(reports.find((r) => r.squadId === s.id && r.month === m), isExemptMonth(ex, m), m, today)),
    );
    const quota: Partial<Record<Metric, number>> = {};
    for (const q of quotas) if (q.squadId === s.id) quota[q.metric as Metric] = q.target;
    return { squadId: s.id, name: s.name, kind: s.kind as SquadKind, sortOrder: s.sortOrder, actual: a, quota };
  });
}

/** Commencement rate of the three signing-year cohorts before `year` (district-wide, or some squads). */
export async function commencementCohorts(db: Db, year: number, asOf: string, squadIds?: number[]): Promise<CohortLine[]> {
  const from = `${year - 3}-01-01`;
  const to = `${year - 1}-12-31`;
  const rows = await db.$queryRaw<Row[]>`SELECT substr("signedOn", 1, 4) AS y, "squadId" AS s, COUNT(*) AS n,
      SUM(CASE WHEN "startedOn" IS NOT NULL AND "startedOn" <= ${asOf} THEN 1 ELSE 0 END) AS started
    FROM "Project" WHERE "signedOn" >= ${from} AND "signedOn" <= ${to}
    GROUP BY substr("signedOn", 1, 4), "squadId"`;
  const cohorts = new Map<number, Cohort>();
  for (const r of rows) {
    if (squadIds && !squadIds.includes(num(r.s))) continue;
    const y = Number(r.y);
    const c = cohorts.get(y) ?? { signedYear: y, signed: 0, started: 0 };
    c.signed += num(r.n);
    c.started += num(r.started);
    cohorts.set(y, c);
  }
  const goals = await db.districtGoal.findMany({ where: { metric: { startsWith: 'COMMENCEMENT_RATE_' } } });
  return commencementByCohort(year, [...cohorts.values()], Object.fromEntries(goals.map((g) => [g.metric, g.target])));
}

/** The district goal of a metric for a year (section 一 of the plan), 0 when not set. */
export async function districtGoal(db: Db, year: number, metric: string): Promise<number> {
  return (await db.districtGoal.findUnique({ where: { year_metric: { year, metric } } }))?.target ?? 0;
}
