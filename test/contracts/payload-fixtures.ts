// The payload fixtures (test/fixtures/{events,callbacks}) read the way the bot reads them: the
// url_verification check as verify.ts sees it; events through the SDK's EventDispatcher (header
// and event flattened into one object) into the schemas of src/feishu/payloads.ts.
import fs from 'node:fs';
import path from 'node:path';
import * as lark from '@larksuiteoapi/node-sdk';
import { z } from 'zod';
import { BotMenuTap, CardTrigger, MessageReceive } from '../../src/feishu/payloads.js';

/**
 * The schema 2.0 envelope every event and callback arrives in. verify.ts reads `header.token` and
 * app.ts `header.event_type` from it before the SDK flattens header and event.
 */
const Envelope = z.looseObject({
  schema: z.literal('2.0'),
  header: z.looseObject({
    event_id: z.string().min(1),
    event_type: z.string().min(1),
    token: z.string(),
    create_time: z.string().optional(),
    tenant_key: z.string().optional(),
    app_id: z.string().optional(),
  }),
  event: z.looseObject({}),
});

const FIXTURES = path.resolve('test', 'fixtures');
export const fixtureFiles = (dir: string) =>
  fs
    .readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.json'))
    .map((f) => `${dir}/${f}`);
const readFixture = (f: string) => JSON.parse(fs.readFileSync(path.join(FIXTURES, f), 'utf8')) as Record<string, any>;

/** The request-URL check: answered by verify.ts before the SDK sees anything. */
const UrlVerification = z.strictObject({
  type: z.literal('url_verification'),
  challenge: z.string().min(1),
  token: z.string().min(1),
});

/** What the SDK's EventDispatcher hands to our handler (header and event flattened into one object). */
async function flatten(payload: Record<string, any>): Promise<Record<string, unknown>> {
  const type = String(payload.header?.event_type);
  let flat: Record<string, unknown> | undefined;
  const d = new lark.EventDispatcher({ loggerLevel: lark.LoggerLevel.fatal });
  const keep = async (e: Record<string, unknown>) => {
    flat = e;
    return {};
  };
  d.register({ [type]: keep } as never);
  await d.invoke(payload, { needCheck: false });
  if (!flat) throw new Error(`the SDK did not dispatch ${type}`);
  return flat;
}

export const SCHEMAS: Record<string, z.ZodType> = {
  'im.message.receive_v1': MessageReceive, // src/server/on-message.ts
  'card.action.trigger': CardTrigger, // src/server/on-card.ts
  'application.bot.menu_v6': BotMenuTap, // src/server/on-menu.ts
};

/** The payload parsed the way the bot does; throws (with zod's message) when it does not parse. */
export async function parseAsTheBot(f: string): Promise<{ type: string; event?: Record<string, any> }> {
  const payload = readFixture(f);
  if (payload.type === 'url_verification') return { type: UrlVerification.parse(payload).type };
  const env = Envelope.parse(payload); // schema 2.0 and the EventHeader
  const schema = SCHEMAS[env.header.event_type];
  if (!schema) throw new Error(`${f}: no payload schema for event type ${env.header.event_type}`);
  const flat = await flatten(payload);
  if (!flat.event_id) throw new Error(`${f}: no event_id after flattening`);
  return { type: env.header.event_type, event: schema.parse(flat) as Record<string, any> };
}
