import { z } from 'zod';
import { isCalendarDate, isValidPhone } from '../../domain/contact-rules.js';
import { MAX_AMOUNT_WAN } from '../../domain/money.js';
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

/** An amount in 万元 / 万美元 typed into a text input: a finite number from 0 to MAX_AMOUNT_WAN. */
export function amountField(label: string, unit = '万元') {
  const msg = `${label}请填写 0 到 ${MAX_AMOUNT_WAN} 之间的数字（单位：${unit}），例如 3500`;
  return z.preprocess(
    (v) =>
      typeof v === 'string' ? (v.replace(/[,，\s]/g, '') === '' ? undefined : Number(v.replace(/[,，\s]/g, ''))) : v,
    z.number({ error: msg }).finite(msg).min(0, msg).max(MAX_AMOUNT_WAN, msg),
  );
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
