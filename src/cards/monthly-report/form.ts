import { z } from 'zod';
import { isFutureMonth, isMonth, monthOf } from '../../domain/deadlines.js';
import { parseBusinessmenLines } from '../../domain/visited-businessmen.js';
import type { ReportFields } from '../../db/monthly-reports.js';
import type { FieldErrors } from '../shared/form.js';

// The monthly report form, checked field by field on the server. Field names are the card's
// component names (cards/monthly-report.json).

export const MAX_TEXT = 1000; // Feishu's input maximum

const REPORT_FIELD_LABELS = {
  month: '汇报月份',
  economic_trends: '经济发展动态',
  investment_directions: '投资导向',
  project_info: '项目信息',
  suggestions: '对接工作意见',
  visited_businessmen: '本月拜访客商',
  exempt_reason: '免报原因',
} as const;

const text = (label: string) =>
  z
    .string({ message: `${label}：请填写文字` })
    .max(MAX_TEXT, { message: `${label}：最多 ${MAX_TEXT} 字，请精简后再提交` })
    .default('');

const ReportForm = z.object({
  month: z
    .string({ message: '汇报月份：请填写，例如 2018-06' })
    .trim()
    .refine(isMonth, '汇报月份：请按 2018-06 的格式填写（年-月）'),
  economic_trends: text(REPORT_FIELD_LABELS.economic_trends),
  investment_directions: text(REPORT_FIELD_LABELS.investment_directions),
  project_info: text(REPORT_FIELD_LABELS.project_info),
  suggestions: text(REPORT_FIELD_LABELS.suggestions),
  visited_businessmen: text(REPORT_FIELD_LABELS.visited_businessmen),
});

export type ParsedReport = { ok: true; month: string; fields: ReportFields } | { ok: false; errors: FieldErrors };

/** Text fields as typed (trimmed); empty or missing → ''. */
function strings(formValue: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(formValue)) out[k] = typeof v === 'string' ? v.trim() : v;
  return out;
}

/** Parses the form; `submit` adds the submit-only rule (trends or project information). */
export function parseReportForm(
  formValue: Record<string, unknown>,
  opts: { submit: boolean; now: Date; tz: string },
): ParsedReport {
  const parsed = ReportForm.safeParse(strings(formValue));
  const errors: FieldErrors = {};
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (field && !errors[field]) errors[field] = issue.message;
    }
    return { ok: false, errors };
  }
  const f = parsed.data;
  if (isFutureMonth(f.month, opts.now, opts.tz))
    errors.month = `汇报月份：不能填写未来的月份（本月是 ${monthOf(opts.now, opts.tz)}）`;
  const people = parseBusinessmenLines(f.visited_businessmen);
  if (!people.ok) errors.visited_businessmen = people.message;
  if (opts.submit && !f.economic_trends && !f.project_info)
    errors.economic_trends = '经济发展动态：与「项目信息」至少填写一项才能提交';
  if (Object.keys(errors).length || !people.ok) return { ok: false, errors };
  return {
    ok: true,
    month: f.month,
    fields: {
      economicTrends: f.economic_trends,
      investmentDirections: f.investment_directions,
      projectInfo: f.project_info,
      suggestions: f.suggestions,
      visitedBusinessmen: people.list,
    },
  };
}

/** The exemption reason typed in the form: required, at most 200 characters. */
export function parseExemptReason(v: unknown): { ok: true; reason: string } | { ok: false; message: string } {
  const reason = typeof v === 'string' ? v.trim() : '';
  if (!reason) return { ok: false, message: '免报原因：请写明为什么本月免报（例如：本月无外出招商任务）' };
  if (reason.length > 200) return { ok: false, message: '免报原因：最多 200 字' };
  return { ok: true, reason };
}
