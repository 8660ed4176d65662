import { recordAudit } from '../db/audit-trail.js';
import type { Db } from '../db/client.js';
import { bindOpenIdIfFree, listUnboundPeople } from '../db/people.js';
import { UserError } from '../errors.js';
import type { LarkClient } from './client.js';
import type { Log } from '../log.js';

export interface BindResult {
  bound: number;
  notFound: string[];
}

/** What the contact API found for the unbound roster: open_ids by person, and the names not found. */
export interface RosterLookup {
  found: { personId: number; name: string; openId: string }[];
  notFound: string[];
}

/**
 * Looks the unbound roster up with the contact API's batch_get_id (by mobile, else e-mail; at most
 * 50 of each per call). Only reads and Feishu calls: nothing is stored, so it can run outside any
 * transaction. A refusal from Feishu (no permission, bad request) throws a UserError.
 */
export async function lookUpRoster(db: Db, lark: LarkClient): Promise<RosterLookup> {
  const people = await listUnboundPeople(db);
  const result: RosterLookup = { found: [], notFound: [] };
  for (let i = 0; i < people.length; i += 50) {
    const chunk = people.slice(i, i + 50);
    const mobiles = chunk.filter((p) => p.mobile).map((p) => p.mobile!);
    const emails = chunk.filter((p) => !p.mobile && p.email).map((p) => p.email!);
    const res = await lark.contact.v3.user.batchGetId({
      params: { user_id_type: 'open_id' },
      data: { mobiles, emails, include_resigned: false },
    });
    if (res.code !== 0)
      throw new UserError(`飞书通讯录拒绝了查询（${res.code}：${res.msg}）。请检查应用是否开通了通讯录权限。`);
    const byKey = new Map<string, string>();
    for (const u of res.data?.user_list ?? []) {
      if (!u.user_id) continue;
      if (u.mobile) byKey.set(normaliseMobile(u.mobile), u.user_id);
      if (u.email) byKey.set(u.email.toLowerCase(), u.user_id);
    }
    for (const p of chunk) {
      const openId =
        (p.mobile && byKey.get(normaliseMobile(p.mobile))) || (p.email && byKey.get(p.email.toLowerCase()));
      if (openId) result.found.push({ personId: p.id, name: p.name, openId });
      else result.notFound.push(p.name);
    }
  }
  return result;
}

/**
 * Stores what a look-up found (in the caller's transaction): a person bound since, or an open_id
 * that another person holds by now, is left alone.
 */
export async function storeRosterBindings(db: Db, lookup: RosterLookup): Promise<BindResult> {
  const stillUnbound = new Set((await listUnboundPeople(db)).map((p) => p.id));
  let bound = 0;
  for (const f of lookup.found) {
    if (!stillUnbound.has(f.personId)) continue;
    if (!(await bindOpenIdIfFree(db, f.personId, f.openId))) continue;
    await recordAudit(db, null, 'person.bind', 'Person', f.personId, {
      openId: f.openId,
      via: 'batch_get_id',
      name: f.name,
    });
    bound++;
  }
  return { bound, notFound: lookup.notFound };
}

/**
 * At start, before any event is taken: look the roster up and store it, person by person (each
 * binding stands alone, and a whole roster would outlast a transaction's time limit). Failures are
 * logged; the bot starts anyway.
 */
export async function bindRoster(db: Db, lark: LarkClient, log: Log): Promise<BindResult | undefined> {
  try {
    return await storeRosterBindings(db, await lookUpRoster(db, lark));
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'roster not bound');
    return undefined;
  }
}

function normaliseMobile(m: string): string {
  return m.replace(/^\+86/, '').replace(/\D/g, '');
}
