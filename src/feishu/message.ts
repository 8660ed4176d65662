import type { Mention, MessageReceive } from './payloads.js';

export interface ParsedCommand {
  /** '/help' — lower-cased, without arguments; undefined when the text is no command. */
  name?: string;
  args: string[];
  /** Text as typed, mention placeholders replaced by names. */
  text: string;
  /** People mentioned (not the bot), in the order they appear. */
  people: Mention[];
  botMentioned: boolean;
}

/**
 * Reads a text message: recognises the bot among the mentions by its own open_id, keeps the other
 * mentions (they are people, e.g. `/bind 张三 @某人`), and splits a leading slash-command.
 */
export function parseMessage(msg: MessageReceive['message'], botOpenId: string | undefined): ParsedCommand {
  let text = '';
  if (msg.message_type === 'text') {
    try {
      text = String((JSON.parse(msg.content) as { text?: unknown }).text ?? '');
    } catch {
      text = '';
    }
  }
  const mentions = msg.mentions ?? [];
  const isBot = (m: Mention) => (botOpenId ? m.id.open_id === botOpenId : false);
  const botMentioned = mentions.some(isBot);
  const people: Mention[] = [];
  for (const m of mentions) {
    if (isBot(m)) text = text.split(m.key).join(' ');
    else if (text.includes(m.key)) people.push(m);
  }
  // Other mentions become the placeholder `@name` so commands can see where they stood.
  for (const m of people) text = text.split(m.key).join(`@${m.name ?? m.key}`);
  text = text.replace(/\s+/g, ' ').trim();
  const match = /^[/／]([^\s]+)(?:\s+(.*))?$/.exec(text);
  if (!match) return { args: [], text, people, botMentioned };
  const args = (match[2] ?? '').split(' ').filter(Boolean);
  return { name: '/' + match[1]!.toLowerCase(), args, text, people, botMentioned };
}
