// Formats people type on a phone, checked the same way on every card.

/** Mainland mobile (11 digits starting with 1) or a landline with its area code (0775-1234567). */
export function isValidPhone(raw: string): boolean {
  const s = raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(）)]/g, '')
    .replace(/^\+?86-?/, '');
  if (/^1\d{10}$/.test(s)) return true;
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s);
}

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}
