import type { Actor } from './actor.js';
import { isMemberOf, isOfficeActor } from './authz.js';
import type { VisitedBusinessman } from './visited-businessmen.js';

// Contact details: the formats people type on a phone, checked the same way on every card, and who
// may see the phones and addresses.

/** Mainland mobile (11 digits starting with 1) or a landline with its area code (0775-1234567). */
export function isValidPhone(raw: string): boolean {
  const s = raw
    .replace(/[\s\u3000]/g, '')
    .replace(/[（(）)]/g, '')
    .replace(/^\+?86-?/, '');
  if (/^1\d{10}$/.test(s)) return true;
  return /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(s);
}

/** 'YYYY-MM-DD' that is a real calendar date. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/**
 * The visited businessmen's and the leads' phones and addresses, in every card, command and export:
 * the office, and the squad that collected them. Leaders, assessors and other squads see the names
 * and companies without them.
 */
export function maySeeContactDetails(a: Actor, squadId: number): boolean {
  return isOfficeActor(a) || isMemberOf(a, squadId);
}

/** An export with phones and addresses: only when the asker may see the contact details of every squad in it. */
export function mayExportContactDetails(a: Actor, squadIds: number[]): string | null {
  if (squadIds.length > 0 && squadIds.every((id) => maySeeContactDetails(a, id))) return null;
  return '联系方式（电话、地址）只给区招商局和登记它们的小分队；你可以发送不带“联系方式”的 /export 命令，导出不含联系方式的表。';
}

/** A visited businessman as someone who may not see contact details is shown him: no address, no phone. */
export function withoutContactDetails(b: VisitedBusinessman): VisitedBusinessman {
  return { ...b, address: '', contact: '' };
}

/** Told wherever phones and addresses were left out. */
export const CONTACTS_HIDDEN = '地址和联系方式只有本小分队和区招商局可见。';
