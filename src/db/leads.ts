import { nameQuery, nearNames } from '../domain/closest-name.js';
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

/**
 * The name a stored key is compared by: without the `#code` that keys the second business of one
 * name, and without place names in front (keys stored before place names were stripped).
 */
export const comparedName = (companyKey: string) => stripLeadingPlaces(companyKey.split('#')[0]!);

/** The columns the duplicate check reads a stored lead by: its compared name and that name's length. */
export function comparedColumns(companyKey: string): { nameKey: string; nameLength: number } {
  const nameKey = comparedName(companyKey);
  return { nameKey, nameLength: nameKey.length };
}

/**
 * The leads whose name could equal or be near `companyKey`, ascending by id, instead of every lead
 * (`nameQuery` says why these are all): names equal to a piece of it, names of a near length holding
 * one of its pieces, and longer names holding all of it (a name holding it within the near lengths
 * holds every piece). The index on (length, name) keeps the last two to the names of those lengths.
 * A row written without its compared name (by an older version, or straight into the database) is
 * always a candidate.
 */
export async function leadCandidates(db: Db, companyKey: string) {
  const q = nameQuery(companyKey);
  const pieces = q.pieces.map((p) => Prisma.sql`"nameKey" LIKE ${`%${p}%`}`);
  // One part per way of matching, each answered from an index: one OR over all of them made the
  // database test every row against every value, and a plain UNION had SQLite read the longer names
  // from the table in id order (to merge) instead of from the index. `id IN` drops repeats.
  const rows = await db.$queryRaw<{ id: number | bigint; companyKey: string; creditCode: string | null }[]>`
    SELECT "id", "companyKey", "creditCode" FROM "Lead" WHERE "id" IN (
      SELECT "id" FROM "Lead" WHERE "nameLength" IS NULL
      UNION ALL SELECT "id" FROM "Lead" WHERE "nameKey" IN (${Prisma.join(q.inside)})
      UNION ALL SELECT "id" FROM "Lead" WHERE "nameLength" BETWEEN ${q.lengths.min} AND ${q.lengths.max}
        AND (${pieces.length ? Prisma.join(pieces, ' OR ') : Prisma.sql`1 = 1`})
      UNION ALL SELECT "id" FROM "Lead" WHERE "nameLength" > ${q.lengths.max} AND "nameKey" LIKE ${`%${companyKey}%`})
    ORDER BY "id"`;
  return rows.map((r) => ({
    id: Number(r.id),
    creditCode: r.creditCode,
    key: comparedName(r.companyKey),
  }));
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
  const keyed = await leadCandidates(db, companyKey);
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

/**
 * Gives the leads written without their compared name (by an older version, or straight into the
 * database) one, a batch at a time, so the duplicate check finds them by index. Returns how many.
 */
export async function keyLeadNames(db: Db, batch = 500): Promise<number> {
  let keyed = 0;
  for (;;) {
    const rows = await db.lead.findMany({
      where: { nameLength: null },
      select: { id: true, companyKey: true },
      orderBy: { id: 'asc' },
      take: batch,
    });
    if (!rows.length) return keyed;
    const named = rows.map((r) => ({ id: r.id, ...comparedColumns(r.companyKey) }));
    const names = named.map((r) => Prisma.sql`WHEN ${r.id} THEN ${r.nameKey}`);
    const lengths = named.map((r) => Prisma.sql`WHEN ${r.id} THEN CAST(${r.nameLength} AS INTEGER)`);
    await db.$executeRaw`
      UPDATE "Lead" SET "nameKey" = CASE "id" ${Prisma.join(names, ' ')} END,
        "nameLength" = CASE "id" ${Prisma.join(lengths, ' ')} END
      WHERE "id" IN (${Prisma.join(named.map((r) => r.id))})`;
    keyed += rows.length;
  }
}

export async function findLeadByRequestKey(db: Db, requestKey: string): Promise<LeadView | null> {
  const row = await db.lead.findUnique({ where: { requestKey }, select: SELECT });
  return row ? toView(db, row) : null;
}

export async function createLead(db: Db, input: LeadInput): Promise<LeadView> {
  const row = await db.lead.create({ data: { ...input, ...comparedColumns(input.companyKey) }, select: SELECT });
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
