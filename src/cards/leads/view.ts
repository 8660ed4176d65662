import { LEAD_SOURCE_LABELS, type LeadSource } from '../../domain/vocabulary.js';
import type { Card } from '../../feishu/answer.js';
import { countColumn, md, note, shortSquadName, table, type Element } from '../shared/elements.js';
import { escapeMarkdown, renderCard } from '../shared/template.js';

const STATUS_LABELS: Record<string, string> = { OPEN: '跟进中', CONVERTED: '已转项目', DROPPED: '已放弃' };

export interface LeadsView {
  title: string;
  today: string;
  year: number;
  /** More than one squad in view: the per-squad table is drawn. */
  severalSquads: boolean;
  perSquad: { name: string; total: number; open: number; converted: number; dropped: number }[];
  recent: {
    id?: number;
    company: string;
    sector: string | null;
    squadName: string;
    status: string;
    source: string;
    createdOn: string;
    /** Name and phone, or null when the asker may not see them. */
    contact: { name: string | null; phone: string | null } | null;
  }[];
  /** 中介奖励 whose project has signed and that are not paid yet. */
  rewardsDue?: { leadId: number; company: string; squadName: string; state: string; amount: string }[];
}

/** /leads: this year's leads per squad and the latest ones. */
export function leadsCard(v: LeadsView): Card {
  const total = v.perSquad.reduce((a, r) => a + r.total, 0);
  const elements: Element[] = [md(`**${v.year}年线索 ${total} 条**`)];
  if (v.severalSquads)
    elements.push(
      table(
        [
          { name: 'name', display_name: '小分队' },
          countColumn('total', '合计'),
          countColumn('open', '跟进'),
          countColumn('converted', '转项目'),
        ],
        v.perSquad.map((r) => ({ ...r, name: shortSquadName(r.name) })),
      ),
    );
  elements.push(md('**最新线索**'));
  // A list, not a table: company, squad, status, date and contact side by side are wider than a phone.
  if (v.recent.length === 0) elements.push(note('还没有线索。外出招商后在出差报告里填写，或发送 /lead 登记。'));
  else
    elements.push(
      md(
        v.recent
          .map((l) => {
            const company = l.sector ? `${l.company}（${l.sector}）` : l.company;
            const number = l.id !== undefined ? `#${l.id} ` : '';
            const contact = l.contact
              ? [l.contact.name, l.contact.phone].filter(Boolean).join(' ') || '无联系人'
              : '联系人仅本小分队和办公室可见';
            const status = `${STATUS_LABELS[l.status] ?? l.status} · ${LEAD_SOURCE_LABELS[l.source as LeadSource] ?? l.source}`;
            return (
              `**${number}${escapeMarkdown(company)}**\n` +
              `${escapeMarkdown(shortSquadName(l.squadName))} · ${status} · ${l.createdOn} · ${escapeMarkdown(contact)}`
            );
          })
          .join('\n\n'),
      ),
    );
  if (v.rewardsDue?.length)
    elements.push(
      md(`**中介奖励待办 ${v.rewardsDue.length} 笔**（发送 /leadcard 编号 办理）`),
      table(
        [
          { name: 'company', display_name: '线索' },
          { name: 'squad', display_name: '小分队' },
          { name: 'state', display_name: '状态' },
          { name: 'amount', display_name: '金额' },
        ],
        v.rewardsDue.map((r) => ({
          company: `#${r.leadId} ${r.company}`,
          squad: r.squadName,
          state: r.state,
          amount: r.amount,
        })),
      ),
    );
  return renderCard('leads', {
    title: v.title,
    subtitle: `截至 ${v.today}`,
    elements,
    footer: '同一企业只登记一条线索（撞单时显示首登的小分队）。',
  });
}
