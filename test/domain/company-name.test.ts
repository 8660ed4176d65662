import { describe, expect, it } from 'vitest';
import { normaliseCompanyName, toHalfWidth } from '../../src/domain/company-name.js';

describe('normaliseCompanyName', () => {
  it.each([
    ['suffix 有限公司 is dropped', '贵港华南羽绒有限公司', '贵港华南羽绒'],
    ['有限责任公司 and spaces', ' 贵港 华南羽绒 有限责任公司 ', '贵港华南羽绒'],
    ['股份有限公司 before 有限公司', '贵港华南羽绒股份有限公司', '贵港华南羽绒'],
    ['集团有限公司 and 集团 alone agree', '广西恒达集团有限公司', '广西恒达'],
    ['集团 alone', '广西恒达集团', '广西恒达'],
    ['full-width letters and brackets', '（广州）ＡＢＣ电子有限公司', '广州abc电子'],
    ['punctuation goes', '深圳·星河-科技，有限公司。', '深圳星河科技'],
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
