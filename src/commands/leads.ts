import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { md, note, table, type Element } from '../cards/shared/elements.js';
import { renderCard } from '../cards/shared/template.js';
import { maySeeContactDetails } from '../domain/authz.js';
import { LEAD_SOURCE_LABELS, type LeadSource } from '../domain/vocabulary.js';
import { leadCounts, recentLeads } from '../db/listings.js';
import { reply } from '../feishu/answer.js';
import { currentYear, resolveScope, todayOf } from './scope.js';

const STATUS_LABELS: Record<string, string> = { OPEN: '跟进中', CONVERTED: '已转项目', DROPPED: '已放弃' };

export async function listLeads(input: CommandInput, deps: Deps): Promise<Reply> {
  const res = await resolveScope(deps, input.actor!, input.args.length ? input.args.join(' ') : undefined);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const ids = scope.all ? undefined : scope.squads.map((s) => s.id);
  const year = currentYear(deps);
  const [counts, recent] = await Promise.all([leadCounts(deps.db, ids, year.from, year.to), recentLeads(deps.db, ids)]);
  const elements: Element[] = [];
  const perSquad = scope.squads
    .map((s) => {
      const of = counts.filter((c) => c.squadId === s.id);
      const n = (st: string) => of.filter((c) => c.status === st).reduce((a, c) => a + c.n, 0);
      return {
        name: s.name,
        total: of.reduce((a, c) => a + c.n, 0),
        open: n('OPEN'),
        converted: n('CONVERTED'),
        dropped: n('DROPPED'),
      };
    })
    .filter((r) => r.total > 0 || scope.squads.length <= 10);
  const total = perSquad.reduce((a, r) => a + r.total, 0);
  elements.push(md(`**${year.year}年线索 ${total} 条**`));
  if (scope.squads.length > 1)
    elements.push(
      table(
        [
          { name: 'name', display_name: '小分队' },
          { name: 'total', display_name: '合计', data_type: 'number' },
          { name: 'open', display_name: '跟进中', data_type: 'number' },
          { name: 'converted', display_name: '已转项目', data_type: 'number' },
        ],
        perSquad,
      ),
    );
  elements.push(md('**最新线索**'));
  if (recent.length === 0) elements.push(note('还没有线索。外出招商后在出差报告里填写，或发送 /lead 登记。'));
  else
    elements.push(
      table(
        [
          { name: 'company', display_name: '企业' },
          { name: 'squad', display_name: '小分队' },
          { name: 'status', display_name: '状态' },
          { name: 'date', display_name: '日期' },
          { name: 'contact', display_name: '联系人' },
        ],
        recent.map((l) => ({
          company: l.sector ? `${l.company}（${l.sector}）` : l.company,
          squad: l.squad.name,
          status: `${STATUS_LABELS[l.status] ?? l.status} · ${LEAD_SOURCE_LABELS[l.source as LeadSource] ?? l.source}`,
          date: l.createdOn,
          // Phones only for the office and the owning squad (authz.maySeeContactDetails).
          contact: maySeeContactDetails(input.actor!, l.squadId)
            ? [l.contactName, l.phone].filter(Boolean).join(' ') || '—'
            : '（仅本小分队和办公室可见）',
        })),
      ),
    );
  return reply.card(
    renderCard('leads', {
      title: scope.title,
      subtitle: `截至 ${todayOf(deps)}`,
      elements,
      footer: '同一企业只登记一条线索（撞单时显示首登的小分队）。',
    }),
  );
}
