import { z } from 'zod';
import { isCalendarDate, isValidPhone } from '../../domain/contact-rules.js';
import { type AmountUnit, echoAmount, MAX_AMOUNT_WAN, type ParsedAmount, parseAmount } from '../../domain/money.js';
import { pickerDate } from './form.js';

// zod fields shared by the reporting cards. Each message names the field and says what to type,
// because it is shown in red under that field (refillForm) on a phone.

export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}最多 ${max} 个字`);
}

export function optionalText(label: string, max = 1000) {
  return z.string().trim().max(max, `${label}最多 ${max} 个字`).optional();
}

export function phoneField(label: string) {
  return z
    .string({ error: `请填写${label}` })
    .trim()
    .refine(isValidPhone, `${label}格式不对：手机号为 1 开头的 11 位数字，座机请带区号（如 0775-1234567）`);
}

/**
 * An amount typed into a text input, in the field's unit (万元 / 万美元): full-width digits, 3,500,
 * 1.2亿, 3500万元 are read (domain/money.ts parseAmount); anything else gets an error naming the field.
 */
export function amountField(label: string, unit: AmountUnit = '万元') {
  return z.preprocess(
    (v) => {
      if (typeof v !== 'string') return v;
      if (v.trim() === '') return undefined;
      const r = parseAmount(v, unit);
      return r.ok ? r.wan : r;
    },
    z.custom<number>().transform((r, ctx) => {
      const p = r as unknown as ParsedAmount | number;
      if (typeof p === 'number' && Number.isFinite(p) && p >= 0 && p <= MAX_AMOUNT_WAN) return p;
      const reason = typeof p === 'object' && p && !p.ok ? p.reason : `请填写 0 到 ${MAX_AMOUNT_WAN} 之间的数字`;
      ctx.addIssue({ code: 'custom', message: `${label}（${unit}）：${reason}` });
      return z.NEVER;
    }),
  );
}

/**
 * "意向投资额已按 12000 万元记录" for each amount field typed in another form than the plain number
 * (３５００, 1.2亿, 3,500 …), so the person sees what was stored; [] when every amount was plain.
 */
export function amountEchoes(
  formValue: Record<string, unknown>,
  fields: { name: string; label: string; unit?: AmountUnit }[],
): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const typed = formValue[f.name];
    if (typeof typed !== 'string' || typed.trim() === '') continue;
    const unit = f.unit ?? '万元';
    const r = parseAmount(typed, unit);
    if (r.ok && typed.trim() !== String(r.wan)) out.push(`${f.label}已按 ${echoAmount(r.wan, unit)}记录`);
  }
  return out;
}

/** A date picker's value ('2018-06-10 +0800') as 'YYYY-MM-DD', a real date, not after today. */
export function pastDateField(label: string, today: string) {
  return z.preprocess(
    (v) => pickerDate(v) ?? v,
    z
      .string({ error: `请选择${label}` })
      .refine(isCalendarDate, `${label}不是有效日期，请用日期选择器选择`)
      .refine((d) => d <= today, `${label}不能晚于今天（${today}）`),
  );
}

/** A date picker's value as 'YYYY-MM-DD' (future dates allowed: due dates). */
export function dateField(label: string) {
  return z.preprocess(
    (v) => pickerDate(v) ?? v,
    z.string({ error: `请选择${label}` }).refine(isCalendarDate, `${label}不是有效日期，请用日期选择器选择`),
  );
}
