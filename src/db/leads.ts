import type { Db } from './client.js';

export interface LeadInput {
  requestKey: string;
  companyKey: string;
  company: string;
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

export async function findLeadByCompanyKey(db: Db, companyKey: string): Promise<LeadView | null> {
  const row = await db.lead.findUnique({ where: { companyKey }, select: SELECT });
  return row ? toView(db, row) : null;
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
