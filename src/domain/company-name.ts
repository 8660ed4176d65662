// 撞单 detection: two spellings of the same business must give the same key. We fold full-width
// to half-width, drop spaces and punctuation, lower-case Latin letters, and strip the legal-form
// suffix (有限公司, 股份有限公司, 集团…), because squads write "XX集团有限公司", "XX集团" and
// "XX有限公司" for the same business. A region in brackets stays: it often tells branches apart.

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

/** The normalised company name used as Lead.companyKey; '' when nothing meaningful is left. */
export function normaliseCompanyName(name: string): string {
  let s = toHalfWidth(name).toLowerCase();
  // Keep letters (any script) and digits only: spaces, punctuation, brackets, symbols go.
  s = s.replace(/[^\p{L}\p{N}]/gu, '');
  // One pass, longest suffix first: "XX集团有限公司", "XX集团" and "XX有限公司" all become "XX".
  const suffix = SUFFIXES.includes(s) ? undefined : SUFFIXES.find((x) => s.endsWith(x) && s.length > x.length);
  if (suffix) s = s.slice(0, -suffix.length);
  return s;
}
