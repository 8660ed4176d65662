import type { Actor } from './actor.js';
import { isOfficeActor } from './authz.js';
import { isCalendarDate } from './contact-rules.js';

// 督查 (plan 三(四)): the 督查室 inspects each squad once a quarter, rates it and sets 整改事项 with
// an owner and a due date; those are closed (办结销号) with a note like project tasks. Pure rules.

export const RATINGS = ['GOOD', 'FAIR', 'AVERAGE', 'POOR'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = { GOOD: '好', FAIR: '较好', AVERAGE: '一般', POOR: '差' };

/** How many 整改事项 rows the form offers (more can be added by a second inspection). */
export const CORRECTION_ROWS = 3;

/** Form component names: card-wide unique, as Feishu requires. */
export const INSPECTION_FIELDS = {
  date: 'insp_date',
  checked: 'insp_checked',
  findings: 'insp_findings',
  rating: 'insp_rating',
  title: (i: number) => `corr${i}_title`,
  owner: (i: number) => `corr${i}_owner`,
  due: (i: number) => `corr${i}_due`,
} as const;

interface CorrectionInput {
  title: string;
  ownerOpenId: string;
  dueOn: string;
}

interface InspectionInput {
  inspectedOn: string;
  checked: string;
  findings: string;
  rating: Rating;
  corrections: CorrectionInput[];
}

export type InspectionFormResult =
  | { ok: true; values: InspectionInput }
  | { ok: false; errors: Record<string, string> };

const MAX_TEXT = 1000;
const MAX_TITLE = 200;

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** A date picker's value ('2018-06-10 +0800') as 'YYYY-MM-DD', or '' when empty or unreadable. */
function pickedDate(v: unknown): string {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(text(v));
  return m && isCalendarDate(m[1]!) ? m[1]! : '';
}

/**
 * Reads the inspection form. `owners` are the open_ids that may answer for a correction (the
 * squad's captain, members and responsible leaders). Every message names the field and says what
 * to do, since it is shown in red under that field on a phone.
 */
export function readInspectionForm(
  form: Record<string, unknown>,
  today: string,
  owners: readonly string[],
): InspectionFormResult {
  const F = INSPECTION_FIELDS;
  const errors: Record<string, string> = {};
  const inspectedOn = pickedDate(form[F.date]);
  if (!inspectedOn) errors[F.date] = '督查日期：请用日期选择器选择';
  else if (inspectedOn > today) errors[F.date] = `督查日期不能晚于今天（${today}）`;
  const checked = text(form[F.checked]);
  if (!checked) errors[F.checked] = '请填写督查内容（检查了哪些工作）';
  else if (checked.length > MAX_TEXT) errors[F.checked] = `督查内容最多 ${MAX_TEXT} 个字`;
  const findings = text(form[F.findings]);
  if (!findings) errors[F.findings] = '请填写发现的问题；没有问题请写“未发现问题”';
  else if (findings.length > MAX_TEXT) errors[F.findings] = `发现的问题最多 ${MAX_TEXT} 个字`;
  const rating = text(form[F.rating]) as Rating;
  if (!RATINGS.includes(rating)) errors[F.rating] = '请选择评价：好、较好、一般或差';

  const corrections: CorrectionInput[] = [];
  for (let i = 1; i <= CORRECTION_ROWS; i++) {
    const title = text(form[F.title(i)]);
    const ownerOpenId = text(form[F.owner(i)]);
    const rawDue = text(form[F.due(i)]);
    if (!title && !ownerOpenId && !rawDue) continue;
    const dueOn = pickedDate(rawDue);
    if (!title) errors[F.title(i)] = `整改事项 ${i}：请写明要整改什么，或把这一行清空`;
    else if (title.length > MAX_TITLE) errors[F.title(i)] = `整改事项 ${i}：最多 ${MAX_TITLE} 个字`;
    if (!ownerOpenId) errors[F.owner(i)] = `整改事项 ${i}：请选择责任人`;
    else if (!owners.includes(ownerOpenId))
      errors[F.owner(i)] = `整改事项 ${i}：责任人只能是本小分队的队长、队员或责任领导，请重新选择`;
    if (!dueOn) errors[F.due(i)] = `整改事项 ${i}：请选择整改期限`;
    else if (dueOn < today) errors[F.due(i)] = `整改事项 ${i}：期限不能早于今天（${today}）`;
    corrections.push({ title, ownerOpenId, dueOn });
  }
  if (Object.keys(errors).length) return { ok: false, errors };
  return { ok: true, values: { inspectedOn, checked, findings, rating, corrections } };
}

/** A quarter key ('2018Q2') that is not later than the quarter of `today`: a card's value is checked with it. */
export function isInspectablePeriod(period: unknown, today: string): period is string {
  if (typeof period !== 'string') return false;
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  if (!m) return false;
  const current = `${today.slice(0, 4)}Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`;
  return Number(m[1]) >= 2000 && period <= current;
}

/**
 * 办结销号 of a correction: its owner, the captain of the inspected squad, an inspector or the
 * office. Null when allowed, else the reason (a toast).
 */
export function mayCloseCorrection(a: Actor, c: { ownerId: number; squadId: number }): string | null {
  if (a.id === c.ownerId || isOfficeActor(a) || a.roles.includes('INSPECTOR')) return null;
  if (a.squads.some((s) => s.squadId === c.squadId && s.role === 'CAPTAIN')) return null;
  return '整改事项只能由责任人、本小分队队长、督查室或区招商局办结销号。';
}

/** The note 办结销号 needs: what was done. */
export function readCloseNote(v: unknown): { ok: true; note: string } | { ok: false; error: string } {
  const note = text(v);
  if (!note) return { ok: false, error: '请写明整改情况（做了什么、结果如何）再办结销号' };
  if (note.length > MAX_TEXT) return { ok: false, error: `整改情况最多 ${MAX_TEXT} 个字` };
  return { ok: true, note };
}
