import type { CommandInput } from './types.js';
import type { Deps } from '../deps.js';
import type { Reply } from '../feishu/answer.js';
import { leadsCard } from '../cards/leads/view.js';
import { maySeeContactDetails } from '../domain/contact-rules.js';
import { leadCounts, recentLeads } from '../db/listings.js';
import { rewardsOutstanding } from '../db/lead-state.js';
import { reply, replyPrivately } from '../feishu/answer.js';
import { currentYear, resolveScope, todayOf } from './scope.js';

export async function listLeads(input: CommandInput, deps: Deps): Promise<Reply> {
  const actor = input.actor!;
  const res = await resolveScope(deps, actor, input.args.length ? input.args.join(' ') : undefined);
  if (!res.ok) return reply.text(res.refusal);
  const { scope } = res;
  const ids = scope.all ? undefined : scope.squads.map((s) => s.id);
  const year = currentYear(deps);
  const [counts, recent, rewards] = await Promise.all([
    leadCounts(deps.db, ids, year.from, year.to),
    recentLeads(deps.db, ids),
    rewardsOutstanding(deps.db, ids),
  ]);
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
  const recentShown = recent.map((l) => ({
    id: l.id,
    company: l.company,
    sector: l.sector,
    squadName: l.squad.name,
    status: l.status,
    source: l.source,
    createdOn: l.createdOn,
    contact: maySeeContactDetails(actor, l.squadId) ? { name: l.contactName, phone: l.phone } : null,
  }));
  const card = reply.card(
    leadsCard({
      title: scope.title,
      today: todayOf(deps),
      year: year.year,
      severalSquads: scope.squads.length > 1,
      perSquad,
      recent: recentShown,
      rewardsDue: rewards.map((r) => ({
        leadId: r.leadId,
        company: r.company,
        squadName: r.squadName,
        state: r.rowStatus === 'APPROVED' ? '已审核，待支付' : '应兑现，待审核',
        amount: r.approvedAmountWan !== null ? `${r.approvedAmountWan} 万元` : r.intermediaryReward,
      })),
    }),
  );
  // Phones are for the asker alone: asked in a group, the card goes to their 1:1 chat.
  return recentShown.some((l) => l.contact?.phone) ? replyPrivately(deps.db, input, card) : card;
}
