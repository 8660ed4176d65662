import {
  findCardMessage,
  replaceWaitingCard,
  replaceWaitingCardUpdates,
  updateAfterSend,
} from '../../db/card-messages.js';
import { peopleWithRoles, reviewersOf, squadInbox, type ProjectForReview, type ReviewRow } from '../../db/reviews.js';
import type { Deps } from '../../deps.js';
import { enqueueMessage, enqueueMessages, type OutgoingMessage, textContent } from '../../feishu/outbox.js';
import { showReviewStatus } from './status.js';
import { renderOpinionCard, renderVetoNotice } from './view.js';

// Outgoing messages of a review, all through the outbox in the caller's transaction.

/**
 * The owning squad's status card: sent once, then kept current. While the first send is still
 * waiting in the outbox its content is simply replaced; while it is being sent, the newest content
 * waits for it (updateAfterSend) and follows as a PATCH; once Feishu has given it a message id, each
 * change is a PATCH (the card declares update_multi). `eventKey` makes each PATCH its own message.
 */
export async function publishReviewStatus(
  deps: Deps,
  p: ProjectForReview,
  review: ReviewRow,
  eventKey: string,
): Promise<void> {
  const db = deps.db;
  const card = await showReviewStatus(deps, p, review);
  const key = `review-status:${review.id}`;
  const first = await findCardMessage(db, key);
  if (!first) {
    const to = await squadInbox(db, p);
    if (!to) {
      deps.log.warn(
        { projectId: p.id, squadId: p.squadId },
        'review status: the squad has no group chat and no bound captain',
      );
      return;
    }
    await enqueueMessage(db, { dedupKey: key, to, msgType: 'interactive', content: card });
    return;
  }
  // Only a recorded send gives the row a message id, and a sent row never waits again.
  if (!first.messageId && (await replaceWaitingCard(db, first.id, card))) return;
  // Being sent right now: the newest content waits for the send and follows it as a PATCH.
  if (!first.messageId && (await updateAfterSend(db, { id: first.id, dedupKey: key }, card))) return;
  // An earlier update still waiting (e.g. held back by Feishu's 5-per-second limit on one message)
  // just takes the newest content: one call instead of two.
  if ((await replaceWaitingCardUpdates(db, key, card)) > 0) return;
  const sent = first.messageId ?? (await findCardMessage(db, key))?.messageId;
  if (sent) {
    await enqueueMessage(db, {
      dedupKey: `${key}:${eventKey}`,
      to: { type: 'patch', messageId: sent },
      msgType: 'interactive',
      content: card,
    });
  } else {
    // The first send failed (the office re-sends it from /outbox): /review always shows the latest.
    deps.log.info({ reviewId: review.id }, 'review status card not delivered; update skipped');
  }
}

/**
 * Each unit's reviewer(s) get the opinion card. A unit whose reviewers have no Feishu account is
 * reported to the office (`unreachable`); a unit with nobody outside the owning squad (`unnamed`)
 * goes to the office admins, who name a reviewer with `/review <编号> 指定 <单位> <姓名>`.
 */
export async function sendOpinionCards(
  deps: Deps,
  p: ProjectForReview,
  review: ReviewRow,
): Promise<{ sent: number; unreachable: string[]; unnamed: string[] }> {
  let sent = 0;
  const unreachable: string[] = [];
  const unnamed: string[] = [];
  for (const o of review.opinions) {
    if (o.decision !== 'PENDING') continue;
    const candidates = await reviewersOf(deps.db, o, p.squadId);
    if (candidates.length === 0) {
      unnamed.push(o.unitName);
      continue;
    }
    const people = candidates.filter((x) => x.openId);
    if (people.length === 0) unreachable.push(o.unitName);
    for (const person of people) {
      const ok = await enqueueMessage(deps.db, {
        dedupKey: `review-opinion:${o.id}:${person.id}`,
        to: { type: 'open_id', id: person.openId! },
        msgType: 'interactive',
        content: renderOpinionCard(p, o),
      });
      if (ok) sent++;
    }
  }
  if (unreachable.length) {
    await tellOffice(
      deps,
      `review-unreachable:${review.id}`,
      `联合预审「${p.name}」：${unreachable.join('、')}没有已绑定飞书的经办人，预审卡片无法送达。` +
        `请在名册中为该单位指定预审经办人（角色 REVIEWER）并绑定，然后请其发送 /review ${p.id}。`,
    );
  }
  for (const unit of unnamed) {
    await tellOffice(deps, `review-unnamed:${review.id}:${unit}`, askToNameReviewer(p, unit), ['OFFICE_ADMIN']);
  }
  return { sent, unreachable, unnamed };
}

/** The message that asks the office admins to name a reviewer for a unit. */
function askToNameReviewer(p: { id: number; name: string; squadName: string }, unit: string): string {
  return (
    `【请指定预审经办人】联合预审「${p.name}」（项目编号 ${p.id}，${p.squadName}）：${unit}的人员都属于项目所属小分队，` +
    `不能预审本队的项目，预审卡片无人接收。请指定一位不属于该小分队的人代表${unit}出具意见，发送：\n` +
    `/review ${p.id} 指定 ${unit} 姓名`
  );
}

/**
 * A veto goes to the group leader and deputies (who may overrule it) and to the office, each as a
 * card with the overrule form in their 1:1 chat. Returns how many of each were sent one.
 */
export async function sendVetoNotice(
  deps: Deps,
  p: ProjectForReview,
  review: ReviewRow,
): Promise<{ leaders: number; office: number }> {
  const leaders = await peopleWithRoles(deps.db, ['GROUP_LEADER', 'DEPUTY_LEADER']);
  const office = await peopleWithRoles(deps.db, ['OFFICE', 'OFFICE_ADMIN']);
  const card = renderVetoNotice(p, review);
  const sentTo = new Set<number>();
  const notices: OutgoingMessage[] = [];
  for (const person of [...leaders, ...office]) {
    if (!person.openId || sentTo.has(person.id)) continue;
    sentTo.add(person.id);
    notices.push({
      dedupKey: `review-veto:${review.id}:${person.id}`,
      to: { type: 'open_id', id: person.openId },
      msgType: 'interactive',
      content: card,
    });
  }
  await enqueueMessages(deps.db, notices);
  const reached = (people: { openId: string | null }[]) => people.filter((x) => x.openId).length;
  return { leaders: reached(leaders), office: reached(office.filter((o) => !leaders.some((l) => l.id === o.id))) };
}

/**
 * A short text to every office person with a bound account (one message each, de-duplicated by
 * key); `roles` narrows it, e.g. to the office admins.
 */
export async function tellOffice(
  deps: Deps,
  key: string,
  text: string,
  roles: string[] = ['OFFICE', 'OFFICE_ADMIN'],
): Promise<number> {
  const people = (await peopleWithRoles(deps.db, roles)).filter((person) => person.openId);
  return enqueueMessages(
    deps.db,
    people.map((person) => ({
      dedupKey: `${key}:${person.id}`,
      to: { type: 'open_id', id: person.openId! },
      msgType: 'text',
      content: textContent(text),
    })),
  );
}
