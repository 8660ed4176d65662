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
 * What the database is asked for to find every stored key `nearNames` could flag for `key`, and
 * every key equal to it, without reading them all:
 * - `inside`: `key` and each of its pieces of two or more characters. A stored key equal to one of
 *   them is `key` itself or a shorter name inside it (盛丰 for 盛丰服饰): an indexed look-up.
 * - a stored key holding the whole of `key` (盛丰服饰制品): the caller asks for it as one pattern.
 * - `pieces` and `lengths`: any other key `nearNames` flags is a few edits away, so its length is
 *   within `lengths` (the edits allowed at its length bound the difference) and it holds one of the
 *   `edits + 1` consecutive pieces of `key` for the most edits allowed (an edit touches one piece).
 */
export interface NameQuery {
  inside: string[];
  pieces: string[];
  lengths: { min: number; max: number };
}

export function nameQuery(key: string): NameQuery {
  const inside = new Set([key]);
  for (let from = 0; from < key.length; from++)
    for (let to = from + 2; to <= key.length; to++) inside.add(key.slice(from, to));
  // A name e edits away may be e characters longer, allowing floor((n + e) / 4) edits: at most n / 3.
  const count = Math.floor(key.length / 3) + 1;
  const pieces = new Set<string>();
  for (let i = 0; i < count; i++)
    pieces.add(key.slice(Math.floor((i * key.length) / count), Math.floor(((i + 1) * key.length) / count)));
  return { inside: [...inside], pieces: [...pieces].filter((p) => p.length > 0), lengths: lengthsNear(key.length) };
}

/** The lengths m of names that can be within floor(max(m, n) / 4) edits of a name of length n. */
function lengthsNear(n: number): { min: number; max: number } {
  let max = n;
  while (max + 1 - n <= Math.floor((max + 1) / 4)) max++;
  return { min: n - Math.floor(n / 4), max };
}
