import { inspectionBlackReasons, inspectionRatio, inspectionRedReasons, ratedPoor } from './inspection-results.js';
import { targetForPeriod, type Period } from './periods.js';
import { DEFAULT_WEIGHTS, SCORE_COMPONENTS, type ComponentKey, type ScoreWeights } from './score-components.js';
import type { SquadTally } from './tally.js';

export { DEFAULT_WEIGHTS, type ScoreWeights } from './score-components.js';

/*
 * The red/black-list score (红黑榜), after the plan's assessment rule (三(五)): weigh project scale
 * and quality, the funds-in-place rate and the commencement rate most; major projects and
 * strategic emerging industries weigh more; reports on time and trip rules kept count too.
 *
 *   score = 100 × Σ wᵢ·min(cᵢ, cap) / Σ wᵢ      over the components i that apply to the squad
 *
 * cᵢ is a completion ratio: actual ÷ the period's quota (a quarter = ¼ of the annual quota, counts
 * rounded up). A component applies only when its target is > 0, so a town squad with quotas for
 * trips, visits and leads only is scored on those, its reports and its trip rule. The signed-
 * projects component counts a ¥500M+ (重大项目) signing as 1 + majorExtra and one in a strategic
 * emerging industry as 1 + strategicExtra (both may add). Reports on time: (on time + ½ late) ÷
 * months due, exempt months (免报) left out. Trip rule: reported trips with ≥6 visits and ≥3 leads ÷
 * reported trips. Weights and rules are the office's setting `bulletin.weights` / `bulletin.rules`.
 * In the annual ranking the commencement rate of the three earlier signing-year cohorts (plan:
 * 80/70/60 %) counts too, with the 开工率 weight (`commenced`): commenced ÷ needed to meet the goals.
 * 督查 (三(四)): a squad the 督查室 inspected in the period is scored on its rating too (好 1,
 * 较好 0.85, 一般 0.6, 差 0.3; see inspection-results.ts); one not inspected is neither helped nor hurt.
 */

export interface BulletinRules {
  /** how many squads make the red and the black list */
  redCount: number;
  blackCount: number;
  /** a completion ratio counts at most this much (one metric cannot carry a squad) */
  cap: number;
  majorExtra: number;
  strategicExtra: number;
  /** anyone below a floor is on the black list whatever their rank */
  floors: { score: number; missingReports: number; tripRuleRate: number };
}

export const DEFAULT_RULES: BulletinRules = {
  redCount: 3,
  blackCount: 3,
  cap: 1.2,
  majorExtra: 0.5,
  strategicExtra: 0.5,
  floors: { score: 40, missingReports: 2, tripRuleRate: 0.5 },
};

interface Component {
  key: ComponentKey;
  ratio: number;
  weight: number;
  /** What the ratio was made of (the annual assessment shows them): actual ÷ target. */
  actual?: number;
  target?: number;
}

export interface ScoredSquad {
  squadId: number;
  name: string;
  sortOrder: number;
  score: number;
  components: Component[];
  missingReports: number;
  tripRuleRate: number | null;
  /** the period's inspections and corrections, for the reasons (absent: none loaded) */
  inspections?: SquadTally['inspections'];
}

/** The components that apply to a squad in a period, each with its completion ratio. */
function componentsOf(t: SquadTally, period: Period, w: ScoreWeights, rules: BulletinRules): Component[] {
  const a = t.actual;
  const q = (m: keyof SquadTally['quota'], count: boolean) => targetForPeriod(t.quota[m] ?? 0, period, count);
  const weightedSigned = a.signedProjects + rules.majorExtra * a.majorSigned + rules.strategicExtra * a.strategicSigned;
  const pairs: [keyof ScoreWeights, number, number][] = [
    ['signedProjects', weightedSigned, q('SIGNED_PROJECTS', true)],
    ['signedInvestment', a.signedInvestment, q('SIGNED_INVESTMENT', false)],
    ['fundsInPlace', a.fundsInPlace, q('FUNDS_IN_PLACE', false)],
    ['foreignCapital', a.foreignCapitalUsd, q('FOREIGN_CAPITAL_USD', false)],
    ['commenced', a.commencedProjects, q('COMMENCED_PROJECTS', true)],
    ['packaged', a.packagedProjects, q('PACKAGED_PROJECTS', true)],
    ['trips', a.trips, q('TRIPS', true)],
    ['visits', a.visits, q('VISITS', true)],
    ['leads', a.leads, q('LEADS', true)],
    ['reportsOnTime', a.reports.onTime + 0.5 * a.reports.late, a.reports.due],
    ['tripRules', a.tripsKeptRule, a.tripsReported],
  ];
  const components: Component[] = pairs
    .filter(([k, , target]) => target > 0 && w[k] > 0)
    .map(([key, actual, target]) => ({ key, ratio: actual / target, weight: w[key], actual, target }));
  // The cohorts' 开工率 is a yearly goal: it counts in the annual ranking only.
  if (period.quarter === undefined && a.cohortNeeded > 0 && w.commenced > 0)
    components.push({
      key: 'cohortCommencement',
      ratio: a.cohortStarted / a.cohortNeeded,
      weight: w.commenced,
      actual: a.cohortStarted,
      target: a.cohortNeeded,
    });
  const rated = inspectionRatio(t.inspections?.inspections ?? []);
  if (rated !== null && w.inspections > 0) components.push({ key: 'inspections', ratio: rated, weight: w.inspections });
  return components;
}

export function scoreSquad(
  t: SquadTally,
  period: Period,
  w: ScoreWeights = DEFAULT_WEIGHTS,
  rules: BulletinRules = DEFAULT_RULES,
): ScoredSquad {
  const components = componentsOf(t, period, w, rules);
  const total = components.reduce((s, c) => s + c.weight, 0);
  const score =
    total > 0 ? (100 * components.reduce((s, c) => s + c.weight * Math.min(c.ratio, rules.cap), 0)) / total : 0;
  const tr = t.actual.tripsReported > 0 ? t.actual.tripsKeptRule / t.actual.tripsReported : null;
  return {
    squadId: t.squadId,
    name: t.name,
    sortOrder: t.sortOrder,
    score: round1(score),
    components,
    missingReports: t.actual.reports.missing,
    tripRuleRate: tr,
    ...(t.inspections ? { inspections: t.inspections } : {}),
  };
}

/** Highest score first; ties: fewer missing reports, then the plan's order (sortOrder). */
export function rankSquads(
  tallies: SquadTally[],
  period: Period,
  w: ScoreWeights = DEFAULT_WEIGHTS,
  rules: BulletinRules = DEFAULT_RULES,
): ScoredSquad[] {
  return tallies
    .map((t) => scoreSquad(t, period, w, rules))
    .sort((a, b) => b.score - a.score || a.missingReports - b.missingReports || a.sortOrder - b.sortOrder);
}

interface ListEntry {
  squadId: number;
  name: string;
  rank: number;
  score: number;
  reasons: string[];
}

export interface Bulletin {
  period: string;
  ranking: { squadId: number; name: string; rank: number; score: number }[];
  red: ListEntry[];
  black: ListEntry[];
  /** 未参评: squads with no target and no activity in the period, shown apart (absent in bulletins stored before). */
  unjudged?: { squadId: number; name: string }[];
}

/**
 * 未参评: nothing to judge a squad on — no quota for the year and nothing done in the period (a
 * missing or exempt monthly report is not something done). Such a squad is left out of the ranking
 * and of both lists, so a year whose quotas were never entered black-lists nobody.
 */
export function isUnjudged(t: SquadTally): boolean {
  const a = t.actual;
  const hasTarget = Object.values(t.quota).some((v) => (v ?? 0) > 0);
  const didSomething =
    a.signedProjects + a.fundsInPlace + a.foreignCapitalUsd + a.packagedProjects + a.commencedProjects > 0 ||
    a.trips + a.visits + a.leads + a.reports.onTime + a.reports.late > 0;
  return !hasTarget && !didSomething;
}

/**
 * Red list: the top `redCount` not below any floor. Black list: the bottom `blackCount` plus anyone
 * below a floor. Each entry says why, in Chinese. Exempt months never count as missing, so an
 * exempt squad is never blacklisted for its reports.
 */
export function buildBulletin(
  period: Period,
  ranked: ScoredSquad[],
  rules: BulletinRules = DEFAULT_RULES,
  unjudged: { squadId: number; name: string }[] = [],
): Bulletin {
  const ranking = ranked.map((s, i) => ({ squadId: s.squadId, name: s.name, rank: i + 1, score: s.score }));
  const belowScore = (s: ScoredSquad) => s.score < rules.floors.score;
  const floorReasons = (s: ScoredSquad): string[] => {
    const r: string[] = [];
    if (belowScore(s)) r.push(`综合得分 ${s.score} 分，低于 ${rules.floors.score} 分`);
    if (s.missingReports >= rules.floors.missingReports) r.push(`月度汇报缺报 ${s.missingReports} 期`);
    if (s.tripRuleRate !== null && s.tripRuleRate < rules.floors.tripRuleRate)
      r.push(
        `外出招商达标率 ${pct(s.tripRuleRate)}，低于 ${pct(rules.floors.tripRuleRate)}（每次须拜访≥6家、线索≥3条）`,
      );
    return r;
  };
  const black: ListEntry[] = [];
  const bottomFrom = Math.max(0, ranked.length - rules.blackCount);
  ranked.forEach((s, i) => {
    const floors = floorReasons(s);
    const bottom = i >= bottomFrom && i >= rules.redCount; // with very few squads the top stays off the black list
    // A 差 from the 督查室 is a floor too; its reason is the quoted inspection below.
    if (!floors.length && !bottom && !ratedPoor(s.inspections)) return;
    // At the bottom the place and the score floor share one reason, so the score is said once.
    const reasons = bottom
      ? [
          `综合得分 ${s.score} 分，排名第 ${i + 1}/${ranked.length}${belowScore(s) ? `，低于 ${rules.floors.score} 分` : ''}`,
          ...floors.slice(belowScore(s) ? 1 : 0),
        ]
      : floors;
    // A floor already named (reports missing, the trip rule) is not said again as a weak component.
    const named = new Set<ComponentKey>();
    if (s.missingReports >= rules.floors.missingReports) named.add('reportsOnTime');
    if (s.tripRuleRate !== null && s.tripRuleRate < rules.floors.tripRuleRate) named.add('tripRules');
    // The inspection speaks for itself (its rating and findings), not as a percentage.
    reasons.push(...inspectionBlackReasons(s.inspections, period));
    for (const c of weakest(s, named)) reasons.push(`${SCORE_COMPONENTS[c.key].label}仅完成 ${pct(c.ratio)}`);
    black.push({ squadId: s.squadId, name: s.name, rank: i + 1, score: s.score, reasons: unique(reasons) });
  });
  const blackIds = new Set(black.map((b) => b.squadId));
  const red: ListEntry[] = ranked
    .map((s, i) => ({ s, i }))
    .filter(({ s }) => !blackIds.has(s.squadId) && s.score > 0)
    .slice(0, rules.redCount)
    .map(({ s, i }) => ({
      squadId: s.squadId,
      name: s.name,
      rank: i + 1,
      score: s.score,
      reasons: [
        `综合得分 ${s.score} 分，排名第 ${i + 1}/${ranked.length}`,
        ...inspectionRedReasons(s.inspections),
        ...strongest(s).map((c) => `${SCORE_COMPONENTS[c.key].label}完成 ${pct(c.ratio)}`),
      ],
    }));
  return { period: period.key, ranking, red, black, unjudged };
}

function weakest(s: ScoredSquad, named: Set<ComponentKey>): Component[] {
  return [...s.components]
    .filter((c) => c.ratio < 1 && !named.has(c.key) && c.key !== 'inspections')
    .sort((a, b) => a.ratio - b.ratio || b.weight - a.weight)
    .slice(0, 2);
}

function strongest(s: ScoredSquad): Component[] {
  return [...s.components]
    .filter((c) => c.ratio >= 1 && c.key !== 'inspections')
    .sort((a, b) => b.weight - a.weight || b.ratio - a.ratio)
    .slice(0, 2);
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function pct(r: number): string {
  return `${Math.round(r * 100)}%`;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
