import { describe, expect, it } from 'vitest';
import { nameProbes, nearNames } from '../../src/domain/closest-name.js';

// The database picks the duplicate check's candidates with nameProbes (and, for a shorter name
// inside the new one, its last two characters): every name nearNames would flag must be picked.

describe('nameProbes', () => {
  it('every key nearNames flags holds a probe or ends in two characters of the key', () => {
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
      const picked = nameProbes(key).some((p) => other.includes(p)) || key.includes(other.slice(-2));
      expect(picked, `${key} / ${other}`).toBe(true);
    }
    expect(flagged).toBeGreaterThan(1000);
  });

  it('a longer key gives longer pieces', () => {
    expect(nameProbes('盛丰服饰')).toEqual(['盛丰', '服饰']);
    expect(nameProbes('广西贵港盛丰服饰制品')).toEqual(['广西', '贵港盛', '丰服', '饰制品']);
  });
});
