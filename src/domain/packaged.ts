// 策划包装项目: the status of a packaged project and how it moves. Pure rules, no I/O.
// 策划中 → 已包装 → 已推介 → 已签约; each step is dated. 已包装 and every later status count toward
// the district's goal (≥30 a year) and the squad's PACKAGED_PROJECTS quota, in the year of packagedOn.

export const PACKAGED_STATUSES = ['PLANNING', 'PACKAGED', 'PROMOTED', 'SIGNED'] as const;
export type PackagedStatus = (typeof PACKAGED_STATUSES)[number];

export const PACKAGED_STATUS_LABELS: Record<PackagedStatus, string> = {
  PLANNING: '策划中',
  PACKAGED: '已包装',
  PROMOTED: '已推介',
  SIGNED: '已签约',
};

export type PackagedDateField = 'planningOn' | 'packagedOn' | 'promotedOn' | 'signedOn';

export const PACKAGED_DATE_FIELDS: Record<PackagedStatus, PackagedDateField> = {
  PLANNING: 'planningOn',
  PACKAGED: 'packagedOn',
  PROMOTED: 'promotedOn',
  SIGNED: 'signedOn',
};

/** 已包装, 已推介 and 已签约 count toward the goal and the quota. */
export function countsAsPackaged(status: PackagedStatus): boolean {
  return PACKAGED_STATUSES.indexOf(status) >= PACKAGED_STATUSES.indexOf('PACKAGED');
}

export type StatusMove =
  | { refusal: string }
  | { refusal: null; dates: Partial<Record<PackagedDateField, string | null>>; correction: boolean };

/**
 * A status change on the card. Anyone who may act for the squad moves it forward (steps may be
 * skipped: a skipped step gets the same date, so a project signed straight from 策划中 still counts as
 * packaged that day); only the office moves it back (a correction: the later dates are cleared).
 * A date before the step it follows is refused.
 */
export function checkPackagedMove(
  from: PackagedStatus,
  to: PackagedStatus,
  on: string,
  current: Partial<Record<PackagedDateField, string | null>>,
  office: boolean,
): StatusMove {
  const i = PACKAGED_STATUSES.indexOf(from);
  const j = PACKAGED_STATUSES.indexOf(to);
  if (i === j) return { refusal: `已经是“${PACKAGED_STATUS_LABELS[to]}”，请选择下一步状态` };
  const dates: Partial<Record<PackagedDateField, string | null>> = {};
  if (j < i) {
    if (!office) return { refusal: '状态只能向后推进；需要退回时请联系区招商局更正' };
    for (const s of PACKAGED_STATUSES.slice(j + 1)) dates[PACKAGED_DATE_FIELDS[s]] = null;
    dates[PACKAGED_DATE_FIELDS[to]] = on;
    return { refusal: null, dates, correction: true };
  }
  const before = current[PACKAGED_DATE_FIELDS[from]];
  if (before && on < before) return { refusal: `日期不能早于“${PACKAGED_STATUS_LABELS[from]}”的日期（${before}）` };
  for (const s of PACKAGED_STATUSES.slice(i + 1, j + 1)) dates[PACKAGED_DATE_FIELDS[s]] = on;
  return { refusal: null, dates, correction: false };
}

const URL_MAX = 500;

/**
 * A link to the materials (a cloud document, a shared folder): http(s) only, so a card never
 * carries a javascript: or file: link. '' (no link) is allowed.
 */
export function materialsUrlProblem(text: string): string | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.length > URL_MAX) return `资料链接最多 ${URL_MAX} 个字符`;
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    return '资料链接应为完整网址，以 https:// 或 http:// 开头（如飞书云文档的链接）';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return '资料链接只能是 https:// 或 http:// 开头的网址';
  if (!url.hostname.includes('.')) return '资料链接的网址不完整，请复制文档的完整链接';
  return null;
}
