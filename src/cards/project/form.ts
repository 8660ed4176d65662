import { z } from 'zod';
import { PROJECT_STAGES } from '../../domain/vocabulary.js';
import { amountField, dateField, optionalText, pastDateField, requiredText } from '../shared/fields.js';
import { cleanFormValue, type FieldErrors, fieldErrorsOf } from '../shared/form.js';

// The forms of the project card: stage update, new task, helper.

type FormResult<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

/** The stage form; a stage date may not be after `today`. */
function stageFormOf(today: string) {
  return z.object({
    to_stage: z.enum(PROJECT_STAGES, { error: '请选择阶段' }),
    stage_date: pastDateField('日期', today),
    investment: amountField('投资额').optional(),
    funds_added: amountField('本次新增到位资金').optional(),
    fx_added: amountField('本次新增实际利用外资', '万美元').optional(),
    evidence: optionalText('佐证说明', 500),
  });
}

export type StageValues = z.infer<ReturnType<typeof stageFormOf>>;

export function readStageForm(formValue: Record<string, unknown>, today: string): FormResult<StageValues> {
  const parsed = stageFormOf(today).safeParse(cleanFormValue(formValue));
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

const TaskForm = z.object({
  task_title: requiredText('任务', 200),
  task_due: dateField('办结期限'),
  task_assignee: z.string().optional(),
});

export type TaskValues = z.infer<typeof TaskForm>;

export function readTaskForm(formValue: Record<string, unknown>): FormResult<TaskValues> {
  const parsed = TaskForm.safeParse(cleanFormValue(formValue));
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

export const HELPER_REQUIRED = '请从列表中选择帮办中心的人员';

/** The open_id picked on the helper form ('' when none). */
export function readHelperForm(formValue: Record<string, unknown>): string {
  return typeof formValue.helper === 'string' ? formValue.helper : '';
}
