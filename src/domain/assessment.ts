import { yearPeriod } from './periods.js';
import { rankableTallies, rankByKind } from './ranking-by-kind.js';
import { SCORE_COMPONENTS, type ComponentKey } from './score-components.js';
import { isUnjudged, type BulletinRules, type ScoredSquad, type ScoreWeights } from './scoring.js';
import type { SquadActuals, SquadTally } from './tally.js';
import { SQUAD_KINDS, type SquadKind } from './vocabulary.js';

/*
 * The annual assessment (年度考核, plan 三(五)): every squad's year scored like the red/black list
 * (scoreSquad over the year, the earlier cohorts' 开工率 included), ranked within its kind, with the
 * weights of its kind: the office's setting `assess.weights` ({ INDUSTRY, TOWN, DEPARTMENT }, each a
 * ScoreWeights); a kind not set there uses the red/black list's `bulletin.weights`. Each component is
 * shown with what it adds to the score: points = 100 × w·min(c, cap) / Σw over the squad's components.
 */

export const ASSESS_WEIGHTS_KEY = 'assess.weights';

const ASSESS_KIND_LABELS: Record<SquadKind, string> = {
  INDUSTRY: '产业招商小分队',
  TOWN: '镇（街道办）',
  DEPARTMENT: '区直部门',
};

/** Each kind's weights in force, and whether they come from the assessment setting or the red/black list's. */
export type KindWeights = Record<SquadKind, { weights: ScoreWeights; own: boolean }>;

/** The stored `assess.weights` made whole: a kind missing (or not an object) takes `bulletin`. */
export function assessWeights(stored: unknown, bulletin: ScoreWeights): KindWeights {
  const o = stored && typeof stored === 'object' ? (stored as Record<string, unknown>) : {};
  const one = (k: SquadKind) => {
    const v = o[k];
    if (!v || typeof v !== 'object') return { weights: { ...bulletin }, own: false };
    // A key missing or unreadable in a stored kind (a component added since it was saved) takes the red/black weight.
    const weights = { ...bulletin };
    for (const key of Object.keys(weights) as (keyof ScoreWeights)[]) {
      const x = (v as Record<string, unknown>)[key];
      if (typeof x === 'number' && Number.isFinite(x) && x >= 0) weights[key] = x;
    }
    return { weights, own: true };
  };
  return { INDUSTRY: one('INDUSTRY'), TOWN: one('TOWN'), DEPARTMENT: one('DEPARTMENT') };
}

export interface ComponentLine {
  key: ComponentKey;
  label: string;
  weight: number;
  actual: number | null;
  target: number | null;
  ratio: number;
  /** Points this component adds to the score (the capped ratio's weighted share of 100). */
  points: number;
}

export interface AssessedSquad {
  squadId: number;
  name: string;
  rank: number;
  score: number;
  components: ComponentLine[];
  /** What the components were counted from (the office's spreadsheet shows it all). */
  actual: SquadActuals;
}

export interface AssessedKind {
  kind: SquadKind;
  label: string;
  weights: ScoreWeights;
  /** true: the assessment's own weights for this kind; false: the red/black list's. */
  ownWeights: boolean;
  squads: AssessedSquad[];
  /** 未参评: no target and nothing done in the year. */
  unjudged: string[];
}

export interface Assessment {
  year: number;
  /** The day the figures were counted to (the year's last day for a past year). */
  asOf: string;
  cap: number;
  kinds: AssessedKind[];
}

/** A squad's components with their points; they add up to its score (before rounding). */
function componentLines(s: ScoredSquad, cap: number): ComponentLine[] {
  const total = s.components.reduce((n, c) => n + c.weight, 0);
  return s.components.map((c) => ({
    key: c.key,
    label: SCORE_COMPONENTS[c.key]?.label ?? c.key,
    weight: c.weight,
    actual: c.actual ?? null,
    target: c.target ?? null,
    ratio: c.ratio,
    points: total > 0 ? round2((100 * c.weight * Math.min(c.ratio, cap)) / total) : 0,
  }));
}

/** The year's assessment: each kind ranked with its own weights; kinds with no squad left out. */
export function assessYear(
  year: number,
  asOf: string,
  tallies: SquadTally[],
  weights: KindWeights,
  rules: BulletinRules,
): Assessment {
  const period = yearPeriod(year);
  const sections = rankByKind(tallies, period, (k) => weights[k].weights, rules);
  const byId = new Map(tallies.map((t) => [t.squadId, t]));
  const unjudged = rankableTallies(tallies, period).filter(isUnjudged);
  const kinds = SQUAD_KINDS.map((kind): AssessedKind => {
    const ranked = sections.find((s) => s.kind === kind)?.ranked ?? [];
    return {
      kind,
      label: ASSESS_KIND_LABELS[kind],
      weights: weights[kind].weights,
      ownWeights: weights[kind].own,
      squads: ranked.map((s, i) => ({
        squadId: s.squadId,
        name: s.name,
        rank: i + 1,
        score: s.score,
        components: componentLines(s, rules.cap),
        actual: byId.get(s.squadId)!.actual,
      })),
      unjudged: unjudged.filter((t) => t.kind === kind).map((t) => t.name),
    };
  }).filter((k) => k.squads.length > 0 || k.unjudged.length > 0);
  return { year, asOf, cap: rules.cap, kinds };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
