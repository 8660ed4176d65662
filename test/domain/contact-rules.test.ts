import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import {
  isCalendarDate,
  isValidPhone,
  mayExportContactDetails,
  maySeeContactDetails,
  withoutContactDetails,
} from '../../src/domain/contact-rules.js';
import type { Role } from '../../src/domain/vocabulary.js';

describe('isValidPhone', () => {
  it.each([
    ['mobile', '13812345678', true],
    ['mobile with spaces', '138 1234 5678', true],
    ['mobile with +86', '+8613812345678', true],
    ['landline with dash', '0775-4561234', true],
    ['landline 3-digit area code', '020-12345678', true],
    ['landline with extension', '0775-4561234-801', true],
    ['10 digits', '1381234567', false],
    ['12 digits', '138123456789', false],
    ['landline without area code', '4561234', false],
    ['letters', '138abc45678', false],
    ['empty', '', false],
  ])('%s: %s', (_, s, ok) => expect(isValidPhone(s)).toBe(ok));
});

describe('isCalendarDate', () => {
  it.each([
    ['2018-06-10', true],
    ['2018-02-30', false],
    ['2018-6-1', false],
    ['明天', false],
  ])('%s', (s, ok) => expect(isCalendarDate(s)).toBe(ok));
});

describe('who may see contact details', () => {
  const person = (roles: Role[], squads: number[] = [], leaderOf: number[] = []): Actor => ({
    id: 1,
    name: '某人',
    openId: 'ou_x',
    rank: null,
    unitId: null,
    roles,
    squads: squads.map((squadId) => ({ squadId, role: 'MEMBER' as const })),
    leaderOf,
  });

  it.each([
    ['a member of the squad', person([], [4]), true],
    ['a member of another squad', person([], [1]), false],
    ['the squad’s responsible leader', person(['RESPONSIBLE_LEADER'], [], [4]), false],
    ['the group leader', person(['GROUP_LEADER']), false],
    ['the assessor', person(['ASSESSOR']), false],
    ['the office', person(['OFFICE']), true],
    ['an office admin', person(['OFFICE_ADMIN']), true],
  ])('%s: %s', (_, a, may) => expect(maySeeContactDetails(a, 4)).toBe(may));

  it('an export carries them only when every squad in it is one whose contacts the asker may see', () => {
    expect(mayExportContactDetails(person([], [4]), [4])).toBeNull();
    expect(mayExportContactDetails(person([], [4], [1]), [1, 4])).toContain('只给区招商局和登记它们的小分队');
    expect(mayExportContactDetails(person(['OFFICE']), [1, 2, 3])).toBeNull();
    expect(mayExportContactDetails(person([]), [])).not.toBeNull();
  });

  it('a businessman without them keeps name, company, position and the rest', () => {
    const b = {
      name: '赵总',
      company: '广州羽绒',
      address: '体育西路',
      position: '董事长',
      contact: '13922223333',
      businessScope: '羽绒',
      investmentIntent: '建厂',
    };
    expect(withoutContactDetails(b)).toEqual({ ...b, address: '', contact: '' });
  });
});
