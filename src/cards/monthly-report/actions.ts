import { z } from 'zod';
import { recordAudit } from '../../db/audit-trail.js';
import {
  findMonthlyReport,
  findReportRow,
  findSquadName,
  rememberReportCard,
  reportCloseDay,
  reportView,
  saveReportDraft,
  submitReport,
  visitedBusinessmenOfMonth,
  type MonthlyReportRow,
  type MonthlyReportView,
} from '../../db/monthly-reports.js';
import type { Actor } from '../../domain/actor.js';
import type { Deps } from '../../deps.js';
import {
  isOfficeActor,
  mayExemptMonthlyReport,
  mayFileMonthlyReport,
  maySaveReportDraft,
  maySeeSquad,
} from '../../domain/authz.js';
import { maySeeContactDetails, withoutContactDetails } from '../../domain/contact-rules.js';
import { isFutureMonth, isLateSubmission, isMonth, monthOf, reportEditRefusal } from '../../domain/deadlines.js';
import { localDateTime } from '../../domain/local-date.js';
import { answer, answerPrivately, tapperOf, type Card, type CardAnswer, type Tapper } from '../../feishu/answer.js';
import { refillForm, type FieldErrors } from '../shared/form.js';
import { parseExemptReason, parseReportForm } from './form.js';
import { applyExemption } from './exemption.js';
import { monthlyReportCard, patchReportCard, reportViewerOf, summaryRights } from './open.js';
import { renderReportSummary } from './view-summary.js';
import { CAPTAIN_VIEWER, offersVisits } from './view.js';
import type { CardInput } from '../types.js';
import { escapeMarkdown } from '../shared/template.js';

// Callbacks of the monthly report card: save a draft, submit, exempt, edit and view. Each button
// carries the squad, the month and the report version the card showed.

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
  tapper: Tapper;
}

/** Runs a callback with the card's reference (squad, month, version) checked. */
async function withCtx(input: CardInput, deps: Deps, handler: (c: Ctx) => Promise<CardAnswer>): Promise<CardAnswer> {
  const ref = Ref.safeParse(input.value);
  if (!ref.success) return answer.error('这张汇报卡片已失效，请发送 /report 获取新卡片。');
  return handler({
    input,
    deps,
    actor: input.actor!,
    ref: ref.data,
    now: deps.clock.now(),
    tz: deps.config.timezone,
    tapper: await tapperOf(deps.db, input),
  });
}

const canExempt = (c: Ctx) => mayExemptMonthlyReport(c.actor, c.ref.squadId) === null;
/** Only the buttons that will work for the tapper are drawn. */
const viewerOf = (c: Ctx) => reportViewerOf(c.actor, c.ref.squadId);
/** Cards are forwarded: whoever taps sees the addresses and phones only if they may. */
const canSeeContacts = (c: Ctx) => maySeeContactDetails(c.actor, c.ref.squadId);

/**
 * Whether a card of this month drawn for this person shows addresses or phones: theirs to see, and
 * in the stored report, the month's visits it offers, or the businessmen they typed. `stored`: the
 * report as this request last read or wrote it, when it has it (read here otherwise).
 */
async function carriesContacts(c: Ctx, month: string, stored?: MonthlyReportView): Promise<boolean> {
  if (!canSeeContacts(c)) return false;
  const typed = c.input.formValue.visited_businessmen;
  if (typeof typed === 'string' && typed.trim() !== '') return true;
  const report = stored ?? (await findMonthlyReport(c.deps.db, c.ref.squadId, month));
  const offered = offersVisits(report) ? await visitedBusinessmenOfMonth(c.deps.db, c.ref.squadId, month) : [];
  return [...(report?.visitedBusinessmen ?? []), ...offered].some((b) => b.address !== '' || b.contact !== '');
}

/** The stored report of the month as a summary without addresses and phones; none before it is saved. */
async function summaryWithoutContacts(c: Ctx, month: string, known?: MonthlyReportView): Promise<Card | undefined> {
  const stored = known ?? (await findMonthlyReport(c.deps.db, c.ref.squadId, month));
  if (!stored) return undefined;
  const squadName = (await findSquadName(c.deps.db, stored.squadId)) ?? '';
  const shown = { ...stored, visitedBusinessmen: stored.visitedBusinessmen.map(withoutContactDetails) };
  return renderReportSummary(shown, squadName, c.tz, {
    contactsHidden: true,
    // Seen by everyone in the chat: 修改 only while it would work for the squad's captain.
    ...(await summaryRights(c.deps.db, stored, c.now, c.tz, CAPTAIN_VIEWER)),
  });
}

/**
 * The answer, kept to the tapper when it shows contact details in a chat others see: the full card
 * goes to their 1:1 chat; the chat gets the summary without them (`summary`), or keeps the card as
 * it is, with what was typed on it (`keep`). A form is never redrawn there without the contacts,
 * so a later save from it cannot store the businessmen without them. `stored`: the month's report
 * as it stands, when the caller has just read it (nothing written since).
 */
async function privately(
  c: Ctx,
  month: string,
  full: CardAnswer,
  there: 'summary' | 'keep',
  stored?: MonthlyReportView,
): Promise<CardAnswer> {
  if (c.tapper.inPrivateChat || !(await carriesContacts(c, month, stored))) return full;
  const shown = there === 'summary' ? await summaryWithoutContacts(c, month, stored) : undefined;
  return answerPrivately(c.deps.db, c.tapper, full, shown);
}

/** The same form, with everything the person typed and a red line under each bad field. Nothing is stored. */
async function refill(c: Ctx, errors: FieldErrors): Promise<CardAnswer> {
  const card = await monthlyReportCard(c.deps.db, c.ref.squadId, c.ref.month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    contacts: canSeeContacts(c),
    editing: true,
    viewer: viewerOf(c),
  });
  return privately(c, c.ref.month, answer.fieldErrors(refillForm(card, c.input.formValue, errors), errors), 'keep');
}

/** The answer with the report's summary; `view` is the report as it stands (nothing written since it was read). */
async function summaryAnswer(
  c: Ctx,
  view: MonthlyReportView,
  toast: string,
  type: 'success' | 'info' | 'warning' = 'success',
): Promise<CardAnswer> {
  const squadName = (await findSquadName(c.deps.db, view.squadId)) ?? '';
  const shown = canSeeContacts(c)
    ? view
    : { ...view, visitedBusinessmen: view.visitedBusinessmen.map(withoutContactDetails) };
  return privately(
    c,
    view.month,
    answer.toastAndCard(
      toast,
      renderReportSummary(shown, squadName, c.tz, {
        contactsHidden: !canSeeContacts(c),
        ...(await summaryRights(c.deps.db, view, c.now, c.tz, viewerOf(c))),
      }),
      type,
    ),
    'summary',
    view,
  );
}

/**
 * After a write: the card tapped is remembered on the report, the report's view is drawn from the
 * row as written (with that card when it was just remembered), and its card message updated.
 */
async function afterChange(c: Ctx, written: MonthlyReportRow, cause: string): Promise<MonthlyReportView> {
  const db = c.deps.db;
  const remembered = await rememberReportCard(db, written.id, c.input.messageId, c.input.chatId);
  const row = remembered
    ? { ...written, cardMessageId: c.input.messageId ?? null, chatId: c.input.chatId ?? null }
    : written;
  const view = await reportView(db, row);
  const squadName = (await findSquadName(db, view.squadId)) ?? '';
  await patchReportCard(db, view, squadName, c.tz, cause, c.input.messageId, c.now, c.actor);
  return view;
}

/** Why this person may not change the month now (deadline, close day), or null. */
async function editRefusal(c: Ctx, month: string, submitted: boolean): Promise<string | null> {
  const closeDay = await reportCloseDay(c.deps.db);
  return reportEditRefusal({ month, now: c.now, tz: c.tz, closeDay, submitted, office: isOfficeActor(c.actor) });
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
  const refusal = await editRefusal(c, parsed.month, false);
  if (refusal) return answer.error(refusal);
  const id = await saveReportDraft(c.deps.db, squadId, parsed.month, parsed.fields);
  await rememberReportCard(c.deps.db, id, c.input.messageId, c.input.chatId);
  await recordAudit(c.deps.db, c.actor, 'monthly-report.draft', 'MonthlyReport', id, { month: parsed.month });
  const notice = `草稿已保存：${escapeMarkdown(c.actor.name)} ${localDateTime(c.now, c.tz)}`;
  const card = await monthlyReportCard(c.deps.db, squadId, parsed.month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    contacts: canSeeContacts(c),
    notice,
    viewer: viewerOf(c),
  });
  return privately(c, parsed.month, answer.toastAndCard('草稿已保存', card), 'summary');
}

async function onSubmit(c: Ctx): Promise<CardAnswer> {
  const parsed = parseReportForm(c.input.formValue, { submit: true, now: c.now, tz: c.tz });
  if (!parsed.ok) return refill(c, parsed.errors);
  const { squadId } = c.ref;
  const refused = mayFileMonthlyReport(c.actor, squadId);
  if (refused) return answer.error(refused);
  const month = parsed.month;
  const report = await findReportRow(c.deps.db, squadId, month);
  // A second tap on the same card (or a card older than the report) must not add a version.
  if (report?.status === 'SUBMITTED' && month === c.ref.month && report.version !== c.ref.baseVersion) {
    const view = await reportView(c.deps.db, report);
    return summaryAnswer(
      c,
      view,
      `这份汇报已由 ${view.lastRevision?.by ?? view.submittedBy ?? '队长'} 提交（第 ${view.version} 版），以下是最新内容。`,
      'info',
    );
  }
  const refusal = await editRefusal(c, month, report?.status === 'SUBMITTED');
  if (refusal) return answer.error(refusal);
  const late = isLateSubmission(month, c.now, c.tz);
  const res = await submitReport(c.deps.db, report, {
    squadId,
    month,
    fields: parsed.fields,
    byId: c.actor.id,
    at: c.now,
    late,
  });
  const version = res.row.version;
  await recordAudit(
    c.deps.db,
    c.actor,
    res.first ? 'monthly-report.submit' : 'monthly-report.amend',
    'MonthlyReport',
    res.row.id,
    {
      month,
      version,
      late: res.first ? late : undefined,
    },
  );
  const view = await afterChange(c, res.row, `v${version}`);
  if (!res.first) return summaryAnswer(c, view, `已提交修改（第 ${version} 版）`);
  return view.late
    ? summaryAnswer(c, view, `已提交，已过截止时间，记为逾期（${localDateTime(c.now, c.tz)}）`, 'warning')
    : summaryAnswer(c, view, '已提交，谢谢！');
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
  const refusal = await editRefusal(c, month, report?.status === 'SUBMITTED');
  if (refusal) return answer.error(refusal);
  if (report) await rememberReportCard(c.deps.db, report.id, c.input.messageId, c.input.chatId);
  const card = await monthlyReportCard(c.deps.db, squadId, month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    contacts: canSeeContacts(c),
    editing: true,
    viewer: viewerOf(c),
  });
  return privately(c, month, answer.card(card), 'summary');
}

/** The report as it stands: for whoever may see the squad (as /report), from a forwarded card too. */
async function onView(c: Ctx): Promise<CardAnswer> {
  if (!maySeeSquad(c.actor, c.ref.squadId))
    return answer.error('你不是这个小分队的成员或责任领导，不能查看它的月度汇报。');
  const card = await monthlyReportCard(c.deps.db, c.ref.squadId, c.ref.month, c.now, {
    timezone: c.tz,
    withExemption: canExempt(c),
    contacts: canSeeContacts(c),
    viewer: viewerOf(c),
  });
  return privately(c, c.ref.month, answer.card(card), 'summary');
}

export async function saveMonthlyReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return withCtx(input, deps, onSave);
}

export async function submitMonthlyReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return withCtx(input, deps, onSubmit);
}

export async function exemptMonthlyReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return withCtx(input, deps, onExempt);
}

export async function editMonthlyReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return withCtx(input, deps, onEdit);
}

export async function viewMonthlyReport(input: CardInput, deps: Deps): Promise<CardAnswer> {
  return withCtx(input, deps, onView);
}
