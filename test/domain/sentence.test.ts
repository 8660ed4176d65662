import { describe, expect, it } from 'vitest';
import { unansweredNote } from '../../src/domain/review.js';
import { endSentence } from '../../src/domain/sentence.js';

describe('endSentence', () => {
  it.each([
    ['同意推进', '同意推进。'],
    ['同意推进。', '同意推进。'],
    ['同意推进。。 ', '同意推进。'],
    ['同意推进；', '同意推进。'],
    ['同意推进，', '同意推进。'],
    ['确有必要！', '确有必要！'],
    ['why?', 'why？'],
    ['  ', ''],
  ])('%j → %j', (text, want) => expect(endSentence(text)).toBe(want));
});

describe('unansweredNote', () => {
  const o = (unitName: string, decision: string) => ({ unitName, decision });
  it('counts and names the units that never answered', () =>
    expect(unansweredNote({ opinions: [o('环保局', 'VETO'), o('经贸局', 'PENDING'), o('政务办', 'PENDING')] })).toBe(
      '另有 2 个单位未出具意见（经贸局、政务办），预审已结束，无需再出具。',
    ));
  it('says nothing when every unit answered', () =>
    expect(unansweredNote({ opinions: [o('环保局', 'VETO'), o('经贸局', 'PASS')] })).toBe(''));
});
