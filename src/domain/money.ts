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
