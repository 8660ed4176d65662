import { z } from 'zod';
import { VETO_CATEGORIES } from '../../domain/review.js';
import { cleanFormValue, type FieldErrors, fieldErrorsOf } from '../shared/form.js';

// What the review cards carry in their buttons and forms.

/** The start card and the project card's 联合预审 button: the project. */
export const ProjectValue = z.object({ projectId: z.coerce.number().int().positive() });

export const StartForm = z.object({
  units: z.array(z.string()),
  /** Why a plan unit is left out, or why a vetoed project is reviewed again. */
  reason: z.string().trim().max(500, '理由最多 500 字，请精简'),
});

/** The opinion card's buttons: 提交预审意见 (the decision picked in the form) or 一票否决 (`decision: 'VETO'`). */
export const OpinionValue = z.object({
  opinionId: z.coerce.number().int().positive(),
  decision: z.literal('VETO').optional(),
});

const OpinionForm = z
  .object({
    decision: z.enum(['PASS', 'CONDITIONAL', 'VETO'], {
      error: '请选择预审意见：同意或附条件同意（否决请点「一票否决」）',
    }),
    conditions: z.string().max(1000, '附加条件最多 1000 字，请精简').optional(),
    veto_category: z.enum(VETO_CATEGORIES, { error: '请选择否决类别' }).optional(),
    reason: z.string().max(1000, '否决理由最多 1000 字，请精简').optional(),
  })
  .superRefine((f, ctx) => {
    if (f.decision === 'CONDITIONAL' && !f.conditions)
      ctx.addIssue({ code: 'custom', path: ['conditions'], message: '附条件同意须填写附加条件' });
    if (f.decision === 'VETO' && !f.veto_category)
      ctx.addIssue({
        code: 'custom',
        path: ['veto_category'],
        message: '否决须选择否决类别（环保、用地、产业政策、安全生产或其他）',
      });
    if (f.decision === 'VETO' && !f.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: '否决须写明理由' });
  });

export type OpinionValues = z.infer<typeof OpinionForm>;

/**
 * The submitted opinion form, or one message per field that does not validate. The 一票否决 button
 * decides by itself (`decision`), whatever the select shows.
 */
export function readOpinionForm(
  formValue: Record<string, unknown>,
  decision?: 'VETO',
): { ok: true; values: OpinionValues } | { ok: false; errors: FieldErrors } {
  const form = cleanFormValue(formValue);
  const parsed = OpinionForm.safeParse(decision ? { ...form, decision } : form);
  return parsed.success ? { ok: true, values: parsed.data } : { ok: false, errors: fieldErrorsOf(parsed.error) };
}

export const OverruleValue = z.object({ reviewId: z.coerce.number().int().positive() });

export const OverruleForm = z.object({
  overrule_reason: z.string().trim().min(1, '请填写推翻否决的理由').max(1000, '理由最多 1000 字，请精简'),
});
