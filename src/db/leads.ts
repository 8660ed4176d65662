import { nameProbes, nearNames } from '../domain/closest-name.js';
import { stripLeadingPlaces } from '../domain/company-name.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Db } from './client.js';

export interface LeadInput {
  requestKey: string;
  companyKey: string;
  company: string;
  /** 统一社会信用代码, normalised; null when not given. */
  creditCode: string | null;
  squadId: number;
  tripId: number | null;
  source: string;
  intermediaryName: string | null;
  intermediaryReward: string | null;
  sector: string;
  intendedInvestment: number | null;
  contactName: string;
  phone: string;
  description: string;
  ownerId: number;
  createdOn: string;
}

export interface LeadView extends LeadInput {
  id: number;
  squadName: string;
  ownerName: string;
  createdAt: Date;
}

async function toView(
  db: Db,
  row: { id: number; squadId: number; ownerId: number; createdAt: Date } & Omit<LeadInput, 'squadId' | 'ownerId'>,
): Promise<LeadView> {
  const [squad, owner] = await Promise.all([
    db.squad.findUnique({ where: { id: row.squadId }, select: { name: true } }),
    db.person.findUnique({ where: { id: row.ownerId }, select: { name: true } }),
  ]);
  return { ...row, squadName: squad?.name ?? '', ownerName: owner?.name ?? '' };
}

const SELECT = {
  id: true,
  requestKey: true,
  companyKey: true,
  company: true,
  creditCode: true,
  squadId: true,
  tripId: true,
  source: true,
  intermediaryName: true,
  intermediaryReward: true,
  sector: true,
  intendedInvestment: true,
  contactName: true,
  phone: true,
  description: true,
  ownerId: true,
  createdOn: true,
  createdAt: true,
} as const;

/** What a new lead's business matches among the leads already registered (撞单 check). */
export interface LeadMatches {
  /** The same business: same credit code, or the same normalised name (not told apart by two different codes). */
  same: { lead: LeadView; by: 'code' | 'name' } | null;
  /** Names close to it (可能重复), the closest first; the user may go on. */
  near: LeadView[];
  /** The key to store: the name's key, or `key#code` when a business of the same name has another code. */
  storeKey: string;
}

/** The part of a stored key that is the name: `key#code` keys the second business of one name. */
const nameOf = (companyKey: string) => companyKey.split('#')[0]!;

/**
 * The leads whose key could equal or be near `companyKey`, ascending by id, instead of every lead:
 * keys holding one of its pieces (longer names, and names a few edits away), keys whose name ends in
 * two characters found in it (a shorter name inside it, also behind a place name stored before place
 * names were stripped), and keys with a code (`key#code`, few).
 */
async function candidates(db: Db, companyKey: string) {
  const likes = nameProbes(companyKey).map((p) => Prisma.sql`"companyKey" LIKE ${`%${p}%`}`);
  const rows = await db.$queryRaw<{ id: number | bigint; companyKey: string; creditCode: string | null }[]>`
    SELECT "id", "companyKey", "creditCode" FROM "Lead"
    WHERE (${companyKey} LIKE ('%' || substr("companyKey", length("companyKey") - 1, 2) || '%'))
      OR "companyKey" LIKE '%#%' OR ${likes.length ? Prisma.join(likes, ' OR ') : Prisma.sql`1 = 1`}
    ORDER BY "id"`;
  return rows.map((r) => ({ ...r, id: Number(r.id) }));
}

/**
 * Finds the business of `companyKey` (normalised name) and `creditCode` among all leads. Keys
 * stored before place names were stripped (东莞市盛丰服饰) are compared without them.
 */
export async function findLeadMatches(db: Db, companyKey: string, creditCode: string | null): Promise<LeadMatches> {
  if (creditCode) {
    const byCode = await db.lead.findUnique({ where: { creditCode }, select: SELECT });
    if (byCode) return { same: { lead: await toView(db, byCode), by: 'code' }, near: [], storeKey: companyKey };
  }
  const rows = await candidates(db, companyKey);
  const keyed = rows.map((r) => ({ ...r, key: stripLeadingPlaces(nameOf(r.companyKey)) }));
  const equal = keyed.filter((r) => r.key === companyKey);
  // Two businesses of one name told apart by their codes: the other is only "near", stored as key#code.
  const toldApart = (r: { creditCode: string | null }) => !!creditCode && !!r.creditCode && r.creditCode !== creditCode;
  const sameName = equal.find((r) => !toldApart(r));
  const load = async (id: number) => toView(db, await db.lead.findUniqueOrThrow({ where: { id }, select: SELECT }));
  if (sameName) return { same: { lead: await load(sameName.id), by: 'name' }, near: [], storeKey: companyKey };
  const near = [...equal, ...nearNames(companyKey, keyed)].slice(0, 3);
  return {
    same: null,
    near: await Promise.all(near.map((r) => load(r.id))),
    storeKey: equal.length ? `${companyKey}#${creditCode}` : companyKey,
  };
}

export async function findLeadByRequestKey(db: Db, requestKey: string): Promise<LeadView | null> {
  const row = await db.lead.findUnique({ where: { requestKey }, select: SELECT });
  return row ? toView(db, row) : null;
}

export async function createLead(db: Db, input: LeadInput): Promise<LeadView> {
  const row = await db.lead.create({ data: input, select: SELECT });
  return toView(db, row);
}

/** A squad's open leads, newest first: the choices when a project is created from a lead. */
export async function listOpenLeads(db: Db, squadId: number, take = 20): Promise<{ id: number; company: string }[]> {
  return db.lead.findMany({
    where: { squadId, status: 'OPEN', projectId: null },
    select: { id: true, company: true },
    orderBy: { id: 'desc' },
    take,
  });
}
