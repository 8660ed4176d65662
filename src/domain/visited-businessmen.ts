// The monthly report's "visited businessmen" (拜访客商): one per line in a multiline input,
// fields separated by ｜ or |, in the plan's order. Stored as a JSON array.

export interface VisitedBusinessman {
  name: string;
  company: string;
  address: string;
  position: string;
  contact: string;
  businessScope: string;
  investmentIntent: string;
}

const BUSINESSMAN_FIELDS: (keyof VisitedBusinessman)[] = [
  'name',
  'company',
  'address',
  'position',
  'contact',
  'businessScope',
  'investmentIntent',
];
export const BUSINESSMAN_FORMAT = '姓名｜公司｜地址｜职务｜联系方式｜经营范围｜投资意向';

function formatBusinessmanLine(b: VisitedBusinessman): string {
  // Trailing empty fields are dropped so the 1,000-character input holds more people.
  const cells = BUSINESSMAN_FIELDS.map((k) => b[k].replace(/[｜|\n]/g, ' ').trim());
  while (cells.length > 2 && cells.at(-1) === '') cells.pop();
  return cells.join('｜');
}

export function formatBusinessmenLines(list: VisitedBusinessman[]): string {
  return list.map(formatBusinessmanLine).join('\n');
}

/**
 * As many whole lines as fit in `max` characters, in order: what a pre-filled input can hold (Feishu
 * refuses a card whose input holds more than its maximum, and a card over 30 KB).
 */
export function fitBusinessmenLines(list: VisitedBusinessman[], max: number): { text: string; count: number } {
  let text = '';
  let count = 0;
  for (const b of list) {
    const next = count === 0 ? formatBusinessmanLine(b) : `${text}\n${formatBusinessmanLine(b)}`;
    if (next.length > max) break;
    text = next;
    count++;
  }
  return { text, count };
}

/** Parses the input; returns the list, or the first bad line's message (Chinese, naming the line). */
export function parseBusinessmenLines(
  text: string,
): { ok: true; list: VisitedBusinessman[] } | { ok: false; message: string } {
  const list: VisitedBusinessman[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const cells = line.split(/[｜|]/).map((c) => c.trim());
    if (cells.length > BUSINESSMAN_FIELDS.length)
      return {
        ok: false,
        message: `本月拜访客商第 ${i + 1} 行：字段太多，每行按「${BUSINESSMAN_FORMAT}」填写，用 ｜ 分隔`,
      };
    if (!cells[0] || !cells[1])
      return { ok: false, message: `本月拜访客商第 ${i + 1} 行：至少填写「姓名｜公司」，用 ｜ 分隔` };
    const b = Object.fromEntries(
      BUSINESSMAN_FIELDS.map((k, j) => [k, cells[j] ?? '']),
    ) as unknown as VisitedBusinessman;
    list.push(b);
  }
  return { ok: true, list };
}
