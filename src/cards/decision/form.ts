import { z } from 'zod';
import { dateField, requiredText } from '../shared/fields.js';
import { cleanFormValue, type FieldErrors, fieldErrorsOf } from '../shared/form.js';

// The decision form and the 办结 note, checked on the server (Feishu checks only `required`).

export const OWNER_NOT_ON_ROSTER = '责任人：请从列表中选择名册中已绑定飞书的人员';

function decisionFormOf(today: string) {
  return z.object({
    decision_title: requiredText('决定事项', 500),
    decision_owner: z.string({ error: '请选择责任人' }),
    decision_due: dateField('完成时限').refine((d) => d >= today, `完成时限不能早于今天（${today}），请重新选择`),
  });
}

export type DecisionValues = z.infer<ReturnType<typeof decisionFormOf>>;

export function readDecisionForm(
  formValue: Record<string, unknown>,
  today: string,
): { ok: true; values: DecisionValues } | { ok: false; errors: FieldErrors } {
  const parsed = decisionFormOf(today).safeParse(cleanFormValue(formValue));
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

const CloseForm = z.object({
  close_note: z
    .string({ error: '请写明办理情况：做了什么、结果如何' })
    .min(4, '办理情况太短，请写明做了什么、结果如何（至少 4 个字）')
    .max(500, '办理情况最多 500 字'),
});

export function readCloseNote(
  formValue: Record<string, unknown>,
): { ok: true; note: string } | { ok: false; errors: FieldErrors } {
  const parsed = CloseForm.safeParse(cleanFormValue(formValue));
  return parsed.success
    ? { ok: true, note: parsed.data.close_note }
    : { ok: false, errors: fieldErrorsOf(parsed.error) };
}
