import { describe, expect, it } from 'vitest';
import { leadCompany } from '../../bench/lead-names.js';
import { nearNames } from '../../src/domain/closest-name.js';
import { normaliseCompanyName } from '../../src/domain/company-name.js';

// The submit bench counts a lead submit only when it writes its lead: its names must be distinct
// and never near one another, or the duplicate check would answer 可能重复 and write nothing.

describe('the submit bench’s company names', () => {
  it('are distinct and none is near another', () => {
    const keys = Array.from({ length: 600 }, (_, k) => normaliseCompanyName(leadCompany(k)));
    expect(new Set(keys).size).toBe(keys.length);
    const all = keys.map((key) => ({ key }));
    for (const key of keys) expect(nearNames(key, all), key).toEqual([]);
  });
});
