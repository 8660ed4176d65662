import { type Actor, isOffice } from './actor.js';
import type { ReviewState } from './review.js';

// Who may start a joint pre-review, and with which units. The plan names six reviewing units
// (联合预审: 经贸局、环保局、招商局、发改局、区工业园、政务办); they always review. The office may add
// units; only an office admin may leave one of the six out, with a reason. After a veto only the
// office starts a new review, with a reason, and the units that vetoed review again.

interface Unit {
  id: number;
  name: string;
}

export interface ReviewStartRequest {
  actor: Actor;
  /** The squad that owns the project. */
  squadId: number;
  /** The project's newest review, if any: its state and the units that vetoed it. */
  previous: { status: ReviewState; vetoUnits: Unit[] } | null;
  /** The plan's six units, as found on the roster. */
  planUnits: Unit[];
  /** The units ticked on the start card. */
  selected: Unit[];
  /** The reason typed on the start card ('' when none). */
  reason: string;
}

export type ReviewStartDecision =
  | { ok: true; units: Unit[]; removed: Unit[]; restart: boolean }
  | { ok: false; refusal: string };

export function isOfficeAdmin(a: Actor): boolean {
  return a.roles.includes('OFFICE_ADMIN');
}

/** Whether this person may start the first review of a project of that squad. */
export function mayStartReview(a: Actor, squadId: number): string | null {
  if (isOffice(a) || a.squads.some((s) => s.squadId === squadId)) return null;
  return '只有区招商局（领导小组办公室）或项目所属小分队可以发起联合预审。';
}

/** Whether this person may start a new review after a veto. */
export function mayRestartReview(a: Actor): string | null {
  if (isOffice(a)) return null;
  return '项目已被一票否决：只有区招商局（领导小组办公室）可以写明理由后重新发起联合预审，或由领导小组组长、副组长推翻否决。';
}

const names = (units: Unit[]) => units.map((u) => u.name).join('、');

/**
 * The units a review starts with, or why it may not start. The six plan units not ticked count as
 * removed; vetoing units of the previous review may not be removed at all.
 */
export function decideReviewStart(r: ReviewStartRequest): ReviewStartDecision {
  const restart = r.previous?.status === 'VETOED';
  const refused = restart ? mayRestartReview(r.actor) : mayStartReview(r.actor, r.squadId);
  if (refused) return { ok: false, refusal: refused };
  const reason = r.reason.trim();
  if (restart && !reason) return { ok: false, refusal: '重新发起联合预审须写明理由（例如项目作了哪些调整）。' };

  const ticked = new Set(r.selected.map((u) => u.id));
  const vetoMissing = (r.previous?.vetoUnits ?? []).filter((u) => !ticked.has(u.id));
  if (vetoMissing.length)
    return {
      ok: false,
      refusal: `${names(vetoMissing)}上次否决了这个项目，重新预审时必须参加，不能移除。`,
    };
  const removed = r.planUnits.filter((u) => !ticked.has(u.id));
  if (removed.length && !isOfficeAdmin(r.actor))
    return {
      ok: false,
      refusal:
        `方案规定的预审单位必须参加联合预审，请勾选：${names(removed)}。` +
        '如确需移除某个单位，须由办公室管理员发起并写明理由。',
    };
  if (removed.length && !reason) return { ok: false, refusal: `移除预审单位（${names(removed)}）须写明理由。` };
  if (r.selected.length === 0) return { ok: false, refusal: '请至少选择一个预审单位。' };
  return { ok: true, units: r.selected, removed, restart };
}
