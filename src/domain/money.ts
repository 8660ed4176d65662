// Amounts are stored in 万元 (CNY 10,000) and 万美元; the plan writes them as 亿元/万元 (e.g. 60亿元,
// 8300万美元). From 1亿 upwards we show 亿, below it 万, trimming trailing zeros.

const YI_IN_WAN = 10_000;

/**
 * The largest amount a form, command or spreadsheet may carry, in 万元 (or 万美元): 1 万亿元, far above
 * any one project or the district's goals, low enough that sums stay exact and never reach Infinity.
 */
export const MAX_AMOUNT_WAN = 10_000_000;

function trim(n: number, digits: number): string {
  return Number(n.toFixed(digits)).toString();
}

function formatWanUnit(wan: number, yiUnit: string, wanUnit: string): string {
  if (!Number.isFinite(wan)) return '—';
  const sign = wan < 0 ? '-' : '';
  const abs = Math.abs(wan);
  if (abs >= YI_IN_WAN) return `${sign}${trim(abs / YI_IN_WAN, 4)}${yiUnit}`;
  return `${sign}${trim(abs, 2)}${wanUnit}`;
}

/** 10000 → "1亿元", 3500 → "3500万元", 12500 → "1.25亿元". */
export function formatWan(wan: number): string {
  return formatWanUnit(wan, '亿元', '万元');
}

/** 8300 → "8300万美元", 12000 → "1.2亿美元". */
export function formatUsdWan(wan: number): string {
  return formatWanUnit(wan, '亿美元', '万美元');
}

/** The unit an amount field asks for: 万元 (CNY 10,000) or 万美元 (USD 10,000). */
export type AmountUnit = '万元' | '万美元';

export type ParsedAmount = { ok: true; wan: number } | { ok: false; reason: string };

// What people type into an amount field: full-width digits (３５００), thousands separators
// (3,500 / 3，500), a magnitude (1.2亿, 3500万, 1亿2000万, 2千万, 5000元), with or without the currency
// (1.2 亿元, 800万美元), a leading ¥ or $. The number is read as decimal text, so 1.1亿 is exactly 11000.
const MAGNITUDE_IN_WAN: Record<string, number> = { 亿: 10_000, 千万: 1_000, 百万: 100, 万: 1, 千: 0.1, '': 1 };
const NUMBER = String.raw`(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?`;
const PART = new RegExp(`^${NUMBER}(亿|千万|百万|万|千)?`);

/** Fold full-width forms and spaces away: '３，５００ 万元' → '3,500万元'. */
function foldAmountText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]/g, '')
    .replace(/[，]/g, ',')
    .replace(/[。]/g, '.');
}

/** Decimal text × a power-of-ten factor, rounded to 1 元 (4 decimals of 万), without binary drift. */
function scale(intPart: string, fraction: string, factorInWan: number): number {
  const value = Number(`${intPart.replace(/,/g, '')}.${fraction || '0'}`) * factorInWan;
  return Math.round(value * 10_000) / 10_000;
}

/**
 * Reads an amount as typed and returns it in the field's unit (万元 or 万美元). A bare number is
 * already in that unit; 亿/万/千万/元 say the magnitude; a currency other than the field's is refused.
 */
export function parseAmount(text: string, unit: AmountUnit): ParsedAmount {
  let s = foldAmountText(text);
  const usd = unit === '万美元';
  const example = usd ? '如 8300、1.2亿、800万美元' : '如 3500、1.2亿、3500万';
  const unreadable: ParsedAmount = { ok: false, reason: `看不懂「${text.trim()}」，请填写金额，${example}` };
  if (s === '') return unreadable;
  if (s.startsWith('-')) return { ok: false, reason: '不能是负数' };
  // The currency, at the end (元, 美元, 美金) or as a sign in front (¥, $, US$).
  let currency: 'CNY' | 'USD' | undefined;
  const sign = /^(US\$|\$|¥|￥|RMB)/i.exec(s);
  if (sign) {
    currency = /\$/.test(sign[1]!) ? 'USD' : 'CNY';
    s = s.slice(sign[1]!.length);
  }
  let yuanOnly = false;
  const tail = /(美元|美金|元|人民币)$/.exec(s);
  if (tail) {
    const c = tail[1] === '美元' || tail[1] === '美金' ? 'USD' : 'CNY';
    if (currency && currency !== c) return unreadable;
    currency = c;
    s = s.slice(0, -tail[1]!.length);
    // "5000元" with no 万/亿 before the currency means plain yuan (dollars).
    yuanOnly = !/(亿|千万|百万|万|千)$/.test(s);
  }
  if (sign && !tail && !/(亿|千万|百万|万|千)$/.test(s))
    return { ok: false, reason: `请写明单位，如 ${sign[1]}3500万` };
  if (currency === 'USD' && !usd) return { ok: false, reason: '单位是万元（人民币），请换算成人民币后填写' };
  if (currency === 'CNY' && usd) return { ok: false, reason: '单位是万美元，请填写美元金额，如 800万美元' };
  // One or two parts: "1.2亿", "3500万", "1亿2000万", "3500".
  let wan = 0;
  let parts = 0;
  let last = Infinity;
  while (s !== '') {
    const m = PART.exec(s);
    if (!m) return unreadable;
    const magnitude = m[3] ?? '';
    const factor = yuanOnly && parts === 0 && magnitude === '' ? 0.0001 : MAGNITUDE_IN_WAN[magnitude]!;
    // Each further part must be a smaller magnitude ("1亿2000万", never "2000万1亿").
    if (factor >= last) return unreadable;
    wan += scale(m[1]!, m[2] ?? '', factor);
    last = factor;
    parts++;
    s = s.slice(m[0].length);
  }
  wan = Math.round(wan * 10_000) / 10_000;
  if (!Number.isFinite(wan) || wan > MAX_AMOUNT_WAN)
    return { ok: false, reason: `不能超过 ${MAX_AMOUNT_WAN} ${unit}（1 万亿）` };
  return { ok: true, wan };
}

/** The amount as written back to the user: 12000 → "12000 万元" (plain number, no 亿, so it can be checked). */
export function echoAmount(wan: number, unit: AmountUnit): string {
  return `${trim(wan, 4)} ${unit}`;
}
