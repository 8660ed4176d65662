import { approveReward, dropLead, findLeadState, payReward } from '../../db/lead-state.js';
import { mayDecideReward, mayDropLead } from '../../domain/authz.js';
import { parseRewardAmount, rewardState } from '../../domain/lead-reward.js';
import { answer } from '../../feishu/answer.js';
import { pickerDate } from '../shared/form.js';
import type { CardHandler } from '../types.js';
import { leadStateCard } from './view.js';

async function loadLead(value: Record<string, unknown>, db: Parameters<typeof findLeadState>[0]) {
  const id = Number(value.leadId);
  return Number.isInteger(id) ? findLeadState(db, id) : null;
}

/** 放弃这条线索: the squad or the office, with a reason; the lead stays in the records as 已放弃. */
export const dropLeadAction: CardHandler = async ({ actor, value, formValue }, deps) => {
  const lead = await loadLead(value, deps.db);
  if (!lead) return answer.error('没有找到这条线索，请发送 /leads 查看。');
  const refused = mayDropLead(actor!, lead.squadId);
  if (refused) return answer.error(refused);
  if (lead.status !== 'OPEN')
    return answer.error(lead.status === 'DROPPED' ? '这条线索已经放弃了。' : '这条线索已转为项目，不能放弃。');
  const reason = String(formValue.drop_reason ?? '').trim();
  if (!reason || reason.length > 200) {
    const error = reason ? '放弃原因最多 200 字' : '请写明放弃原因';
    return answer.fieldErrors(leadStateCard(lead), { drop_reason: error });
  }
  await dropLead(deps.db, lead.id, actor!.id, reason, deps.clock.now());
  const after = (await findLeadState(deps.db, lead.id))!;
  return answer.toastAndCard('已放弃这条线索', leadStateCard(after, `${actor!.name} 已放弃这条线索`));
};

/** 中介奖励: the office approves the amount of a due reward, then records the payment. */
export const decideRewardAction: CardHandler = async ({ actor, value, formValue }, deps) => {
  const refused = mayDecideReward(actor!);
  if (refused) return answer.error(refused);
  const lead = await loadLead(value, deps.db);
  if (!lead) return answer.error('没有找到这条线索，请发送 /leads 查看。');
  const state = rewardState({
    intermediaryReward: lead.intermediaryReward,
    projectStage: lead.project?.stage ?? null,
    row: lead.reward,
  });
  const now = deps.clock.now();
  if (value.step === 'approve') {
    if (state !== 'DUE')
      return answer.error(
        state === 'AGREED' ? '项目尚未签约，中介奖励还不到兑现的时候。' : '这笔中介奖励已经审核过了。',
      );
    const amount = parseRewardAmount(formValue.reward_amount);
    if ('error' in amount) return answer.fieldErrors(leadStateCard(lead), { reward_amount: amount.error });
    if (!(await approveReward(deps.db, lead.id, actor!.id, amount.value, now)))
      return answer.error('这笔中介奖励已经审核过了。');
  } else if (value.step === 'pay') {
    if (state !== 'APPROVED')
      return answer.error(state === 'PAID' ? '这笔中介奖励已登记支付。' : '中介奖励须先审核通过，才能登记支付。');
    const amount = parseRewardAmount(formValue.paid_amount);
    const paidOn = pickerDate(formValue.paid_on);
    if ('error' in amount || !paidOn)
      return answer.fieldErrors(leadStateCard(lead), {
        ...('error' in amount ? { paid_amount: amount.error } : {}),
        ...(paidOn ? {} : { paid_on: '请选择支付日期' }),
      });
    if (!(await payReward(deps.db, lead.id, actor!.id, { amountWan: amount.value, paidOn }, now)))
      return answer.error('这笔中介奖励已登记支付。');
  } else return answer.error('这张卡片已失效，请重新发送 /leadcard。');
  const after = (await findLeadState(deps.db, lead.id))!;
  const said = value.step === 'approve' ? '中介奖励已审核通过' : '中介奖励已登记支付';
  return answer.toastAndCard(said, leadStateCard(after, said));
};
