import { Converter } from 'opencc-js/t2cn';
import { PLACE_NAMES, PLACE_SUFFIXES } from './place-names.js';

// 撞单 detection: two spellings of the same business must give the same key. We fold full-width
// to half-width and traditional characters to simplified (東莞盛豐 → 东莞盛丰, OpenCC's tables), drop
// the leading place names (广西、贵港市、东莞…: squads write them or not), spaces and punctuation,
// lower-case Latin letters, and strip the legal-form suffix (有限公司, 股份有限公司, 集团…), because
// squads write "XX集团有限公司", "XX集团" and "XX有限公司" for the same business. A region in
// brackets stays: it often tells branches apart.

// Longest first, so 股份有限公司 is stripped before 有限公司.
const SUFFIXES = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '有限公司',
  '集团公司',
  '总公司',
  '分公司',
  '公司',
  '集团',
  '厂',
  'coltd',
  'limited',
  'ltd',
  'inc',
  'corp',
  'group',
];

/** Full-width ASCII (！…～) and the ideographic space to their half-width forms. */
export function toHalfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

const toSimplifiedChinese = Converter({ from: 't', to: 'cn' });

/** Traditional characters to simplified: 東莞盛豐服飾 → 东莞盛丰服饰. */
function toSimplified(s: string): string {
  return toSimplifiedChinese(s);
}

/** Letters (any script) and digits only: spaces, punctuation, brackets, symbols go. */
function lettersOnly(s: string): string {
  return s.replace(/[^\p{L}\p{N}]/gu, '');
}

/** One pass, longest suffix first: "XX集团有限公司", "XX集团" and "XX有限公司" all become "XX". */
function stripLegalForm(s: string): string {
  const suffix = SUFFIXES.includes(s) ? undefined : SUFFIXES.find((x) => s.endsWith(x) && s.length > x.length);
  return suffix ? s.slice(0, -suffix.length) : s;
}

/**
 * Enough left to be a name without the place: at least three letters besides the legal form
 * (字号 + trade, 盛丰服饰), so 青岛啤酒 stays 青岛啤酒 rather than every brewery's 啤酒.
 */
function isNameLeft(rest: string): boolean {
  const core = lettersOnly(rest);
  return stripLegalForm(core).length >= 3 && !SUFFIXES.includes(core);
}

/**
 * Leading place names (广西壮族自治区贵港市港南区XX → XX, 东莞XX → XX), as long as a name is left.
 * After a city written with 市, a district or county (南山区, 平南县) is dropped too.
 */
export function stripLeadingPlaces(name: string): string {
  let s = name;
  for (let round = 0; round < 4; round++) {
    const place = PLACE_NAMES.find((p) => s.startsWith(p));
    if (!place) break;
    const after = s.slice(place.length);
    const suffix = PLACE_SUFFIXES.find((x) => after.startsWith(x)) ?? '';
    let rest = after.slice(suffix.length);
    if (suffix === '市') {
      const district = /^\p{Script=Han}{2,3}?[区县]/u.exec(rest);
      if (district && isNameLeft(rest.slice(district[0].length))) rest = rest.slice(district[0].length);
    }
    if (!isNameLeft(rest)) break;
    s = rest;
  }
  return s;
}

/** The normalised company name used as Lead.companyKey; '' when nothing meaningful is left. */
export function normaliseCompanyName(name: string): string {
  const s = toSimplified(toHalfWidth(name)).toLowerCase().replace(/\s+/g, '');
  return stripLegalForm(lettersOnly(stripLeadingPlaces(s)));
}

// 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and 31 capitals without I, O, Z, S, V;
// the last is a check character over the first 17 (weights 3^i mod 31, sum mod 31).
const CREDIT_CODE_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The code as compared and stored: half-width, upper case, no spaces or dashes. */
export function normaliseCreditCode(code: string): string {
  return toHalfWidth(code).toUpperCase().replace(/[\s-]/g, '');
}

/** Why a 统一社会信用代码 is not valid, or undefined when it is (pass it normalised). */
export function creditCodeProblem(code: string): string | undefined {
  if (code.length !== 18) return `应为 18 位，现在是 ${code.length} 位`;
  const bad = [...code].find((c) => !CREDIT_CODE_CHARS.includes(c));
  if (bad) return `含有不允许的字符「${bad}」（只有数字和除 I、O、Z、S、V 以外的大写字母）`;
  const sum = CREDIT_CODE_WEIGHTS.reduce((a, w, i) => a + CREDIT_CODE_CHARS.indexOf(code[i]!) * w, 0);
  const check = CREDIT_CODE_CHARS[(31 - (sum % 31)) % 31];
  if (code[17] !== check) return '校验位不对，请对照营业执照核对';
  return undefined;
}
