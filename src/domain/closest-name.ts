/** Edit distance, for "did you mean" on a mistyped command. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

/** The nearest known name within a small distance, or undefined. Ties go to the earlier name. */
export function closestName(input: string, names: string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const n of names) {
    const d = n.startsWith(input) || input.startsWith(n) ? 1 : editDistance(input, n);
    if (d < bestD) {
      best = n;
      bestD = d;
    }
  }
  return bestD <= Math.max(2, Math.floor((best?.length ?? 0) / 3)) ? best : undefined;
}

/**
 * Keys close to `key` but not equal (可能重复): one contains the other (盛丰 / 盛丰服饰), or they differ
 * in at most one character in four (盛丰服饰 / 盛峰服饰), unless only their numbers differ. Closest first, then in the given order; at most `limit`.
 */
export function nearNames<T extends { key: string }>(key: string, candidates: T[], limit = 3): T[] {
  if (key.length < 2) return [];
  const scored: { c: T; d: number }[] = [];
  for (const c of candidates) {
    const other = c.key;
    if (other === key || other.length < 2) continue;
    // Names that differ only in their numbers (一号/二号 plants written 1号, 2号) are told apart on purpose.
    if (/\d/.test(key) && key.replace(/\d+/g, '#') === other.replace(/\d+/g, '#')) continue;
    const contained = other.includes(key) || key.includes(other);
    // Cheap bound first: the distance is at least the difference in length.
    const allowed = Math.floor(Math.max(key.length, other.length) / 4);
    if (!contained && Math.abs(key.length - other.length) > allowed) continue;
    if (!contained && !sharesPiece(key, other, allowed)) continue;
    const d = contained ? Math.abs(key.length - other.length) : editDistance(key, other);
    if (contained || d <= allowed) scored.push({ c, d });
  }
  return scored
    .sort((a, b) => a.d - b.d)
    .slice(0, limit)
    .map((x) => x.c);
}

/**
 * Whether `other` holds one of `edits + 1` consecutive pieces of `key` unchanged: true of any two
 * strings within `edits` edits (each edit touches one piece), so the rest need no distance.
 */
function sharesPiece(key: string, other: string, edits: number): boolean {
  const pieces = edits + 1;
  for (let i = 0; i < pieces; i++) {
    const from = Math.floor((i * key.length) / pieces);
    const to = Math.floor(((i + 1) * key.length) / pieces);
    if (other.includes(key.slice(from, to))) return true;
  }
  return false;
}

/**
 * Pieces of `key` of which every key `nearNames` could return holds one, unless it lies inside `key`
 * (a shorter name): the `edits + 1` consecutive pieces for the most edits allowed at its length (an
 * edit touches one piece). The database narrows the candidates with them; `nearNames` then decides.
 */
export function nameProbes(key: string): string[] {
  // A name e edits away may be e characters longer, allowing floor((n + e) / 4) edits: at most n / 3.
  const pieces = Math.floor(key.length / 3) + 1;
  const probes = new Set<string>();
  for (let i = 0; i < pieces; i++) {
    probes.add(key.slice(Math.floor((i * key.length) / pieces), Math.floor(((i + 1) * key.length) / pieces)));
  }
  return [...probes].filter((p) => p.length > 0);
}
