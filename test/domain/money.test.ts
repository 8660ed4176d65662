import { describe, expect, it } from 'vitest';
import { formatUsdWan, formatWan } from '../../src/domain/money.js';

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
