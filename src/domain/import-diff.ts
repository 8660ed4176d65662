// What an import would change: rows added, changed (before/after) and removed, by key. Pure.

export interface ImportDiff<T> {
  added: T[];
  changed: { before: T; after: T }[];
  removed: T[];
  unchanged: number;
}

export function diffByKey<T>(
  current: T[],
  incoming: T[],
  keyOf: (t: T) => string,
  same: (a: T, b: T) => boolean,
): ImportDiff<T> {
  const now = new Map(current.map((c) => [keyOf(c), c]));
  const out: ImportDiff<T> = { added: [], changed: [], removed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const row of incoming) {
    const k = keyOf(row);
    seen.add(k);
    const before = now.get(k);
    if (!before) out.added.push(row);
    else if (same(before, row)) out.unchanged++;
    else out.changed.push({ before, after: row });
  }
  for (const [k, c] of now) if (!seen.has(k)) out.removed.push(c);
  return out;
}

export interface DiffSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** The first few lines of each kind, already worded for the card. */
  samples: { added: string[]; changed: string[]; removed: string[] };
  /** Things the office should look at before confirming, which do not stop the import. */
  warnings?: string[];
}

export function summarizeDiff<T>(
  d: ImportDiff<T>,
  describe: (t: T) => string,
  describeChange: (b: T, a: T) => string,
  max = 5,
): DiffSummary {
  return {
    added: d.added.length,
    changed: d.changed.length,
    removed: d.removed.length,
    unchanged: d.unchanged,
    samples: {
      added: d.added.slice(0, max).map(describe),
      changed: d.changed.slice(0, max).map((c) => describeChange(c.before, c.after)),
      removed: d.removed.slice(0, max).map(describe),
    },
  };
}

/** Same members regardless of order. */
export function sameSet<T>(a: readonly T[], b: readonly T[]): boolean {
  const x = [...a].map(String).sort();
  const y = [...b].map(String).sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** Two summaries as one (org first, then people; goals first, then quotas): counts added, samples in turn. */
export function mergeSummaries(a: DiffSummary, b: DiffSummary, max = 8): DiffSummary {
  const warnings = [...(a.warnings ?? []), ...(b.warnings ?? [])];
  const merge = (x: string[], y: string[]) => [...x, ...y].slice(0, max);
  return {
    added: a.added + b.added,
    changed: a.changed + b.changed,
    removed: a.removed + b.removed,
    unchanged: a.unchanged + b.unchanged,
    samples: {
      added: merge(a.samples.added, b.samples.added),
      changed: merge(a.samples.changed, b.samples.changed),
      removed: merge(a.samples.removed, b.samples.removed),
    },
    ...(warnings.length ? { warnings } : {}),
  };
}
