import { commencementByCohort, type Cohort, type CohortLine } from '../domain/commencement.js';
import type { Period } from '../domain/periods.js';
import { bucketOfReport, countBuckets, isExemptMonth, type DateRange } from '../domain/report-status.js';
import { emptyActuals, type SquadTally } from '../domain/tally.js';
import { MAJOR_PROJECT_WAN, type Metric, type SquadKind } from '../domain/vocabulary.js';
import type { Db } from './client.js';
import { cohortAttainmentBySquad } from './cohorts.js';

// Tallies aggregated in SQL (GROUP BY squad), one query per fact, never row by row: a command over
// a district of 100k visits reads a few dozen rows. Plain SQL that SQLite and PostgreSQL share.

/** ¥500M+ signings are 重大项目 and weigh more in the score. */
const MAJOR_SIGNING_WAN = 5 * MAJOR_PROJECT_WAN;

type Row = Record<string, unknown>;
const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/** Every active squad's (or only `squadIds`') tally for the period; `today` decides which reports are due. */
export async function tallySquads(db: Db, period: Period, today: string, squadIds?: number[]): Promise<SquadTally[]> {
  // Raw SQL throughout: on a command's path the ORM's per-query cost is larger than these queries'.
  // A retired squad keeps its history: it is tallied for the periods it was in use during.
  const allSquads = await db.$queryRaw<
    Row[]
  >`SELECT "id", "name", "kind", "sortOrder", "retiredOn", "addedOn" FROM "Squad"
    WHERE "active" OR "retiredOn" >= ${period.from} ORDER BY "sortOrder", "id"`;
  const squads = allSquads
    .map((r) => ({
      id: num(r.id),
      name: String(r.name),
      kind: String(r.kind),
      sortOrder: num(r.sortOrder),
      retiredOn: r.retiredOn === null || r.retiredOn === undefined ? null : String(r.retiredOn),
      // Reports are due from the month the squad was added (the plan's squads: always).
      fromMonth: r.addedOn === null || r.addedOn === undefined ? '' : String(r.addedOn).slice(0, 7),
    }))
    .filter((r) => !squadIds || squadIds.includes(r.id));
  const { from, to } = period;
  const yearFrom = `${period.year}-01-01`;
  const yearTo = `${period.year}-12-31`;
  // The cohorts' commencement (the annual score's 开工率 component) runs alongside the queries below.
  const cohorts = cohortAttainmentBySquad(db, period.year, to);
  cohorts.catch(() => undefined); // awaited below; this only keeps a failure while the others run from being unhandled
  const [signed, commenced, packaged, funds, trips, visits, leads, quotas, reports, exemptions] = await Promise.all([
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n, SUM("investment") AS inv,
        SUM(CASE WHEN "investment" >= ${MAJOR_SIGNING_WAN} OR "majorProject" THEN 1 ELSE 0 END) AS major,
        SUM(CASE WHEN "strategicEmerging" THEN 1 ELSE 0 END) AS strategic
      FROM "Project" WHERE "signedOn" >= ${from} AND "signedOn" <= ${to} AND "investment" >= ${MAJOR_PROJECT_WAN}
      GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n FROM "Project"
      WHERE "signedOn" >= ${yearFrom} AND "signedOn" <= ${yearTo} AND "investment" >= ${MAJOR_PROJECT_WAN}
        AND "startedOn" >= ${from} AND "startedOn" <= ${to}
      GROUP BY "squadId"`,
    // 策划包装项目: 已包装 and later statuses, in the period they were packaged.
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n FROM "PackagedProject"
      WHERE "squadId" IS NOT NULL AND "status" IN ('PACKAGED', 'PROMOTED', 'SIGNED')
        AND "packagedOn" >= ${from} AND "packagedOn" <= ${to} GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT p."squadId" AS s, SUM(c."fundsInPlace") AS f, SUM(c."foreignCapitalUsd") AS u
      FROM "ProjectStageChange" c JOIN "Project" p ON p."id" = c."projectId"
      WHERE c."on" >= ${from} AND c."on" <= ${to} GROUP BY p."squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, COUNT(*) AS n,
        SUM(CASE WHEN "status" = 'REPORTED' THEN 1 ELSE 0 END) AS reported,
        SUM(CASE WHEN "status" = 'REPORTED' AND NOT "shortOfRule" THEN 1 ELSE 0 END) AS kept
      FROM "Trip" WHERE "startDate" >= ${from} AND "startDate" <= ${to} AND "status" IN ('APPROVED', 'REPORTED')
      GROUP BY "squadId"`,
    db.$queryRaw<
      Row[]
    >`SELECT "squadId" AS s, COUNT(*) AS n FROM "Visit" WHERE "visitedOn" >= ${from} AND "visitedOn" <= ${to}
      GROUP BY "squadId"`,
    db.$queryRaw<
      Row[]
    >`SELECT "squadId" AS s, COUNT(*) AS n FROM "Lead" WHERE "createdOn" >= ${from} AND "createdOn" <= ${to}
      GROUP BY "squadId"`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, "metric" AS m, "target" AS t FROM "Quota" WHERE "year" = ${period.year}`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, "month" AS m, "status" AS st, "late" AS late FROM "MonthlyReport"
      WHERE "month" >= ${period.months[0]!} AND "month" <= ${period.months.at(-1)!}`,
    db.$queryRaw<Row[]>`SELECT "squadId" AS s, "fromDate" AS f, "toDate" AS t FROM "Exemption"
      WHERE "squadId" IS NOT NULL AND "fromDate" <= ${to} AND "toDate" >= ${from}`,
  ]);
  const cohortsBy = await cohorts;
  const by = (rows: Row[]) => new Map(rows.map((r) => [num(r.s), r]));
  const [signedBy, commencedBy, packagedBy, fundsBy, tripsBy] = [
    by(signed),
    by(commenced),
    by(packaged),
    by(funds),
    by(trips),
  ];
  const [visitsBy, leadsBy] = [by(visits), by(leads)];
  const months = period.months.filter((m) => `${m}-01` <= today);
  const reportOf = new Map(
    reports.map((r) => [
      `${num(r.s)}:${String(r.m)}`,
      { status: String(r.st), late: r.late === true || num(r.late) === 1 },
    ]),
  );
  return squads.map((s) => {
    const a = emptyActuals();
    const sg = signedBy.get(s.id);
    a.signedProjects = num(sg?.n);
    a.signedInvestment = num(sg?.inv);
    a.majorSigned = num(sg?.major);
    a.strategicSigned = num(sg?.strategic);
    a.commencedProjects = num(commencedBy.get(s.id)?.n);
    a.packagedProjects = num(packagedBy.get(s.id)?.n);
    Object.assign(a, cohortsBy.get(s.id) ?? {});
    a.fundsInPlace = num(fundsBy.get(s.id)?.f);
    a.foreignCapitalUsd = num(fundsBy.get(s.id)?.u);
    const tr = tripsBy.get(s.id);
    a.trips = num(tr?.n);
    a.tripsReported = num(tr?.reported);
    a.tripsKeptRule = num(tr?.kept);
    a.visits = num(visitsBy.get(s.id)?.n);
    a.leads = num(leadsBy.get(s.id)?.n);
    const ex: DateRange[] = exemptions
      .filter((e) => num(e.s) === s.id)
      .map((e) => ({ fromDate: String(e.f), toDate: String(e.t) }));
    a.reports = countBuckets(
      months
        .filter((m) => m >= s.fromMonth)
        .map((m) => bucketOfReport(reportOf.get(`${s.id}:${m}`), isExemptMonth(ex, m), m, today)),
    );
    const quota: Partial<Record<Metric, number>> = {};
    for (const q of quotas) if (num(q.s) === s.id) quota[String(q.m) as Metric] = num(q.t);
    return {
      squadId: s.id,
      name: s.name,
      kind: s.kind as SquadKind,
      sortOrder: s.sortOrder,
      actual: a,
      quota,
      ...(s.retiredOn ? { retiredOn: s.retiredOn } : {}),
    };
  });
}

/** Commencement rate of the three signing-year cohorts before `year` (district-wide, or some squads). */
export async function commencementCohorts(
  db: Db,
  year: number,
  asOf: string,
  squadIds?: number[],
): Promise<CohortLine[]> {
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
