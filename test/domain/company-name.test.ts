import { describe, expect, it } from 'vitest';
import { nearNames } from '../../src/domain/closest-name.js';
import {
  creditCodeProblem,
  normaliseCompanyName,
  normaliseCreditCode,
  toHalfWidth,
} from '../../src/domain/company-name.js';

describe('normaliseCompanyName', () => {
  it.each([
    ['suffix 有限公司 is dropped', '华南羽绒有限公司', '华南羽绒'],
    ['有限责任公司 and spaces', ' 贵港 华南羽绒 有限责任公司 ', '华南羽绒'],
    ['股份有限公司 before 有限公司', '华南羽绒股份有限公司', '华南羽绒'],
    ['集团有限公司 and 集团 alone agree', '恒达科技集团有限公司', '恒达科技'],
    ['集团 alone', '恒达科技集团', '恒达科技'],
    ['full-width letters and brackets; a region in brackets stays', '（广州）ＡＢＣ电子有限公司', '广州abc电子'],
    ['punctuation goes', '星河·科技-发展，有限公司。', '星河科技发展'],
    ['English legal forms', 'Acme Co., Ltd.', 'acme'],
    ['a name that is only a suffix stays', '有限公司', '有限公司'],
    ['empty stays empty', '  ', ''],
  ])('%s', (_, input, key) => expect(normaliseCompanyName(input)).toBe(key));

  it('two spellings of one business give one key', () => {
    expect(normaliseCompanyName('贵港市 华南羽绒制品有限公司')).toBe(
      normaliseCompanyName('贵港市华南羽绒制品股份有限公司'),
    );
  });

  it('folds full-width ASCII and the ideographic space', () => {
    expect(toHalfWidth('ＡＢ１２！\u3000')).toBe('AB12! ');
  });
});

describe('normaliseCompanyName: leading place names and traditional characters', () => {
  const key = '盛丰服饰';
  it.each([
    ['the plain name', '东莞盛丰服饰有限公司'],
    ['the city with 市', '东莞市盛丰服饰有限公司'],
    ['traditional characters', '東莞盛豐服飾有限公司'],
    ['traditional with 市', '東莞市盛豐服飾有限公司'],
    ['province and city', '广东省东莞市盛丰服饰有限公司'],
    ['an autonomous region, a city and a district', '广西壮族自治区东莞市南城区盛丰服饰有限公司'],
    ['no place at all', '盛丰服饰有限公司'],
    ['full-width spaces between the parts', '東莞市\u3000盛豐服飾　有限公司'],
  ])('%s: %s → 盛丰服饰', (_, name) => expect(normaliseCompanyName(name)).toBe(key));

  it.each([
    ['a place followed by too little to be a name stays', '青岛啤酒股份有限公司', '青岛啤酒'],
    ['a name that is only a place and a legal form stays', '东莞市有限公司', '东莞市'],
    ['a word that merely ends in 市 is no place', '好又多超市有限公司', '好又多超市'],
    ['the district’s own county', '平南县华南羽绒制品有限公司', '华南羽绒制品'],
  ])('%s: %s → %s', (_, name, k) => expect(normaliseCompanyName(name)).toBe(k));
});

describe('统一社会信用代码 (GB 32100-2015 check character)', () => {
  it.each([['91440300708461136T'], ['91330100799655058B'], ['914403001922038216']])('%s is valid', (code) =>
    expect(creditCodeProblem(code)).toBeUndefined(),
  );

  it.each([
    ['a wrong check character', '91440300708461136X', '校验位'],
    ['too short', '9144030070846113', '18 位'],
    ['a letter the standard leaves out (O)', '9144030070846113OT', '不允许的字符「O」'],
  ])('%s: %s is refused', (_, code, words) => expect(creditCodeProblem(code)).toContain(words));

  it('is compared half-width, upper case, without spaces', () =>
    expect(normaliseCreditCode(' ９１４４０３００７０８４６１１３６ｔ ')).toBe('91440300708461136T'));
});

describe('nearNames: close but not equal (可能重复)', () => {
  const c = (key: string) => ({ key });
  it.each([
    ['one character differs in four', '盛丰服饰', ['盛峰服饰'], ['盛峰服饰']],
    ['one contains the other', '盛丰', ['盛丰服饰'], ['盛丰服饰']],
    ['the longer contains the shorter', '盛丰服饰制品', ['盛丰服饰'], ['盛丰服饰']],
    ['equal keys are not near (they are the same)', '盛丰服饰', ['盛丰服饰'], []],
    ['two characters in four are too far', '盛丰服饰', ['盛峰服装'], []],
    ['three characters differ by one: too short to guess', '恒达科', ['恒通科'], []],
    ['only the numbers differ: named apart on purpose', '线索1号', ['线索2号', '线索12号'], []],
    ['a number and a letter differ: near', '线索1号厂房', ['线索1号厂区'], ['线索1号厂区']],
    [
      'closest first, at most three',
      '华南羽绒',
      ['华南羽绒制品', '华南羽绒厂房', '华南羽', '华南羽毛'],
      ['华南羽', '华南羽毛', '华南羽绒制品'],
    ],
  ])('%s', (_, key, keys, near) => expect(nearNames(key, keys.map(c)).map((x) => x.key)).toEqual(near));
});
