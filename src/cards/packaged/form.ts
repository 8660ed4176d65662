import { z } from 'zod';
import { materialsUrlProblem, PACKAGED_STATUSES } from '../../domain/packaged.js';
import { amountField, optionalText, pastDateField, requiredText } from '../shared/fields.js';
import { cleanFormValue, type FieldErrors, fieldErrorsOf } from '../shared/form.js';

// The forms of the packaged-project cards: registration and status change.

type FormResult<T> = { ok: true; values: T } | { ok: false; errors: FieldErrors };

const urlField = z
  .string()
  .trim()
  .superRefine((v, ctx) => {
    const problem = materialsUrlProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .optional();

function newFormOf(today: string) {
  return z.object({
    pk_name: requiredText('项目名称', 100),
    pk_owner: optionalText('责任单位', 50),
    pk_sector: optionalText('所属行业', 50),
    pk_investment: amountField('计划投资额'),
    pk_status: z.enum(PACKAGED_STATUSES, { error: '请选择状态' }),
    pk_date: pastDateField('日期', today),
    pk_url: urlField,
  });
}

export type PackagedNewValues = z.infer<ReturnType<typeof newFormOf>>;

export function readPackagedNewForm(formValue: Record<string, unknown>, today: string): FormResult<PackagedNewValues> {
  const parsed = newFormOf(today).safeParse(cleanFormValue(formValue));
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

function statusFormOf(today: string) {
  return z.object({
    pk_to: z.enum(PACKAGED_STATUSES, { error: '请选择新状态' }),
    pk_on: pastDateField('日期', today),
    pk_project: z.coerce.number().int().positive().optional(),
  });
}

export type PackagedStatusValues = z.infer<ReturnType<typeof statusFormOf>>;

export function readPackagedStatusForm(
  formValue: Record<string, unknown>,
  today: string,
): FormResult<PackagedStatusValues> {
  const parsed = statusFormOf(today).safeParse(cleanFormValue(formValue));
  return parsed.success
    ? { ok: true, values: parsed.data }
    : { ok: false, errors: fieldErrorsOf(parsed.error, { pk_project: '关联的项目' }) };
}
