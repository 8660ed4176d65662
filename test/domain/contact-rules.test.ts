import { describe, expect, it } from 'vitest';
import { isCalendarDate, isValidPhone } from '../../src/domain/contact-rules.js';

describe('isValidPhone', () => {
  it.each([
    ['mobile', '13812345678', true],
    ['mobile with spaces', '138 1234 5678', true],
    ['mobile with +86', '+8613812345678', true],
    ['landline with dash', '0775-4561234', true],
    ['landline 3-digit area code', '020-12345678', true],
    ['landline with extension', '0775-4561234-801', true],
    ['10 digits', '1381234567', false],
    ['12 digits', '138123456789', false],
    ['landline without area code', '4561234', false],
    ['letters', '138abc45678', false],
    ['empty', '', false],
  ])('%s: %s', (_, s, ok) => expect(isValidPhone(s)).toBe(ok));
});

describe('isCalendarDate', () => {
  it.each([
    ['2018-06-10', true],
    ['2018-02-30', false],
    ['2018-6-1', false],
    ['明天', false],
  ])('%s', (s, ok) => expect(isCalendarDate(s)).toBe(ok));
});
