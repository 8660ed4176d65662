import { recordAudit } from '../../db/audit-trail.js';
import {
  closeCorrection,
  createInspection,
  findActiveSquad,
  findCorrection,
  findInspectionByRequestKey,
  inspectionsListed,
  loadInspection,
} from '../../db/inspections.js';
import { openIdsByPerson } from '../../db/people.js';
import { getSquadName } from '../../db/trips.js';
import type { Deps } from '../../deps.js';
import { mayInspect } from '../../domain/authz.js';
import { isInspectablePeriod, mayCloseCorrection, readCloseNote, readInspectionForm } from '../../domain/inspection.js';
import { localDate, localDateTime } from '../../domain/local-date.js';
import { answer, type Card, type CardAnswer } from '../../feishu/answer.js';
import { enqueueMessage, textContent } from '../../feishu/outbox.js';
import { savedNotice } from '../shared/elements.js';
import { refillForm } from '../shared/form.js';
import { escapeMarkdown } from '../shared/template.js';
import type { CardInput } from '../types.js';
import { CORRECTION_NOTE } from './correction-view.js';
import { correctionOwners, periodLabelOf, showCorrectionCard } from './load.js';
import { inspectionFormCard, inspectionResultCard } from './view.js';
import { personNames } from '../../db/people.js';

// 督查: an inspector (or the office) submits the form; the inspection and its corrections are
// written in the callback's transaction with the audit row and the outbox rows that tell the
// squad's captain and responsible leaders (the result) and each correction's owner (its card).

const STALE = '这张督查卡片已失效，请重新发送 /inspect 小分队 获取新卡片。';

/** The form for a squad and quarter, as the inspector sees it. */
export async function showInspectionForm(
  deps: Deps,
  squad: { id: number; name: string },
  period: { key: string; label: string },
): Promise<Card> {
  const owners = await correctionOwners(deps.db, squad.id);
  const earlier = (await inspectionsListed(deps.db, period.key)).filter((i) => i.squadId === squad.id);
  return inspectionFormCard({
    squadId: squad.id,
    squadName: squad.name,
    period,
    today: localDate(deps.clock.now(), deps.config.timezone),
    owners: owners.map((o) => ({ openId: o.openId, name: o.name })),
    earlier: earlier.map((e) => ({ inspectedOn: e.inspectedOn, rating: e.rating })),
  });
}

async function showResult(deps: Deps, inspectionId: number, squadName: string): Promise<Card> {
  const i = (await loadInspection(deps.db, inspectionId))!;
  const names = await personNames(deps.db, [i.createdById, ...i.corrections.map((c) => c.ownerId)]);
  return inspectionResultCard({
    squadName,
    periodLabel: periodLabelOf(i.period),
    inspectedOn: i.inspectedOn,
    inspectorName: names.get(i.createdById) ?? '',
    checked: i.checked,
    findings: i.findings,
    rating: i.rating,
    corrections: i.corrections.map((c) => ({ title: c.title, ownerName: names.get(c.ownerId) ?? '', dueOn: c.dueOn })),
  });
}

export async function submitInspection(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const refused = mayInspect(actor);
  if (refused) return answer.error(refused);
  const today = localDate(deps.clock.now(), deps.config.timezone);
  // The value is the card's, but a callback can be crafted: the squad must exist and the quarter
  // must not lie ahead; the owners are checked against that squad below.
  const squad = await findActiveSquad(deps.db, Number(input.value.squadId) || 0);
  const period = input.value.period;
  if (!squad || !isInspectablePeriod(period, today)) return answer.error(STALE);
  const requestKey = `inspection:${input.messageId ?? input.eventId}`;
  const already = await findInspectionByRequestKey(deps.db, requestKey);
  if (already)
    return answer.toastAndCard('这份督查记录已经提交过', await showResult(deps, already.id, squad.name), 'info');

  const owners = await correctionOwners(deps.db, squad.id);
  const form = readInspectionForm(
    input.formValue,
    today,
    owners.map((o) => o.openId),
  );
  if (!form.ok) {
    const card = await showInspectionForm(deps, squad, { key: period, label: periodLabelOf(period) });
    return answer.fieldErrors(refillForm(card, input.formValue, form.errors), form.errors);
  }
  const f = form.values;
  const ownerOf = new Map(owners.map((o) => [o.openId, o]));
  const id = await createInspection(deps.db, {
    requestKey,
    squadId: squad.id,
    period,
    inspectedOn: f.inspectedOn,
    checked: f.checked,
    findings: f.findings,
    rating: f.rating,
    createdById: actor.id,
    corrections: f.corrections.map((c) => ({
      title: c.title,
      ownerId: ownerOf.get(c.ownerOpenId)!.personId,
      dueOn: c.dueOn,
    })),
  });
  await recordAudit(deps.db, actor, 'inspection.create', 'Inspection', id, {
    squadId: squad.id,
    period,
    inspectedOn: f.inspectedOn,
    rating: f.rating,
    corrections: f.corrections.length,
  });
  const result = await showResult(deps, id, squad.name);
  // The captain and the responsible leaders get the result; each owner the correction's own card.
  for (const p of owners.filter((o) => o.role !== 'MEMBER')) {
    await enqueueMessage(deps.db, {
      dedupKey: `inspection-result:${id}:${p.personId}`,
      to: { type: 'open_id', id: p.openId },
      msgType: 'interactive',
      content: result,
    });
  }
  const saved = (await loadInspection(deps.db, id))!;
  for (const c of saved.corrections) {
    const card = (await showCorrectionCard(deps.db, c.id, today, deps.config.timezone))!;
    const owner = owners.find((o) => o.personId === c.ownerId)!;
    await enqueueMessage(deps.db, {
      dedupKey: `correction:${c.id}`,
      to: { type: 'open_id', id: owner.openId },
      msgType: 'interactive',
      content: card,
    });
  }
  return answer.toastAndCard('督查记录已提交，已通知队长、责任领导和整改责任人', result);
}

export async function closeCorrectionAction(input: CardInput, deps: Deps): Promise<CardAnswer> {
  const actor = input.actor!;
  const tz = deps.config.timezone;
  const now = deps.clock.now();
  const today = localDate(now, tz);
  const c = await findCorrection(deps.db, Number(input.value.id) || 0);
  if (!c) return answer.error('找不到这项整改事项，请联系督查室。');
  const refused = mayCloseCorrection(actor, { ownerId: c.ownerId, squadId: c.inspection.squadId });
  if (refused) return answer.error(refused);
  if (c.status === 'DONE')
    return answer.toastAndCard('这项整改已办结销号', (await showCorrectionCard(deps.db, c.id, today, tz))!, 'info');
  const note = readCloseNote(input.formValue[CORRECTION_NOTE]);
  if (!note.ok) {
    const errors = { [CORRECTION_NOTE]: note.error };
    const card = (await showCorrectionCard(deps.db, c.id, today, tz))!;
    return answer.fieldErrors(refillForm(card, input.formValue, errors), errors);
  }
  if (await closeCorrection(deps.db, c.id, actor.id, note.note, now)) {
    await recordAudit(deps.db, actor, 'correction.close', 'Correction', c.id, {
      inspectionId: c.inspection.id,
      note: note.note,
    });
    await tellInspector(deps, c, actor, note.note);
  }
  const notice = savedNotice('已办结销号', `${escapeMarkdown(actor.name)}，${localDateTime(now, tz)}`);
  return answer.toastAndCard('已办结销号', (await showCorrectionCard(deps.db, c.id, today, tz, notice))!);
}

/** The inspector who asked for a correction hears that it was closed and what was done (not of their own close). */
async function tellInspector(
  deps: Deps,
  c: { id: number; title: string; inspection: { squadId: number; createdById: number } },
  actor: { id: number; name: string },
  note: string,
): Promise<void> {
  if (c.inspection.createdById === actor.id) return;
  const openId = (await openIdsByPerson(deps.db, [c.inspection.createdById])).get(c.inspection.createdById);
  if (!openId) return;
  const squad = await getSquadName(deps.db, c.inspection.squadId);
  await enqueueMessage(deps.db, {
    dedupKey: `correction-closed:${c.id}`,
    to: { type: 'open_id', id: openId },
    msgType: 'text',
    content: textContent(`【整改办结】${squad}的整改事项“${c.title}”已由${actor.name}办结销号。办理情况：${note}`),
  });
}
