import { countOutboxTrouble } from '../db/outbox.js';
import { peopleWithRoles } from '../db/reviews.js';
import { localDate } from '../domain/periods.js';
import type { Deps } from '../deps.js';
import { OUTBOX_OVERDUE_MS } from '../feishu/outbox.js';
import { remindPeople } from './send.js';

/**
 * A daily note to the office admins when the outbox holds messages the bot could not deliver
 * (FAILED, or still waiting after 10 minutes): how many, and that /outbox shows why and re-sends
 * them. Nothing is sent on a day without any.
 */
export async function reportOutboxFailures(deps: Deps, now: Date): Promise<{ summary: string; messages: number }> {
  const { failed, pending } = await countOutboxTrouble(deps.db, new Date(now.getTime() - OUTBOX_OVERDUE_MS));
  if (failed + pending === 0) return { summary: '没有发送失败或积压的消息', messages: 0 };
  const admins = (await peopleWithRoles(deps.db, ['OFFICE_ADMIN'])).filter((p) => p.openId);
  const parts = [failed ? `${failed} 条发送失败` : '', pending ? `${pending} 条超过 10 分钟仍未发出` : ''].filter(
    Boolean,
  );
  const text =
    `【消息发送情况】招商助手有 ${parts.join('、')}，相关人员可能没有收到提醒或通知。` +
    '发送 /outbox 查看收件人和原因；排除原因后可用 /outbox resend 重发。';
  const day = localDate(now, deps.config.timezone);
  const sent = await remindPeople(
    deps.db,
    `outbox-failures:${day}`,
    admins.map((p) => p.openId!),
    text,
  );
  return { summary: `${parts.join('、')}，已通知 ${admins.length} 位办公室管理员`, messages: sent ? 1 : 0 };
}
