import { append, h, safeToken } from './dom.js';

// A safe subset of Feishu card markdown, drawn as DOM nodes (never innerHTML): **bold**, *italic*,
// ~~strike~~, [links](https://…), <a href>, <font color>, <text_tag>, <at id>, <person>, <br>,
// HTML entities (escapeMarkdown's output), lists, headings, quotes and rules. Anything else is
// shown as the literal text it is.

export interface MarkdownContext {
  nameOf(openId: string): string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', sim: '~' };

type Rule = [RegExp, (m: RegExpExecArray, ctx: MarkdownContext) => Node | Node[]];

const link = (href: string, children: Node[]) => {
  const a = h('a', { href, target: '_blank', rel: 'noopener noreferrer' });
  append(a, children);
  return a;
};

const RULES: Rule[] = [
  [/^\*\*([\s\S]+?)\*\*/, (m, c) => wrap('strong', inline(m[1]!, c))],
  [/^~~([\s\S]+?)~~/, (m, c) => wrap('s', inline(m[1]!, c))],
  [/^\*([^*\n]+?)\*/, (m, c) => wrap('em', inline(m[1]!, c))],
  [/^\[([^\]\n]*)\]\((https?:\/\/[^)\s]+)\)/, (m, c) => link(m[2]!, inline(m[1]!, c))],
  [
    /^<a\s+href=['"]?(https?:\/\/[^'"\s>]+)['"]?\s*>([\s\S]*?)<\/a>/,
    (m, c) => link(m[1]!, m[2] ? inline(m[2], c) : [document.createTextNode(m[1]!)]),
  ],
  [
    /^<font\s+color=['"]?([\w-]+)['"]?\s*>([\s\S]*?)<\/font>/,
    (m, c) => {
      const span = wrap('span', inline(m[2]!, c));
      span.className = `fc fc-${safeToken(m[1], 'default')}`;
      return span;
    },
  ],
  [
    /^<text_tag\s+color=['"]?([\w-]+)['"]?\s*>([\s\S]*?)<\/text_tag>/,
    (m) => h('span', { class: `tag tag-${safeToken(m[1], 'neutral')}` }, decode(m[2]!)),
  ],
  [/^<at\s+ids?=['"]?([^'"\s>]+)['"]?\s*>\s*<\/at>/, (m, c) => m[1]!.split(',').map((id) => mention(id, c))],
  [/^<at\s+email=['"]?([^'"\s>]+)['"]?\s*>\s*<\/at>/, (m) => h('span', { class: 'at' }, `@${m[1]}`)],
  [
    /^<person\s+id=['"]?([^'"\s>]+)['"]?[^>]*>\s*<\/person>/,
    (m, c) => h('span', { class: 'person-chip' }, c.nameOf(m[1]!)),
  ],
  [
    /^<local_datetime[^>]*?millisecond=['"]?(\d+)['"]?[^>]*>\s*<\/local_datetime>/,
    (m) => document.createTextNode(new Date(Number(m[1])).toLocaleString('zh-CN', { hour12: false })),
  ],
  [/^<br\s*\/?>/i, () => h('br')],
  [/^<\/?raw>/, () => []],
  [/^&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-z]{2,6});/, (m) => document.createTextNode(decode(m[0]))],
];

function mention(id: string, ctx: MarkdownContext): Node {
  return h('span', { class: 'at' }, id === 'all' ? '@所有人' : `@${ctx.nameOf(id)}`);
}

function wrap<K extends 'strong' | 's' | 'em' | 'span'>(tag: K, children: Node[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  append(el, children);
  return el;
}

/** HTML entities to their characters (numeric and a few named ones); unknown ones stay as typed. */
function decode(s: string): string {
  return s.replace(/&(#\d{1,6}|#x[0-9a-fA-F]{1,6}|[a-z]{2,6});/g, (all, e: string) => {
    if (e.startsWith('#x')) return safeChar(parseInt(e.slice(2), 16), all);
    if (e.startsWith('#')) return safeChar(parseInt(e.slice(1), 10), all);
    return ENTITIES[e] ?? all;
  });
}

function safeChar(code: number, fallback: string): string {
  return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** Inline markup of one line (or a span of lines) into nodes. */
export function inline(s: string, ctx: MarkdownContext): Node[] {
  const out: Node[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push(document.createTextNode(text));
    text = '';
  };
  let i = 0;
  outer: while (i < s.length) {
    const ch = s[i]!;
    if (ch === '*' || ch === '~' || ch === '[' || ch === '<' || ch === '&') {
      const rest = s.slice(i);
      for (const [re, make] of RULES) {
        const m = re.exec(rest);
        if (!m) continue;
        flush();
        const made = make(m, ctx);
        out.push(...(Array.isArray(made) ? made : [made]));
        i += m[0].length;
        continue outer;
      }
    }
    if (ch === '\n') {
      flush();
      out.push(h('br'));
    } else text += ch;
    i++;
  }
  flush();
  return out;
}

/** Block structure: headings, lists (nested by indent), quotes, rules, paragraphs with line breaks. */
export function renderMarkdown(content: string, ctx: MarkdownContext): HTMLElement {
  const root = h('div', { class: 'md' });
  const lines = content.replace(/\r\n?/g, '\n').split('\n');
  let para: string[] = [];
  let list: { el: HTMLElement; ordered: boolean } | undefined;
  const endPara = () => {
    if (para.length) root.appendChild(wrapP(inline(para.join('\n'), ctx)));
    para = [];
  };
  for (const line of lines) {
    const item = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (item) {
      endPara();
      const ordered = /\d/.test(item[2]!);
      if (!list || list.ordered !== ordered) {
        list = { el: h(ordered ? 'ol' : 'ul'), ordered };
        root.appendChild(list.el);
      }
      const li = h('li', { class: `indent-${Math.min(3, Math.floor(item[1]!.length / 2))}` });
      append(li, inline(item[3]!, ctx));
      list.el.appendChild(li);
      continue;
    }
    list = undefined;
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading) {
      endPara();
      const el = h('div', { class: `md-h md-h${heading[1]!.length}` });
      append(el, inline(heading[2]!, ctx));
      root.appendChild(el);
    } else if (/^\s*(---+|<hr\s*\/?>)\s*$/.test(line)) {
      endPara();
      root.appendChild(h('hr'));
    } else if (/^>\s?/.test(line)) {
      endPara();
      const q = h('blockquote');
      append(q, inline(line.replace(/^>\s?/, ''), ctx));
      root.appendChild(q);
    } else if (line.trim() === '') endPara();
    else para.push(line);
  }
  endPara();
  return root;
}

function wrapP(nodes: Node[]): HTMLElement {
  const p = h('p');
  append(p, nodes);
  return p;
}
