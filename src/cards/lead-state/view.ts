import type { LeadState } from '../../db/lead-state.js';
import { REWARD_STATE_LABELS, rewardState } from '../../domain/lead-reward.js';
import { LEAD_SOURCE_LABELS, STAGE_LABELS, type LeadSource, type ProjectStage } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { md, note, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

const STATUS: Record<string, { label: string; colour: string; tag: string }> = {
  OPEN: { label: '跟进中', colour: 'blue', tag: 'blue' },
  CONVERTED: { label: '已转项目', colour: 'green', tag: 'green' },
  DROPPED: { label: '已放弃', colour: 'grey', tag: 'neutral' },
};

function input(name: string, label: string, placeholder: string, maxLength = 200): Element {
  return {
    tag: 'input',
    name,
    required: true,
    max_length: maxLength,
    label: { tag: 'plain_text', content: label },
    label_position: 'top',
    placeholder: { tag: 'plain_text', content: placeholder },
  };
}

function form(
  name: string,
  fields: Element[],
  button: { name: string; text: string; value: Record<string, unknown>; danger?: boolean },
): Element {
  return {
    tag: 'form',
    name,
    elements: [
      ...fields,
      {
        tag: 'button',
        name: button.name,
        type: button.danger ? 'danger' : 'primary_filled',
        width: 'fill',
        form_action_type: 'submit',
        text: { tag: 'plain_text', content: button.text },
        behaviors: [{ type: 'callback', value: button.value }],
      },
    ],
  };
}

const wan = (n: number) => `${n} 万元`;

/** /leadcard: one lead, its state and its intermediary reward, with the forms that move them on. */
export function leadStateCard(l: LeadState, notice?: string): Card {
  const s = STATUS[l.status] ?? STATUS.OPEN!;
  const reward = rewardState({
    intermediaryReward: l.intermediaryReward,
    projectStage: l.project?.stage ?? null,
    row: l.reward,
  });
  const lines = [
    `**编号**：${l.id}　**登记日期**：${l.createdOn}`,
    `**来源**：${LEAD_SOURCE_LABELS[l.source as LeadSource] ?? l.source}${l.intermediaryName ? `（${escapeMarkdown(l.intermediaryName)}）` : ''}`,
    l.project
      ? `**项目**：${escapeMarkdown(l.project.name)}（${STAGE_LABELS[l.project.stage as ProjectStage] ?? l.project.stage}${l.project.signedOn ? `，${l.project.signedOn} 签约` : ''}）`
      : '**项目**：尚未转为项目',
  ];
  if (l.status === 'DROPPED') lines.push(`**放弃原因**：${escapeMarkdown(l.dropReason ?? '')}`);
  const elements: Element[] = [];
  if (notice) elements.push(md(`<font color='green'>${escapeMarkdown(notice)}</font>`));
  elements.push(md(lines.join('\n')));
  if (reward !== 'NONE') {
    const rewardLines = [
      `**中介奖励**：${REWARD_STATE_LABELS[reward]}`,
      `约定：${escapeMarkdown(l.intermediaryReward ?? '')}`,
      ...(l.reward ? [`审核金额：${wan(l.reward.approvedAmountWan)}`] : []),
      ...(l.reward?.paidAmountWan != null ? [`已支付：${wan(l.reward.paidAmountWan)}（${l.reward.paidOn}）`] : []),
    ];
    elements.push(md(rewardLines.join('\n')));
  }
  if (reward === 'DUE')
    elements.push(
      form('reward_approve_form', [input('reward_amount', '审核金额（万元）', '例如 5', 20)], {
        name: 'reward_approve',
        text: '审核通过（办公室）',
        value: { action: 'lead.reward', leadId: l.id, step: 'approve' },
      }),
    );
  if (reward === 'APPROVED')
    elements.push(
      form(
        'reward_pay_form',
        [
          input('paid_amount', '实付金额（万元）', '例如 5', 20),
          {
            tag: 'date_picker',
            name: 'paid_on',
            required: true,
            placeholder: { tag: 'plain_text', content: '支付日期' },
          },
        ],
        {
          name: 'reward_pay',
          text: '登记已支付（办公室）',
          value: { action: 'lead.reward', leadId: l.id, step: 'pay' },
        },
      ),
    );
  if (l.status === 'OPEN')
    elements.push(
      form('lead_drop_form', [input('drop_reason', '放弃原因', '例如：企业已落户外地')], {
        name: 'lead_drop',
        text: '放弃这条线索',
        value: { action: 'lead.drop', leadId: l.id },
        danger: true,
      }),
    );
  else if (reward === 'NONE' || reward === 'PAID') elements.push(note('这条线索没有需要办理的事项。'));
  return renderCard('lead-state', {
    title: l.company,
    subtitle: l.squadName,
    colour: s.colour,
    status: s.label,
    tagColour: s.tag,
    elements,
    footer: '放弃的线索不再计入跟进中，但保留在记录里。中介奖励：项目签约后应兑现，由区招商局审核金额并登记支付。',
  });
}
