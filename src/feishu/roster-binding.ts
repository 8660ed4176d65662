import { recordAudit } from '../db/audit-trail.js';
import type { Db } from '../db/client.js';
import { bindOpenIdIfFree, listUnboundPeople } from '../db/people.js';
import type { LarkClient } from './client.js';
import type { Log } from '../log.js';

export interface BindResult {
  bound: number;
  notFound: string[];
}

/**
 * Resolves the roster to Feishu open_ids with the contact API's batch_get_id (by mobile, else
 * e-mail; at most 50 of each per call) and stores them. People already bound are left alone.
 */
export async function bindRoster(db: Db, lark: LarkClient, log: Log): Promise<BindResult> {
  const people = await listUnboundPeople(db);
  const result: BindResult = { bound: 0, notFound: [] };
  for (let i = 0; i < people.length; i += 50) {
    const chunk = people.slice(i, i + 50);
    const mobiles = chunk.filter((p) => p.mobile).map((p) => p.mobile!);
    const emails = chunk.filter((p) => !p.mobile && p.email).map((p) => p.email!);
    const res = await lark.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { mobiles, emails, include_resigned: false },
    });
    if (res.code !== 0) {
      log.warn({ code: res.code, msg: res.msg }, 'batch_get_id failed: roster not bound');
      return result;
    }
    const byKey = new Map<string, string>();
    for (const u of res.data?.user_list ?? []) {
      if (!u.user_id) continue;
      if (u.mobile) byKey.set(normaliseMobile(u.mobile), u.user_id);
      if (u.email) byKey.set(u.email.toLowerCase(), u.user_id);
    }
    for (const p of chunk) {
      const openId =
        (p.mobile && byKey.get(normaliseMobile(p.mobile))) || (p.email && byKey.get(p.email.toLowerCase()));
      if (!openId) {
        result.notFound.push(p.name);
        continue;
      }
      if (!(await bindOpenIdIfFree(db, p.id, openId))) continue;
      await recordAudit(db, null, 'person.bind', 'Person', p.id, { openId, via: 'batch_get_id', name: p.name });
      result.bound++;
    }
  }
  return result;
}

function normaliseMobile(m: string): string {
  return m.replace(/^\+86/, '').replace(/\D/g, '');
}
