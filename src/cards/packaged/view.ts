import type { PackagedListRow, PackagedProjectView } from '../../db/packaged-projects.js';
import { formatWan } from '../../domain/money.js';
import {
  PACKAGED_DATE_FIELDS,
  PACKAGED_STATUS_LABELS,
  PACKAGED_STATUSES,
  type PackagedStatus,
} from '../../domain/packaged.js';
import type { Card } from '../../feishu/answer.js';
import { buttonRow, md, note } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The packaged-project cards: the registration form (cards/packaged-new.json), one project with its
// status steps and the status form (cards/packaged.json), and the list (cards/packaged-list.json).

const STATUS_COLORS: Record<PackagedStatus, { header: string; tag: string }> = {
  PLANNING: { header: 'grey', tag: 'neutral' },
  PACKAGED: { header: 'violet', tag: 'violet' },
  PROMOTED: { header: 'blue', tag: 'blue' },
  SIGNED: { header: 'green', tag: 'green' },
};

const statusOption = (s: PackagedStatus) => ({
  text: { tag: 'plain_text', content: PACKAGED_STATUS_LABELS[s] },
  value: s,
});

export function drawPackagedNew(d: { squadPicker: unknown[]; today: string; notice?: string }): Card {
  return renderCard('packaged-new', {
    notice: d.notice ? [md(d.notice)] : [],
    squadPicker: d.squadPicker,
    statusOptions: PACKAGED_STATUSES.map(statusOption),
    today: d.today,
  });
}

export interface PackagedCardOptions {
  /** The person may change the status (the office, or a member of the owning squad). */
  mayAct: boolean;
  /** The office may also move a status back (a correction). */
  office: boolean;
  /** The squad's projects a signing may link to. */
  projects: { id: number; name: string }[];
  today: string;
  notice?: string;
}

function factsOf(p: PackagedProjectView): string {
  return [
    `**计划投资**：${formatWan(p.plannedInvestment)}　**行业**：${escapeMarkdown(p.sector || '—')}`,
    `**小分队**：${escapeMarkdown(p.squadName)}`,
    `**责任单位**：${escapeMarkdown(p.ownerUnit || '—')}`,
    `**登记人**：${escapeMarkdown(p.createdByName || '—')}`,
    ...(p.projectId ? [`**签约项目**：${escapeMarkdown(p.projectName ?? '')}（编号 ${p.projectId}）`] : []),
  ].join('\n');
}

function stepsOf(p: PackagedProjectView): string {
  const reached = PACKAGED_STATUSES.indexOf(p.status);
  const lines = PACKAGED_STATUSES.map((s, i) => {
    const on = p[PACKAGED_DATE_FIELDS[s]];
    return i <= reached ? `● ${PACKAGED_STATUS_LABELS[s]} ${on ?? ''}` : `○ ${PACKAGED_STATUS_LABELS[s]}`;
  });
  return `**进展**\n${lines.join('\n')}`;
}

function materialsOf(p: PackagedProjectView): unknown[] {
  if (!p.materialsUrl) return [note('未附资料链接')];
  return [
    {
      tag: 'button',
      name: 'packaged_materials',
      type: 'default',
      width: 'fill',
      text: { tag: 'plain_text', content: '打开项目资料' },
      behaviors: [{ type: 'open_url', default_url: p.materialsUrl }],
    },
  ];
}

function statusForm(p: PackagedProjectView, o: PackagedCardOptions): unknown[] {
  const at = PACKAGED_STATUSES.indexOf(p.status);
  const choices = PACKAGED_STATUSES.filter((s, i) => (o.office ? s !== p.status : i > at));
  if (!o.mayAct || choices.length === 0) return [];
  const projectPicker = o.projects.length
    ? [
        {
          tag: 'select_static',
          name: 'pk_project',
          placeholder: { tag: 'plain_text', content: '已签约时：关联的项目（可不选）' },
          ...(p.projectId ? { initial_option: String(p.projectId) } : {}),
          options: o.projects.map((x) => ({
            text: { tag: 'plain_text', content: `${x.id} ${x.name}`.slice(0, 60) },
            value: String(x.id),
          })),
        },
      ]
    : [];
  return [
    {
      tag: 'form',
      name: 'packaged_status_form',
      elements: [
        md(o.office ? '**更新状态**（办公室可更正为任一状态）' : '**更新状态**'),
        {
          tag: 'select_static',
          name: 'pk_to',
          required: true,
          initial_option: choices[0],
          placeholder: { tag: 'plain_text', content: '新状态' },
          options: choices.map(statusOption),
        },
        { tag: 'markdown', content: '日期', text_size: 'notation' },
        {
          tag: 'date_picker',
          name: 'pk_on',
          required: true,
          initial_date: o.today,
          placeholder: { tag: 'plain_text', content: '日期' },
        },
        ...projectPicker,
        {
          tag: 'button',
          name: 'packaged_status_submit',
          type: 'primary_filled',
          width: 'fill',
          form_action_type: 'submit',
          text: { tag: 'plain_text', content: '保存状态' },
          behaviors: [{ type: 'callback', value: { action: 'packaged.status', id: p.id, from: p.status } }],
        },
      ],
    },
  ];
}

export function drawPackaged(p: PackagedProjectView, o: PackagedCardOptions): Card {
  const c = STATUS_COLORS[p.status];
  const linked = p.projectId
    ? [
        {
          tag: 'button',
          name: 'packaged_open_project',
          type: 'default',
          width: 'fill',
          text: { tag: 'plain_text', content: '查看签约项目' },
          behaviors: [{ type: 'callback', value: { action: 'project.view', projectId: p.projectId } }],
        },
      ]
    : [];
  return renderCard('packaged', {
    summary: p.name,
    title: p.name,
    subtitle: p.squadName,
    color: c.header,
    tagColor: c.tag,
    statusLabel: PACKAGED_STATUS_LABELS[p.status],
    notice: o.notice ? [md(o.notice)] : [],
    facts: factsOf(p),
    materials: [...materialsOf(p), ...linked],
    steps: stepsOf(p),
    form: statusForm(p, o),
    footer: `编号 ${p.id}。已包装、已推介、已签约的项目计入当年“策划包装项目”目标（按包装日期）。`,
  });
}

export interface PackagedListData {
  title: string;
  year: number;
  rows: PackagedListRow[];
  total: number;
  counted: number;
  /** This year's 已包装 (and later) count, and the goal or quota it counts toward (0 = none). */
  thisYear: number;
  goal: number;
  mayRegister: boolean;
}

export function drawPackagedList(d: PackagedListData): Card {
  const goal = d.goal > 0 ? ` / 目标 ${d.goal} 个（${Math.round((100 * d.thisYear) / d.goal)}%）` : '';
  // One squad's list names no squad on each line.
  const oneSquad = new Set(d.rows.map((r) => r.squadName)).size <= 1;
  const rows = d.rows.length
    ? d.rows.map((r) =>
        buttonRow(
          `**${escapeMarkdown(r.name)}**\n${PACKAGED_STATUS_LABELS[r.status]}${oneSquad ? '' : ` · ${escapeMarkdown(r.squadName)}`} · ${formatWan(r.plannedInvestment)}`,
          { name: `packaged_open_${r.id}`, text: '查看', value: { action: 'packaged.view', id: r.id } },
        ),
      )
    : [md('还没有登记策划包装项目。')];
  const newButton = d.mayRegister
    ? [
        {
          tag: 'button',
          name: 'packaged_new',
          type: 'primary',
          width: 'fill',
          text: { tag: 'plain_text', content: '登记策划包装项目' },
          behaviors: [{ type: 'callback', value: { action: 'packaged.new' } }],
        },
      ]
    : [];
  return renderCard('packaged-list', {
    title: d.title,
    subtitle: `${d.year} 年已包装 ${d.thisYear} 个${goal}`,
    summaryLine: `共 ${d.total} 个，其中已包装及以后 ${d.counted} 个${d.total > d.rows.length ? `；以下是最近更新的 ${d.rows.length} 个` : ''}`,
    rows,
    newButton,
    footer: '状态：策划中 → 已包装 → 已推介 → 已签约。点“查看”打开项目卡片更新状态。',
  });
}
