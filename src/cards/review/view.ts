import { localDateTime } from '../../domain/local-date.js';
import type { HistoryLine, ProjectForReview, ReviewRow } from '../../db/reviews.js';
import {
  DECISION_LABELS,
  formatWan,
  VETO_CATEGORIES,
  VETO_CATEGORY_LABELS,
  type ReviewState,
  unansweredNote,
  type VetoCategory,
} from '../../domain/review.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The review's cards, filled from plain rows. User text (names, reasons, conditions) is escaped.

const STATE_LOOK: Record<ReviewState, { label: string; color: string; tag: string }> = {
  OPEN: { label: '预审中', color: 'blue', tag: 'blue' },
  PASSED: { label: '预审通过', color: 'green', tag: 'green' },
  VETOED: { label: '一票否决', color: 'red', tag: 'red' },
  OVERRULED: { label: '否决已推翻', color: 'orange', tag: 'orange' },
};

const md = escapeMarkdown;

function projectSummary(p: ProjectForReview): string {
  const lines = [
    `**项目**：${md(p.name)}${p.company ? `（${md(p.company)}）` : ''}`,
    `**所属小分队**：${md(p.squadName)}`,
    `**计划投资**：${formatWan(p.investment)}`,
  ];
  if (p.isKey) lines.push(`**重点项目**（绿色通道）${p.keyNotes ? `：一企一策 — ${md(p.keyNotes)}` : ''}`);
  return lines.join('\n');
}

function opinionLine(o: ReviewRow['opinions'][number], today: string, unstaffed = false, closed = false): string {
  const unit = `**${md(o.unitName)}**`;
  const by = o.decidedByName ? ` · ${md(o.decidedByName)}` : '';
  switch (o.decision) {
    case 'PASS':
      return `- ${unit}：<font color='green'>同意</font>${by}`;
    case 'CONDITIONAL':
      return `- ${unit}：<font color='green'>附条件同意</font>${by}\n    条件：${md(o.conditions ?? '')}`;
    case 'VETO':
      return (
        `- ${unit}：<font color='red'>否决（${VETO_CATEGORY_LABELS[o.vetoCategory ?? 'OTHER']}）</font>${by}\n` +
        `    理由：${md(o.reason ?? '')}`
      );
    default:
      if (closed) return `- ${unit}：未出具（预审已结束，无需再出具）`;
      return (
        `- ${unit}：待出具（期限 ${o.dueOn}）${today > o.dueOn ? " <font color='red'>已超期</font>" : ''}` +
        (o.reviewerName ? ` · 办公室指定 ${md(o.reviewerName)}` : '') +
        (unstaffed ? " <font color='orange'>该单位人员均属本小分队，待办公室管理员指定经办人</font>" : '')
      );
  }
}

/** The history quotes reasons and conditions briefly: the opinions above show them in full. */
const HISTORY_QUOTE_CHARS = 60;
/** The newest history lines shown; older ones are counted, so a long review keeps the card under 30 KB. */
const HISTORY_LINES = 20;

function clip(text: string): string {
  return text.length > HISTORY_QUOTE_CHARS ? `${text.slice(0, HISTORY_QUOTE_CHARS)}…` : text;
}

function historyText(h: HistoryLine, tz: string): string {
  const at = localDateTime(h.at, tz).slice(5);
  const who = h.actorName ? md(h.actorName) + ' ' : '';
  const d = h.detail;
  switch (h.action) {
    case 'review.start':
      return (
        `${at} ${who}${d.restart ? '重新' : ''}发起联合预审：${md((d.units as string[]).join('、'))}；` +
        `期限 ${String(d.dueOn)}${d.isKey ? '（重点项目）' : ''}` +
        (removedOf(d).length
          ? `；移除 ${md(
              removedOf(d)
                .map((r) => r.unit)
                .join('、'),
            )}`
          : '') +
        (d.reason ? `；理由：${md(clip(String(d.reason)))}` : '')
      );
    case 'review.reviewer':
      return `${at} ${who}指定 ${md(String(d.reviewer))} 代表${md(String(d.unit))}预审`;
    case 'review.opinion':
      return (
        `${at} ${who}代表${md(String(d.unit))}出具意见：${DECISION_LABELS[d.decision as 'PASS']}` +
        `${d.reason ? `（${md(clip(String(d.reason)))}）` : ''}` +
        `${d.conditions ? `（条件：${md(clip(String(d.conditions)))}）` : ''}`
      );
    case 'review.passed':
      return `${at} 全部单位同意，预审通过`;
    case 'review.vetoed':
      return `${at} 一票否决，预审未通过`;
    case 'review.overrule':
      return `${at} ${who}推翻否决：${md(clip(String(d.reason)))}`;
    case 'review.warning':
      return `${at} ${d.kind === 'OVERDUE' ? '超期预警' : '到期提醒'}：${md(String(d.unit))}（期限 ${String(d.dueOn)}）`;
    default:
      return `${at} ${who}${md(h.action)}`;
  }
}

/** Plan units an office admin left out of a review, as its start row in the history records them. */
function removedOf(detail: Record<string, unknown>): { unit: string; reason: string }[] {
  return Array.isArray(detail.removed) ? (detail.removed as { unit: string; reason: string }[]) : [];
}

/**
 * The review's state for the owning squad (and /review): every unit, the outcome, the history.
 * `unstaffed`: opinions nobody may answer (the office admins are asked to name a reviewer).
 */
export function renderReviewStatus(
  p: ProjectForReview,
  review: ReviewRow,
  history: HistoryLine[],
  today: string,
  tz: string,
  unstaffed: number[] = [],
): Card {
  const look = STATE_LOOK[review.status];
  const decided = review.opinions.filter((o) => o.decision !== 'PENDING').length;
  const notices: unknown[] = [];
  const start = history.find((h) => h.action === 'review.start' && h.detail.reviewId === review.id);
  const removed = start ? removedOf(start.detail) : [];
  if (removed.length)
    notices.push({
      tag: 'markdown',
      content:
        `<font color='orange'>**已移除的方案预审单位**</font>（${md(start?.actorName ?? '办公室管理员')}）：` +
        removed.map((r) => `${md(r.unit)}（理由：${md(r.reason)}）`).join('；'),
    });
  if (start?.detail.restart)
    notices.push({
      tag: 'markdown',
      content: `**否决后重新预审**（${md(start.actorName ?? '区招商局')}）：${md(String(start.detail.reason ?? ''))}`,
    });
  if (review.status === 'PASSED') {
    const conditional = review.opinions.some((o) => o.decision === 'CONDITIONAL');
    notices.push({
      tag: 'markdown',
      content: `<font color='green'>**全部预审单位同意，项目可以签约。**</font>${conditional ? '\n请落实各单位提出的条件。' : ''}`,
    });
  } else if (review.status === 'VETOED') {
    notices.push({
      tag: 'markdown',
      content:
        `<font color='red'>**项目被一票否决，不能签约。**</font>\n` +
        `领导小组组长、副组长可在否决通知卡片上填写理由推翻否决；项目调整后，区招商局可写明理由重新发起预审` +
        `（/review ${p.id} 发起），否决单位须重新预审。`,
    });
  } else if (review.status === 'OVERRULED') {
    notices.push({
      tag: 'markdown',
      content:
        `<font color='orange'>**否决已由${md(review.overruledByName ?? '领导小组')}推翻**</font>：` +
        `${md(review.overruleReason ?? '')}\n项目可以签约。` +
        (unansweredNote(review) ? `\n${md(unansweredNote(review))}` : ''),
    });
  }
  const older = Math.max(0, history.length - HISTORY_LINES);
  const lines = history.slice(older).map((h) => `- ${historyText(h, tz)}`);
  if (older) lines.unshift(`- （更早的 ${older} 条记录从略）`);
  return renderCard('review-status', {
    projectName: p.name,
    subtitle: `${p.squadName} · 已出具 ${decided}/${review.opinions.length}`,
    color: look.color,
    tagColor: look.tag,
    stateLabel: look.label,
    summary: projectSummary(p),
    opinions:
      review.opinions
        .map((o) => opinionLine(o, today, unstaffed.includes(o.id), review.status === 'OVERRULED'))
        .join('\n') || '（没有预审单位）',
    notices,
    historyCount: history.length,
    history: lines.join('\n') || '（暂无）',
    footer: `项目编号 ${p.id} · 发送 /review ${p.id} 查看最新状态`,
  });
}

/**
 * The start card. `reason`: which reason field the person gets — RESTART (the office after a veto:
 * required), REMOVAL (an office admin: only if a plan unit is left out), NONE (the squad: the six
 * plan units must stay).
 */
export function renderReviewStart(
  p: ProjectForReview,
  units: { code: string; name: string }[],
  selected: string[],
  info: { thresholdWan: number; days: number; reason: 'RESTART' | 'REMOVAL' | 'NONE' },
): Card {
  const needs = p.investment >= info.thresholdWan;
  const summary = [
    projectSummary(p),
    needs
      ? `投资额达到 ${formatWan(info.thresholdWan)}，签约前须通过联合预审。`
      : `投资额未达 ${formatWan(info.thresholdWan)}，可不预审；如有需要仍可发起。`,
    `各单位须在 **${info.days} 个工作日**内出具意见${p.isKey ? '（重点项目，绿色通道）' : ''}，节假日顺延。`,
    info.reason === 'RESTART' ? '**项目曾被一票否决**：重新预审须写明理由，否决单位须重新预审。' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const reasonField =
    info.reason === 'NONE'
      ? []
      : [
          {
            tag: 'input',
            name: 'reason',
            max_length: 500,
            required: info.reason === 'RESTART',
            label: {
              tag: 'plain_text',
              content: info.reason === 'RESTART' ? '重新预审的理由' : '移除方案单位的理由',
            },
            placeholder: {
              tag: 'plain_text',
              content:
                info.reason === 'RESTART'
                  ? '例如：企业已调整选址和工艺，申请重新预审'
                  : '仅在去掉方案规定的单位时填写，例如：项目不涉及行政审批事项',
            },
          },
        ];
  return renderCard('review-start', {
    projectName: p.name,
    subtitle: p.squadName,
    summary,
    unitsLabel:
      '**预审单位**（方案规定的六个单位必须参加，可增加其他单位；' +
      (info.reason === 'REMOVAL' ? '移除须写明理由）' : '只有办公室管理员可以写明理由后移除）'),
    unitOptions: units.map((u) => ({ text: { tag: 'plain_text', content: u.name }, value: u.code })),
    selectedUnits: selected,
    reasonField,
    projectId: p.id,
    footer: '一个单位否决即不能签约（一票否决），除非领导小组推翻或区招商局写明理由重新预审并通过。',
  });
}

export function renderOpinionCard(p: ProjectForReview, o: { id: number; unitName: string; dueOn: string }): Card {
  return renderCard('review-opinion', {
    projectName: p.name,
    unitName: o.unitName,
    dueText: `请于 ${o.dueOn} 前出具`,
    summary:
      `${projectSummary(p)}\n\n请代表**${md(o.unitName)}**出具预审意见：同意或附条件同意选好后点「提交预审意见」；` +
      '否决须选类别、写理由，再点「一票否决」（会再次确认）。',
    categoryOptions: VETO_CATEGORIES.map((c: VetoCategory) => ({
      text: { tag: 'plain_text', content: VETO_CATEGORY_LABELS[c] },
      value: c,
    })),
    opinionId: o.id,
    vetoConfirm:
      `否决「${p.name}」后项目不能签约。否决通知将分别私信领导小组组长、副组长和区招商局，` +
      '组长、副组长可写明理由推翻。请先选好否决类别、写明理由。',
  });
}

export function renderOpinionDone(p: ProjectForReview, o: ReviewRow['opinions'][number], review: ReviewRow): Card {
  const look = o.decision === 'VETO' ? { color: 'red', tag: 'red' } : { color: 'green', tag: 'green' };
  return renderCard('review-opinion-done', {
    projectName: p.name,
    unitName: o.unitName,
    color: look.color,
    tagColor: look.tag,
    decisionLabel: DECISION_LABELS[o.decision],
    summary: `${projectSummary(p)}\n\n${opinionLine(o, '')}\n\n**整体状态**：${STATE_LOOK[review.status].label}`,
    footer: `项目编号 ${p.id} · 发送 /review ${p.id} 查看各单位意见`,
  });
}

export function renderVetoNotice(p: ProjectForReview, review: ReviewRow): Card {
  const others = review.opinions.filter((o) => o.decision !== 'VETO').map((o) => opinionLine(o, ''));
  return renderCard('review-veto', {
    projectName: p.name,
    subtitle: `${p.squadName} · 联合预审`,
    summary: `${projectSummary(p)}\n\n**否决意见**\n${review.opinions
      .filter((o) => o.decision === 'VETO')
      .map((o) => opinionLine(o, ''))
      .join('\n')}${others.length ? `\n\n**其他单位**\n${others.join('\n')}` : ''}`,
    reviewId: review.id,
    footer: '推翻否决须写明理由，系统记录推翻人和理由，项目即可签约。',
  });
}
