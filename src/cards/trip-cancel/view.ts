import type { Card } from '../../feishu/answer.js';
import type { Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

/** The button on the traveller's plan card that starts a cancellation. */
export function cancelTripButton(tripId: number): Element {
  return {
    tag: 'button',
    name: 'trip_cancel_open',
    type: 'danger_text',
    text: { tag: 'plain_text', content: '取消本次外出' },
    behaviors: [{ type: 'callback', value: { action: 'trip.cancel', tripId } }],
  };
}

/** Asks for the reason; the plan is cancelled only when it is given. */
export function tripCancelCard(t: { id: number; destination: string; startDate: string }): Card {
  return renderCard('trip-cancel', {
    title: '取消外出招商计划',
    subtitle: `${t.destination} · ${t.startDate}`,
    elements: [
      {
        tag: 'markdown',
        content: `确定取消去 **${escapeMarkdown(t.destination)}**（${t.startDate} 出发）的外出招商计划吗？`,
      },
      {
        tag: 'form',
        name: 'trip_cancel_form',
        elements: [
          {
            tag: 'input',
            name: 'cancel_reason',
            required: true,
            max_length: 200,
            label: { tag: 'plain_text', content: '取消原因' },
            label_position: 'top',
            placeholder: { tag: 'plain_text', content: '例如：企业临时改期，下月再去' },
          },
          {
            tag: 'button',
            name: 'trip_cancel_submit',
            type: 'danger_filled',
            width: 'fill',
            form_action_type: 'submit',
            text: { tag: 'plain_text', content: '确认取消' },
            behaviors: [{ type: 'callback', value: { action: 'trip.cancel', tripId: t.id, confirm: true } }],
          },
        ],
      },
    ],
    footer: '取消后这次外出不计入外出招商次数，也不再出现在 /tripreport；审批人和队长会收到通知。',
  });
}

/** The line under a cancelled plan: who and why. */
export function cancelledLine(reason: string): Element {
  return { tag: 'markdown', content: `**已取消**，原因：${escapeMarkdown(reason)}` };
}
