import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from './vocabulary.js';

// A project moves NEGOTIATING → SIGNED → STARTED → PRODUCING → AT_TARGET, one step at a time, so
// the stage history has every step with its date and evidence. Only the office may correct a
// mistake (skip ahead or move back). Staying on the same stage is an amount update.

export function isProjectStage(s: string): s is ProjectStage {
  return (PROJECT_STAGES as readonly string[]).includes(s);
}

function stageIndex(s: ProjectStage): number {
  return PROJECT_STAGES.indexOf(s);
}

/** The next stage, or null at AT_TARGET. */
export function nextStage(s: ProjectStage): ProjectStage | null {
  return PROJECT_STAGES[stageIndex(s) + 1] ?? null;
}

export type StageMove = 'UPDATE' | 'FORWARD' | 'CORRECTION';

/** null + kind when allowed; else the reason in Chinese. */
export function checkStageMove(
  from: ProjectStage,
  to: ProjectStage,
  isOffice: boolean,
): { kind: StageMove; refusal: null } | { kind: null; refusal: string } {
  const d = stageIndex(to) - stageIndex(from);
  if (d === 0) return { kind: 'UPDATE', refusal: null };
  if (d === 1) return { kind: 'FORWARD', refusal: null };
  if (isOffice) return { kind: 'CORRECTION', refusal: null };
  const next = nextStage(from);
  const hint = next ? `下一步只能标记为“${STAGE_LABELS[next]}”` : '项目已达效，无后续阶段';
  return {
    kind: null,
    refusal:
      d < 0
        ? `项目阶段不能回退（当前为“${STAGE_LABELS[from]}”）；如需更正请联系区招商局。`
        : `项目阶段只能逐级推进：${hint}。`,
  };
}

/** The Project column holding the date a stage was reached (NEGOTIATING has none). */
const STAGE_DATE_FIELD = {
  SIGNED: 'signedOn',
  STARTED: 'startedOn',
  PRODUCING: 'producingOn',
  AT_TARGET: 'atTargetOn',
} as const satisfies Partial<Record<ProjectStage, string>>;

export type StageDateField = (typeof STAGE_DATE_FIELD)[keyof typeof STAGE_DATE_FIELD];

/**
 * The stage-date columns after a move: the stage reached gets the step's date (an amount update on
 * the same stage keeps the first date); a correction backwards clears the stages no longer reached.
 */
export function stageDatesAfter(
  kind: StageMove,
  to: ProjectStage,
  on: string,
): Partial<Record<StageDateField, string | null>> {
  const out: Partial<Record<StageDateField, string | null>> = {};
  for (const [stage, field] of Object.entries(STAGE_DATE_FIELD) as [ProjectStage, StageDateField][]) {
    if (stage === to && kind !== 'UPDATE') out[field] = on;
    else if (stageIndex(stage) > stageIndex(to)) out[field] = null;
  }
  return out;
}
