import { renderCard } from '../shared/template.js';
import type { Card } from '../../feishu/answer.js';

/** A command as /help lists it: its usage line and what it does. */
export interface HelpLine {
  usage: string;
  summary: string;
}

/** The card per command list and notice: the same every time, so built once (and frozen, as it is shared). */
const built = new WeakMap<HelpLine[], Map<string, Card>>();

export function helpCard(commands: HelpLine[], notice?: string): Card {
  let cards = built.get(commands);
  if (!cards) {
    cards = new Map();
    built.set(commands, cards);
  }
  let card = cards.get(notice ?? '');
  if (!card) {
    card = deepFreeze(buildHelpCard(commands, notice));
    // Notices carry a user's typo; keep the map small.
    if (cards.size > 50) cards.clear();
    cards.set(notice ?? '', card);
  }
  return card;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object' && !Object.isFrozen(o)) {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

function buildHelpCard(commands: HelpLine[], notice?: string): Card {
  const lines = commands.map((c) => `**${c.usage}**\n${c.summary}`);
  return renderCard('help', {
    subtitle: '在单聊中直接发送，或在群里 @招商助手 后发送',
    notice: notice ? [{ tag: 'markdown', content: notice }] : [],
    commands: lines.join('\n\n'),
    footer: '命令可用全角或半角斜杠开头；参数之间用空格分隔。',
  });
}
