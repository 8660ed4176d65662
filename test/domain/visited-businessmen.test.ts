import { describe, expect, it } from 'vitest';
import { fitBusinessmenLines, type VisitedBusinessman } from '../../src/domain/visited-businessmen.js';

const man = (i: number, extra = ''): VisitedBusinessman => ({
  name: `客商${i}`,
  company: `公司${i}${extra}`,
  address: '',
  position: '',
  contact: '',
  businessScope: '',
  investmentIntent: '',
});

describe('fitBusinessmenLines', () => {
  it.each([
    ['nothing to fit', [], 100, { text: '', count: 0 }],
    ['everything fits', [man(1), man(2)], 100, { text: '客商1｜公司1\n客商2｜公司2', count: 2 }],
    ['exactly the maximum fits', [man(1), man(2)], 15, { text: '客商1｜公司1\n客商2｜公司2', count: 2 }],
    ['one character short leaves the last line out', [man(1), man(2)], 14, { text: '客商1｜公司1', count: 1 }],
    ['a first line too long leaves everything out', [man(1, '很'.repeat(50))], 20, { text: '', count: 0 }],
    [
      'stops at the first line that does not fit',
      [man(1), man(2, '很'.repeat(50)), man(3)],
      40,
      { text: '客商1｜公司1', count: 1 },
    ],
  ])('%s', (_, list, max, want) => expect(fitBusinessmenLines(list, max)).toEqual(want));
});
