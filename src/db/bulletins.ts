import type { Period } from '../domain/periods.js';
import type { Bulletin, BulletinRules, ScoreWeights } from '../domain/scoring.js';
import { mergeRules, mergeWeights } from '../domain/scoring-settings.js';
import type { SquadTally } from '../domain/tally.js';
import type { Db } from './client.js';
import { inspectionsBySquad } from './inspection-results.js';
import { getSetting } from './settings.js';
import { tallySquads } from './tallies.js';

const WEIGHTS_KEY = 'bulletin.weights';
const RULES_KEY = 'bulletin.rules';

async function loadScoring(db: Db): Promise<{ weights: ScoreWeights; rules: BulletinRules }> {
  const [w, r] = await Promise.all([
    getSetting<unknown>(db, WEIGHTS_KEY, null),
    getSetting<unknown>(db, RULES_KEY, null),
  ]);
  return { weights: mergeWeights(w), rules: mergeRules(r) };
}

/**
 * What a bulletin is judged from: every squad's tally for the period with what the 督查室 found
 * (inspections, corrections still open), and the office's weights and rules.
 */
export async function loadBulletinInputs(
  db: Db,
  period: Period,
  today: string,
): Promise<{ tallies: SquadTally[]; weights: ScoreWeights; rules: BulletinRules }> {
  const [tallies, found, { weights, rules }] = await Promise.all([
    tallySquads(db, period, today),
    inspectionsBySquad(db, period, today),
    loadScoring(db),
  ]);
  return {
    tallies: tallies.map((t) => {
      const inspections = found.get(t.squadId);
      return inspections ? { ...t, inspections } : t;
    }),
    weights,
    rules,
  };
}

/**
 * Stores the draft for the period; a published bulletin is never overwritten. Returns the row, or
 * null if published.
 */
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

/** The stored bulletin of a period ('2018Q2'), draft or published, or null. */
export async function findBulletin(
  db: Db,
  period: string,
): Promise<{ id: number; status: string; bulletin: Bulletin } | null> {
  const row = await db.bulletin.findUnique({ where: { period } });
  return row ? { id: row.id, status: row.status, bulletin: JSON.parse(row.content) as Bulletin } : null;
}

/**
 * Flips a draft to published; false when it already was. A conditional update, so of two taps
 * (or two office staff) only one publishes.
 */
export async function publishDraft(db: Db, id: number, publishedById: number, at: Date): Promise<boolean> {
  const flipped = await db.bulletin.updateMany({
    where: { id, status: 'DRAFT' },
    data: { status: 'PUBLISHED', publishedAt: at, publishedById },
  });
  return flipped.count > 0;
}
