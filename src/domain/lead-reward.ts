// 中介奖励 (plan 二(四)): a lead an intermediary brought carries the reward agreed with them. It is
// due once the lead's project signs, then the office approves an amount and records the payment.

export type RewardState = 'NONE' | 'AGREED' | 'DUE' | 'APPROVED' | 'PAID';

export const REWARD_STATE_LABELS: Record<RewardState, string> = {
  NONE: '无中介奖励',
  AGREED: '已约定（项目签约后兑现）',
  DUE: '应兑现（项目已签约，待办公室审核）',
  APPROVED: '已审核，待支付',
  PAID: '已支付',
};

export interface RewardFacts {
  intermediaryReward: string | null;
  /** The stage of the project the lead became, if any. */
  projectStage: string | null;
  /** The office's approval or payment, if any. */
  row: { status: string } | null;
}

export function rewardState(f: RewardFacts): RewardState {
  if (f.row?.status === 'PAID') return 'PAID';
  if (f.row?.status === 'APPROVED') return 'APPROVED';
  if (!f.intermediaryReward?.trim()) return 'NONE';
  return f.projectStage && f.projectStage !== 'NEGOTIATING' ? 'DUE' : 'AGREED';
}

/** 万元 typed on a card: a positive amount up to 1 亿元, else the reason. */
export function parseRewardAmount(raw: unknown): { value: number } | { error: string } {
  const s = String(raw ?? '').trim();
  const n = Number(s);
  if (!s || !Number.isFinite(n)) return { error: '请填写金额（万元），例如 5 或 2.5' };
  if (n <= 0 || n > 10_000) return { error: '金额应大于 0、不超过 10000 万元' };
  return { value: Math.round(n * 100) / 100 };
}
