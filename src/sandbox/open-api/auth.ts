import { errors } from './errors.js';
import { bodyOf, type RequestContext, type Reply, type Route } from './http.js';
import { issueTenantToken } from './tokens.js';

// Self-built app tokens. The answer carries the token at the top level (no `data`), msg "ok".
// https://open.feishu.cn/document/server-docs/authentication-management/access-token/tenant_access_token_internal

function checkApp(ctx: RequestContext): void {
  const body = bodyOf(ctx);
  const appId = body.app_id;
  const appSecret = body.app_secret;
  if (typeof appId !== 'string' || !appId || typeof appSecret !== 'string' || !appSecret) throw errors.appIdInvalid();
  if (appId !== ctx.core.appId) throw errors.appIdInvalid();
  if (appSecret !== ctx.core.appSecret) throw errors.appSecretInvalid();
}

function tenantToken(ctx: RequestContext): Reply {
  checkApp(ctx);
  const { token, expire } = issueTenantToken(ctx.core.appId, ctx.now);
  return { body: { code: 0, msg: 'ok', tenant_access_token: token, expire } };
}

// For a self-built app the app_access_token is the same kind of token, and Feishu sends both.
function appToken(ctx: RequestContext): Reply {
  checkApp(ctx);
  const { token, expire } = issueTenantToken(ctx.core.appId, ctx.now);
  return { body: { code: 0, msg: 'ok', app_access_token: token, tenant_access_token: token, expire } };
}

export const authRoutes: Route[] = [
  { method: 'POST', pattern: '/open-apis/auth/v3/tenant_access_token/internal', open: true, handler: tenantToken },
  { method: 'POST', pattern: '/open-apis/auth/v3/app_access_token/internal', open: true, handler: appToken },
];
