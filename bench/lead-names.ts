import { normaliseCompanyName } from '../src/domain/company-name.js';

// Company names for the lead submit: distinct, as a district's are, and never 可能重复 of one another
// (the bench counts a submit that writes its lead). Three characters from n, a fourth that sums
// them (any two names differ in at least two of the four: more than the one edit the duplicate check
// allows at this length), then a trade; names that lose a leading place name are skipped.

const WORDS = '安宝昌达德丰富广贵海恒宏华佳建金锦凯康乐利隆茂美明鹏启荣瑞盛顺泰天通万鑫新兴旭亚益永裕远泽';
const TRADES = ['服饰', '机械', '光电', '食品', '建材', '物流', '医药', '化工', '电子', '家具'];

function nameOf(i: number): string {
  const n = WORDS.length;
  const d = [i % n, Math.floor(i / n) % n, Math.floor(i / n / n) % n];
  const check = (d[0]! + 2 * d[1]! + 3 * d[2]!) % n;
  return `${d.map((x) => WORDS[x]).join('')}${WORDS[check]}${TRADES[Math.floor(i / 7) % TRADES.length]}有限公司`;
}

let next = 0;
const made: string[] = [];

/** The k-th name of the run (0, 1, 2, …). */
export function leadCompany(k: number): string {
  while (made.length <= k) {
    const name = nameOf(next++);
    if (normaliseCompanyName(name).length === 6) made.push(name);
  }
  return made[k]!;
}
