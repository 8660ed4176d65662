import { describe, expect, it } from 'vitest';
import { localDate, localDateTime, localMonth } from '../../src/domain/local-date.js';

describe('local dates', () => {
  it('reads an instant in the zone, across midnight and month ends', () => {
    const at = new Date('2018-06-30T16:30:00Z'); // 00:30 on 1 July in Shanghai
    expect(localDate(at, 'Asia/Shanghai')).toBe('2018-07-01');
    expect(localDateTime(at, 'Asia/Shanghai')).toBe('2018-07-01 00:30');
    expect(localMonth(at, 'Asia/Shanghai')).toBe('2018-07');
    expect(localDate(at, 'UTC')).toBe('2018-06-30');
  });

  it('writes midnight as 00, not 24, and follows a zone with summer time', () => {
    expect(localDateTime(new Date('2018-06-24T16:00:00Z'), 'Asia/Shanghai')).toBe('2018-06-25 00:00');
    expect(localDateTime(new Date('2018-07-01T12:05:00Z'), 'America/New_York')).toBe('2018-07-01 08:05');
    expect(localDateTime(new Date('2018-01-01T12:05:00Z'), 'America/New_York')).toBe('2018-01-01 07:05');
  });
});
