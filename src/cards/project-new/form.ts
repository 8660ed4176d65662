import { z } from 'zod';
import { amountField, optionalText, requiredText } from '../shared/fields.js';
import { cleanFormValue, type FieldErrors, fieldErrorsOf } from '../shared/form.js';

const ProjectNewForm = z.object({
  project_name: requiredText('项目名称', 100),
  company: requiredText('投资企业', 100),
  sector: optionalText('所属行业', 50),
  investment: amountField('计划投资额'),
  lead: z.coerce.number().int().positive().optional(),
});

export type ProjectNewValues = z.infer<typeof ProjectNewForm>;

/** The submitted new-project form, or one message per field that does not validate. */
export function readProjectNewForm(
  formValue: Record<string, unknown>,
): { ok: true; values: ProjectNewValues } | { ok: false; errors: FieldErrors } {
  const parsed = ProjectNewForm.safeParse(cleanFormValue(formValue));
  return parsed.success
    ? { ok: true, values: parsed.data }
    : { ok: false, errors: fieldErrorsOf(parsed.error, { lead: '招商线索' }) };
}
