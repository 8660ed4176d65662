import { z } from 'zod';

// Shapes of what Feishu sends (schema 2.0), checked at the edge; unknown fields pass through.
// https://open.feishu.cn/document/server-docs/im-v1/message/events/receive

const UserId = z.looseObject({
  open_id: z.string().optional(),
  union_id: z.string().optional(),
  user_id: z.string().nullish(),
});

export const Mention = z.looseObject({
  key: z.string(),
  id: UserId,
  name: z.string().optional(),
  tenant_key: z.string().optional(),
});
export type Mention = z.infer<typeof Mention>;

export const MessageReceive = z.looseObject({
  sender: z.looseObject({ sender_id: UserId, sender_type: z.string().optional(), tenant_key: z.string().optional() }),
  message: z.looseObject({
    message_id: z.string(),
    root_id: z.string().optional(),
    parent_id: z.string().optional(),
    create_time: z.string().optional(),
    chat_id: z.string(),
    chat_type: z.enum(['p2p', 'group']).or(z.string()),
    message_type: z.string(),
    content: z.string(),
    mentions: z.array(Mention).optional(),
  }),
});
export type MessageReceive = z.infer<typeof MessageReceive>;

export const CardTrigger = z.looseObject({
  operator: z.looseObject({
    open_id: z.string(),
    union_id: z.string().optional(),
    user_id: z.string().nullish(),
    tenant_key: z.string().optional(),
  }),
  token: z.string().optional(),
  action: z.looseObject({
    tag: z.string().optional(),
    value: z.record(z.string(), z.unknown()).optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    input_value: z.string().optional(),
    checked: z.boolean().optional(),
    timezone: z.string().optional(),
  }),
  host: z.string().optional(),
  context: z.looseObject({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).optional(),
});
export type CardTrigger = z.infer<typeof CardTrigger>;

/**
 * `application.bot.menu_v6`: a tap on an item of the bot's custom menu. It names the operator and
 * the item's event_key, and no chat (the menu is shown in the 1:1 chat with the bot).
 * https://open.feishu.cn/document/server-docs/application-v6/bot/events/menu
 */
export const BotMenuTap = z.looseObject({
  operator: z.looseObject({
    operator_name: z.string().optional(),
    operator_id: UserId.extend({ open_id: z.string().min(1) }),
  }),
  event_key: z.string().min(1),
  timestamp: z.union([z.string(), z.number()]).optional(),
});
