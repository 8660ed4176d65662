import { describe, expect, it } from 'vitest';
import { nameQuery, nearNames } from '../../src/domain/closest-name.js';

// The database picks the duplicate check's candidates with nameQuery: every name nearNames would
// flag, and the key itself, must be picked; a name of a far length holding only a common piece not.

/** Whether the database, asked what nameQuery says, returns `other`. */
function picks(key: string, other: string): boolean {
  const q = nameQuery(key);
  const near = other.length >= q.lengths.min && other.length <= q.lengths.max;
  return (
    q.inside.includes(other) ||
    (near && q.pieces.some((p) => other.includes(p))) ||
    (other.length > q.lengths.max && other.includes(key))
  );
}

describe('nameQuery', () => {
  it('picks every key nearNames flags and the key itself', () => {
    const chars = '盛丰服饰机械光电华安宝12ab';
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const word = (n: number) => Array.from({ length: n }, () => chars[rand(chars.length)]).join('');
    let flagged = 0;
    for (let t = 0; t < 20000; t++) {
      const key = word(1 + rand(14));
      const o = [...key];
      for (let e = rand(5); e > 0; e--) {
        const at = rand(o.length + 1);
        const kind = rand(3);
        if (kind === 0) o.splice(at, 0, chars[rand(chars.length)]!);
        else if (kind === 1) o.splice(at, 1);
        else o[at] = chars[rand(chars.length)]!;
      }
      let other = o.join('');
      if (rand(3) === 0) other = word(rand(4)) + other + word(rand(4));
      if (rand(5) === 0) other = key.slice(rand(key.length)).slice(0, 2 + rand(5));
      if (!nearNames(key, [{ key: other }]).length && other !== key) continue;
      flagged++;
      expect(picks(key, other), `${key} / ${other}`).toBe(true);
    }
    expect(flagged).toBeGreaterThan(1000);
  });

  it('a longer key gives longer pieces', () => {
    expect(nameQuery('盛丰服饰').pieces).toEqual(['盛丰', '服饰']);
    expect(nameQuery('广西贵港盛丰服饰制品').pieces).toEqual(['广西', '贵港盛', '丰服', '饰制品']);
  });

  it('asks for the key and each piece of it of two or more characters by equality', () => {
    expect(nameQuery('盛丰服饰').inside.sort()).toEqual(
      ['丰服', '丰服饰', '服饰', '盛丰', '盛丰服', '盛丰服饰'].sort(),
    );
    expect(nameQuery('盛').inside).toEqual(['盛']);
  });

  it('bounds the length of names a few edits away', () => {
    expect(nameQuery('盛丰服饰').lengths).toEqual({ min: 3, max: 5 });
    expect(nameQuery('基准线索17012345羽绒制品').lengths).toEqual({ min: 12, max: 21 });
    // Names sharing only a common piece at a far length are not read: the synthetic district's
    // 线索企业N beside a long new name, or every 服饰 company beside a two-character key.
    expect(picks('基准线索17012345羽绒制品', '线索企业1234')).toBe(false);
    expect(picks('华服饰', '安宝昌达德丰服饰')).toBe(false);
    expect(picks('华服饰', '华服饰制品')).toBe(true);
  });
});
