import type { Period } from '../domain/periods.js';
import {
  buildBulletin,
  mergeRules,
  mergeWeights,
  rankSquads,
  type Bulletin,
  type BulletinRules,
  type ScoredSquad,
  type ScoreWeights,
} from '../domain/scoring.js';
import type { SquadTally } from '../domain/tally.js';
import type { Db } from './client.js';
import { getSetting } from './settings.js';
import { tallySquads } from './tallies.js';

export const WEIGHTS_KEY = 'bulletin.weights';
export const RULES_KEY = 'bulletin.rules';

export async function loadScoring(db: Db): Promise<{ weights: ScoreWeights; rules: BulletinRules }> {
  const [w, r] = await Promise.all([
    getSetting<unknown>(db, WEIGHTS_KEY, null),
    getSetting<unknown>(db, RULES_KEY, null),
  ]);
  return { weights: mergeWeights(w), rules: mergeRules(r) };
}

export interface ComputedBulletin {
  bulletin: Bulletin;
  ranked: ScoredSquad[];
  tallies: SquadTally[];
}

/** Tallies every squad for the period, scores, ranks and lists them with the office's weights. */
export async function computeBulletin(db: Db, period: Period, today: string): Promise<ComputedBulletin> {
  const [tallies, { weights, rules }] = await Promise.all([tallySquads(db, period, today), loadScoring(db)]);
  const ranked = rankSquads(tallies, period, weights, rules);
  return { bulletin: buildBulletin(period, ranked, rules), ranked, tallies };
}

/** Stores the draft for the period; a published bulletin is never overwritten. Returns the row, or null if published. */
export async function saveDraft(db: Db, b: Bulletin): Promise<{ id: number } | null> {
  const existing = await db.bulletin.findUnique({ where: { period: b.period } });
  if (existing?.status === 'PUBLISHED') return null;
  if (existing)
    return db.bulletin.update({
      where: { id: existing.id },
      data: { content: JSON.stringify(b) },
      select: { id: true },
    });
  return db.bulletin.create({
    data: { period: b.period, status: 'DRAFT', content: JSON.stringify(b) },
    select: { id: true },
  });
}
