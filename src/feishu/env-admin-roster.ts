import { addEnvAdminToRoster, envAdminOffRoster } from '../db/env-admins.js';
import type { Deps } from '../deps.js';

/**
 * An env admin (LARK_ADMIN_OPEN_IDS) who is not on the roster is put there before their first event
 * is handled, so they act as a full office admin at once. Their name comes from the contact API,
 * asked here, outside any transaction; if Feishu does not answer, a placeholder the office can
 * recognise and correct in the roster.
 */
export async function putEnvAdminOnRoster(deps: Deps, openId: string): Promise<void> {
  if (!(await envAdminOffRoster(deps.db, deps.config.adminOpenIds, openId))) return;
  const name = (await contactName(deps, openId)) ?? `管理员${openId.slice(-6)}`;
  await addEnvAdminToRoster(deps.db, openId, name);
}

/** The user's name from contact/v3 users/:open_id, or null when the look-up fails. */
async function contactName(deps: Deps, openId: string): Promise<string | null> {
  try {
    const res = await deps.lark.contact.v3.user.get({
      path: { user_id: openId },
      params: { user_id_type: 'open_id' },
    });
    const name = res.code === 0 ? res.data?.user?.name?.trim() : undefined;
    return name || null;
  } catch (e) {
    deps.log.warn({ err: e, openId }, 'contact look-up of an env admin failed; a placeholder name is used');
    return null;
  }
}
