// Export periods: a year (2018) or a quarter (2018Q2). Dates are 'YYYY-MM-DD' in the district's zone.

export interface Period {
  label: string;
  year: number;
  /** First and last day inside the period. */
  from: string;
  to: string;
}

/** `2018` or `2018Q2` (case-insensitive); empty = the year of `today`. Returns null when unreadable. */
export function parsePeriod(text: string | undefined, today: string): Period | null {
  const t = (text ?? '').trim().toUpperCase();
  if (!t) return yearPeriod(Number(today.slice(0, 4)));
  const y = /^(\d{4})(?:年)?$/.exec(t);
  if (y) return yearPeriod(Number(y[1]));
  const q = /^(\d{4})[-\s]?Q([1-4])$/.exec(t);
  if (!q) return null;
  const year = Number(q[1]);
  const n = Number(q[2]);
  const endMonth = n * 3;
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate();
  return { label: `${year}年第${'一二三四'[n - 1]}季度`, year, from: `${year}-${pad(endMonth - 2)}-01`, to: `${year}-${pad(endMonth)}-${pad(lastDay)}` };
}

function yearPeriod(year: number): Period {
  return { label: `${year}年`, year, from: `${year}-01-01`, to: `${year}-12-31` };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

export function inPeriod(date: string | null | undefined, from: string, to: string): boolean {
  return !!date && date.slice(0, 10) >= from && date.slice(0, 10) <= to;
}

/** 万元 as the office writes it: 亿元 from 1 亿 up, else 万元. */
export function formatWan(wan: number): string {
  if (Math.abs(wan) >= 10_000) return `${(wan / 10_000).toFixed(2).replace(/\.?0+$/, '')} 亿元`;
  return `${Math.round(wan * 100) / 100} 万元`;
}
