import { z } from 'zod';
import { recordAudit } from '../../db/audit-trail.js';
import {
  exemptReport,
  findMonthlyReport,
  findSquadName,
  rememberReportCard,
  reportCloseDay,
  saveReportDraft,
  submitReport,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import type { Actor } from '../../db/people.js';
import type { Deps } from '../../deps.js';
import { isOfficeActor, mayExemptMonthlyReport, mayFileMonthlyReport, maySaveReportDraft } from '../../domain/authz.js';
import {
  isFutureMonth,
  isLateSubmission,
  isMonth,
  monthOf,
  reportEditRefusal,
  reportWindow,
} from '../../domain/deadlines.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, type CardAnswer } from '../../feishu/answer.js';
import { refillForm, type FieldErrors } from '../shared/form.js';
import { parseExemptReason, parseReportForm } from './form.js';
import { buildMonthlyReportCard, patchReportCard, renderReportSummary, REPORT_ACTIONS } from './view.js';
import type { CardInput } from '../types.js';
import { escapeMarkdown } from '../shared/template.js';

const Ref = z.object({
  squadId: z.coerce.number().int().positive(),
  month: z.string().refine(isMonth),
  baseVersion: z.coerce.number().int().min(0).default(0),
});
type Ref = z.infer<typeof Ref>;

interface Ctx {
  input: CardInput;
  deps: Deps;
  actor: Actor;
  ref: Ref;
  now: Date;
  tz: string;
}

function withCtx(handler: (c: Ctx) => Promise<CardAnswer>) {
  return async (input: CardInput, deps: Deps): Promise<CardAnswer> => {
    const ref = Ref.safeParse(input.value);
    if (!ref.success) return answer.error('这张汇报卡片已失效，请发送 /report 获取新卡片。');
    return handler({
      input,
      deps,
      actor: input.actor!,
      ref: ref.data,
      now: deps.clock.now(),
      tz: deps.config.timezone,
    });
  };
}

const canExempt = (c: Ctx) => mayExemptMonthlyReport(c.actor, c.ref.squadId) === null;

/** The same form, with everything the person typed and a red line under each bad field. Nothing is stored. */
async function refill(c: Ctx, errors: FieldErrors): Promise<CardAnswer> {
  const card = await buildMonthlyReportCard(c.deps.db, c.ref.squadId, c.ref.month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    editing: true,
  });
  const first = Object.values(errors)[0] ?? '请检查填写的内容';
  return {
    toast: { type: 'error', content: first },
    card: { type: 'raw', data: refillForm(card, c.input.formValue, errors) },
  };
}

async function summaryAnswer(
  c: Ctx,
  view: MonthlyReportView,
  toast: string,
  type: 'success' | 'info' | 'warning' = 'success',
): Promise<CardAnswer> {
  const squadName = (await findSquadName(c.deps.db, view.squadId)) ?? '';
  return answer.toastAndCard(toast, renderReportSummary(view, squadName, c.tz), type);
}

async function afterChange(
  c: Ctx,
  reportId: number,
  squadId: number,
  month: string,
  cause: string,
): Promise<MonthlyReportView> {
  await rememberReportCard(c.deps.db, reportId, c.input.messageId, c.input.chatId);
  const view = (await findMonthlyReport(c.deps.db, squadId, month))!;
  await patchReportCard(
    c.deps.db,
    view,
    (await findSquadName(c.deps.db, squadId)) ?? '',
    c.tz,
    cause,
    c.input.messageId,
  );
  return view;
}

async function onSave(c: Ctx): Promise<CardAnswer> {
  const parsed = parseReportForm(c.input.formValue, { submit: false, now: c.now, tz: c.tz });
  if (!parsed.ok) return refill(c, parsed.errors);
  const { squadId } = c.ref;
  const refused = maySaveReportDraft(c.actor, squadId);
  if (refused) return answer.error(refused);
  const report = await findMonthlyReport(c.deps.db, squadId, parsed.month);
  if (report?.status === 'SUBMITTED')
    return answer.error('这个月的汇报已经提交；要修改请在汇报卡片上点「修改」，改好后点「提交修改」。');
  if (report?.status === 'EXEMPT' && mayFileMonthlyReport(c.actor, squadId))
    return answer.error('这个月已免报；如确需填报，请队长办理。');
  const closeDay = await reportCloseDay(c.deps.db);
  const refusal = reportEditRefusal({
    month: parsed.month,
    now: c.now,
    tz: c.tz,
    closeDay,
    submitted: false,
    office: isOfficeActor(c.actor),
  });
  if (refusal) return answer.error(refusal);
  const id = await saveReportDraft(c.deps.db, squadId, parsed.month, parsed.fields);
  await rememberReportCard(c.deps.db, id, c.input.messageId, c.input.chatId);
  await recordAudit(c.deps.db, c.actor, 'monthly-report.draft', 'MonthlyReport', id, { month: parsed.month });
  const notice = `草稿已保存：${escapeMarkdown(c.actor.name)} ${localDateTime(c.now, c.tz)}`;
  const card = await buildMonthlyReportCard(c.deps.db, squadId, parsed.month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    notice,
  });
  return answer.toastAndCard('草稿已保存', card);
}

async function onSubmit(c: Ctx): Promise<CardAnswer> {
  const parsed = parseReportForm(c.input.formValue, { submit: true, now: c.now, tz: c.tz });
  if (!parsed.ok) return refill(c, parsed.errors);
  const { squadId } = c.ref;
  const refused = mayFileMonthlyReport(c.actor, squadId);
  if (refused) return answer.error(refused);
  const month = parsed.month;
  const report = await findMonthlyReport(c.deps.db, squadId, month);
  // A second tap on the same card (or a card older than the report) must not add a version.
  if (report?.status === 'SUBMITTED' && month === c.ref.month && report.version !== c.ref.baseVersion)
    return summaryAnswer(
      c,
      report,
      `这份汇报已由 ${report.lastRevision?.by ?? report.submittedBy ?? '队长'} 提交（第 ${report.version} 版），以下是最新内容。`,
      'info',
    );
  const closeDay = await reportCloseDay(c.deps.db);
  const refusal = reportEditRefusal({
    month,
    now: c.now,
    tz: c.tz,
    closeDay,
    submitted: report?.status === 'SUBMITTED',
    office: isOfficeActor(c.actor),
  });
  if (refusal) return answer.error(refusal);
  const late = isLateSubmission(month, c.now, c.tz);
  const res = await submitReport(c.deps.db, {
    squadId,
    month,
    fields: parsed.fields,
    byId: c.actor.id,
    at: c.now,
    late,
  });
  await recordAudit(
    c.deps.db,
    c.actor,
    res.first ? 'monthly-report.submit' : 'monthly-report.amend',
    'MonthlyReport',
    res.id,
    {
      month,
      version: res.version,
      late: res.first ? late : undefined,
    },
  );
  const view = await afterChange(c, res.id, squadId, month, `v${res.version}`);
  if (!res.first) return summaryAnswer(c, view, `已提交修改（第 ${res.version} 版）`);
  return view.late
    ? summaryAnswer(c, view, `已提交，已过截止时间，记为逾期（${localDateTime(c.now, c.tz)}）`, 'warning')
    : summaryAnswer(c, view, '已提交，谢谢！');
}

/** 免报 with a reason, by a responsible leader or the office; shared by the card and `/report exempt`. */
export async function applyExemption(
  deps: Deps,
  actor: Actor,
  p: { squadId: number; month: string; reason: string; messageId?: string; chatId?: string; cause: string },
): Promise<{ ok: true; view: MonthlyReportView } | { ok: false; message: string }> {
  const refused = mayExemptMonthlyReport(actor, p.squadId);
  if (refused) return { ok: false, message: refused };
  const now = deps.clock.now();
  const tz = deps.config.timezone;
  const report = await findMonthlyReport(deps.db, p.squadId, p.month);
  if (report?.status === 'SUBMITTED') return { ok: false, message: '这个月的汇报已经提交，不需要免报。' };
  if (!isOfficeActor(actor) && reportWindow(p.month, now, tz, await reportCloseDay(deps.db)) === 'CLOSED')
    return { ok: false, message: `${p.month} 的月度汇报已关闭，免报请联系区招商局。` };
  const id = await exemptReport(deps.db, { squadId: p.squadId, month: p.month, reason: p.reason, byId: actor.id });
  await recordAudit(deps.db, actor, 'monthly-report.exempt', 'MonthlyReport', id, { month: p.month, reason: p.reason });
  await rememberReportCard(deps.db, id, p.messageId, p.chatId);
  const view = (await findMonthlyReport(deps.db, p.squadId, p.month))!;
  await patchReportCard(deps.db, view, (await findSquadName(deps.db, p.squadId)) ?? '', tz, p.cause, p.messageId);
  return { ok: true, view };
}

async function onExempt(c: Ctx): Promise<CardAnswer> {
  const refused = mayExemptMonthlyReport(c.actor, c.ref.squadId);
  if (refused) return answer.error(refused);
  const monthTyped = typeof c.input.formValue.month === 'string' ? c.input.formValue.month.trim() : c.ref.month;
  if (!isMonth(monthTyped)) return refill(c, { month: '汇报月份：请按 2018-06 的格式填写（年-月）' });
  if (isFutureMonth(monthTyped, c.now, c.tz))
    return refill(c, { month: `汇报月份：不能填写未来的月份（本月是 ${monthOf(c.now, c.tz)}）` });
  const reason = parseExemptReason(c.input.formValue.exempt_reason);
  if (!reason.ok) return refill(c, { exempt_reason: reason.message });
  const res = await applyExemption(c.deps, c.actor, {
    squadId: c.ref.squadId,
    month: monthTyped,
    reason: reason.reason,
    messageId: c.input.messageId,
    chatId: c.input.chatId,
    cause: `exempt:${c.input.eventId}`,
  });
  if (!res.ok) return answer.error(res.message);
  return summaryAnswer(c, res.view, '已标记免报');
}

async function onEdit(c: Ctx): Promise<CardAnswer> {
  const { squadId, month } = c.ref;
  const refused = mayFileMonthlyReport(c.actor, squadId);
  if (refused) return answer.error(refused);
  const report = await findMonthlyReport(c.deps.db, squadId, month);
  const closeDay = await reportCloseDay(c.deps.db);
  const refusal = reportEditRefusal({
    month,
    now: c.now,
    tz: c.tz,
    closeDay,
    submitted: report?.status === 'SUBMITTED',
    office: isOfficeActor(c.actor),
  });
  if (refusal) return answer.error(refusal);
  if (report) await rememberReportCard(c.deps.db, report.id, c.input.messageId, c.input.chatId);
  return answer.card(
    await buildMonthlyReportCard(c.deps.db, squadId, month, c.now, {
      timezone: c.tz,
      withExemption: canExempt(c),
      editing: true,
    }),
  );
}

async function onView(c: Ctx): Promise<CardAnswer> {
  return answer.card(
    await buildMonthlyReportCard(c.deps.db, c.ref.squadId, c.ref.month, c.now, {
      timezone: c.tz,
      withExemption: canExempt(c),
    }),
  );
}

export const saveMonthlyReport = withCtx(onSave);
export const submitMonthlyReport = withCtx(onSubmit);
export const exemptMonthlyReport = withCtx(onExempt);
export const editMonthlyReport = withCtx(onEdit);
export const viewMonthlyReport = withCtx(onView);
