import { z } from 'zod';
import { creditCodeProblem, normaliseCompanyName, normaliseCreditCode } from '../../domain/company-name.js';
import { LEAD_SOURCES, LEAD_SOURCE_LABELS, type LeadSource } from '../../domain/vocabulary.js';
import { amountField, optionalText, phoneField, requiredText } from '../shared/fields.js';

// The lead form's fields (cards/lead.json), checked field by field. Leads from outside the
// government (社会化招商) must name who brought them and the reward agreed (中介奖励).

export const LeadForm = z
  .object({
    company: requiredText('企业名称', 100).refine(
      (s) => normaliseCompanyName(s) !== '',
      '企业名称请填写完整的企业名称',
    ),
    source: z.enum(LEAD_SOURCES, { error: '请选择线索来源' }),
    intermediary_name: optionalText('推荐方名称', 100),
    intermediary_reward: optionalText('约定奖励', 200),
    sector: optionalText('所属行业', 50),
    investment: amountField('意向投资额').optional(),
    credit_code: z
      .string()
      .transform(normaliseCreditCode)
      .superRefine((code, ctx) => {
        const problem = creditCodeProblem(code);
        if (problem) ctx.addIssue({ code: 'custom', message: `统一社会信用代码${problem}；不清楚可以不填` });
      })
      .optional(),
    contact_name: optionalText('联系人', 50),
    phone: phoneField('联系电话').optional(),
    description: optionalText('线索情况', 1000),
  })
  .superRefine((v, ctx) => {
    if (v.source === 'VISIT') return;
    const label = LEAD_SOURCE_LABELS[v.source as LeadSource];
    if (!v.intermediary_name)
      ctx.addIssue({ code: 'custom', path: ['intermediary_name'], message: `来源为“${label}”时，请填写推荐方名称` });
    if (!v.intermediary_reward)
      ctx.addIssue({
        code: 'custom',
        path: ['intermediary_reward'],
        message: `来源为“${label}”时，请填写约定的奖励（没有约定请填“无”）`,
      });
  });
export type LeadForm = z.infer<typeof LeadForm>;
