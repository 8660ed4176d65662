import type { LarkClient } from './client.js';
import type { Log } from '../log.js';

/** After a failed fetch, the next try waits this long (a Feishu outage costs one call per interval, not one per message). */
const RETRY_MS = 30_000;

/**
 * The bot's own open_id, to recognise @bot among a group message's mentions. Fetched at start; if
 * that fails it is fetched again when a message needs it (at most once per RETRY_MS), so a Feishu
 * hiccup at start does not leave group @mentions unrecognised until a restart.
 */
export class BotIdentity {
  private value: string | undefined;
  private fetching: Promise<string | undefined> | undefined;
  private triedAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly lark: LarkClient,
    private readonly log: Log,
    private readonly retryMs = RETRY_MS,
  ) {}

  /** The open_id, fetching it if it is still missing; undefined while Feishu cannot tell. */
  async openId(): Promise<string | undefined> {
    if (this.value !== undefined) return this.value;
    if (!this.fetching && Date.now() - this.triedAt >= this.retryMs) {
      this.triedAt = Date.now();
      this.fetching = fetchBotOpenId(this.lark, this.log).finally(() => {
        this.fetching = undefined;
      });
    }
    const found = await this.fetching;
    if (found) this.value = found;
    return this.value;
  }
}

async function fetchBotOpenId(lark: LarkClient, log: Log): Promise<string | undefined> {
  try {
    const res = (await lark.request({ method: 'GET', url: '/open-apis/bot/v3/info' })) as {
      code?: number;
      bot?: { open_id?: string };
    };
    if (res.code === 0 && res.bot?.open_id) return res.bot.open_id;
    log.warn({ code: res.code }, 'bot info unavailable: asked again when a message needs it');
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'bot info unavailable: asked again when a message needs it');
  }
  return undefined;
}
