import { describe, expect, it } from 'vitest';
import { checkPackagedMove, countsAsPackaged, materialsUrlProblem } from '../../src/domain/packaged.js';

describe('checkPackagedMove', () => {
  it.each([
    ['one step on', 'PLANNING', 'PACKAGED', false, { packagedOn: '2018-03-01' }],
    [
      'skipped steps get the same date',
      'PLANNING',
      'SIGNED',
      false,
      {
        packagedOn: '2018-03-01',
        promotedOn: '2018-03-01',
        signedOn: '2018-03-01',
      },
    ],
    [
      'the office corrects back, later dates cleared',
      'SIGNED',
      'PACKAGED',
      true,
      {
        packagedOn: '2018-03-01',
        promotedOn: null,
        signedOn: null,
      },
    ],
  ] as const)('%s', (_, from, to, office, dates) => {
    const m = checkPackagedMove(from, to, '2018-03-01', { planningOn: '2018-01-01' }, office);
    expect(m.refusal).toBeNull();
    if (m.refusal === null) expect(m.dates).toEqual(dates);
  });

  it.each([
    ['a member cannot move back', 'PROMOTED', 'PACKAGED', '2018-03-01', false, '只能向后推进'],
    ['the same status is no move', 'PACKAGED', 'PACKAGED', '2018-03-01', true, '已经是“已包装”'],
    [
      'a date before the step it follows',
      'PLANNING',
      'PACKAGED',
      '2017-12-31',
      false,
      '不能早于“策划中”的日期（2018-01-01）',
    ],
  ] as const)('%s', (_, from, to, on, office, msg) => {
    const m = checkPackagedMove(from, to, on, { planningOn: '2018-01-01' }, office);
    expect(m.refusal).toContain(msg);
  });
});

describe('countsAsPackaged', () => {
  it.each([
    ['PLANNING', false],
    ['PACKAGED', true],
    ['PROMOTED', true],
    ['SIGNED', true],
  ] as const)('%s → %s', (s, counts) => expect(countsAsPackaged(s)).toBe(counts));
});

describe('materialsUrlProblem', () => {
  it.each([
    ['', null],
    ['https://example.feishu.cn/docx/AbC123', null],
    ['http://gov.example.cn/a.pdf', null],
    ['javascript:alert(1)', '只能是 https:// 或 http://'],
    ['file:///etc/passwd', '只能是 https:// 或 http://'],
    ['项目策划书.docx', '应为完整网址'],
    ['https://localhost/x', '不完整'],
    [`https://a.cn/${'x'.repeat(500)}`, '最多 500 个字符'],
  ])('%s', (url, problem) => {
    const p = materialsUrlProblem(url);
    if (problem === null) expect(p).toBeNull();
    else expect(p).toContain(problem);
  });
});
