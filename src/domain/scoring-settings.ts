import { DEFAULT_RULES, DEFAULT_WEIGHTS, type BulletinRules, type ScoreWeights } from './scoring.js';

// The office's scoring settings (`bulletin.weights`, `bulletin.rules`) as stored JSON, read safely.

/** Settings may hold a partial object: missing keys take the defaults, bad values are ignored. */
export function mergeWeights(v: unknown): ScoreWeights {
  const out = { ...DEFAULT_WEIGHTS };
  if (v && typeof v === 'object') {
    for (const k of Object.keys(out) as (keyof ScoreWeights)[]) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'number' && Number.isFinite(x) && x >= 0) out[k] = x;
    }
  }
  return out;
}

export function mergeRules(v: unknown): BulletinRules {
  const out: BulletinRules = { ...DEFAULT_RULES, floors: { ...DEFAULT_RULES.floors } };
  if (!v || typeof v !== 'object') return out;
  const o = v as Record<string, unknown>;
  for (const k of ['redCount', 'blackCount', 'cap', 'majorExtra', 'strategicExtra'] as const) {
    if (typeof o[k] === 'number' && Number.isFinite(o[k]) && (o[k] as number) >= 0) out[k] = o[k] as number;
  }
  const f = o.floors as Record<string, unknown> | undefined;
  if (f && typeof f === 'object') {
    for (const k of ['score', 'missingReports', 'tripRuleRate'] as const) {
      if (typeof f[k] === 'number' && Number.isFinite(f[k])) out.floors[k] = f[k] as number;
    }
  }
  return out;
}
