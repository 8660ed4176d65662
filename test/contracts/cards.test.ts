// The card contracts: for every card the bot can build, its template has samples that render
// through the real view, each rendered card keeps Feishu's card JSON 2.0 rules and sends only actions
// that have a handler, every handler is sent by some card, the payload fixtures parse as the bot
// reads them, and /help lists every command. A new card or template cannot ship without a sample.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardActions } from '../../src/cards/index.js';
import { listTemplates, templateText } from '../../src/cards/shared/template.js';
import { commandList, commands, showHelp } from '../../src/commands/index.js';
import type { Card } from '../../src/feishu/answer.js';
import { actionsOf, layoutProblems, markupProblems, skeletonProblems, unknownActions } from './card-rules.js';
import { CARD_SAMPLES, TODO_SAMPLES, type Sample } from './card-samples.js';
import { fixtureFiles, parseAsTheBot, SCHEMAS } from './payload-fixtures.js';

// Taken at import: the handlers other test files add at run time live in their own processes.
const HANDLERS = Object.keys(cardActions);
const PARTS = 'parts/';

const TEMPLATES = [
  ...listTemplates(),
  ...fs
    .readdirSync(path.resolve('cards', 'parts'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => PARTS + f.slice(0, -5))
    .sort(),
];

const SAMPLES = Object.entries(CARD_SAMPLES).flatMap(([template, byName]) =>
  Object.entries(byName).map(([name, build]) => ({ template, name, build })),
);

// Each sample is drawn once; a sample that throws fails its own test and is left out of the rest.
const drawn = new Map<Sample, Promise<Card>>();
function draw(build: Sample): Promise<Card> {
  if (!drawn.has(build)) drawn.set(build, (async () => build())());
  return drawn.get(build)!;
}

describe('every card template has samples', () => {
  it('every file in cards/ and cards/parts/ has at least one sample', () => {
    const missing = TEMPLATES.filter((t) => Object.keys(CARD_SAMPLES[t] ?? {}).length === 0);
    const todo = missing.filter((t) => TODO_SAMPLES.includes(t));
    const unlisted = missing.filter((t) => !TODO_SAMPLES.includes(t));
    const msg =
      `${missing.length} card templates have no sample in test/contracts/card-samples.ts.\n` +
      `  TODO_SAMPLES (views being moved): ${todo.join(', ') || '—'}\n` +
      `  new, not even in TODO_SAMPLES: ${unlisted.join(', ') || '—'}\n`;
    expect(missing, msg).toEqual([]);
  });

  it('samples and TODO_SAMPLES name only existing templates; TODO_SAMPLES only those without samples', () => {
    const unknown = [...Object.keys(CARD_SAMPLES), ...TODO_SAMPLES].filter((t) => !TEMPLATES.includes(t));
    const stale = TODO_SAMPLES.filter((t) => CARD_SAMPLES[t]);
    expect({ unknown, stale }).toEqual({ unknown: [], stale: [] });
  });

  it('every template is a JSON 2.0 card (or, in parts/, a form)', () => {
    const bad = TEMPLATES.flatMap((t) => {
      const j = JSON.parse(templateText(t)) as Record<string, any>;
      if (t.startsWith(PARTS)) return j.tag === 'form' ? [] : [`${t}: a part is a form, got tag ${j.tag}`];
      const p: string[] = [];
      if (j.schema !== '2.0') p.push(`${t}: schema ${j.schema}`);
      if (j.config?.update_multi !== true) p.push(`${t}: config.update_multi is not true`);
      return p;
    });
    expect(bad).toEqual([]);
  });
});

for (const { template, name, build } of SAMPLES)
  describe(`${template} · ${name}`, () => {
    it('renders a JSON 2.0 card: no placeholder, ≤ 30 KB, valid charts (≤ 5)', async () => {
      const tpl = JSON.parse(templateText(template)) as Record<string, unknown>; // throws for an unknown template
      expect(skeletonProblems(await draw(build), tpl)).toEqual([]);
    });

    it('forms and tables at the body root, submit buttons, names non-empty and unique', async () => {
      expect(layoutProblems(await draw(build))).toEqual([]);
    });

    it('user text in markdown is escaped (the planted mention never survives)', async () => {
      expect(markupProblems(await draw(build))).toEqual([]);
    });

    it('every action the card sends has a handler in cardActions', async () => {
      expect(unknownActions(await draw(build), HANDLERS)).toEqual([]);
    });
  });

describe('every card action is reachable', () => {
  it('every key of cardActions is sent by some rendered sample card', async () => {
    // A part's callback value is sample data, so parts prove nothing about reachability.
    const sent = new Set<unknown>();
    for (const s of SAMPLES.filter((x) => !x.template.startsWith(PARTS))) {
      const card = await draw(s.build).catch(() => null);
      if (card) for (const a of actionsOf(card)) sent.add(a.action);
    }
    const unreachable = HANDLERS.filter((h) => !sent.has(h));
    const msg =
      `no sample card sends these actions: ${unreachable.join(', ')}\n` +
      `  (a handler no card sends is dead code — or its card is among the ${TODO_SAMPLES.length} in TODO_SAMPLES)`;
    expect(unreachable, msg).toEqual([]);
  });
});

// ---- Payload fixtures, as the bot reads them ------------------------------------------------

/**
 * The one fixture whose action has no handler on purpose: the webhook and ws-mode tests post it
 * as is to check the "card expired, send the command again" answer. It must stay unknown.
 */
const UNKNOWN_ON_PURPOSE: Record<string, string> = { 'callbacks/card.action.trigger.button.json': 'noop' };

describe('payload fixtures parse with src/feishu/payloads.ts', () => {
  it.each(fixtureFiles('events'))('%s', async (f) => {
    const { type } = await parseAsTheBot(f);
    expect(['url_verification', ...Object.keys(SCHEMAS)]).toContain(type);
  });

  it.each(fixtureFiles('callbacks'))('%s is a card.action.trigger whose action has a handler', async (f) => {
    const { type, event } = await parseAsTheBot(f);
    expect(type).toBe('card.action.trigger');
    const action = event?.action?.value?.action;
    if (f in UNKNOWN_ON_PURPOSE) expect(HANDLERS).not.toContain(UNKNOWN_ON_PURPOSE[f]);
    else expect(HANDLERS, `${f}: action ${JSON.stringify(action)} has no handler`).toContain(action);
  });
});

// ---- Commands -------------------------------------------------------------------------------

describe('commands', () => {
  it('every command has a usage starting with its name and a summary', () => {
    const bad = Object.entries(commands).filter(([name, c]) => !c.usage?.trim().startsWith(name) || !c.summary?.trim());
    expect(bad.map(([name]) => name)).toEqual([]);
  });

  it('the help card lists every command with its usage and summary', async () => {
    const r = await showHelp();
    const text = r.kind === 'card' ? JSON.stringify(r.card) : '';
    const shown = (s: string) => text.includes(JSON.stringify(s).slice(1, -1));
    const missing = Object.entries(commands).filter(([, c]) => !shown(c.usage) || !shown(c.summary));
    expect(missing.map(([name]) => name)).toEqual([]);
    expect(commandList.map((c) => c.name)).toEqual(Object.keys(commands));
  });
});

// ---- The rules themselves: each one catches a broken card ----------------------------------

describe('the card rules catch what they are meant to', () => {
  const btn = (name: string, value: unknown, submit = false) => ({
    tag: 'button',
    name,
    text: { tag: 'plain_text', content: name },
    ...(submit ? { form_action_type: 'submit' } : {}),
    behaviors: [{ type: 'callback', value }],
  });
  const form = (name: string, elements: unknown[]) => ({ tag: 'form', name, elements });
  const chart = {
    tag: 'chart',
    chart_spec: { type: 'bar', data: { values: [{ x: 1, y: 2 }] }, xField: 'x', yField: 'y' },
  };
  const card = (elements: unknown[], extra: Record<string, unknown> = {}) => ({
    schema: '2.0',
    config: { update_multi: true },
    body: { elements },
    ...extra,
  });
  const template = { config: { update_multi: true } };
  const ok = form('f', [{ tag: 'input', name: 'a' }, btn('go', { action: HANDLERS[0] }, true)]);

  it('a good card passes', () => {
    const c = card([ok]);
    expect([...skeletonProblems(c, template), ...layoutProblems(c), ...unknownActions(c, HANDLERS)]).toEqual([]);
  });

  const left = (name: string) => `$${'{'}${name}}`; // a placeholder as a template leaves it
  it.each([
    ['schema 1.0', card([ok], { schema: '1.0' }), /not "2.0"/],
    ['no update_multi', card([ok], { config: {} }), /update_multi/],
    [
      'a placeholder left',
      card([{ tag: 'markdown', content: `x ${left('name')} y` }]),
      /placeholders left: \$\{name\}/,
    ],
    ['over 30 KB', card([{ tag: 'markdown', content: '字'.repeat(11_000) }]), /bytes, over 30720/],
    ['six charts', card(Array(6).fill(chart)), /6 charts/],
    ['a bad chart', card([{ ...chart, chart_spec: { type: 'pie3d' } }]), /chart_spec.type/],
    ['a header colour', card([ok], { header: { template: 'pink' } }), /header.template "pink"/],
    ['a tag colour', card([ok], { header: { text_tag_list: [{ tag: 'text_tag', color: 'gray' }] } }), /"gray"/],
    ['a string left in elements', card([left('rows') as unknown]), /not a component/],
  ])('skeleton: %s', (_, c, re) => {
    expect(skeletonProblems(c as Record<string, unknown>, template).join('\n')).toMatch(re);
  });

  it.each([
    [
      'a form in a column',
      card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [ok] }] }]),
      /only sit directly/,
    ],
    ['a form in a panel', card([{ tag: 'collapsible_panel', elements: [ok] }]), /only sit directly/],
    ['a form without submit', card([form('f', [{ tag: 'input', name: 'a' }])]), /no submit button/],
    ['a field without a name', card([form('f', [{ tag: 'input' }, btn('go', {}, true)])]), /has no name/],
    [
      'two fields of one name',
      card([form('f', [{ tag: 'input', name: 'a' }, { tag: 'input', name: 'a' }, btn('go', {}, true)])]),
      /two fields named "a"/,
    ],
    ['a name used in two forms', card([ok, { ...ok, name: 'g' }]), /name "a" used twice/],
    ['two forms of one name', card([ok, form('f', [btn('go2', {}, true)])]), /name "f" used twice/],
    [
      'a table in a column',
      card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [{ tag: 'table' }] }] }]),
      /table at/,
    ],
    ['a button type', card([{ ...btn('b', {}), type: 'primary_outline' }]), /not a button type/],
    ['six tables', card(Array(6).fill({ tag: 'table' })), /6 tables/],
    ['a bad element_id', card([{ tag: 'markdown', element_id: 'err_' + 'x'.repeat(20) }]), /element_id/],
    [
      'an element_id twice',
      card([
        { tag: 'hr', element_id: 'a' },
        { tag: 'hr', element_id: 'a' },
      ]),
      /used twice/,
    ],
    [
      'a null option value',
      card([{ tag: 'select_person', name: 'p', options: [{ value: null }] }]),
      /non-empty strings/,
    ],
    [
      'an option value twice',
      card([{ tag: 'select_static', name: 's', options: [{ value: 'A' }, { value: 'A' }] }]),
      /repeat/,
    ],
  ])('layout: %s', (_, c, re) => {
    expect(layoutProblems(c as Record<string, unknown>).join('\n')).toMatch(re);
  });

  it('markup: user text left unescaped in markdown', () => {
    const c = card([{ tag: 'div', text: { tag: 'lark_md', content: `王总 <at id=all></at>` } }]);
    expect(markupProblems(c).join('\n')).toMatch(/unescaped/);
    expect(markupProblems(card([{ tag: 'div', text: { tag: 'plain_text', content: '<at id=all></at>' } }]))).toEqual(
      [],
    );
  });

  it.each([
    ['an unknown action', card([btn('x', { action: 'no.such.action' })]), /"no.such.action" has no handler/],
    ['no action in the value', card([btn('x', { op: 'x' })]), /action undefined/],
    ['a value that is not an object', card([btn('x', 'trip.submit')]), /not an object/],
    ['an overflow option value', card([{ tag: 'overflow', options: [{ value: { action: 'nope' } }] }]), /"nope"/],
    [
      'a submit button without callback',
      card([form('f', [{ tag: 'button', name: 's', form_action_type: 'submit' }])]),
      /without a callback/,
    ],
  ])('actions: %s', (_, c, re) => {
    expect(unknownActions(c, HANDLERS).join('\n')).toMatch(re);
  });
});
