// The baseline of the webhook bench: a bare Koa route that only reads, decrypts and verifies the
// same payloads (src/server/body.ts + verify.ts) and answers {} — no dispatcher, no database.
import Koa from 'koa';
import { SANDBOX_LARK } from '../src/config.js';
import { HttpError, parseJsonObject, readRawBody } from '../src/server/body.js';
import { verifyRequest } from '../src/server/verify.js';

const app = new Koa();
app.use(async (ctx) => {
  try {
    const raw = await readRawBody(ctx);
    verifyRequest(ctx, raw, parseJsonObject(raw), {
      verificationToken: SANDBOX_LARK.verificationToken,
      encryptKey: SANDBOX_LARK.encryptKey,
      maxSkewMs: 300_000,
      now: Date.now,
    });
    ctx.body = {};
  } catch (e) {
    ctx.status = e instanceof HttpError ? e.status : 500;
  }
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const { port } = server.address() as { port: number };
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}`, msg: 'baseline listening' }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
