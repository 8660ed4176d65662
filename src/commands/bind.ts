import { recordAudit } from '../db/audit-trail.js';
import { ensureEnvAdminRole } from '../db/env-admins.js';
import { findPeopleNamed, forgetUnknownSender, listRosterNames, moveOpenId } from '../db/people.js';
import type { Deps } from '../deps.js';
import { isOfficeActor, mayBindPeople } from '../domain/authz.js';
import { reply, type Reply } from '../feishu/answer.js';
import { enqueueMessage, textContent } from '../feishu/outbox.js';
import { lookUpRoster, storeRosterBindings } from '../feishu/roster-binding.js';
import { queueFeishuTask, replyToTask, type TaskWork } from '../feishu/tasks.js';
import { editDistance } from '../domain/closest-name.js';
import type { CommandInput } from './types.js';

const USAGE = '/bind 姓名 @某人';

/** `/bind 姓名 [单位] @某人`: an office admin binds a roster person to a Feishu account. */
export async function bindPerson(input: CommandInput, deps: Deps): Promise<Reply> {
  const envAdmin = deps.config.adminOpenIds.includes(input.senderOpenId);
  const refused = mayBindPeople(input.actor, envAdmin);
  if (refused) return reply.text(refused);
  // Mentions arrive as `@name` in the text; names may contain spaces, so cut them out before splitting.
  let rest = input.text.replace(/^[/／]\S+/, '');
  for (const m of input.people) rest = rest.split(`@${m.name ?? m.key}`).join(' ');
  const words = rest.split(' ').filter((w) => w && !w.startsWith('@'));
  const [name, unitName] = words;
  if (!name) return reply.text(`请写出要绑定的姓名并 @ 这个人，例如：${USAGE}`);
  if (input.people.length === 0) return reply.text(`请在命令里 @ 要绑定的人，例如：/bind ${name} @某人`);
  if (input.people.length > 1) return reply.text('一次只能绑定一个人：请只 @ 一个人。');
  const openId = input.people[0]!.id.open_id;
  if (!openId) return reply.text('没有读到被 @ 的人的飞书账号，请重新 @ 一次。');

  const candidates = await findPeopleNamed(deps.db, name);
  const matches = unitName
    ? candidates.filter((p) => p.unitName === unitName || p.unitName === unitName.replace(/^区/, ''))
    : candidates;
  if (matches.length === 0) {
    if (candidates.length > 0)
      return reply.text(
        `「${name}」不在「${unitName}」。名册中的「${name}」在：${candidates.map((p) => p.unitName ?? '未填单位').join('、')}。`,
      );
    const near = await closeNames(deps, name);
    return reply.text(
      `名册中没有「${name}」。${near.length ? `相近的姓名：${near.join('、')}。` : ''}请检查姓名，或先请区招商局把此人加入名册。`,
    );
  }
  if (matches.length > 1) {
    const units = matches.map((p) => p.unitName ?? '未填单位').join('、');
    return reply.text(`名册中有 ${matches.length} 位「${name}」（${units}），请写上单位：/bind ${name} 单位 @某人`);
  }
  const person = matches[0]!;
  const label = `${person.name}（${person.unitName ?? '未填单位'}${person.title ? '·' + person.title : ''}）`;
  if (person.openId === openId) return reply.text(`${label} 已经绑定这个飞书账号，无需重复绑定。`);

  const holder = await moveOpenId(deps.db, person.id, openId);
  await recordAudit(deps.db, input.actor ?? { openId: input.senderOpenId }, 'person.bind', 'Person', person.id, {
    openId,
    previousOpenId: person.openId,
    movedFrom: holder ? { id: holder.id, name: holder.name } : null,
    via: '/bind',
  });
  await ensureEnvAdminRole(deps.db, deps.config.adminOpenIds, openId);
  await forgetUnknownSender(deps.db, openId);
  await enqueueMessage(deps.db, {
    dedupKey: `bind-welcome:${input.messageId}`,
    to: { type: 'open_id', id: openId },
    msgType: 'text',
    content: textContent(`你已加入招商工作名册：${label}。发送 /help 查看可用的命令。`),
  });
  const moved = holder ? `（这个飞书账号原来绑定的是 ${holder.name}，已改绑）` : '';
  return reply.text(`已将 ${label} 绑定到 @${input.people[0]!.name ?? '该用户'}${moved}。`);
}

async function closeNames(deps: Deps, name: string): Promise<string[]> {
  const all = await listRosterNames(deps.db);
  return all
    .map((n) => ({ n, d: n.includes(name) || name.includes(n) ? 0 : editDistance(name, n) }))
    .filter((x) => x.d <= Math.max(1, Math.floor(name.length / 2)))
    .sort((a, b) => a.d - b.d || a.n.localeCompare(b.n, 'zh'))
    .slice(0, 5)
    .map((x) => x.n);
}

/** `/bind-roster`: the office re-runs the mobile/e-mail binding of the whole roster (a task: Feishu is asked after the commit). */
export async function rebindRoster(input: CommandInput, deps: Deps): Promise<Reply> {
  const envAdmin = deps.config.adminOpenIds.includes(input.senderOpenId);
  if (!envAdmin && !(input.actor && isOfficeActor(input.actor))) return reply.text('只有区招商局可以重新绑定名册。');
  await queueFeishuTask(deps.db, {
    requestKey: `bind-roster:${input.messageId}`,
    kind: 'BIND_ROSTER',
    input: {},
    actor: input.actor,
    senderOpenId: input.senderOpenId,
    chatId: input.chatId,
    messageId: input.messageId,
  });
  return reply.text('正在按手机号和邮箱在飞书中查找名册上还没绑定的人，完成后告诉你结果。');
}

/** After the commit: the look-up, then the bindings, their audit and the report, in one transaction. */
export const bindRosterTask: TaskWork = {
  async run(task, deps) {
    const lookup = await lookUpRoster(deps.db, deps.lark);
    return async (tx) => {
      const res = await storeRosterBindings(tx.db, lookup);
      await recordAudit(tx.db, { id: task.actorId, openId: task.actorOpenId }, 'roster.bind', 'Person', '*', res);
      const notFound = res.notFound.length
        ? `\n未找到 ${res.notFound.length} 人（手机号或邮箱在飞书中查不到）：` +
          `${res.notFound.slice(0, 30).join('、')}${res.notFound.length > 30 ? ' 等' : ''}。可以用 ${USAGE} 逐个绑定。`
        : '';
      await replyToTask(tx.db, task, 'done', {
        msgType: 'text',
        content: textContent(`名册绑定完成：新绑定 ${res.bound} 人。${notFound}`),
      });
    };
  },
  failure(_task, reason) {
    return reason
      ? `名册绑定没有完成，什么也没有修改：${reason}`
      : '名册绑定没有完成，什么也没有修改：飞书通讯录一直没有响应。请稍后重新发送 /bind-roster。';
  },
};
