import {
  projectReviewStatusOf,
  reviewState,
  type ReviewDecision,
  type ReviewState,
  type VetoCategory,
} from '../domain/review.js';
import type { Db } from './client.js';
import { auditProject, findReview, isSuperseded, type AuditActor, type ReviewRow } from './reviews.js';

// State changes of a review. Each is guarded by a conditional update on the row it changes, so a
// double tap or two instances store one change; the caller's transaction holds them together.

export class ReviewConflict extends Error {}

/**
 * The refusal for any step on a review after the office started a newer one of the same project:
 * only the newest review counts, so an old card records nothing.
 */
function supersededRefusal(projectId: number): ReviewConflict {
  return new ReviewConflict(`这次预审已被新的预审取代，请在最新的预审卡片上操作（发送 /review ${projectId} 查看）。`);
}

export interface ReviewStart {
  projectId: number;
  units: { id: number; name: string }[];
  /** Plan units left out by an office admin, with the reason (kept in the project's history). */
  removed: { id: number; name: string }[];
  /** A new review after a veto (the office's, with a reason). */
  restart: boolean;
  reason: string;
  dueOn: string;
  startedOn: string;
  isKey: boolean;
}

/**
 * Starts a review: claims the project (reviewStatus NONE → IN_REVIEW, or VETOED → IN_REVIEW for a
 * restart) and creates one opinion per unit. A passed or overruled project needs no second review.
 */
export async function startReview(db: Db, p: ReviewStart, actor: AuditActor): Promise<ReviewRow> {
  const claimed = await db.project.updateMany({
    where: { id: p.projectId, reviewStatus: p.restart ? 'VETOED' : 'NONE' },
    data: { reviewStatus: 'IN_REVIEW' },
  });
  if (claimed.count !== 1) {
    const now = await db.project.findUnique({ where: { id: p.projectId }, select: { reviewStatus: true } });
    throw new ReviewConflict(
      now?.reviewStatus === 'IN_REVIEW'
        ? '这个项目的联合预审已在进行中。'
        : now?.reviewStatus === 'VETOED' || now?.reviewStatus === 'NONE'
          ? '项目的预审状态刚刚变了，请发送 /review 重新获取卡片。'
          : '这个项目已通过联合预审（或否决已被推翻），可以签约，无需再次预审。',
    );
  }
  const review = await db.projectReview.create({
    data: {
      projectId: p.projectId,
      status: 'OPEN',
      startedById: actor.id,
      opinions: { create: p.units.map((u) => ({ unitId: u.id, dueOn: p.dueOn })) },
    },
  });
  await auditProject(db, p.projectId, actor, 'review.start', {
    reviewId: review.id,
    units: p.units.map((u) => u.name),
    removed: p.removed.map((u) => ({ unit: u.name, reason: p.reason })),
    restart: p.restart,
    reason: p.reason || undefined,
    startedOn: p.startedOn,
    dueOn: p.dueOn,
    isKey: p.isKey,
  });
  return (await findReview(db, review.id))!;
}

/** The office names who answers for a unit in this review (nobody of the unit may); audited. */
export async function nameOpinionReviewer(
  db: Db,
  opinionId: number,
  reviewer: { id: number; name: string },
  actor: AuditActor,
): Promise<ReviewRow> {
  const before = await db.reviewOpinion.findUnique({ where: { id: opinionId }, include: { review: true } });
  if (before && (await isSuperseded(db, before.review))) throw supersededRefusal(before.review.projectId);
  const res = await db.reviewOpinion.updateMany({
    where: { id: opinionId, decision: 'PENDING', review: { status: 'OPEN' } },
    data: { reviewerId: reviewer.id },
  });
  if (res.count !== 1) throw new ReviewConflict('这个单位的预审意见已经出具，或这次预审已经结束，无需再指定经办人。');
  const op = await db.reviewOpinion.findUniqueOrThrow({
    where: { id: opinionId },
    include: { unit: true, review: true },
  });
  await auditProject(db, op.review.projectId, actor, 'review.reviewer', {
    reviewId: op.reviewId,
    unit: op.unit.name,
    reviewer: reviewer.name,
  });
  return (await findReview(db, op.reviewId))!;
}

export interface OpinionInput {
  decision: Exclude<ReviewDecision, 'PENDING'>;
  conditions?: string;
  vetoCategory?: VetoCategory;
  reason?: string;
}

/** The opinion with its review and unit, as the caller read them in this transaction. */
export interface KnownOpinion {
  reviewId: number;
  review: { id: number; projectId: number; status: string };
  unit: { name: string };
  /** Whether a newer review of the project existed when the caller read the review. */
  superseded: boolean;
}

/**
 * Records a unit's opinion and moves the review on: all passed → PASSED, a veto → VETOED at once.
 * Returns the review after the change. `known`: the opinion as the caller just read it (else read here).
 */
export async function recordOpinion(
  db: Db,
  opinionId: number,
  input: OpinionInput,
  actor: AuditActor,
  now: Date,
  known?: KnownOpinion,
): Promise<ReviewRow> {
  const op =
    known ??
    (await db.reviewOpinion.findUniqueOrThrow({
      where: { id: opinionId },
      include: { review: true, unit: true },
    }));
  if (known ? known.superseded : await isSuperseded(db, op.review)) throw supersededRefusal(op.review.projectId);
  if (op.review.status !== 'OPEN') throw new ReviewConflict('这次联合预审已经结束，不再接收意见。');
  const res = await db.reviewOpinion.updateMany({
    where: { id: opinionId, decision: 'PENDING' },
    data: {
      decision: input.decision,
      conditions: input.decision === 'CONDITIONAL' ? (input.conditions ?? null) : null,
      vetoCategory: input.decision === 'VETO' ? (input.vetoCategory ?? null) : null,
      reason: input.decision === 'VETO' ? (input.reason ?? null) : null,
      decidedById: actor.id,
      decidedAt: now,
    },
  });
  if (res.count !== 1) throw new ReviewConflict(`${op.unit.name}的预审意见已经提交过了。`);
  await auditProject(db, op.review.projectId, actor, 'review.opinion', {
    reviewId: op.reviewId,
    unit: op.unit.name,
    decision: input.decision,
    conditions: input.decision === 'CONDITIONAL' ? input.conditions : undefined,
    vetoCategory: input.decision === 'VETO' ? input.vetoCategory : undefined,
    reason: input.decision === 'VETO' ? input.reason : undefined,
  });
  const review = (await findReview(db, op.reviewId))!;
  const state = reviewState(review.opinions, false);
  if (state === 'OPEN') return review;
  const closed = await db.projectReview.update({ where: { id: review.id }, data: { status: state, closedAt: now } });
  await db.project.update({ where: { id: review.projectId }, data: { reviewStatus: projectReviewStatusOf(state) } });
  await auditProject(
    db,
    review.projectId,
    { id: null, openId: null },
    state === 'PASSED' ? 'review.passed' : 'review.vetoed',
    { reviewId: review.id },
  );
  return { ...review, status: closed.status as ReviewState, closedAt: closed.closedAt };
}

/**
 * The leading group overrules a veto: recorded with who and why; the project becomes signable. Only
 * the project's newest review may be overruled: the project's row is claimed (VETOED → OVERRULED)
 * only while no newer review exists, so an overrule racing a restart by the office stores nothing.
 * Nothing is written before a refusal (the caller answers it and its transaction still commits).
 */
export async function overruleReview(
  db: Db,
  reviewId: number,
  reason: string,
  actor: AuditActor & { id: number },
  now: Date,
): Promise<ReviewRow> {
  const before = await findReview(db, reviewId);
  if (!before) throw new ReviewConflict('找不到这次联合预审。');
  if (await isSuperseded(db, before)) throw supersededRefusal(before.projectId);
  if (before.status !== 'VETOED') {
    throw new ReviewConflict(
      before.status === 'OVERRULED'
        ? `这项否决已由${before.overruledByName ?? '领导小组'}推翻。`
        : '这次联合预审没有被否决，无需推翻。',
    );
  }
  const claimed = await db.project.updateMany({
    where: { id: before.projectId, reviewStatus: 'VETOED', reviews: { none: { id: { gt: reviewId } } } },
    data: { reviewStatus: 'OVERRULED' },
  });
  if (claimed.count !== 1) {
    const after = await findReview(db, reviewId);
    if (await isSuperseded(db, before)) throw supersededRefusal(before.projectId);
    throw new ReviewConflict(
      after?.status === 'OVERRULED'
        ? `这项否决已由${after.overruledByName ?? '领导小组'}推翻。`
        : '项目的预审状态刚刚变了，请发送 /review 重新获取卡片。',
    );
  }
  const res = await db.projectReview.updateMany({
    where: { id: reviewId, status: 'VETOED' },
    data: { status: 'OVERRULED', overruledById: actor.id, overruleReason: reason },
  });
  // The project was VETOED by this, its newest review: the review cannot be in another state.
  if (res.count !== 1)
    throw new Error(`review ${reviewId}: project claimed for an overrule but the review is not VETOED`);
  await auditProject(db, before.projectId, actor, 'review.overrule', { reviewId, reason, at: now.toISOString() });
  return (await findReview(db, reviewId))!;
}
