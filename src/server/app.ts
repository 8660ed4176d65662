import Router from '@koa/router';
import type * as lark from '@larksuiteoapi/node-sdk';
import Koa from 'koa';
import type { Deps } from '../deps.js';
import { HttpError, parseJsonObject, readRawBody } from './body.js';
import type { Metrics } from './metrics.js';
import { verifyRequest } from './verify.js';

export interface AppOptions {
  /** Extra routes (the sandbox page, metrics) mounted by main.ts. */
  extraRoutes?: (router: Router) => void;
  healthCheck?: () => Promise<void>;
  metrics?: Metrics;
  /** true once SIGTERM arrived: new requests get 503 (Feishu re-delivers to another instance). */
  isStopping?: () => boolean;
}

const REPLAY_WINDOW_MS = 5 * 60_000;

export function createApp(deps: Deps, dispatcher: lark.EventDispatcher, opts: AppOptions = {}): Koa {
  const app = new Koa();
  app.proxy = true;
  const router = new Router();

  app.use(async (ctx, next) => {
    if (opts.isStopping?.()) {
      ctx.set('Connection', 'close');
      ctx.status = 503;
      ctx.body = { error: 'shutting down' };
      return;
    }
    const webhook = ctx.path.startsWith('/webhook/');
    const end = webhook ? opts.metrics?.answerSeconds.startTimer({ route: ctx.path }) : undefined;
    try {
      await next();
    } catch (e) {
      if (e instanceof HttpError) {
        ctx.status = e.status;
        ctx.body = { error: e.message };
        deps.log.warn({ path: ctx.path, status: e.status, reason: e.message }, 'request refused');
        return;
      }
      deps.log.error({ err: e, path: ctx.path }, 'request failed');
      ctx.status = 500;
      ctx.body = { error: 'internal error' };
    } finally {
      if (webhook) {
        end?.();
        opts.metrics?.events.inc({ type: String(ctx.state.eventType ?? 'none'), status: String(ctx.status) });
      }
    }
  });

  const webhook = async (ctx: Koa.Context) => {
    const raw = await readRawBody(ctx);
    const body = parseJsonObject(raw);
    const v = verifyRequest(ctx, raw, body, {
      verificationToken: deps.config.lark.verificationToken,
      encryptKey: deps.config.lark.encryptKey,
      allowPlaintext: deps.config.allowPlaintext,
      maxSkewMs: REPLAY_WINDOW_MS,
      now: () => Date.now(),
    });
    if (v.kind === 'challenge') {
      ctx.body = { challenge: v.challenge };
      return;
    }
    const header = v.plain.header as { event_type?: unknown } | undefined;
    ctx.state.eventType = header?.event_type ?? v.plain.type ?? 'unknown';
    const data = Object.assign(Object.create({ headers: ctx.headers }) as object, v.plain);
    const out: unknown = await dispatcher.invoke(data, { needCheck: false });
    // The SDK answers a type it has no handler for with a string; Feishu wants 200 and JSON.
    ctx.status = 200;
    ctx.body = out && typeof out === 'object' ? out : {};
  };

  router.post('/webhook/event', webhook);
  router.post('/webhook/card', webhook);
  router.get('/healthz', async (ctx) => {
    try {
      if (opts.healthCheck) await opts.healthCheck();
      const { warnings } = deps.config;
      ctx.body = warnings.length ? { ok: true, warnings } : { ok: true };
    } catch (e) {
      ctx.status = 503;
      ctx.body = { ok: false, error: (e as Error).message };
    }
  });
  router.get('/metrics', async (ctx) => {
    if (!opts.metrics) return;
    ctx.type = opts.metrics.registry.contentType;
    ctx.body = await opts.metrics.registry.metrics();
  });
  opts.extraRoutes?.(router);
  app.use(router.routes());
  app.use(router.allowedMethods());
  return app;
}
