import type { Period } from './periods.js';
import {
  buildBulletin,
  isUnjudged,
  rankSquads,
  type Bulletin,
  type BulletinRules,
  type ScoredSquad,
  type ScoreWeights,
} from './scoring.js';
import type { SquadTally } from './tally.js';
import { SQUAD_KINDS, type SquadKind } from './vocabulary.js';

/*
 * Like is compared with like: industry squads, towns and departments are ranked in lists of their
 * own, each with its own red and black list (a town with two trips a year is not set against a
 * squad that signs ¥100M projects). This is a grouping step around rankSquads and buildBulletin:
 * the score of a squad does not change, only whom it is ranked among.
 */

const KIND_SECTION_LABELS: Record<SquadKind, string> = {
  INDUSTRY: '产业招商小分队',
  TOWN: '镇（街道办）',
  DEPARTMENT: '区直部门',
};

export interface RankedSection {
  kind: SquadKind;
  label: string;
  ranked: ScoredSquad[];
}

export interface BulletinSection extends Omit<Bulletin, 'period'> {
  kind: SquadKind;
  label: string;
}

/** A bulletin with one section per kind; its flat lists are the sections' lists one after the other. */
export interface KindBulletin extends Bulletin {
  sections: BulletinSection[];
}

/** A squad retired (撤销) on or before the period's last day is left out of that period's ranking. */
export function rankableTallies(tallies: SquadTally[], period: Period): SquadTally[] {
  return tallies.filter((t) => !t.retiredOn || t.retiredOn > period.to);
}

/**
 * Each kind's squads ranked among themselves, in the order industry, towns, departments; empty kinds
 * left out. Squads with nothing to judge (未参评: no target, no activity) are not ranked. `w` is one
 * set of weights for all, or each kind's own (the annual assessment may weigh towns differently).
 */
export function rankByKind(
  tallies: SquadTally[],
  period: Period,
  w: ScoreWeights | ((kind: SquadKind) => ScoreWeights),
  rules: BulletinRules,
): RankedSection[] {
  const rankable = rankableTallies(tallies, period).filter((t) => !isUnjudged(t));
  return SQUAD_KINDS.map((kind) => ({
    kind,
    label: KIND_SECTION_LABELS[kind],
    ranked: rankSquads(
      rankable.filter((t) => t.kind === kind),
      period,
      typeof w === 'function' ? w(kind) : w,
      rules,
    ),
  })).filter((s) => s.ranked.length > 0);
}

/** The period's ranking and red/black lists, per kind. */
export function judgeByKind(
  tallies: SquadTally[],
  period: Period,
  w: ScoreWeights,
  rules: BulletinRules,
): { sections: RankedSection[]; bulletin: KindBulletin } {
  const sections = rankByKind(tallies, period, w, rules);
  const parts: BulletinSection[] = sections.map((s) => {
    const { period: _p, unjudged: _u, ...lists } = buildBulletin(period, s.ranked, rules);
    return { kind: s.kind, label: s.label, ...lists };
  });
  const unjudged = rankableTallies(tallies, period)
    .filter(isUnjudged)
    .map((t) => ({ squadId: t.squadId, name: t.name }));
  return {
    sections,
    bulletin: {
      period: period.key,
      ranking: parts.flatMap((p) => p.ranking),
      red: parts.flatMap((p) => p.red),
      black: parts.flatMap((p) => p.black),
      unjudged,
      sections: parts,
    },
  };
}

/** The sections of a stored bulletin; one written before bulletins had sections is one list of its own. */
export function bulletinSections(b: Bulletin & { sections?: BulletinSection[] }): BulletinSection[] {
  if (b.sections?.length) return b.sections;
  return [{ kind: 'INDUSTRY', label: '全部小分队', ranking: b.ranking, red: b.red, black: b.black }];
}

/** Where a squad stands: its place within its own kind's list and that list's length. */
export function placesOf(
  sections: RankedSection[],
): Map<number, { rank: number; of: number; score: number; kind: SquadKind }> {
  const out = new Map<number, { rank: number; of: number; score: number; kind: SquadKind }>();
  for (const s of sections)
    for (const [i, q] of s.ranked.entries())
      out.set(q.squadId, { rank: i + 1, of: s.ranked.length, score: q.score, kind: s.kind });
  return out;
}
