import { normaliseCompanyName } from '../domain/company-name.js';
import { recordAudit } from './audit-trail.js';
import type { Db } from './client.js';

export interface LeadState {
  id: number;
  company: string;
  squadId: number;
  squadName: string;
  source: string;
  status: string;
  intermediaryName: string | null;
  intermediaryReward: string | null;
  createdOn: string;
  dropReason: string | null;
  project: { id: number; name: string; stage: string; signedOn: string | null } | null;
  reward: {
    status: string;
    approvedAmountWan: number;
    approvedAt: Date;
    paidAmountWan: number | null;
    paidOn: string | null;
  } | null;
}

/** A lead by its number, or by its company name (normalised, as the 撞单 check does). */
export async function findLeadState(db: Db, ref: number | string): Promise<LeadState | null> {
  const where = typeof ref === 'number' ? { id: ref } : { companyKey: normaliseCompanyName(ref) };
  const l = await db.lead.findUnique({ where, include: { squad: { select: { name: true } } } });
  if (!l) return null;
  const [project, reward] = await Promise.all([
    l.projectId
      ? db.project.findUnique({
          where: { id: l.projectId },
          select: { id: true, name: true, stage: true, signedOn: true },
        })
      : null,
    db.leadReward.findUnique({ where: { leadId: l.id } }),
  ]);
  return {
    id: l.id,
    company: l.company,
    squadId: l.squadId,
    squadName: l.squad.name,
    source: l.source,
    status: l.status,
    intermediaryName: l.intermediaryName,
    intermediaryReward: l.intermediaryReward,
    createdOn: l.createdOn,
    dropReason: l.dropReason,
    project,
    reward,
  };
}

/** OPEN → DROPPED with the reason (a lead already converted or dropped is left alone). Audited. */
export async function dropLead(db: Db, id: number, by: number, reason: string, at: Date): Promise<boolean> {
  const { count } = await db.lead.updateMany({
    where: { id, status: 'OPEN' },
    data: { status: 'DROPPED', dropReason: reason, droppedAt: at, droppedById: by },
  });
  if (count === 1) await recordAudit(db, { id: by }, 'lead.drop', 'Lead', id, { reason });
  return count === 1;
}

/** The office approves the amount of a due reward (once: the row is unique per lead). Audited. */
export async function approveReward(db: Db, leadId: number, by: number, amountWan: number, at: Date): Promise<boolean> {
  const existing = await db.leadReward.findUnique({ where: { leadId } });
  if (existing) return false;
  await db.leadReward.create({
    data: { leadId, status: 'APPROVED', approvedAmountWan: amountWan, approvedById: by, approvedAt: at },
  });
  await recordAudit(db, { id: by }, 'lead.reward.approve', 'Lead', leadId, { amountWan });
  return true;
}

/** APPROVED → PAID with the amount paid and the day. Audited. */
export async function payReward(
  db: Db,
  leadId: number,
  by: number,
  p: { amountWan: number; paidOn: string },
  at: Date,
): Promise<boolean> {
  const { count } = await db.leadReward.updateMany({
    where: { leadId, status: 'APPROVED' },
    data: { status: 'PAID', paidAmountWan: p.amountWan, paidOn: p.paidOn, paidById: by, paidAt: at },
  });
  if (count === 1) await recordAudit(db, { id: by }, 'lead.reward.pay', 'Lead', leadId, p);
  return count === 1;
}

export interface RewardLine {
  leadId: number;
  company: string;
  squadName: string;
  intermediaryName: string | null;
  intermediaryReward: string;
  projectStage: string;
  approvedAmountWan: number | null;
  rowStatus: string | null;
}

/** Rewards not yet paid whose project has signed (due, or approved and awaiting payment). */
export async function rewardsOutstanding(db: Db, squadIds: number[] | undefined): Promise<RewardLine[]> {
  const leads = await db.lead.findMany({
    where: {
      intermediaryReward: { not: null },
      projectId: { not: null },
      ...(squadIds ? { squadId: { in: squadIds } } : {}),
    },
    include: { squad: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  const [projects, rewards] = await Promise.all([
    db.project.findMany({ where: { id: { in: leads.map((l) => l.projectId!) } }, select: { id: true, stage: true } }),
    db.leadReward.findMany({ where: { leadId: { in: leads.map((l) => l.id) } } }),
  ]);
  return leads
    .map((l) => {
      const r = rewards.find((x) => x.leadId === l.id);
      return {
        leadId: l.id,
        company: l.company,
        squadName: l.squad.name,
        intermediaryName: l.intermediaryName,
        intermediaryReward: l.intermediaryReward ?? '',
        projectStage: projects.find((p) => p.id === l.projectId)?.stage ?? 'NEGOTIATING',
        approvedAmountWan: r?.approvedAmountWan ?? null,
        rowStatus: r?.status ?? null,
      };
    })
    .filter((x) => x.intermediaryReward.trim() && x.projectStage !== 'NEGOTIATING' && x.rowStatus !== 'PAID');
}
