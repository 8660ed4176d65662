import { PACK_DECISION_LIMIT } from '../../domain/meeting.js';
import { periodName, type Period } from '../../domain/periods.js';
import type { BulletinSection } from '../../domain/ranking-by-kind.js';
import type { Card } from '../../feishu/answer.js';
import { buttonRow, md, shortSquadName, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The leadership meeting's pack (领导小组会议材料): the quarter's places and scores, the draft
// red/black list, the squads' open issues (each with 记录决定 for the office), earlier decisions
// still open and those closed since the last meeting. One card, read on a phone: lists are cut
// at a few items with "还有 N 项" after them.

interface PackIssue {
  id: number;
  squadName: string;
  title: string;
  helpAsked: string;
  projectName: string | null;
  raisedByName: string;
  raisedOn: string;
}

interface PackDecision {
  title: string;
  period: string;
  ownerName: string;
  dueOn: string;
  /** Days past due; 0 or less: not overdue. */
  daysOver: number;
}

interface PackClosed {
  title: string;
  ownerName: string;
  closedOn: string;
  closedByName: string | null;
  note: string;
}

export interface MeetingPackView {
  period: Period;
  today: string;
  /** Each kind's squads in rank order. */
  places: { label: string; squads: { name: string; score: number }[] }[];
  /** The red/black list: the stored bulletin's sections, or computed when there is none. */
  lists: { sections: BulletinSection[]; source: 'DRAFT' | 'PUBLISHED' | 'COMPUTED' };
  issues: { rows: PackIssue[]; total: number };
  openDecisions: { rows: PackDecision[]; total: number };
  closed: PackClosed[];
  /** Office viewers get the 记录决定 buttons. */
  canDecide: boolean;
}

const esc = (s: string) => escapeMarkdown(s);
/** The pack shows the start of long user text (the decision card and /issue show it whole): 30 KB is the limit. */
const clip = (s: string, n: number) => esc(s.length > n ? `${s.slice(0, n)}…` : s);

function placesElement(v: MeetingPackView): Element {
  if (!v.places.length) return md('**一、进度与得分**\n本季度没有可评比的小分队。');
  const parts = v.places.map(
    (s) =>
      `**${s.label}**\n${s.squads.map((q, i) => `${i + 1}. ${esc(shortSquadName(q.name))} ${q.score.toFixed(1)} 分`).join('\n')}`,
  );
  return md(`**一、进度与得分**（各类分别排名）\n${parts.join('\n')}`);
}

function listsElement(v: MeetingPackView): Element {
  const source = { DRAFT: '办公室审核中的草稿', PUBLISHED: '已发布', COMPUTED: '尚未生成草稿，按当前数据计算' }[
    v.lists.source
  ];
  const names = (xs: { name: string }[]) => (xs.length ? xs.map((x) => esc(shortSquadName(x.name))).join('、') : '无');
  const lines = v.lists.sections.map(
    (s) =>
      `**${s.label}** <font color='red'>红榜</font>：${names(s.red)}；<font color='grey'>黑榜</font>：${names(s.black)}`,
  );
  return md(`**二、红黑榜**（${source}）\n${lines.length ? lines.join('\n') : '本期不出红黑榜。'}`);
}

function issueElements(v: MeetingPackView): Element[] {
  const out: Element[] = [md(`**三、小分队提请会议研究的问题**（${v.issues.total} 项未决）`)];
  if (!v.issues.total) out.push(md('没有待研究的问题。'));
  for (const i of v.issues.rows) {
    const text =
      `**${esc(shortSquadName(i.squadName))}** · ${i.raisedOn} ${esc(i.raisedByName)}提出\n` +
      `问题：${clip(i.title, 60)}\n请求：${clip(i.helpAsked, 80)}` +
      (i.projectName ? `\n项目：${clip(i.projectName, 40)}` : '');
    out.push(
      v.canDecide
        ? // Weight 2: the four-character button stays on one line at phone width.
          buttonRow(
            text,
            { name: `decide_${i.id}`, text: '记录决定', value: { action: 'decision.new', issueId: i.id } },
            2,
          )
        : md(text),
    );
  }
  const more = v.issues.total - v.issues.rows.length;
  if (more > 0) out.push(md(`还有 ${more} 项未列出（按提出时间先后），记录决定后，下次打开会议材料会列出其余问题。`));
  return out;
}

function openDecisionsElement(v: MeetingPackView): Element {
  const { rows, total } = v.openDecisions;
  const lines = rows.map((d) => {
    const due =
      d.daysOver > 0 ? `<font color='red'>已超期 ${d.daysOver} 天</font>（期限 ${d.dueOn}）` : `期限 ${d.dueOn}`;
    return `- ${clip(d.title, 60)}\n  ${d.period} · 责任人 ${esc(d.ownerName)} · ${due}`;
  });
  const more = total - rows.length;
  return md(
    `**四、以往会议决定未办结**（${total} 项）\n${lines.length ? lines.join('\n') : '没有未办结的决定。'}` +
      (more > 0 ? `\n还有 ${more} 项未列出（按期限先后）。` : ''),
  );
}

function closedElement(v: MeetingPackView): Element {
  const shown = v.closed.slice(0, PACK_DECISION_LIMIT);
  const lines = shown.map(
    (d) =>
      `- ${clip(d.title, 60)}\n  ${esc(d.ownerName)} · ${d.closedOn} 办结${d.closedByName && d.closedByName !== d.ownerName ? `（${esc(d.closedByName)}销号）` : ''}：${clip(d.note, 100)}`,
  );
  const more = v.closed.length - shown.length;
  return md(
    `**五、上次会议以来办结的决定**（${v.closed.length} 项）\n${lines.length ? lines.join('\n') : '无。'}` +
      (more > 0 ? `\n还有 ${more} 项未列出（按办结先后）。` : ''),
  );
}

export function meetingPackCard(v: MeetingPackView): Card {
  const elements: Element[] = [
    placesElement(v),
    listsElement(v),
    ...issueElements(v),
    openDecisionsElement(v),
    closedElement(v),
  ];
  const actions: Element[] = v.canDecide
    ? [
        {
          tag: 'button',
          name: 'decide_new',
          type: 'default',
          width: 'fill',
          text: { tag: 'plain_text', content: '另记一项会议决定' },
          behaviors: [{ type: 'callback', value: { action: 'decision.new', period: v.period.key } }],
        },
      ]
    : [];
  return renderPack(v, elements, actions);
}

function renderPack(v: MeetingPackView, elements: Element[], actions: Element[]): Card {
  return renderCard('meeting-pack', {
    title: periodName(v.period),
    subtitle: `截至 ${v.today}`,
    elements,
    footer:
      '各类小分队分别排名；红黑榜以办公室发布的为准。点“记录决定”填写决定事项、责任人和完成时限，责任人会立即收到通知。',
    actions,
  });
}
