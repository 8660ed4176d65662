import type { LarkClient } from './client.js';
import type { Log } from '../log.js';

/** Longest wait between tries while Feishu keeps failing: an outage costs a call per interval, not per message. */
const MAX_RETRY_MS = 30_000;

/** A message waits at most this long for the answer; it is then handled as if the id were unknown. */
const MESSAGE_WAIT_MS = 2_000;

/**
 * The bot's own open_id, to recognise @bot among a group message's mentions. Fetched at start; if
 * that fails it is fetched again when a message needs it (right away the first time, then at
 * growing intervals while Feishu keeps failing), so a Feishu hiccup at start does not leave group
 * @mentions unrecognised until a restart.
 */
export class BotIdentity {
  private value: string | undefined;
  private fetching: Promise<string | undefined> | undefined;
  private failures = 0;
  private nextTryAt = 0;

  constructor(
    private readonly lark: LarkClient,
    private readonly log: Log,
  ) {}

  /** The open_id, fetching it if it is still missing; undefined while Feishu cannot tell. */
  async openId(): Promise<string | undefined> {
    if (this.value !== undefined) return this.value;
    if (!this.fetching && Date.now() >= this.nextTryAt) this.fetching = this.fetch();
    if (!this.fetching) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), MESSAGE_WAIT_MS);
    });
    try {
      return await Promise.race([this.fetching, gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async fetch(): Promise<string | undefined> {
    const found = await fetchBotOpenId(this.lark, this.log);
    this.fetching = undefined;
    if (found) {
      this.value = found;
      return found;
    }
    this.failures++;
    // The first failure (usually the one at start) may be retried at once; later ones back off.
    this.nextTryAt = this.failures === 1 ? 0 : Date.now() + Math.min(MAX_RETRY_MS, 1000 * 2 ** (this.failures - 2));
    return undefined;
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
