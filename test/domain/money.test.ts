import { describe, expect, it } from 'vitest';
import { echoAmount, formatUsdWan, formatWan, parseAmount } from '../../src/domain/money.js';

describe('formatWan', () => {
  it.each([
    [10000, '1亿元'],
    [3500, '3500万元'],
    [12500, '1.25亿元'],
    [600000, '60亿元'],
    [0, '0万元'],
    [3500.5, '3500.5万元'],
    [9999.999, '10000万元'],
    [-200, '-200万元'],
  ])('%s 万元 → %s', (wan, text) => expect(formatWan(wan)).toBe(text));
});

describe('formatUsdWan', () => {
  it.each([
    [8300, '8300万美元'],
    [12000, '1.2亿美元'],
    [0.5, '0.5万美元'],
  ])('%s 万美元 → %s', (wan, text) => expect(formatUsdWan(wan)).toBe(text));
});

describe('parseAmount: amounts as people type them, in the unit the field asks for', () => {
  it.each([
    ['a plain number is already 万元', '3500', 3500],
    ['full-width digits', '３５００', 3500],
    ['full-width digits and point', '１２．５', 12.5],
    ['thousands separators', '3,500', 3500],
    ['a full-width comma as separator', '3，500', 3500],
    ['亿', '1.2亿', 12000],
    ['亿 is exact in decimal (no 11000.000000000002)', '1.1亿', 11000],
    ['亿元 with a space', '1.2 亿元', 12000],
    ['万', '3500万', 3500],
    ['万元', '3500万元', 3500],
    ['亿 then 万', '1亿2000万', 12000],
    ['千万', '2千万', 2000],
    ['plain 元', '5000元', 0.5],
    ['a yuan sign with a magnitude', '¥1.2亿', 12000],
    ['zero', '0', 0],
    ['the largest amount', '1000亿', 10_000_000],
  ])('%s: %s → %s 万元', (_, text, wan) => expect(parseAmount(text, '万元')).toEqual({ ok: true, wan }));

  it.each([
    ['a plain number is 万美元', '8300', 8300],
    ['亿 without currency', '1.2亿', 12000],
    ['万美元', '800万美元', 800],
    ['美金', '800万美金', 800],
    ['亿美元', '1.2亿美元', 12000],
  ])('%s: %s → %s 万美元', (_, text, wan) => expect(parseAmount(text, '万美元')).toEqual({ ok: true, wan }));

  it.each([
    ['words', 'abc', '看不懂「abc」'],
    ['Chinese numerals', '三千万', '看不懂'],
    ['a wrong thousands group', '3,50', '看不懂'],
    ['two points', '1.2.3', '看不懂'],
    ['magnitudes out of order', '2000万1亿', '看不懂'],
    ['negative', '-5', '不能是负数'],
    ['too large', '1001亿', '不能超过 10000000 万元'],
    ['exponent notation', '1e308', '看不懂'],
    ['dollars in a 万元 field', '800万美元', '请换算成人民币'],
    ['a sign without a unit', '¥3500', '请写明单位'],
  ])('%s: %s is refused', (_, text, reason) => {
    const r = parseAmount(text, '万元');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(reason);
  });

  it('yuan in a 万美元 field is refused', () => {
    const r = parseAmount('1.2亿元', '万美元');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('单位是万美元') });
  });

  it.each([
    [12000, '万元', '12000 万元'],
    [0.5, '万元', '0.5 万元'],
    [8300, '万美元', '8300 万美元'],
  ] as const)('echoAmount(%s, %s) → %s', (wan, unit, text) => expect(echoAmount(wan, unit)).toBe(text));
});
