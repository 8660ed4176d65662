import type { LarkClient } from './client.js';
import type { Log } from '../log.js';

/** The bot's own open_id, to recognise @bot among a group message's mentions. */
export async function fetchBotOpenId(lark: LarkClient, log: Log): Promise<string | undefined> {
  try {
    const res = (await lark.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      code?: number;
      bot?: { open_id?: string };
    };
    if (res.code === 0 && res.bot?.open_id) return res.bot.open_id;
    log.warn({ code: res.code }, 'bot info unavailable: group messages are answered whenever they arrive');
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'bot info unavailable: group messages are answered whenever they arrive');
  }
  return undefined;
}
