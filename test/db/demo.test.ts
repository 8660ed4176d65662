import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCalendar } from '../../src/db/calendar.js';
import type { Db } from '../../src/db/client.js';
import { loadDemoDistrict } from '../../src/db/demo.js';
import { seedIfEmpty } from '../../src/db/seed.js';
import { normaliseCompanyName } from '../../src/domain/company-name.js';
import { isLateSubmission } from '../../src/domain/deadlines.js';
import { assessTrip } from '../../src/domain/trip-rules.js';
import { freshDatabase } from '../helpers/db.js';

// The demo district's rows are the rows the app itself would have written, the same day gives the
// same district, and a database with work of its own never gets one.

const TZ = 'Asia/Shanghai';
const TODAY = '2026-11-30';
type Fresh = Awaited<ReturnType<typeof freshDatabase>>;
const opened: Fresh[] = [];

async function planOnly(): Promise<Db> {
  const f = await freshDatabase();
  opened.push(f);
  await seedIfEmpty(f.db.prisma);
  await seedCalendar(f.db.prisma);
  return f.db.prisma;
}

let db: Db;
let ms = 0;
beforeAll(async () => {
  db = await planOnly();
  const t = performance.now();
  const r = await loadDemoDistrict(db, { today: TODAY, timezone: TZ });
  ms = performance.now() - t;
  expect(r.loaded).toBe(true);
}, 120_000);
afterAll(async () => {
  for (const f of opened) await f.cleanup();
});

describe('the demo district', () => {
  it('says how long it took', () => {
    console.info(`demo district loaded in ${Math.round(ms)} ms`);
  });

  it('carries the plan’s split to this year, and the commencement cohorts with it', async () => {
    const plan = await db.quota.findMany({ where: { year: 2018 }, orderBy: [{ squadId: 'asc' }, { metric: 'asc' }] });
    const now = await db.quota.findMany({ where: { year: 2026 }, orderBy: [{ squadId: 'asc' }, { metric: 'asc' }] });
    expect(now.map(({ squadId, metric, target }) => ({ squadId, metric, target }))).toEqual(
      plan.map(({ squadId, metric, target }) => ({ squadId, metric, target })),
    );
    const goals = (await db.districtGoal.findMany({ where: { year: 2026 } })).map((g) => g.metric).sort();
    expect(goals).toContain('COMMENCEMENT_RATE_2023');
    expect(goals).toContain('COMMENCEMENT_RATE_2025');
  });

  it('signs no ¥100M+ project without a passed pre-review (the signing gate)', async () => {
    const big = await db.project.findMany({
      where: { investment: { gte: 10_000 }, stage: { not: 'NEGOTIATING' } },
      include: { reviews: true },
    });
    expect(big.length).toBeGreaterThan(10);
    for (const p of big)
      expect(
        p.reviews.map((r) => r.status),
        p.name,
      ).toContain('PASSED');
    expect(await db.project.count({ where: { reviewStatus: 'IN_REVIEW' } })).toBe(1);
    expect(await db.project.count({ where: { reviewStatus: 'VETOED' } })).toBe(1);
  });

  it('has projects at every stage, and every stage reached has its date and its history row', async () => {
    const projects = await db.project.findMany({ include: { stages: true } });
    for (const stage of ['NEGOTIATING', 'SIGNED', 'STARTED', 'PRODUCING', 'AT_TARGET'])
      expect(projects.filter((p) => p.stage === stage).length, stage).toBeGreaterThan(0);
    for (const p of projects) {
      if (p.stage !== 'NEGOTIATING') expect(p.signedOn, p.name).not.toBeNull();
      if (['STARTED', 'PRODUCING', 'AT_TARGET'].includes(p.stage)) expect(p.startedOn! >= p.signedOn!).toBe(true);
      expect(p.stages.at(-1)!.toStage, p.name).toBe(p.stage);
      expect((p.signedOn ?? '') <= TODAY).toBe(true);
    }
  });

  it('keeps the trip rule, one lead per company and the report deadlines as the cards would', async () => {
    const trips = await db.trip.findMany({ where: { status: 'REPORTED' }, include: { visits: true, leads: true } });
    for (const t of trips)
      expect(t.shortOfRule).toBe(assessTrip({ visits: t.visits.length, leads: t.leads.length }).short);
    expect(trips.some((t) => t.shortOfRule)).toBe(true);
    for (const l of await db.lead.findMany()) expect(l.companyKey).toBe(normaliseCompanyName(l.company));
    const reports = await db.monthlyReport.findMany({ where: { status: 'SUBMITTED' }, include: { revisions: true } });
    for (const r of reports) {
      expect(r.late).toBe(isLateSubmission(r.month, r.submittedAt!, TZ));
      expect(r.revisions.map((x) => x.version)).toEqual([r.version]);
    }
    expect(reports.some((r) => r.late)).toBe(true);
    const open = await db.projectTask.findMany({ where: { status: 'OPEN' } });
    expect(open.some((t) => t.dueOn < '2026-11-23')).toBe(true);
    expect(open.some((t) => t.dueOn >= TODAY && t.dueOn <= '2026-12-03')).toBe(true);
    expect(await db.trip.count({ where: { status: 'PENDING' } })).toBe(1);
  });

  it('has this year’s 策划包装项目: packaged and promoted, one signed and linked, some still planned', async () => {
    const all = await db.packagedProject.findMany({ orderBy: { id: 'asc' } });
    const by = (status: string) => all.filter((p) => p.status === status);
    expect(by('PACKAGED').length).toBeGreaterThanOrEqual(5);
    expect(by('PROMOTED').length).toBeGreaterThanOrEqual(3);
    expect(by('PLANNING').length).toBeGreaterThanOrEqual(3);
    expect(by('SIGNED')).toHaveLength(1);
    for (const p of all) {
      expect(p.requestKey, p.name).toMatch(/^demo:packaged:/);
      expect(p.squadId, p.name).not.toBeNull();
      expect(p.planningOn! >= '2026-01-01' && p.planningOn! <= TODAY, `${p.name} ${p.planningOn}`).toBe(true);
      // Each status reached has its date, in order, none after today.
      const dates = [p.planningOn, p.packagedOn, p.promotedOn, p.signedOn].filter(Boolean) as string[];
      expect(dates, p.name).toEqual([...dates].sort());
      expect(dates.length, p.name).toBe(['PLANNING', 'PACKAGED', 'PROMOTED', 'SIGNED'].indexOf(p.status) + 1);
      expect(dates.at(-1)! <= TODAY, p.name).toBe(true);
    }
    // The signed one is the squad's project it became, signed that day.
    const signed = by('SIGNED')[0]!;
    const project = await db.project.findUniqueOrThrow({ where: { id: signed.projectId! } });
    expect(project.squadId).toBe(signed.squadId);
    expect(project.signedOn).toBe(signed.signedOn);
    // The year's count as /progress takes it: 已包装 and later, packaged this year, under the goal of 30.
    const counted = all.filter((p) => p.status !== 'PLANNING' && p.packagedOn!.startsWith('2026')).length;
    expect(counted).toBeGreaterThanOrEqual(15);
    expect(counted).toBeLessThanOrEqual(30);
  });

  it('has the supervision loop: last quarter inspected and decided, this quarter under way', async () => {
    const inspections = await db.inspection.findMany({ include: { corrections: true } });
    const last = inspections.filter((i) => i.period === '2026Q3');
    const now = inspections.filter((i) => i.period === '2026Q4');
    expect(last.length).toBe(await db.squad.count({ where: { kind: 'INDUSTRY', active: true } }));
    expect(now.length).toBe(3);
    expect(new Set(last.map((i) => i.rating))).toEqual(new Set(['GOOD', 'FAIR', 'AVERAGE', 'POOR']));
    for (const i of inspections) {
      expect(i.requestKey).toMatch(/^demo:inspection:/);
      expect(i.inspectedOn <= TODAY, i.inspectedOn).toBe(true);
      expect(i.inspectedOn.slice(0, 7) >= (i.period === '2026Q3' ? '2026-07' : '2026-10')).toBe(true);
    }
    // Last quarter's corrections are done with a note, but one is left overdue; this quarter's are due soon.
    const lastCorrections = last.flatMap((i) => i.corrections);
    expect(lastCorrections.filter((c) => c.status === 'OPEN' && c.dueOn < TODAY)).toHaveLength(1);
    for (const c of lastCorrections.filter((x) => x.status === 'DONE')) expect(c.closedNote).toBeTruthy();
    for (const c of now.flatMap((i) => i.corrections)) expect(c).toMatchObject({ status: 'OPEN', dueOn: '2026-12-10' });
    // One issue decided at the last meeting (a decision done, one open), two waiting for the next.
    const issues = await db.meetingIssue.findMany({ orderBy: { id: 'asc' } });
    expect(issues.map((i) => i.status)).toEqual(['DECIDED', 'OPEN', 'OPEN']);
    const decisions = await db.meetingDecision.findMany({ orderBy: { id: 'asc' } });
    expect(decisions.map((d) => [d.issueId, d.status])).toEqual([
      [issues[0]!.id, 'DONE'],
      [issues[0]!.id, 'OPEN'],
    ]);
    expect(decisions[0]!.closedNote).toBeTruthy();
    expect(decisions[1]!.dueOn > TODAY).toBe(true);
  });

  it('flags a few signings of the year 重大项目', async () => {
    const major = await db.project.findMany({ where: { majorProject: true } });
    expect(major.length).toBe(3);
    for (const p of major) {
      expect(p.signedOn!.startsWith('2026'), p.name).toBe(true);
      expect(p.investment, p.name).toBeLessThan(50_000);
    }
  });

  it('is the same district on another database the same day', async () => {
    const other = await planOnly();
    await loadDemoDistrict(other, { today: TODAY, timezone: TZ });
    const names = async (d: Db) => ({
      leads: (await d.lead.findMany({ orderBy: { id: 'asc' } })).map((l) => [l.company, l.createdOn, l.status]),
      projects: (await d.project.findMany({ orderBy: { id: 'asc' } })).map((p) => [
        p.name,
        p.stage,
        p.investment,
        p.majorProject,
      ]),
      packaged: (await d.packagedProject.findMany({ orderBy: { id: 'asc' } })).map((p) => [
        p.name,
        p.status,
        p.packagedOn,
        p.projectId,
      ]),
    });
    expect(await names(other)).toEqual(await names(db));
  }, 120_000);

  it('is never mixed into a database that holds work of its own', async () => {
    const own = await planOnly();
    const squad = await own.squad.findFirstOrThrow();
    await own.monthlyReport.create({ data: { squadId: squad.id, month: '2026-10', status: 'DRAFT' } });
    const r = await loadDemoDistrict(own, { today: TODAY, timezone: TZ });
    expect(r).toEqual({ loaded: false, reason: expect.stringContaining('of its own') });
    expect(await own.trip.count()).toBe(0);
    expect(await own.quota.count({ where: { year: 2026 } })).toBe(0);
  });
});
