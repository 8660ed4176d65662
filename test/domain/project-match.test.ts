import { describe, expect, it } from 'vitest';
import { matchProjectName, parseProjectArg, projectLabel } from '../../src/domain/project-match.js';

const p = (id: number, name: string, squadName = '纺织和羽绒') => ({ id, name, squadName });
const projects = [
  p(3, '年产10万吨饲料加工项目', '农业旅游物流'),
  p(7, '羽绒服装加工项目'),
  p(9, '羽绒制品深加工项目'),
  p(12, '羽绒服装加工项目二期'),
];

describe('parseProjectArg', () => {
  it.each([
    ['12', { kind: 'id', id: 12 }],
    ['#12', { kind: 'id', id: 12 }],
    ['＃12', { kind: 'id', id: 12 }],
    ['12号', { kind: 'id', id: 12 }],
    [' 饲料 ', { kind: 'name', fragment: '饲料' }],
    ['10万吨', { kind: 'name', fragment: '10万吨' }],
  ])('%s', (arg, want) => expect(parseProjectArg(arg)).toEqual(want));

  it.each(['', '  ', '0', '#0'])('%j names nothing', (arg) => expect(parseProjectArg(arg)).toBeNull());
});

describe('matchProjectName', () => {
  it.each([
    ['a unique fragment finds the project', '饲料', { kind: 'found', project: projects[0] }],
    ['spaces and case do not matter', '饲 料', { kind: 'found', project: projects[0] }],
    [
      'an exact name wins over longer names that contain it',
      '羽绒服装加工项目',
      { kind: 'found', project: projects[1] },
    ],
    [
      'several matches are listed lowest number first',
      '羽绒',
      { kind: 'ambiguous', candidates: [projects[1], projects[2], projects[3]] },
    ],
    ['no match is none', '光伏', { kind: 'none' }],
  ])('%s', (_, fragment, want) => expect(matchProjectName(fragment, [...projects].reverse())).toEqual(want));

  it('labels a project with its number and squad', () =>
    expect(projectLabel(projects[0]!)).toBe('#3 年产10万吨饲料加工项目（农业旅游物流）'));
});
