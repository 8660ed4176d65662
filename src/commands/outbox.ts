import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { listOutboxTrouble, namesOfOpenIds, resendOutboxRows, type OutboxTrouble } from '../db/outbox.js';
import { UserError } from '../errors.js';
import { reply } from '../feishu/answer.js';
import { OUTBOX_OVERDUE_MS } from '../feishu/outbox.js';

const SHOWN = 20;
const RESEND_USAGE = '/outbox resend 12（可写多个编号，用空格分开），或 /outbox resend all（重发全部失败消息）';

/** What Feishu's usual refusals mean, for the office. */
const FEISHU_REASONS: Record<string, string> = {
  '230001': '消息内容不符合飞书要求',
  '230002': '机器人不在这个群里（请把招商助手拉回群）',
  '230006': '应用未开启机器人能力',
  '230013': '对方不在应用的可用范围内（请在飞书管理后台把此人加入可用范围）',
  '230099': '卡片内容不符合飞书要求',
  '99992361': '飞书找不到这个用户',
  '232006': '群不存在或机器人不在群里',
  '500': '飞书服务暂时出错',
  network: '连不上飞书（网络或超时）',
};

/**
 * /outbox (office admins): the messages the bot could not deliver — FAILED ones with Feishu's
 * reason, and ones still waiting after 10 minutes — and `/outbox resend <编号…|all>` to queue them
 * again (after the cause is fixed, e.g. the bot added back to a group).
 */
export async function manageOutbox(input: CommandInput, deps: Deps): Promise<Reply> {
  if (!input.actor!.roles.includes('OFFICE_ADMIN'))
    return reply.text('发送队列只有办公室管理员可以查看和重发。如有人没收到提醒或通知，请联系区招商局办公室。');
  const [sub, ...rest] = input.args;
  const now = deps.clock.now();
  if (sub === 'resend') {
    const which = parseResendArgs(rest);
    const ids = await resendOutboxRows(deps.db, which, now);
    if (!ids.length)
      return reply.text(
        which === 'all'
          ? '目前没有发送失败的消息，无需重发。'
          : `没有找到可重发的消息：编号 ${which.map((i) => `#${i}`).join(' ')} 不存在，或已经发出。发送 /outbox 查看当前列表。`,
      );
    return reply.text(
      `已重新排队 ${ids.length} 条：${ids.map((i) => `#${i}`).join(' ')}，马上重新发送。若原因未排除（如机器人仍不在群里），会再次出现在 /outbox 中。`,
    );
  }
  if (sub) throw new UserError(`看发送队列请直接发 /outbox；重发请写 ${RESEND_USAGE}`);

  const trouble = await listOutboxTrouble(deps.db, {
    pendingSince: new Date(now.getTime() - OUTBOX_OVERDUE_MS),
    limit: SHOWN,
  });
  if (!trouble.rows.length) return reply.text('发送队列正常：没有发送失败或积压的消息。');
  const names = await namesOfOpenIds(deps.db, trouble.rows.flatMap(openIdsOf));
  const lines = trouble.rows.map((r) => describe(r, names, deps.config.timezone));
  const total = trouble.failed + trouble.pending;
  const more = total > trouble.rows.length ? `\n（只列出最早的 ${trouble.rows.length} 条，共 ${total} 条）` : '';
  const counts = [
    trouble.failed ? `${trouble.failed} 条发送失败` : '',
    trouble.pending ? `${trouble.pending} 条超过 10 分钟仍未发出` : '',
  ].filter(Boolean);
  return reply.text(
    `发送队列：${counts.join('，')}。\n\n` +
      `${lines.join('\n\n')}${more}\n\n` +
      `排除原因后重发：${RESEND_USAGE}。网络或飞书故障引起的积压会自动重试 24 小时，无需处理。`,
  );
}

function parseResendArgs(args: string[]): number[] | 'all' {
  if (args.length === 1 && args[0]!.toLowerCase() === 'all') return 'all';
  const ids = args.flatMap((a) => a.split(/[,，、]/)).filter(Boolean);
  if (!ids.length || !ids.every((a) => /^#?\d{1,9}$/.test(a)))
    throw new UserError(`请写要重发的消息编号，例如 ${RESEND_USAGE}`);
  return [...new Set(ids.map((a) => Number(a.replace('#', ''))))];
}

function openIdsOf(r: OutboxTrouble): string[] {
  if (r.kind === 'BATCH') return (JSON.parse(r.openIds ?? '[]') as string[]).slice(0, 3);
  return r.kind === 'SEND' && r.receiveIdType === 'open_id' && r.receiveId ? [r.receiveId] : [];
}

function describe(r: OutboxTrouble, names: Map<string, string>, tz: string): string {
  const state = r.status === 'FAILED' ? '【发送失败】' : '【仍在重试】';
  const at = r.createdAt.toLocaleString('zh-CN', { timeZone: tz, hour12: false }).slice(0, -3);
  return (
    `#${r.id} ${state}${receiverOf(r, names)} · ${at} 写入 · 已试 ${r.attempts} 次\n` +
    `内容：${preview(r)}\n` +
    `原因：${reasonOf(r.lastError)}`
  );
}

function receiverOf(r: OutboxTrouble, names: Map<string, string>): string {
  if (r.kind === 'BATCH') {
    const ids = JSON.parse(r.openIds ?? '[]') as string[];
    const shown = ids.slice(0, 3).map((id) => names.get(id) ?? id);
    return `发给 ${shown.join('、')}${ids.length > 3 ? ` 等 ${ids.length} 人` : ''}`;
  }
  if (r.kind === 'SEND' && r.receiveIdType === 'open_id') return `发给 ${names.get(r.receiveId ?? '') ?? r.receiveId}`;
  if (r.kind === 'SEND' && r.receiveIdType === 'chat_id') return `发到群 ${r.receiveId}`;
  if (r.kind === 'REPLY') return '回复用户的消息';
  if (r.kind === 'PATCH') return '更新已发出的卡片';
  return `发给 ${r.receiveId}`;
}

/** The first words of a text, or a card's title. */
function preview(r: OutboxTrouble): string {
  try {
    const c = JSON.parse(r.content) as { text?: string; header?: { title?: { content?: string } } };
    const text = c.text ?? c.header?.title?.content ?? (r.msgType === 'interactive' ? '（卡片）' : r.msgType);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return r.msgType;
  }
}

/** Feishu's code and message as stored, with what it means when it is a usual one. */
function reasonOf(lastError: string | null): string {
  if (!lastError) return '尚未发送（排队中）';
  const code = /^(?:24 小时内一直未能送达，最后一次：)?([^:]+):/.exec(lastError)?.[1] ?? '';
  const meaning = FEISHU_REASONS[code];
  return meaning ? `${meaning}（${lastError}）` : lastError;
}
