import * as lark from '@larksuiteoapi/node-sdk';
import type { Config } from '../config.js';
import type { Log } from '../log.js';
import { sdkLogger } from '../log-safe.js';
import type { Metrics } from './metrics.js';

export interface WsConnection {
  close(): void;
}

/**
 * LARK_EVENT_MODE=ws: events and card callbacks arrive over the SDK's long connection and go to
 * the same dispatcher (and so the same handlers and the same ProcessedEvent de-dup) as webhooks.
 * The edge checks of verify.ts (signature, token, replay window) do not apply: the connection
 * itself is opened with the app secret and the frames come decrypted. A card callback's answer is
 * the dispatcher's return value, which the SDK sends back in the response frame.
 */
export async function startWsConnection(
  config: Config,
  dispatcher: lark.EventDispatcher,
  log: Log,
  metrics?: Metrics,
): Promise<WsConnection> {
  const counted = {
    invoke: async (data: unknown, opts?: { needCheck?: boolean }) => {
      const type = String((data as { header?: { event_type?: string } }).header?.event_type ?? 'unknown');
      const end = metrics?.answerSeconds.startTimer({ route: 'ws' });
      try {
        const out: unknown = await dispatcher.invoke(data, opts);
        metrics?.events.inc({ type, status: '200' });
        return out;
      } catch (e) {
        metrics?.events.inc({ type, status: '500' });
        log.error({ err: e, type }, 'long-connection event failed');
        throw e;
      } finally {
        end?.();
      }
    },
  } as unknown as lark.EventDispatcher;
  const client = new lark.WSClient({
    appId: config.lark.appId,
    appSecret: config.lark.appSecret,
    domain: config.lark.domain ?? lark.Domain.Feishu,
    loggerLevel: lark.LoggerLevel.warn,
    logger: sdkLogger(log),
    autoReconnect: true,
  });
  await client.start({ eventDispatcher: counted });
  log.info(
    { domain: config.lark.domain ?? 'feishu' },
    'receiving events over the long connection (LARK_EVENT_MODE=ws)',
  );
  return { close: () => client.close({ force: true }) };
}
