import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/shared/template.js';

describe('escapeMarkdown', () => {
  it('escapes each markup character once, never the entities it has just written', () => {
    expect(escapeMarkdown('七月<汇报>')).toBe('七月&#60;汇报&#62;');
    expect(escapeMarkdown('#1: **x** [a](b) ~ ` ! \\ &')).toBe(
      '&#35;1&#58; &#42;&#42;x&#42;&#42; &#91;a&#93;&#40;b&#41; &sim; &#96; &#33; &#92; &amp;',
    );
    expect(escapeMarkdown('<at id=all></at>')).not.toMatch(/[<>]/);
  });
});
