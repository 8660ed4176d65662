import { parsePeriod, periodName } from '../../domain/periods.js';
import { bulletinSections, type BulletinSection } from '../../domain/ranking-by-kind.js';
import type { Bulletin } from '../../domain/scoring.js';
import type { Card } from '../../feishu/answer.js';
import { buildCompletionChart, chartWithFallback } from '../shared/charts.js';
import { md, table, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

// The quarterly red/black list: a draft the office reviews (with a 发布 button), then the
// published list the leadership group chat gets.

export interface BulletinView {
  /** Bulletins stored before the lists were split by kind have no sections: one list is drawn. */
  bulletin: Bulletin & { sections?: BulletinSection[] };
  status: 'DRAFT' | 'PUBLISHED';
  publishedBy?: string;
  publishedAt?: string;
}

export function bulletinCard(v: BulletinView, withPublishButton: boolean): Card {
  const b = v.bulletin;
  const p = parsePeriod(b.period);
  // A reason may quote an inspection's findings (typed text): never read as markup.
  const line = (e: { name: string; rank: number; reasons: string[] }) =>
    `- **${e.name}**（第 ${e.rank} 名）：${e.reasons.map(escapeMarkdown).join('；')}`;
  const sections = bulletinSections(b);
  const headed = sections.length > 1 || b.sections !== undefined;
  const elements: Element[] = sections.flatMap((s) => sectionElements(s, headed, line));
  const unjudged = b.unjudged ?? [];
  if (unjudged.length)
    elements.push(
      md(
        `**未参评**：${unjudged.map((u) => u.name).join('、')}\n本期既无目标任务也无工作记录，不参加排名，也不上红黑榜。`,
      ),
    );
  if (!b.ranking.length) elements.push(md('本期没有可评比的小分队，不出红黑榜。'));
  const actions: Element[] = withPublishButton
    ? [
        {
          tag: 'button',
          type: 'primary_filled',
          width: 'fill',
          text: { tag: 'plain_text', content: '发布到领导小组群' },
          confirm: {
            title: { tag: 'plain_text', content: '发布红黑榜？' },
            text: { tag: 'plain_text', content: '发布后将发到领导小组群，不能撤回。' },
          },
          behaviors: [{ type: 'callback', value: { action: 'bulletin.publish', period: b.period } }],
        },
      ]
    : [];
  const published = v.status === 'PUBLISHED';
  return renderCard('bulletin', {
    title: p ? periodName(p) : b.period,
    subtitle: published
      ? `已发布${v.publishedBy ? ` · ${v.publishedBy}` : ''}${v.publishedAt ? ` · ${v.publishedAt}` : ''}`
      : '草稿 · 请办公室审核后发布',
    colour: published ? 'red' : 'grey',
    status: published ? '已发布' : '草稿',
    statusColour: published ? 'red' : 'neutral',
    elements,
    footer:
      '产业小分队、镇（街道办）、区直部门分别排名。得分按目标任务完成率加权计算：项目规模质量、资金到位率、开工率权重最大，重大项目和战略性新兴产业加权；季度督查评价计入受督查小分队的得分；权重由区招商局设置。免报月份不计缺报。',
    actions,
  });
}

/** One kind's red list, black list and ranking (with its chart). */
function sectionElements(
  s: BulletinSection,
  headed: boolean,
  line: (e: { name: string; rank: number; reasons: string[] }) => string,
): Element[] {
  return [
    ...(headed ? [md(`### ${s.label}`)] : []),
    md(`<font color='red'>**红榜**</font>\n${s.red.length ? s.red.map(line).join('\n') : '（本期无）'}`),
    md(`<font color='grey'>**黑榜**</font>\n${s.black.length ? s.black.map(line).join('\n') : '（本期无）'}`),
    md('**综合得分排名**'),
    table(
      [
        { name: 'rank', display_name: '名次' },
        { name: 'name', display_name: '小分队' },
        { name: 'score', display_name: '得分' },
      ],
      s.ranking.map((r) => ({ rank: `${r.rank}/${s.ranking.length}`, name: r.name, score: r.score.toFixed(1) })),
    ),
    ...(s.ranking.length > 1
      ? chartWithFallback(
          buildCompletionChart(
            s.ranking.map((r) => ({ squad: r.name, completion: r.score / 100 })),
            `${s.label}综合得分`,
            '得分',
          ),
        )
      : []),
  ];
}
