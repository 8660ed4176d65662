import type { Actor } from '../../domain/actor.js';
import type { ProjectView } from '../../db/projects.js';
import { isOfficeActor } from '../../domain/authz.js';
import { localDate } from '../../domain/local-date.js';
import { formatUsdWan, formatWan } from '../../domain/money.js';
import { isProjectStage, nextStage } from '../../domain/project-stages.js';
import { PROJECT_STAGES, STAGE_LABELS, type ProjectStage } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';
import { flagsButton, flagsForm, flagsLine } from './flags.js';

// The project card (cards/project.json): stage, amounts, stage history, tasks, helper. One form
// at a time (stage / task / helper), chosen by the buttons at the bottom, keeps it short on a phone.

export type ProjectMode = 'view' | 'stage' | 'task' | 'helper' | 'flags';

const HISTORY_MAX = 8;
const STAGE_COLORS: Record<ProjectStage, string> = {
  NEGOTIATING: 'grey',
  SIGNED: 'blue',
  STARTED: 'turquoise',
  PRODUCING: 'green',
  AT_TARGET: 'green',
};

/** A person of the assistance centre (帮办中心) who can be picked on the task and helper forms. */
export interface Helper {
  openId: string;
}

function label(stage: string): string {
  return isProjectStage(stage) ? STAGE_LABELS[stage] : stage;
}

function factsOf(p: ProjectView): string {
  const dates = (['signedOn', 'startedOn', 'producingOn', 'atTargetOn'] as const)
    .map((k, i) => (p[k] ? `${STAGE_LABELS[PROJECT_STAGES[i + 1]!]} ${p[k]}` : ''))
    .filter(Boolean);
  const lines = [
    `**企业**：${escapeMarkdown(p.company || '—')}${p.sector ? `（${escapeMarkdown(p.sector)}）` : ''}`,
    `**投资额**：${formatWan(p.investment)}　**到位资金**：${formatWan(p.fundsInPlace)}`,
    `**实际利用外资**：${formatUsdWan(p.foreignCapitalUsd)}`,
    `**帮办**：${p.helperName ? escapeMarkdown(p.helperName) : '未指派'}`,
  ];
  if (dates.length) lines.push(`**节点**：${dates.join('，')}`);
  lines.push(`**项目编号**：${p.id}（/review ${p.id} 联合预审 · /land set ${p.id} 记录用地）`);
  if (p.reviewStatus !== 'NONE')
    lines.push(
      `**联合预审**：` +
        `${{ IN_REVIEW: '预审中', PASSED: '已通过', VETOED: '已否决', OVERRULED: '否决已被推翻' }[p.reviewStatus] ?? p.reviewStatus}`,
    );
  return lines.join('\n');
}

function historyOf(p: ProjectView, timezone: string): string {
  if (!p.stages.length) return '**阶段记录**\n暂无';
  const rows = p.stages.slice(-HISTORY_MAX).map((s) => {
    const step =
      s.fromStage && s.fromStage !== s.toStage
        ? `${label(s.fromStage)}→${label(s.toStage)}`
        : s.fromStage
          ? `${label(s.toStage)}（金额更新）`
          : `${label(s.toStage)}（立项）`;
    const amounts = [
      s.investment !== null ? `投资 ${formatWan(s.investment)}` : '',
      s.fundsInPlace ? `到位 +${formatWan(s.fundsInPlace)}` : '',
      s.foreignCapitalUsd ? `外资 +${formatUsdWan(s.foreignCapitalUsd)}` : '',
    ].filter(Boolean);
    const evidence = s.evidence ? `；${escapeMarkdown(s.evidence)}` : '';
    return (
      `- ${s.on} ${step}${amounts.length ? `，${amounts.join('，')}` : ''}${evidence}` +
      `（${escapeMarkdown(s.byName || '—')}，${localDate(s.createdAt, timezone)}）`
    );
  });
  return `**阶段记录**\n${rows.join('\n')}`;
}

function taskRowsOf(p: ProjectView): unknown[] {
  return p.tasks.slice(0, 10).map((t) => {
    const who = t.assigneeName ? `，${escapeMarkdown(t.assigneeName)}` : '';
    const text =
      t.status === 'DONE'
        ? `~~${escapeMarkdown(t.title)}~~ 已办结销号${t.closedByName ? `（${escapeMarkdown(t.closedByName)}）` : ''}`
        : `${escapeMarkdown(t.title)}（限 ${t.dueOn} 前${who}）`;
    const columns: unknown[] = [
      {
        tag: 'column',
        width: 'weighted',
        weight: 3,
        vertical_align: 'center',
        elements: [{ tag: 'markdown', content: text }],
      },
    ];
    if (t.status !== 'DONE') {
      columns.push({
        tag: 'column',
        width: 'weighted',
        weight: 1,
        vertical_align: 'center',
        elements: [
          {
            tag: 'button',
            name: `task_close_${t.id}`,
            type: 'default',
            size: 'small',
            width: 'fill',
            text: { tag: 'plain_text', content: '办结销号' },
            behaviors: [{ type: 'callback', value: { action: 'project.task.close', taskId: t.id } }],
          },
        ],
      });
    }
    return { tag: 'column_set', flex_mode: 'none', columns };
  });
}

function stageForm(p: ProjectView, actor: Actor | null, today: string): unknown {
  const stage = p.stage as ProjectStage;
  const next = nextStage(stage);
  const choices =
    actor && isOfficeActor(actor) ? [...PROJECT_STAGES] : ([stage, next].filter(Boolean) as ProjectStage[]);
  return renderCard('parts/project-stage-form', {
    initialStage: next ?? stage,
    stageOptions: choices.map((s) => ({
      text: { tag: 'plain_text', content: s === stage ? `${STAGE_LABELS[s]}（仅更新金额）` : STAGE_LABELS[s] },
      value: s,
    })),
    today,
    investment: String(p.investment),
    submitValue: { action: 'project.stage', projectId: p.id, seq: p.stages.length },
  });
}

function taskForm(p: ProjectView, helpers: Helper[]): unknown {
  const assigneePicker = helpers.length
    ? [
        {
          tag: 'select_person',
          name: 'task_assignee',
          placeholder: { tag: 'plain_text', content: '责任人（可不选）' },
          options: helpers.map((h) => ({ value: h.openId })),
        },
      ]
    : [];
  return renderCard('parts/project-task-form', {
    assigneePicker,
    submitValue: { action: 'project.task.add', projectId: p.id, seq: p.tasks.length },
  });
}

function helperForm(p: ProjectView, helpers: Helper[]): unknown {
  if (!helpers.length) return { tag: 'markdown', content: '帮办中心暂无可指派的人员，请联系区招商局。' };
  return renderCard('parts/project-helper-form', {
    helperOptions: helpers.map((h) => ({ value: h.openId })),
    submitValue: { action: 'project.helper', projectId: p.id },
  });
}

function actionsOf(p: ProjectView): unknown[] {
  const button = (mode: ProjectMode, text: string) => ({
    tag: 'column',
    width: 'weighted',
    weight: 1,
    elements: [
      {
        tag: 'button',
        name: `project_${mode}`,
        type: 'default',
        width: 'fill',
        text: { tag: 'plain_text', content: text },
        behaviors: [{ type: 'callback', value: { action: 'project.view', projectId: p.id, mode } }],
      },
    ],
  });
  // 联合预审: opens the same card as `/review <id>`.
  const review = {
    tag: 'button',
    name: 'project_review',
    type: 'default',
    width: 'fill',
    text: { tag: 'plain_text', content: '联合预审' },
    behaviors: [{ type: 'callback', value: { action: 'review.open', projectId: p.id } }],
  };
  return [
    {
      tag: 'column_set',
      flex_mode: 'trisect',
      horizontal_spacing: '8px',
      columns: [button('stage', '更新阶段'), button('task', '添加任务'), button('helper', '指派帮办')],
    },
    review,
    flagsButton(p),
  ];
}

export interface ProjectCardOptions {
  mode: ProjectMode;
  /** Who looks: the office may move a project to any stage, others one step on. */
  actor: Actor | null;
  /** The choices of the task and helper forms (only read in those modes). */
  helpers: Helper[];
  notice?: string;
  now: Date;
  timezone: string;
}

/** The project card; `mode` picks the one form shown. */
export function drawProject(p: ProjectView, opts: ProjectCardOptions): Card {
  const mode = opts.mode;
  const today = localDate(opts.now, opts.timezone);
  const form =
    mode === 'stage'
      ? [stageForm(p, opts.actor, today)]
      : mode === 'task'
        ? [taskForm(p, opts.helpers)]
        : mode === 'helper'
          ? [helperForm(p, opts.helpers)]
          : mode === 'flags'
            ? [flagsForm(p)]
            : [];
  const stage = p.stage as ProjectStage;
  const open = p.tasks.filter((t) => t.status !== 'DONE').length;
  return renderCard('project', {
    summary: p.name,
    title: p.name,
    subtitle: `编号 ${p.id} · ${p.squadName}${p.company ? ` · ${p.company}` : ''}`,
    color: STAGE_COLORS[stage] ?? 'grey',
    stageLabel: label(p.stage),
    tagColor: stage === 'NEGOTIATING' ? 'neutral' : 'green',
    notice: opts.notice ? [{ tag: 'markdown', content: opts.notice }] : [],
    facts: factsOf(p),
    flags: flagsLine(p),
    history: historyOf(p, opts.timezone),
    tasksTitle: p.tasks.length ? `**限时任务**（未办结 ${open} 项）` : '**限时任务**\n暂无',
    taskRows: taskRowsOf(p),
    form,
    actions: form.length ? [] : actionsOf(p),
  });
}
