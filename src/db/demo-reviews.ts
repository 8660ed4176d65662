import { DEFAULT_REVIEW_UNIT_CODES, REVIEW_SETTINGS, reviewDueOn, type ReviewDecision } from '../domain/review.js';
import { loadCalendar } from './calendar.js';
import type { DemoContext } from './demo-context.js';
import { instantOf, plusDays } from './demo-random.js';
import { auditProject, listReviewableUnits } from './reviews.js';
import { recordOpinion, startReview } from './review-writes.js';
import { getSetting } from './settings.js';

// 联合预审 in the demo: every ¥100M+ signing passed its review first (the signing gate asks for it),
// one review is still waiting for three units, and one project was vetoed (一票否决).

type Plan = { decide: Exclude<ReviewDecision, 'PENDING'> | null; conditions?: string; reason?: string }[];

export class DemoReviews {
  private units: { id: number; code: string; name: string }[] = [];
  private days = { normal: 5, key: 3 };
  private calendar: Awaited<ReturnType<typeof loadCalendar>> = new Map();
  count = 0;

  constructor(private readonly ctx: DemoContext) {}

  async load(): Promise<this> {
    const all = await listReviewableUnits(this.ctx.db);
    this.units = all.filter((u) => (DEFAULT_REVIEW_UNIT_CODES as readonly string[]).includes(u.code));
    this.calendar = await loadCalendar(this.ctx.db);
    const s = REVIEW_SETTINGS;
    this.days = {
      normal: await getSetting(this.ctx.db, s.workingDays.key, s.workingDays.fallback),
      key: await getSetting(this.ctx.db, s.keyWorkingDays.key, s.keyWorkingDays.fallback),
    };
    return this;
  }

  /**
   * Every unit agrees within a few days of `startedOn`: the rows startReview and recordOpinion would
   * leave (the review PASSED, six opinions, the project's reviewStatus, its start and outcome in the
   * history), written at once — this happens for every ¥100M+ signing of the year, and one step per
   * opinion would make the first start slow.
   */
  async pass(projectId: number, startedOn: string): Promise<void> {
    const { db, tz } = this.ctx;
    const office = this.ctx.personId('OFFICE_ADMIN');
    const dueOn = reviewDueOn(startedOn, false, this.days, this.calendar);
    const decided = this.units.map((u, i) => ({
      unit: u,
      by: this.ctx.personIdsOfUnit(u.code)[0] ?? office,
      at: instantOf(plusDays(startedOn, 1 + (i % 3)), 10, tz),
    }));
    const closedAt = instantOf(plusDays(startedOn, 3), 11, tz);
    const review = await db.projectReview.create({
      data: {
        projectId,
        status: 'PASSED',
        startedById: office,
        startedAt: instantOf(startedOn, 9, tz),
        closedAt,
        opinions: {
          create: decided.map((d) => ({
            unitId: d.unit.id,
            decision: 'PASS',
            dueOn,
            decidedById: d.by,
            decidedAt: d.at,
          })),
        },
      },
    });
    await db.project.update({ where: { id: projectId }, data: { reviewStatus: 'PASSED' } });
    // The project's history, as the review's steps record it (review-writes.ts).
    const audit = (actorId: number | null, action: string, detail: object) =>
      auditProject(db, projectId, { id: actorId, openId: null }, action, { reviewId: review.id, ...detail });
    await audit(office, 'review.start', {
      units: this.units.map((u) => u.name),
      removed: [],
      restart: false,
      startedOn,
      dueOn,
      isKey: false,
    });
    // The six opinions are in their ReviewOpinion rows; the history keeps the start and the outcome.
    await audit(null, 'review.passed', {});
    this.count++;
  }

  /** Started a few days ago: three units answered (one with conditions), three still to. */
  inProgress(projectId: number, startedOn: string): Promise<void> {
    return this.run(
      projectId,
      startedOn,
      this.units.map((_, i) =>
        i === 1
          ? { decide: 'CONDITIONAL', conditions: '须在签约前明确环保设施投入和排放标准' }
          : { decide: i < 3 ? 'PASS' : null },
      ),
    );
  }

  /** The environment bureau vetoed; the others that answered before agreed. */
  vetoed(projectId: number, startedOn: string): Promise<void> {
    const epb = this.units.findIndex((u) => u.code === 'EPB');
    return this.run(
      projectId,
      startedOn,
      this.units.map((_, i) =>
        i === epb
          ? { decide: 'VETO', reason: '选址位于饮用水源二级保护区内，不符合环保要求' }
          : { decide: i < epb ? 'PASS' : null },
      ),
    );
  }

  private async run(projectId: number, startedOn: string, plan: Plan): Promise<void> {
    const { db, tz } = this.ctx;
    const office = { id: this.ctx.personId('OFFICE_ADMIN'), openId: null };
    const review = await startReview(
      db,
      {
        projectId,
        units: this.units.map((u) => ({ id: u.id, name: u.name })),
        removed: [],
        restart: false,
        reason: '',
        dueOn: reviewDueOn(startedOn, false, this.days, this.calendar),
        startedOn,
        isKey: false,
      },
      office,
    );
    this.count++;
    for (const [i, step] of plan.entries()) {
      if (!step.decide) continue;
      const unit = this.units[i]!;
      const opinion = review.opinions.find((o) => o.unitId === unit.id)!;
      const by = this.ctx.personIdsOfUnit(unit.code)[0] ?? office.id;
      await recordOpinion(
        db,
        opinion.id,
        {
          decision: step.decide,
          conditions: step.conditions,
          vetoCategory: step.decide === 'VETO' ? 'ENVIRONMENT' : undefined,
          reason: step.reason,
        },
        { id: by, openId: null },
        instantOf(plusDays(startedOn, 1 + (i % 3)), 10, tz),
      );
    }
  }
}
