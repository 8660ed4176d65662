import type { Actor } from './actor.js';

// Who may do what, from the plan's roles (the roster's roles in the README). Pure: the actor is loaded
// by the caller. Each check returns null when allowed, or the reason (Chinese, shown as a toast).

const LEADERSHIP = ['GROUP_LEADER', 'DEPUTY_LEADER', 'LEADER_IN_CHARGE'] as const;

export function isOfficeActor(a: Actor): boolean {
  return a.roles.includes('OFFICE') || a.roles.includes('OFFICE_ADMIN');
}

function isLeadership(a: Actor): boolean {
  return a.roles.some((r) => (LEADERSHIP as readonly string[]).includes(r));
}

function isCaptainOf(a: Actor, squadId: number): boolean {
  return a.squads.some((s) => s.squadId === squadId && s.role === 'CAPTAIN');
}

export function isMemberOf(a: Actor, squadId: number): boolean {
  return a.squads.some((s) => s.squadId === squadId);
}

/** Members (and captains) act for their own squad; the office acts for every squad. */
export function mayActForSquad(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isMemberOf(a, squadId)) return null;
  return '你不是这个小分队的成员，只能为自己所在的小分队填报。';
}

/** The monthly report is the captain's (the office may file or fix it too). */
export function mayFileMonthlyReport(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isCaptainOf(a, squadId)) return null;
  return '月度汇报由小分队队长提交；请联系你们的队长。';
}

/** Drafts of the monthly report: any member of the squad may prepare one; the captain submits. */
export function maySaveReportDraft(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isMemberOf(a, squadId)) return null;
  return '你不是这个小分队的成员，不能填写它的月度汇报。';
}

/** 免报: a responsible leader of the squad or the office marks a month exempt, with a reason. */
export function mayExemptMonthlyReport(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || a.leaderOf.includes(squadId)) return null;
  return '免报只能由小分队的责任领导或区招商局办理。';
}

/** Binding roster people to Feishu accounts: office admins (role, or LARK_ADMIN_OPEN_IDS). */
export function mayBindPeople(a: Actor | null, isEnvAdmin: boolean): string | null {
  if (isEnvAdmin || a?.roles.includes('OFFICE_ADMIN')) return null;
  return '只有区招商局的管理员可以绑定人员；请联系区招商局。';
}

/**
 * A trip plan is filed by someone who travels for the squad: its captain, members, responsible
 * leaders, or the office.
 */
export function mayFileTripPlan(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isMemberOf(a, squadId) || a.leaderOf.includes(squadId)) return null;
  return '你不是这个小分队的成员或责任领导，不能为它报外出招商计划。';
}

/** Only the approver a trip plan was routed to (or the office) decides on it. */
export function mayDecideTrip(a: Actor, approverId: number | null): string | null {
  if (approverId !== null && a.id === approverId) return null;
  return '这份外出招商计划不是报给你审批的。';
}

/**
 * Progress and lists: the office, the leading group and assessors see every squad; leaders their
 * squads; members their own.
 */
export function maySeeSquad(a: Actor, squadId: number): boolean {
  return (
    isOfficeActor(a) ||
    isLeadership(a) ||
    a.roles.includes('ASSESSOR') ||
    a.leaderOf.includes(squadId) ||
    isMemberOf(a, squadId)
  );
}

export function maySeeAllSquads(a: Actor): boolean {
  return isOfficeActor(a) || isLeadership(a) || a.roles.includes('ASSESSOR');
}

/** The squad an actor files for by default: the first squad they belong to. */
export function homeSquadId(a: Actor): number | undefined {
  return a.squads.find((s) => s.role === 'CAPTAIN')?.squadId ?? a.squads[0]?.squadId;
}

/** Quotas and the roster are changed by the office's administrators only (import and confirm). */
export function mayImportSpreadsheets(a: Actor): string | null {
  if (a.roles.includes('OFFICE_ADMIN')) return null;
  return '只有领导小组办公室的管理员可以导入目标任务和名册；请把文件发给区招商局。';
}

/** The settings (reminder days, thresholds, score weights, job times) are changed by office admins only. */
export function mayChangeSettings(a: Actor): string | null {
  if (a.roles.includes('OFFICE_ADMIN')) return null;
  return '只有办公室管理员可以查看和修改系统设置；如需调整，请联系区招商局办公室。';
}

/** A trip plan is cancelled by whoever filed it or by the squad's captain, with a reason. */
export function mayCancelTrip(a: Actor, trip: { createdById: number; squadId: number }): string | null {
  if (a.id === trip.createdById || isCaptainOf(a, trip.squadId)) return null;
  return '外出招商计划只能由提交人或本小分队队长取消。';
}

/** A lead is dropped by its squad (members and captain) or the office, with a reason. */
export function mayDropLead(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isMemberOf(a, squadId)) return null;
  return '你不是这个小分队的成员，不能放弃它的线索。';
}

/** The intermediary reward (中介奖励) is approved and marked paid by the office. */
export function mayDecideReward(a: Actor): string | null {
  if (isOfficeActor(a)) return null;
  return '中介奖励由区招商局（领导小组办公室）审核和登记支付。';
}

/** 督查: the 督查室's inspectors and the office (which inspects together with it) record inspections. */
export function mayInspect(a: Actor): string | null {
  if (isOfficeActor(a) || a.roles.includes('INSPECTOR')) return null;
  return '督查记录由区委区政府督查室或区招商局填写。';
}

/**
 * 提请领导小组研究的问题: a squad's captain, its responsible leaders, or the office raise an issue
 * for the quarterly leadership meeting (plan 二(一), 三(二)).
 */
export function mayRaiseIssue(a: Actor, squadId: number): string | null {
  if (isOfficeActor(a) || isCaptainOf(a, squadId) || a.leaderOf.includes(squadId)) return null;
  return '提请领导小组研究的问题由小分队队长、责任领导或区招商局提出；请联系你们的队长。';
}

/** An issue still waiting for the meeting is withdrawn by whoever raised it, the squad's captain, or the office. */
export function mayWithdrawIssue(a: Actor, issue: { raisedById: number; squadId: number }): string | null {
  if (isOfficeActor(a) || a.id === issue.raisedById || isCaptainOf(a, issue.squadId)) return null;
  return '提请研究的问题只能由提出人、本小分队队长或区招商局撤回。';
}

/** The squads someone not in the office may raise issues for: those they captain or lead. */
export function issueSquadIds(a: Actor): number[] {
  const captained = a.squads.filter((s) => s.role === 'CAPTAIN').map((s) => s.squadId);
  return [...new Set([...captained, ...a.leaderOf])];
}

/** The annual assessment (年度考核): the office, the leading group and the assessment centre (考核中心). */
export function mayAssess(a: Actor): string | null {
  if (isOfficeActor(a) || isLeadership(a) || a.roles.includes('ASSESSOR')) return null;
  return '只有领导小组、办公室和考核中心可以查看年度考核结果；本小分队的得分和名次请发送 /rank 年份 查看。';
}

/** The leadership meeting's pack (/meeting): the office prepares it, the leading group reads it. */
export function mayRunMeeting(a: Actor): string | null {
  if (isOfficeActor(a) || isLeadership(a)) return null;
  return '只有领导小组成员和区招商局可以查看领导小组会议材料。';
}

/** The meeting's decisions are recorded by the office (领导小组办公室), which keeps the minutes. */
export function mayRecordDecision(a: Actor): string | null {
  if (isOfficeActor(a)) return null;
  return '会议决定事项由区招商局（领导小组办公室）记录。';
}

/** A decision is closed (办结销号) by its owner or the office. */
export function mayCloseDecision(a: Actor, ownerId: number): string | null {
  if (isOfficeActor(a) || a.id === ownerId) return null;
  return '只有区招商局或这项决定的责任人可以办结销号。';
}
